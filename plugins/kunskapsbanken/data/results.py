"""A record's headline result: the one structured figure that best says what it achieved."""

from __future__ import annotations

from kunskapsbanken.data.model import Record

MONEY_WORDS = ("kronor",)


def _known(figure: dict) -> bool:
    return figure["value"] != "not_known"


def headline_figure(record: Record) -> dict | None:
    """The first figure measured against a baseline or target; else the first that is not an
    amount of money (budgets are not results); else the first known one; None without figures."""
    figures = [f for f in (record.get("results") or {}).get("figures", []) if _known(f)]
    for accept in (lambda f: isinstance(f.get("baseline"), (int, float)) or isinstance(f.get("target"), (int, float)),
                   lambda f: not any(word in f["unit"] for word in MONEY_WORDS),
                   lambda f: True):
        for figure in figures:
            if accept(figure):
                return figure
    return None
