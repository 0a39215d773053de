"""Contributor text that could run script in a browser is refused at validation time.

The site also sanitises every rendered field (render/markdown.py); this check exists so that a
contributor is told, at the exact line, instead of having their text silently altered.
"""

from __future__ import annotations

import re

_UNSAFE = [
    (re.compile(r"<\s*/?\s*script\b", re.I), "<script>"),
    (re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S), "ett händelseattribut (on…=) i HTML"),
    (re.compile(r"\b(?:java|vb)script\s*:", re.I), "en javascript:-länk"),
    (re.compile(r"\bdata\s*:\s*text/html", re.I), "en data:text/html-länk"),
]


def unsafe_match(text: str) -> tuple[str, int] | None:
    """What in ``text`` is unsafe, in Swedish words, and where it starts; or None."""
    if "<" not in text and ":" not in text:
        return None  # every pattern needs one of them; most texts have neither
    found = [(match.start(), name) for pattern, name in _UNSAFE if (match := pattern.search(text))]
    if not found:
        return None
    start, name = min(found)
    return name, start


def unsafe_fragment(text: str) -> str | None:
    """What in ``text`` is unsafe, in Swedish words, or None."""
    match = unsafe_match(text)
    return match[0] if match else None


def walk_scalars(node, path: tuple = ()):
    """Every key and every scalar value of a parsed record: ``(path, value, is_key)``."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), key, True
            yield from walk_scalars(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk_scalars(value, path + (i,))
    else:
        yield path, node, False
