"""The matrix on a phone: each row is a card, and each cell in it says its criterion by name
("3. Samverkan: ✓ Ja"), not only by number.

The names come from content/criteria.yml, so the stylesheet is generated with the site rather than
written by hand; per cell they would be too heavy (the matrix must stay small with hundreds of rows).
Generated content is hidden from screen readers (``/ ""``): they read each cell's name through
``aria-labelledby`` already (templates/matrix.html).
"""

from __future__ import annotations

import re

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.render import labels

PATH = "assets/stylesheets/matrix-cards.css"
PHONE = "(max-width: 44.9375em)"
"""Where the matrix is shown as cards (compare.css)."""

_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\\"]")


def _css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string: quotes, backslashes and control characters escaped."""
    return '"' + _UNSAFE.sub(lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def stylesheet(kb: KnowledgeBase) -> str:
    criteria = sorted(kb.criteria.values(), key=lambda c: c["number"])
    rules = []
    for column, criterion in enumerate(criteria, start=2):  # the row's header is the first cell
        name = f"{criterion['number']}. {criterion['label']}: "
        cell = f".md-typeset .kb-matrix tbody td:nth-child({column})"
        rules.append(f"  {cell}::before {{ content: {_css_string(name)} / \"\"; }}")
        for _value, (_label, _short, symbol, code) in labels.RATINGS.items():
            rules.append(f"  {cell}.c-{code}::before {{ content: {_css_string(name + symbol + ' ')} / \"\"; }}")
    layout = ("  .md-typeset .kb-matrix tbody tr { grid-template-columns: 1fr; }\n"
              "  .md-typeset .kb-matrix tbody td:not(.kb-total) { white-space: normal; }\n"
              "  .md-typeset .kb-matrix tbody td::before { font-weight: 400; }\n")
    return (f"/* Generated from {KINDS['criterion'].content_path} by site/matrix_cards.py: do not edit. */\n"
            f"@media {PHONE} {{\n{layout}" + "\n".join(rules) + "\n}\n")
