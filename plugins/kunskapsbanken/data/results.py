"""A record's headline result: the one structured figure that best says what it achieved."""

from __future__ import annotations

from kunskapsbanken.data.model import Record

HEADLINE_SCOPES = (None, "joint")
"""A headline is the record's own result, or one it shares with others (said so beside it); never
another municipality's figure or an average over many projects."""


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _eligible(figure: dict) -> bool:
    """An outcome with a known value that the source did not replace by a later one. Staffing,
    activity, budgets, break-even examples, forecasts and targets are never a headline."""
    scope = (figure.get("scope") or {}).get("relation")
    return (figure.get("kind") == "outcome" and _number(figure["value"]) and not figure.get("superseded")
            and scope in HEADLINE_SCOPES)


def headline_figure(record: Record) -> dict | None:
    """The first outcome measured against a target or baseline, the record's own before a shared one;
    else the first outcome; None when the record reports no outcome as a figure."""
    outcomes = [f for f in (record.get("results") or {}).get("figures", []) if _eligible(f)]
    outcomes.sort(key=lambda f: HEADLINE_SCOPES.index((f.get("scope") or {}).get("relation")))
    measured = [f for f in outcomes if _number(f.get("baseline")) or _number(f.get("target"))]
    return (measured or outcomes or [None])[0]


def reports_results_in_text(record: Record) -> bool:
    """True when the record's results are described in words (not ``not_known``)."""
    text = (record.get("results") or {}).get("text")
    return isinstance(text, str) and text != "not_known"
