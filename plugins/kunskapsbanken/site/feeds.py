"""Atom feeds: the news (blog posts) and the record changes (from the git history)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from kunskapsbanken.git.history import Change
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.control_chars import FORBIDDEN
from kunskapsbanken.render import urls

_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry at all, beside the control characters FORBIDDEN names."""


def feed_text(text: str) -> str:
    """``text`` safe in a feed: no control, direction or non-XML character, one line.

    A commit subject or a news description is not checked the way a record is; one such
    character would make the whole feed ill-formed XML, which readers then refuse."""
    return " ".join(_NOT_XML.sub("", FORBIDDEN.sub(" ", str(text))).split())

NEWS_FEED = "feeds/nyheter.xml"
CHANGES_FEED = "feeds/andringar.xml"
MAX_ENTRIES = 50


@dataclass
class FeedEntry:
    title: str
    url: str
    """Absolute URL of the page the entry is about."""
    id: str
    date: str
    """YYYY-MM-DD."""
    summary: str
    categories: tuple[str, ...] = ()
    path: str = ""
    """Site-relative URL, for links inside the site."""

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str):
                setattr(self, f.name, feed_text(value))
        self.categories = tuple(feed_text(c) for c in self.categories)


@dataclass
class Feed:
    title: str
    subtitle: str
    self_url: str
    site_url: str
    entries: list[FeedEntry]

    @property
    def updated(self) -> str:
        return max((e.date for e in self.entries), default="2012-01-01")


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def record_changes(kb: KnowledgeBase, history: dict[str, list[Change]]) -> list[tuple[Record, Change]]:
    """Every committed change of a municipality, project or method file, newest first."""
    changes = [(record, change) for record in kb.records for change in history.get(record.file, [])]
    changes.sort(key=lambda rc: (rc[1].date, rc[1].commit, rc[0].file), reverse=True)
    return changes


def changes_feed(kb: KnowledgeBase, history: dict[str, list[Change]], site_url: str) -> Feed:
    entries = []
    for record, change in record_changes(kb, history)[:MAX_ENTRIES]:
        page = absolute(site_url, urls.src_to_url(urls.record_src(record.record_type, record.id)))
        verb = "Ny post" if change.added else "Uppdaterad"
        entries.append(FeedEntry(
            title=f"{verb}: {record.name}", url=page, id=f"{page}#andring-{change.commit}",
            date=change.date, summary=f"{verb} {change.date}: {change.subject}",
            categories=(record.record_type,)))
    return Feed("Kunskapsbanken – ändrade poster", "Nya och uppdaterade kommuner, projekt och metoder.",
                absolute(site_url, CHANGES_FEED), site_url, entries)


def news_feed(posts: list[FeedEntry], site_url: str) -> Feed:
    entries = sorted(posts, key=lambda e: (e.date, e.url), reverse=True)[:MAX_ENTRIES]
    return Feed("Kunskapsbanken – nyheter", "Nyheter från Kunskapsbanken Rätt stöd till arbete.",
                absolute(site_url, NEWS_FEED), site_url, entries)
