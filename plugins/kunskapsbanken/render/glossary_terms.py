"""Jargon explained where it stands: every glossary term in a page's text becomes an ``<abbr>``
with its expansion, and its first occurrence on the page also links to its Ordlista entry.

A rendered page is parsed with lxml's HTML parser and only text nodes are changed, never
markup. Terms match as whole words and case-sensitively ("SoL" is not "sol", "IPS" is not in
"TIPS"), and never inside links, headings, code, abbreviations or the page's own contents list.
``title`` alone is read neither on touch screens nor by every screen reader, so the linked first
occurrence carries the expansion in visually hidden text inside the link.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from kunskapsbanken.render import urls

SKIPPED_TAGS = frozenset({
    "a", "abbr", "acronym", "code", "pre", "kbd", "samp", "var", "h1", "h2", "h3", "h4", "h5", "h6",
    "script", "style", "template", "textarea", "select", "option", "button", "label", "summary", "nav",
    "svg", "math", "title", "time", "head", "th",
})
"""Text inside these is never marked: it is a link or control already, a heading (of a page or of a
table's row or column, which also names cells for screen readers), code, or not prose."""


def anchor(term: str) -> str:
    """The id of a term's entry on the Ordlista page (``LSS`` → ``lss``, ``Fas 1–3`` → ``fas-1–3``)."""
    return term.lower().replace(" ", "-")


class GlossaryMarker:
    """Marks the glossary's terms in page bodies.

    With ``reuse`` (a dict the caller keeps from one build to the next, as under ``mkdocs serve``),
    a body marked before with the same glossary is not parsed again; the dict then holds only
    this build's bodies.
    """

    def __init__(self, glossary: list[dict], reuse: dict | None = None):
        fingerprint = repr(glossary)
        if reuse is not None and reuse.get("glossary") != fingerprint:
            reuse.clear()
            reuse["glossary"] = fingerprint
        self._previous = dict(reuse.get("bodies", {})) if reuse is not None else None
        if reuse is not None:
            reuse["bodies"] = {}
        self._reuse = reuse
        # Every spelling → its entry: "Finsam" is explained, and linked, as FINSAM is.
        self._entries = {spelling: g for g in glossary for spelling in (g["term"], *g.get("also_written", ()))}
        # One alternation of every term, longest first so that "ROA+" wins over a shorter prefix.
        terms = sorted(self._entries, key=lambda t: (-len(t), t))
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + r")(?!\w)") if terms else None

    def mark(self, html: str, page_url: str) -> str:
        """``html`` (a page body) with its glossary terms marked; unchanged if it has none."""
        if self._reuse is None:
            return self._mark(html, page_url)
        key = (page_url, html)
        marked = self._previous.get(key)
        if marked is None:
            marked = self._mark(html, page_url)
        self._reuse["bodies"][key] = marked
        return marked

    def _mark(self, html: str, page_url: str) -> str:
        if self._pattern is None or not html or not self._pattern.search(html):
            return html  # most cheaply: no term anywhere, not even in markup
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        pass_ = _Pass(self, urls.relative_url(urls.src_to_url(urls.GLOSSARY), page_url))
        # Only the text nodes that contain a term need any work in Python; xpath finds them all
        # in document order, so "first occurrence" is the reader's first.
        for text in root.xpath("//text()"):
            if self._pattern.search(text):
                pass_.text_node(text)
        if not pass_.changed:
            return html
        out = lxml.html.tostring(root, encoding="unicode", method="html")
        return out[len("<div>"):-len("</div>")]


def _skipped(element) -> bool:
    while element is not None:
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            return True
        # Content also built in the browser from the open data (the compare picker) stays as the
        # data has it, so that both ways show the same.
        if element.get("data-kb-glossary") == "off":
            return True
        element = element.getparent()
    return False


class _Pass:
    """One page: which terms were met already, and where the Ordlista is from here."""

    def __init__(self, marker: GlossaryMarker, glossary_href: str):
        self.marker = marker
        self.glossary_href = glossary_href
        self.seen: set[str] = set()
        self.changed = False

    def text_node(self, text) -> None:
        """Mark the terms in one text node: an element's text, or the tail after an element."""
        owner = text.getparent()
        if text.is_text:
            if _skipped(owner):
                return
            owner.text, nodes = self.split(str(text))
            for i, node in enumerate(nodes):
                owner.insert(i, node)
        elif text.is_tail:
            if _skipped(owner.getparent()):
                return
            owner.tail, nodes = self.split(str(text))
            for node in reversed(nodes):
                owner.addnext(node)  # the owner keeps its (now shorter) tail before the nodes

    def split(self, text: str) -> tuple[str, list]:
        """``text`` as leading text plus one element per term (each with the text after it as tail)."""
        matches = [m for m in self.marker._pattern.finditer(text)
                   if not _expanded_beside(text, m, self.marker._entries[m.group(0)]["expansion"])]
        if not matches:
            return text, []
        self.changed = True
        nodes = []
        lead = text[:matches[0].start()]
        for i, match in enumerate(matches):
            term = match.group(0)
            entry = self.marker._entries[term]
            node = self.term_node(term, entry)
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            node.tail = text[match.end():end]
            nodes.append(node)
        return lead, nodes

    def term_node(self, term: str, entry: dict):
        abbr = etree.Element("abbr", {"class": "kb-term", "title": entry["expansion"]})
        abbr.text = term
        if entry["term"] in self.seen:
            return abbr
        self.seen.add(entry["term"])
        link = etree.Element("a", {"class": "kb-term-link", "href": f"{self.glossary_href}#{anchor(entry['term'])}"})
        link.append(abbr)
        hidden = etree.SubElement(link, "span", {"class": "kb-visually-hidden"})
        hidden.text = f" ({entry['expansion']})"
        return link


def _expanded_beside(text: str, match, expansion: str) -> bool:
    """The text spells the term out right beside it, "OSA (Offentligt skyddad anställning)" or
    "Individuellt stöd i arbete (ISA)": marking it too would make a screen reader say it twice."""
    after = text[match.end():].lstrip(" ").lstrip("(").lstrip().casefold()
    before = text[:match.start()].rstrip(" ").rstrip("(").rstrip().casefold()
    wanted = expansion.casefold()
    return after.startswith(wanted) or before.endswith(wanted)
