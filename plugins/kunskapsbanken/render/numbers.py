"""Numbers in Swedish style, shared by templates and charts."""

from __future__ import annotations


def format_number(value) -> str:
    """Swedish number style: 71 000 and 12,5 (a no-break space groups thousands)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}".replace(",", "\u00a0").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")
