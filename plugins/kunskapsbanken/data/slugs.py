"""ASCII slugs for ids and URLs: Skellefteå → skelleftea, Kabaré Unik → kabare-unik."""

from __future__ import annotations

import re
import unicodedata


def ascii_slug(text: str, separator: str = "-") -> str:
    """Lower-case ASCII letters, digits and ``separator``; å, ä, ö become a, a, o.

    The signature matches what Material's blog plugin expects of ``*_slugify`` options.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)
