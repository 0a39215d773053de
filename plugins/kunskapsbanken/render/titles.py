"""What each page is called, so that pages of different kinds never share a title.

A method and a project may both be called "IPS": the page title, the heading's context line and
the search result all say which one it is ("IPS – metod", "IPS – projekt i Lund").
"""

from __future__ import annotations

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import labels

OVERVIEW = "översikt"
"""What an index page or the comparison is, in a search result."""
PAGE = "sida"
"""What any other page is (hand-written pages, the glossary, the sources)."""


def kind_word(record: Record) -> str:
    """The record's kind as a lower-case Swedish noun: kommun, projekt, förstudie, metod …"""
    if record.record_type == "project":
        return labels.KINDS[record["kind"]].lower()
    return KINDS[record.record_type].word


def place(record: Record, kb: KnowledgeBase) -> str:
    """Where a project is: its municipalities ("Lund", "Lund och Malmö"); empty for other kinds."""
    if record.record_type != "project":
        return ""
    names = [m.name for m in kb.municipalities_of(record)]
    return " och ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def what_and_where(record: Record, kb: KnowledgeBase) -> str:
    """The record's kind and place in lower case: "projekt i Lund", "metod", "kommun"."""
    where = place(record, kb)
    return f"{kind_word(record)} i {where}" if where else kind_word(record)


def context(record: Record, kb: KnowledgeBase) -> str:
    """The line under the name in the heading: "Projekt i Lund", "Metod", "Kommun"."""
    text = what_and_where(record, kb)
    return text[:1].upper() + text[1:]


def page_title(record: Record, kb: KnowledgeBase) -> str:
    """The page's title: "IPS – projekt i Lund", "Tyresö – kommun", "Kriterium 3: …"."""
    if record.record_type == "criterion":
        return f"Kriterium {record['number']}: {record['label']}"
    return f"{record.name} – {what_and_where(record, kb)}"
