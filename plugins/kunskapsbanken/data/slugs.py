"""ASCII slugs for ids and URLs: Skellefteå → skelleftea, Kabaré Unik → kabare-unik."""

from __future__ import annotations

import re
import unicodedata


ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""A record id, as schema/common.schema.json defines it (e.g. skelleftea, kabare-unik)."""


def is_id(text: object) -> bool:
    return isinstance(text, str) and ID_PATTERN.match(text) is not None


def glossary_anchor(term: str) -> str:
    """The id of a term's entry on the Ordlista page (``LSS`` → ``lss``, ``Fas 1–3`` → ``fas-1–3``).

    The one rule for it: the page (glossary.html), the marked terms, search and coverage use it."""
    return term.lower().replace(" ", "-")


def ascii_slug(text: str, separator: str = "-") -> str:
    """Lower-case ASCII letters, digits and ``separator``; å, ä, ö become a, a, o.

    The signature matches what Material's blog plugin expects of ``*_slugify`` options.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)
