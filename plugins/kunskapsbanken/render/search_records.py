"""Search records that are not pages of their own: one per glossary entry.

The glossary is one page; an abbreviation typed into the search box ("SIUS", "LSS") should
find its own entry, with the expansion as the snippet, not the whole Ordlista page.
"""

from __future__ import annotations

from dataclasses import dataclass

from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.data.slugs import ascii_slug
from kunskapsbanken.render import urls

GLOSSARY_KIND = "förkortning"
NAME_KEY_SUFFIX = "qnamnq"
"""Ends every page's name key; no Swedish word contains it (search.js appends it to a query)."""


def name_key(name: str) -> str:
    """One searchable word that only the page's exact name finds, diacritics and spaces dropped.

    Pagefind matches every word that begins with the query, so "Kraft" finds "Kraftkällan"
    too. The search box runs a second query for ``kraftqnamnq``, which is a prefix of
    Kraft's key alone (``kraftkallanqnamnq`` does not begin with it), and lists those first.
    """
    return ascii_slug(name, separator="") + NAME_KEY_SUFFIX


@dataclass(frozen=True)
class SearchRecord:
    url: str
    """Site-relative URL with a leading slash, as Pagefind writes page URLs (``/ordlista/#lss``)."""
    title: str
    kind: str
    content: str

    @property
    def meta(self) -> dict[str, str]:
        return {"title": self.title, "kind": self.kind, "key": name_key(self.title)}


def glossary_anchor(term: str) -> str:
    """The id of a term's entry on the glossary page (glossary.html writes it the same way)."""
    return term.lower().replace(" ", "-")


def glossary_records(kb: KnowledgeBase, use_directory_urls: bool = True) -> list[SearchRecord]:
    page = "/" + urls.src_to_url(urls.GLOSSARY, use_directory_urls)
    records = []
    for entry in kb.glossary:
        text = " ".join(str(part) for part in (entry["term"], entry["expansion"], entry.get("description", "")) if part)
        records.append(SearchRecord(url=f"{page}#{glossary_anchor(entry['term'])}", title=entry["term"],
                                    kind=GLOSSARY_KIND, content=text))
    return records
