"""A figure in Swedish words, the way its source says it: the one formatter every view uses.

A record's figure (schema ``$defs/figure``) knows its kind, the source's qualifier ("upp till",
"knappt"), whose figure it is when not the record's own (``scope``), its period and, for a change,
its direction. Every page, chart, CSV and the economy page say a figure through these functions,
so none of them can drop a qualifier, a scope or a "prognos" that the record keeps.
"""

from __future__ import annotations

import re

from kunskapsbanken.render import labels
from kunskapsbanken.render.numbers import format_number, unit_for

TAGGED_KINDS = ("target", "example", "forecast")
"""Kinds a reader must be told beside the number: the number is not a measured result."""
NOT_KNOWN = "uppgift saknas"


def _in_sentence(words: dict[str, str]) -> dict[str, str]:
    return {value: word[:1].lower() + word[1:] for value, word in words.items()}


def __getattr__(name: str):
    """``KINDS``, ``QUALIFIERS``, ``DIRECTIONS``, ``SCOPES``: the schema's words (``x-labels`` in
    ``$defs/figure``), as a reader sees them beside the figure and in the CSV: within a sentence."""
    if name in ("QUALIFIERS", "DIRECTIONS", "SCOPES"):
        return _in_sentence(getattr(labels, name))
    if name == "KINDS":
        return _in_sentence(labels.FIGURE_KINDS)
    raise AttributeError(name)


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def qualifier(figure: dict) -> str:
    """The source's word before the number, or "" when the source gives the number as it is."""
    word = figure.get("qualifier", "exakt")
    return "" if word == "exakt" else word


def signed(figure: dict) -> float | None:
    """The value with the sign its direction gives (a decrease is negative), for diverging charts."""
    value = figure.get("value")
    if value is None or not is_number(value):
        return None
    return -value if figure.get("direction") == "decrease" else value


def amount(figure: dict, value=None) -> str:
    """ "upp till cirka 190 000 kronor per år"; the figure's own value unless another is given."""
    value = figure["value"] if value is None else value
    if not is_number(value):
        return NOT_KNOWN
    number = format_number(value)
    if is_number(figure.get("value_to")) and value is figure["value"]:
        number += f"\u2013{format_number(figure['value_to'])}"  # a range as the source gives it
    # "1 person", not "1 personer"; a range or a rounded value keeps the plural.
    unit = unit_for(value, figure.get("unit", "")) if number == format_number(value) else figure.get("unit", "")
    words = [qualifier(figure), number, unit]
    return " ".join(w for w in words if w)


def value_text(figure: dict) -> str:
    """The value with its qualifier and unit, from the baseline where the source gives one."""
    text = amount(figure)
    baseline = figure.get("baseline")
    if is_number(baseline) and is_number(figure["value"]):
        text = f"från {format_number(baseline)} till {text}"
    return text


def tags(figure: dict, *, period: bool = True, target: bool = True, kind: bool = True) -> list[str]:
    """What a reader must read beside the number: direction, mål, prognos or räkneexempel, whose
    figure it is, its period, and whether the source replaced it."""
    out = []
    if figure.get("direction"):
        out.append(_in_sentence(labels.DIRECTIONS)[figure["direction"]])
    if kind and figure.get("kind") in TAGGED_KINDS:
        out.append(_in_sentence(labels.FIGURE_KINDS)[figure["kind"]])
    if target and figure.get("target") is not None:
        goal = figure["target"]
        out.append(f"mål {format_number(goal)}" if is_number(goal) else f"mål: {goal}")
    if figure.get("scope"):
        out.append(figure["scope"]["text"])
    if period and figure.get("period"):
        out.append(figure["period"])
    if figure.get("superseded"):
        out.append("ersatt av en senare siffra i källan")
    return out


def phrase(figure: dict, *, label: bool = True, period: bool = True) -> str:
    """ "Andel deltagare …: 23 procent (mål 20; gemensamt för de fyra KomAn-kommunerna)"."""
    text = value_text(figure)
    extra = tags(figure, period=period)
    if extra:
        text += f" ({'; '.join(extra)})"
    return f"{figure['label']}: {text}" if label else text


def scope_label(figure: dict) -> str:
    scope = figure.get("scope")
    return scope["text"] if scope else ""


def kind_label(figure: dict) -> str:
    return _in_sentence(labels.FIGURE_KINDS).get(figure.get("kind", ""), "")


FIVE_YEARS = re.compile(r"efter fem år", re.I)


def is_forecast_column(label: str, table: dict) -> bool:
    """A table column is a forecast when it says so, or when it holds the value after five years in a
    table whose title or description calls those values a prognos (Payoff's typfall)."""
    if "prognos" in label.lower():
        return True
    context = f"{table.get('title', '')} {table.get('description', '')}".lower()
    return bool(FIVE_YEARS.search(label)) and "prognos" in context


def column_label(label: str, table: dict) -> str:
    """The column's label, with "(prognos)" where it is a forecast the label does not yet name."""
    if is_forecast_column(label, table) and "prognos" not in label.lower():
        return f"{label} (prognos)"
    return label
