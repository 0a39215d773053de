"""Numbers in Swedish style, shared by templates and charts."""

from __future__ import annotations


def format_number(value) -> str:
    """Swedish number style: 71 000 and 12,5 (a no-break space groups thousands)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}".replace(",", "\u00a0").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")


SINGULAR = {"personer": "person", "grupper": "grupp", "kommuner": "kommun", "månader": "månad", "texter": "text",
            "källor": "källa", "rader": "rad", "gånger": "gång"}
"""Plural nouns that a count may end with, and their singular: "1 person", never "1 personer"."""


def unit_for(value, unit: str) -> str:
    """``unit`` agreeing with ``value``: "personer per år" after 1 is "person per år"."""
    first, _, rest = (unit or "").partition(" ")
    if value == 1 and not isinstance(value, bool) and first in SINGULAR:
        return " ".join(filter(None, (SINGULAR[first], rest)))
    return unit


def count(value, plural: str) -> str:
    """A number and a plural noun that agrees with it: ``count(1, "kommuner")`` → "1 kommun"."""
    return f"{format_number(value)} {unit_for(value, plural)}"
