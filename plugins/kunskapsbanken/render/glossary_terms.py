"""Jargon explained where it stands: every glossary term in a page's text becomes an ``<abbr>``
with its expansion, and its first occurrence on the page also links to its Ordlista entry.

A rendered page is parsed with lxml's HTML parser and only text nodes are changed, never
markup. Terms match as whole words, never inside links, headings, code, abbreviations, the page's
own contents list or a web address written out in the text ("www.lund.se/IPS"). An abbreviation
matches case-sensitively ("SoL" is not "sol", "IPS" is not in "TIPS") and with a colon ending
("LSS:s"); a word also in its inflected forms and with a capital first letter ("0-placerade",
"Samordningsförbundets", "dagliga verksamheten"), but not inside a longer word.
``title`` alone is read neither on touch screens nor by every screen reader, so the linked first
occurrence carries the explanation in visually hidden text inside the link. Inside an easy-read
text (``data-kb-glossary="easy-read"``) that explanation is the term's easy-read one, in plain
Swedish; elsewhere it is the expansion.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from kunskapsbanken.data.slugs import glossary_anchor
from kunskapsbanken.render import urls

SKIPPED_TAGS = frozenset({
    "a", "abbr", "acronym", "code", "pre", "kbd", "samp", "var", "h1", "h2", "h3", "h4", "h5", "h6",
    "script", "style", "template", "textarea", "select", "option", "button", "label", "summary", "nav",
    "svg", "math", "title", "time", "head", "th",
})
"""Text inside these is never marked: it is a link or control already, a heading (of a page or of a
table's row or column, which also names cells for screen readers), code, or not prose."""


WORD_ENDINGS = ("s", "e", "es", "a", "n", "ns", "en", "ens", "et", "ets", "t", "ts", "er", "ers", "ar", "or",
                "na", "nas", "erna", "ernas", "arna", "arnas", "orna", "ornas")
"""Swedish inflection endings a glossary word is recognised with: plural, definite, genitive
("kooperativet", "samordningsförbunden", "Finsams"). A compound ("lönebidragsanställda") is
another word and is left alone."""

EASY_READ = "easy-read"
"""``data-kb-glossary`` value of an easy-read text: its terms get their easy-read explanation."""

_URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"]*", re.I)
"""A web address written out in the text, which must stay one unbroken string."""


def is_abbreviation(term: str) -> bool:
    """"LSS", "SoL", "ROA+", "NyttoSam": no lower-case letter, or a capital after the first letter."""
    letters = [c for c in term if c.isalpha()]
    return not any(c.islower() for c in letters) or any(c.isupper() for c in letters[1:])


def _word_pattern(word: str) -> str:
    first, rest = word[0], re.escape(word[1:])
    head = f"[{re.escape(first.upper())}{re.escape(first.lower())}]" if first.isalpha() else re.escape(first)
    ending = "(?:" + "|".join(WORD_ENDINGS) + ")?" if word[-1].isalpha() else ""
    return head + rest + ending


def spelling_pattern(spelling: str) -> str:
    """A regular expression for a spelling and its forms (see the module's description)."""
    if is_abbreviation(spelling):
        return re.escape(spelling) + r"(?::[a-zåäö]{1,3})?"
    return r"\s+".join(_word_pattern(word) for word in spelling.split())


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
        spellings = {spelling: g for g in glossary for spelling in (g["term"], *g.get("also_written", ()))}
        # One alternation of every term, longest first so that "ROA+" wins over a shorter prefix.
        # No group per spelling: groups keep the regex engine from skipping ahead by first letter,
        # which made marking five times slower; a found form is matched to its entry afterwards.
        terms = sorted(spellings, key=lambda t: (-len(t), t))
        self._forms = [(re.compile(spelling_pattern(term)), spellings[term]) for term in terms]
        self._entries: dict[str, dict] = {}
        alternatives = "|".join(f"(?:{spelling_pattern(term)})" for term in terms)
        self._pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)") if terms else None

    def entry(self, form: str) -> dict:
        """The glossary entry of a found form ("LSS:s" → LSS, "kooperativen" → kooperativ)."""
        found = self._entries.get(form)
        if found is None:
            found = self._entries[form] = next(entry for pattern, entry in self._forms if pattern.fullmatch(form))
        return found

    def mark(self, html: str, page_url: str) -> str:
        """``html`` (a page body) with its glossary terms marked; unchanged if it has none."""
        if self._reuse is None:
            return self._mark(html, page_url)
        key = (page_url, html)
        assert self._previous is not None  # kept whenever reuse is
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


def _context(element) -> str | None:
    """None where text is never marked; else ``EASY_READ`` inside an easy-read text, or ""."""
    context = ""
    while element is not None:
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            return None
        # Content also built in the browser from the open data (the compare picker) stays as the
        # data has it, so that both ways show the same.
        setting = element.get("data-kb-glossary")
        if setting == "off":
            return None
        if setting == EASY_READ and not context:
            context = EASY_READ
        element = element.getparent()
    return context


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
            context = _context(owner)
            if context is None:
                return
            owner.text, nodes = self.split(str(text), context)
            for i, node in enumerate(nodes):
                owner.insert(i, node)
        elif text.is_tail:
            context = _context(owner.getparent())
            if context is None:
                return
            owner.tail, nodes = self.split(str(text), context)
            for node in reversed(nodes):
                owner.addnext(node)  # the owner keeps its (now shorter) tail before the nodes

    def split(self, text: str, context: str = "") -> tuple[str, list]:
        """``text`` as leading text plus one element per term (each with the text after it as tail)."""
        pattern = self.marker._pattern
        found = list(pattern.finditer(text)) if pattern is not None else []
        # Left as written: web addresses, and a term spelled out beside itself together with its
        # spelling-out ("Tyresö dagliga verksamhet (TYDA)" marks neither TYDA nor "dagliga verksamhet").
        kept_as_written = [m.span() for m in _URL.finditer(text)]
        for m in found:
            span = _expanded_beside(text, m, self.marker.entry(m.group(0))["expansion"])
            if span:
                kept_as_written.append(span)
        matches = [m for m in found if not any(start < m.end() and m.start() < end for start, end in kept_as_written)]
        if not matches:
            return text, []
        self.changed = True
        nodes = []
        lead = text[:matches[0].start()]
        for i, match in enumerate(matches):
            term = match.group(0)
            entry = self.marker.entry(term)
            node = self.term_node(term, entry, context)
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            node.tail = text[match.end():end]
            nodes.append(node)
        return lead, nodes

    def term_node(self, term: str, entry: dict, context: str = ""):
        explanation = explain(entry, context)
        abbr = etree.Element("abbr", {"class": "kb-term", "title": explanation})
        abbr.text = term
        if entry["term"] in self.seen:
            return abbr
        self.seen.add(entry["term"])
        link = etree.Element("a", {"class": "kb-term-link", "href": f"{self.glossary_href}#{glossary_anchor(entry['term'])}"})
        link.append(abbr)
        hidden = etree.SubElement(link, "span", {"class": "kb-visually-hidden"})
        hidden.text = f" ({explanation})"
        return link


def explain(entry: dict, context: str = "") -> str:
    """What a mark says about its term: the easy-read explanation in easy-read text, else the expansion."""
    if context == EASY_READ and entry.get("easy_read"):
        return " ".join(entry["easy_read"].split())
    return entry["expansion"]


def _expanded_beside(text: str, match, expansion: str) -> tuple[int, int] | None:
    """Where the text spells the term out right beside it, "OSA (Offentligt skyddad anställning)" or
    "Individuellt stöd i arbete (ISA)", the span of term and spelling-out; else None. Marking
    such a term would make a screen reader say it twice."""
    wanted = expansion.casefold()
    after = text[match.end():]
    rest = after.lstrip(" ").lstrip("(").lstrip()
    if rest.casefold().startswith(wanted):
        return match.start(), match.end() + len(after) - len(rest) + len(wanted)
    before = text[:match.start()]
    lead = before.rstrip(" ").rstrip("(").rstrip()
    if lead.casefold().endswith(wanted):
        return len(lead) - len(wanted), match.end()
    return None
