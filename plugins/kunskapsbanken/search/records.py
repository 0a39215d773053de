"""Search records that are not pages of their own: one per glossary entry.

The glossary is one page; an abbreviation typed into the search box ("SIUS", "LSS") should
find its own entry, with the expansion as the snippet, not the whole Ordlista page.
"""

from __future__ import annotations

from dataclasses import dataclass

from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.data.slugs import ascii_slug, glossary_anchor
from kunskapsbanken.render import urls
from kunskapsbanken.render.glossary_terms import is_abbreviation

GLOSSARY_KIND = "förkortning"
GLOSSARY_WORD_KIND = "ord"
"""What a glossary entry that is a word, not an abbreviation, is in a search result ("lönebidrag – ord")."""
def name_key(name: str) -> str:
    """A page's name as one key, lower case, without diacritics, spaces or punctuation.

    A word matches every term that begins with it, so "Kraft" finds "Kraftkällan" too; the
    search box looks up the key of the whole query as well (search-engine.js nameKey) and lists
    the pages of exactly that name first.
    """
    return ascii_slug(name, separator="")


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
