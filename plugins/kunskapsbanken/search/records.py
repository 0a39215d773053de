"""Search records that are not pages of their own: one per glossary entry.

The glossary is one page; an abbreviation typed into the search box ("SIUS", "LSS") should
find its own entry, with the expansion as the snippet, not the whole Ordlista page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.data.slugs import glossary_anchor
from kunskapsbanken.render import urls
from kunskapsbanken.render.glossary_terms import is_abbreviation
from kunskapsbanken.search.terms import term, words

GLOSSARY_KIND = "förkortning"
GLOSSARY_WORD_KIND = "ord"
"""What a glossary entry that is a word, not an abbreviation, is in a search result ("lönebidrag – ord")."""

_KIND_SUFFIX = re.compile(r"\s+–\s+\w+$")
"""A one-word kind after a dash ("Försörjningsstöd – målgrupp") is not part of the name."""
_IN_PARENTHESES = re.compile(r"\(([^()]*)\)")
_ET_AL = re.compile(r"\bm\.\s?fl\.?", re.I)


def name_key(name: str) -> str:
    """A name as the search matches it: the terms of its words (terms.py), space-separated.

    The search box makes the same key of every run of words in a query (search-engine.js
    nameKeys), so "Kraft resultat" finds the page named "Kraft" and lists it first, and
    "trepartssamtalen" the one named "Trepartssamtal". A key within a small edit distance of a
    run of typed words gives "Menade du …?".
    """
    return " ".join(term(w) for w in words(name))


def names_of(title: str) -> list[str]:
    """The names a page answers to: its title, the title without what is in parentheses and
    without a kind after a dash, and each comma-separated part of the parentheses
    ("Lunds Samordningsförbund (Finsam Lund)" → also "Finsam Lund")."""
    names = [title]
    plain = _KIND_SUFFIX.sub("", _IN_PARENTHESES.sub("", title)).strip()
    names.append(plain)
    for inside in _IN_PARENTHESES.findall(title):
        names += [part.strip() for part in _ET_AL.sub("", inside).split(",")]
    return list(dict.fromkeys(n for n in names if n and words(n)))


@dataclass(frozen=True)
class SearchRecord:
    url: str
    """Site-relative URL with a leading slash (``/ordlista/#lss``)."""
    title: str
    kind: str
    content: str


def glossary_records(kb: KnowledgeBase, use_directory_urls: bool = True) -> list[SearchRecord]:
    page = "/" + urls.src_to_url(urls.GLOSSARY, use_directory_urls)
    records = []
    for entry in kb.glossary:
        text = " ".join(str(part) for part in (entry["term"], entry["expansion"], entry.get("easy_read", ""),
                                               entry.get("description", "")) if part)
        kind = GLOSSARY_KIND if is_abbreviation(entry["term"]) else GLOSSARY_WORD_KIND
        records.append(SearchRecord(url=f"{page}#{glossary_anchor(entry['term'])}", title=entry["term"],
                                    kind=kind, content=text))
    return records


def alias_names(kb: KnowledgeBase, use_directory_urls: bool = True) -> dict[str, list[str]]:
    """Site-relative page URL → the other names its record is known by (a method's ``aliases``):
    "praktik" finds Arbetsträning first."""
    return {urls.src_to_url(urls.record_src(r.record_type, r.id), use_directory_urls):
            [a["name"] for a in r.get("aliases") or []]
            for r in kb.records if r.get("aliases")}
