"""Feeds stay well-formed XML whatever a commit subject or a news description carries (issue 21):
control, direction and non-XML characters are removed before any XML is written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from kunskapsbanken.git.history import Change
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.site import feeds
from kunskapsbanken.site.renderer import PageRenderer

HOSTILE = ["Rättade\x1b[31m siffror\x00", "Ny\x0bpost\x0c", "Omvänd \u202etext", "Radbrytning\u2028här",
           "Surrogat \ud800 och \uffff", "DEL\x7f och C1\x85"]
ATOM = "{http://www.w3.org/2005/Atom}"


def _render(kb, feed) -> ET.Element:
    renderer = PageRenderer(kb, MarkdownRenderer(), use_directory_urls=True)
    xml = renderer.env.get_template("atom.xml").render(feed=feed)
    return ET.fromstring(xml.encode("utf-8"))


@pytest.mark.parametrize("subject", HOSTILE)
def test_a_commit_subject_cannot_break_the_changes_feed(knowledge_base, subject):
    record = next(iter(knowledge_base.records))
    history = {record.file: [Change("abc123", "2026-01-02", subject, False)]}
    root = _render(knowledge_base, feeds.changes_feed(knowledge_base, history, "https://example.org/kb/"))
    summary = root.find(f"{ATOM}entry/{ATOM}summary").text
    assert summary.startswith("Uppdaterad 2026-01-02: ")
    assert not feeds.FORBIDDEN.search(summary) and "\ud800" not in summary and "\uffff" not in summary


@pytest.mark.parametrize("text", HOSTILE)
def test_a_news_title_or_description_cannot_break_the_news_feed(knowledge_base, text):
    post = feeds.FeedEntry(title=text, url="https://example.org/kb/blog/x/", id="https://example.org/kb/blog/x/",
                           date="2026-01-02", summary=text, categories=(text,))
    root = _render(knowledge_base, feeds.news_feed([post], "https://example.org/kb/"))
    entry = root.find(f"{ATOM}entry")
    for value in (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary"),
                  entry.find(f"{ATOM}category").get("term")):
        assert value == feeds.feed_text(text) and value.strip()
