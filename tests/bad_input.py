"""Hostile input for Markdown fields, shared by the validator tests and the built-site tests.

``HTML_INJECTION_CASES`` is the list to reuse in a build test: put each ``markdown`` text into a
Markdown field (for example with :func:`method_yaml`), build, and check that none of the
``forbidden`` fragments reaches the page (compare case-insensitively, in the parsed HTML's tags and
attributes rather than in escaped text).

``refused_by_validator`` says what ``python -m kunskapsbanken validate`` does today:

* True: the validator refuses the text with one ``reference.unsafe_html`` problem (the first three
  are in the corpus, tests/bad_records/html-*.yml, and tested in test_validate_cli.py). Such a text
  never reaches ``mkdocs build --strict`` through content/, so a build test has to render it
  without validation (e.g. ``kunskapsbanken.render.markdown.MarkdownRenderer``).
* False: the validator's pattern does not recognise it, so it reaches the site, where only the
  sanitiser (render/markdown.py, nh3) stands between it and the reader. These are the ones a build
  test through content/ can use. They are not asserted in the validator tests on purpose: the
  validator may learn to refuse them, and the site must be safe either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlInjection:
    name: str
    markdown: str
    """The text of a Markdown field (e.g. a method's description)."""
    forbidden: tuple[str, ...]
    """Fragments that must not appear in any tag or attribute of the rendered page (lower case)."""
    refused_by_validator: bool
    corpus_file: str | None = None
    """The record in tests/bad_records/ that carries this text, if any."""


HTML_INJECTION_CASES: list[HtmlInjection] = [
    HtmlInjection("html-script", 'Testmetod.<script>alert("xss")</script>',
                  ("<script", "alert("), True, "html-script.yml"),
    HtmlInjection("html-onerror", "Testmetod. <img src=\"x\" onerror=\"alert('xss')\">",
                  ("onerror", "<img"), True, "html-onerror.yml"),
    HtmlInjection("html-javascript-link", "Läs [mer om metoden](javascript:alert('xss')).",
                  ("javascript:",), True, "html-javascript-link.yml"),
    # Variants the validator's patterns (data/unsafe_text.py) do not recognise today.
    HtmlInjection("html-svg-onload", "Testmetod. <svg/onload=alert('xss')>",
                  ("<svg", "onload"), False),
    HtmlInjection("html-entity-javascript", "Läs [mer](java&#115;cript:alert('xss')).",
                  ("javascript:", "java&#115;cript"), False),
    HtmlInjection("html-iframe", 'Testmetod. <iframe src="https://example.org/"></iframe>',
                  ("<iframe",), False),
    HtmlInjection("attr-list-onclick", 'Testmetod.\n{: onclick="alert(\'xss\')" }',
                  ("onclick",), False),
]


def method_yaml(record_id: str, description: str, source: str = "rss-rapport-2012") -> str:
    """A complete method record whose description is ``description`` (any text, safely quoted)."""
    return (
        f"id: {record_id}\n"
        f"name: {json.dumps(record_id)}\n"
        f"description: {json.dumps(description, ensure_ascii=False)}\n"
        "easy_read: Det här är en metod för test.\n"
        f"sources:\n  - {{document: {source}, section: Test}}\n"
        'updated: "2026-01-15"\n'
    )
