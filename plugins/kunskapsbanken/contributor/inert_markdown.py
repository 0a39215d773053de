"""Contributor text as inert GitHub Markdown, for the comment a bot posts on a pull request.

A record's or a news post's text is shown verbatim, but in the comment it may not format, link,
mention, reference or forge anything: every value is one line of plain text inside a list item.

How GitHub renders the comment decides what is inert:
- Markdown and HTML: each character that can open markup (``\\ ` * _ [ ] < > | ~ &``) is
  backslash-escaped, so no emphasis, link, image, table cell, HTML tag, comment or entity forms
  (``&#64;user`` would otherwise turn into a mention after rendering). Line breaks are collapsed,
  so no text starts a line and no heading, list item or quote can be forged.
- Bare URLs (``https://…``, ``www.…``) become code spans: GitHub's autolink extension and its
  reference filters never look inside ``<code>``, so the address is shown but cannot be clicked.
  A zero-width character in the scheme would depend on the details of GitHub's parser instead.
- GitHub's autolinks outside code (``@user``, ``#123``, ``owner/repo#1``, ``GH-1``, ``user@sha``,
  a commit SHA of 7 to 40 hex digits) are matched by GitHub after rendering, on plain text; a
  WORD JOINER (U+2060, invisible, no line break) inside each pattern keeps it from matching while
  the text still reads the same. Backslash escapes would not help: they are gone by then.
- Control and direction characters never reach the output: they are shown escaped
  (``\\u202e``), as the validator shows them (``data/control_chars``).
"""

from __future__ import annotations

import re

from kunskapsbanken.data.control_chars import FORBIDDEN, escaped

WORD_JOINER = "\u2060"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_URL = re.compile(r"(?:(?:https?|ftp)://|www\.)\S+", re.IGNORECASE)
_URL_TRAILING = ".,:;!?)]}”’\"'"
"""Punctuation after an address that belongs to the sentence, not to the address."""
_AUTOLINKS = re.compile(r"(?<=@)|(?<=#)(?=\d)|(?<=GH)(?=-\d)", re.IGNORECASE)
"""After every @ (mentions, e-mail addresses, user@sha), between # and a number (#1, owner/repo#1)
and inside GH-1: where a word joiner breaks the pattern."""
_HEX_RUN = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{7,}(?![0-9A-Za-z])")
"""A possible commit SHA; GitHub links 7 to 40 hex digits that name a commit of the repository."""


def _break_hex(match: re.Match) -> str:
    run = match.group()
    # A joiner after every six digits: no run of seven is left, so no part can be a SHA either.
    return WORD_JOINER.join(run[i:i + 6] for i in range(0, len(run), 6))


def _plain(text: str) -> str:
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _HEX_RUN.sub(_break_hex, text)
    return _AUTOLINKS.sub(WORD_JOINER, text)


def _one_line(text: object) -> str:
    """Control characters shown escaped (before splitting, which would take some as spaces), then
    every run of white space, line breaks included, as one space."""
    return " ".join(FORBIDDEN.sub(lambda m: escaped(m.group()), str(text)).split())


def code(text: object) -> str:
    """``text`` as one inline code span, whatever backticks it holds (CommonMark: a longer fence)."""
    text = _one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or not text.strip() else text
    return f"{fence}{padded}{fence}"


def inert(text: object) -> str:
    """Contributor text as one line of inert Markdown: no formatting, links, HTML, mentions,
    issue or commit references, and no control characters."""
    text = _one_line(text)
    out, start = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        out += [_plain(text[start:match.start()]), code(url)]
        start = match.start() + len(url)
    out.append(_plain(text[start:]))
    return "".join(out)
