"""What backs a record's result: the strongest kind of evidence its sources give.

The rules are written for readers on the site (docs/om.md, "Vad stöder resultaten?"); keep the
two in step. Each level is computed from fields the records already hold – evaluations (with
``external`` saying who made them), result figures, ``results.described_in_words``, goals and
status – so a record cannot claim more than it holds. A municipality gets the strongest level of
its own record and its projects, and says which project it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module to derive each record's evidence
    from kunskapsbanken.data.model import Record

LEVELS = ("external_evaluation", "own_follow_up", "results_in_words", "target_only", "plan_only",
          "nothing_reported")
"""Strongest first."""

RESULT_FIGURE_KINDS = ("outcome", "change")
"""Figure kinds that report what the work achieved (not staffing, activity, cost, targets,
examples or forecasts). A figure without a kind is counted, as every figure had one when kinds
were introduced."""

REPORTED_OUTCOMES = ("reached", "partly_reached", "not_reached")


@dataclass
class Evaluator:
    by: str
    date: str
    source: dict


@dataclass
class Evidence:
    level: str
    source: dict
    """Where the evidence is: the evaluation, figure, goal or text it rests on."""
    evaluators: list[Evaluator] = field(default_factory=list)
    """For an external evaluation: who made it and when, one entry per distinct evaluator."""
    via: list[Record] = field(default_factory=list)
    """For a municipality whose strongest evidence is in its projects: those projects."""

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def _is_result_figure(figure: dict) -> bool:
    known = isinstance(figure.get("value"), (int, float)) and not isinstance(figure.get("value"), bool)
    # The record's own figure, or one it shares with others; not another's or a wider average.
    own = (figure.get("scope") or {}).get("relation") in (None, "joint")
    return known and own and figure.get("kind", "outcome") in RESULT_FIGURE_KINDS


def _first_source(record: Record) -> dict:
    return record["sources"][0]


def record_evidence(record: Record) -> Evidence:
    """The level of one record from its own fields, by the rules in order."""
    evaluations = record.get("evaluations") or []
    external = [e for e in evaluations if e.get("external") is True]
    if external:
        # One entry per evaluator and date: Payoff's single report is several evaluations in a record.
        distinct = {(e["source"]["document"], str(e["date"])): e for e in reversed(external)}
        evaluators = [Evaluator(e["by"], date, e["source"]) for (_, date), e in reversed(distinct.items())]
        return Evidence("external_evaluation", external[0]["source"], evaluators)
    results = record.get("results") or {}
    figures = [f for f in results.get("figures", []) if _is_result_figure(f)]
    if figures:
        return Evidence("own_follow_up", figures[0]["source"])
    goals = record.get("goals") or []
    measured = [g for g in goals if g["outcome"] in REPORTED_OUTCOMES]
    if measured:
        return Evidence("results_in_words", measured[0]["source"])
    if evaluations:
        return Evidence("results_in_words", evaluations[0]["source"])
    if results.get("described_in_words"):
        return Evidence("results_in_words", results.get("source") or _first_source(record))
    if record.get("status") == "planned":
        return Evidence("plan_only", goals[0]["source"] if goals else _first_source(record))
    if goals:
        return Evidence("target_only", goals[0]["source"])
    return Evidence("nothing_reported", results.get("source") or _first_source(record))


def municipality_evidence(municipality: Record, projects: list[Record], of_project) -> Evidence:
    """The municipality's own level, unless one of its projects has a stronger one: then that
    level, resting on the first such project (by name) and naming every project that has it."""
    own = record_evidence(municipality)
    ranked = [(of_project(p).rank, p) for p in projects]
    best_rank = min((rank for rank, _ in ranked), default=own.rank)
    if best_rank >= own.rank:
        return own
    via = [p for rank, p in ranked if rank == best_rank]
    first = of_project(via[0])
    return Evidence(first.level, first.source, first.evaluators, via)
