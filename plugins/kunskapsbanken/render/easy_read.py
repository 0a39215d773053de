"""Easy-read text laid out as easy-read text is printed: short lines, a new line for each sentence.

The writer's own line breaks are kept (the page shows them with ``white-space: pre-line``, see
easy-read.css). A paragraph written as one long line gets a line break after each sentence, which
is where an easy-read writer breaks; the words are never changed.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t]+(?=[A-ZÅÄÖ0-9\"”'(])")
_NOT_PROSE = re.compile(r"^\s*(?:[-+*]\s|\d+[.)]\s|#|>|\||```|<)")


def sentence_lines(markdown: str) -> str:
    """``markdown`` with each sentence of a one-line paragraph on a line of its own."""
    blocks = re.split(r"(\n[ \t]*\n)", markdown.strip("\n"))
    return "".join(_SENTENCE_END.sub("\n", block) if "\n" not in block and not _NOT_PROSE.match(block) else block
                   for block in blocks)
