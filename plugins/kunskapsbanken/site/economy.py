"""The "Samhällsekonomiska effekter" page as data: every typfall and socio-economic figure of every
record, each value said in plain words and the way its source says it ("Kommunen: intäkt på
193 000 kr efter ett år"; "upp till 600 000 kronor"; "knappt 4 miljoner kronor (prognos)").

Figures are said by render/figures.py, so the page keeps every qualifier, scope and "prognos" the
record keeps. Nothing here says "får tillbaka": Payoff's typfall give *intäkter* (the person's
situation twelve months before and after), not what the effort paid back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import figures as words
from kunskapsbanken.render.numbers import format_number

PAGE = "samhallsekonomi.md"
MONEY = re.compile(r"\bkronor\b")
SOCIO_ECONOMIC = re.compile(r"samhäll|värde|intäkt|kostnad|betal|lönsam|förtjänst|försörjningsstöd|inkomst", re.I)
"""A figure is socio-economic when its label speaks of these and it is an amount of money, a
payback, a change or a forecast."""
ECONOMIC_KINDS = ("outcome", "change", "example", "forecast", "cost")
BUDGET = re.compile(r"budget|medel|tilldelning|andel av", re.I)
"""A cost that is a budget (what an effort is given or applied for) stays on the record's page."""
CAVEAT = re.compile(r"samhällsekonomisk", re.I)
"""A record's obstacle that speaks of the socio-economic result is shown beside its figures."""
PERIOD = re.compile(r"efter \S+ år.*$")
MAX_PARTY_COLUMNS = 3


@dataclass
class DatasetEffects:
    dataset: dict
    groups: list[tuple[str, list[str]]]
    """(heading or "", sentences) per row of the table."""


@dataclass
class RecordEffects:
    record: Record
    figures: list[tuple[dict, str]] = field(default_factory=list)
    datasets: list[DatasetEffects] = field(default_factory=list)
    caveats: list[dict] = field(default_factory=list)
    """The record's obstacles about its socio-economic result (e.g. "svårt att bevisa …")."""


def kronor(value: float) -> str:
    """A typfall amount as the source's table gives it (no qualifier: the tables give none)."""
    return f"{format_number(abs(value))} kr"


def _when(label: str) -> str:
    period = PERIOD.search(label)
    return f" {period.group(0)}" if period else f" ({label.lower()})"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _party_sentence(party: str, values: list[tuple[str, float]]) -> str:
    """'Kommunen: intäkt på 193 000 kr efter ett år och 965 000 kr efter fem år (prognos).'"""
    parts = []
    for label, value in values:
        if value > 0:
            parts.append(f"{kronor(value)}{_when(label)}")
        elif value < 0:
            parts.append(f"minus {kronor(value)}, alltså ökade kostnader,{_when(label)}")
        else:
            parts.append(f"0 kr{_when(label)}")
    return f"{party}: intäkt på {' och '.join(parts)}."


def _column_sentence(label: str, value: float) -> str:
    if value < 0:
        return f"{label}: minus {kronor(value)}, alltså ökade kostnader."
    return f"{label}: {kronor(value)}."


def dataset_effects(ds: dict) -> DatasetEffects | None:
    first, *others = ds["columns"]
    money = [c for c in others if MONEY.search(c.get("unit", "")) and any(_is_number(r.get(c["key"])) for r in ds["rows"])]
    if not money:
        return None
    groups = []
    for row in ds["rows"]:
        values = [(words.column_label(c["label"], ds), row[c["key"]]) for c in money if _is_number(row.get(c["key"]))]
        if not values:
            continue
        name = str(row.get(first["key"]))
        if len(money) <= MAX_PARTY_COLUMNS:
            groups.append(("", [_party_sentence(name, values)]))
        else:
            groups.append((name, [_column_sentence(label, value) for label, value in values]))
    return DatasetEffects(ds, groups)


def figure_sentence(f: dict) -> str:
    """The figure as the source says it (qualifier, scope, period, prognos), or its direction alone
    when the source gives no amount ("Kostnader för Arbetsförmedlingen: ökning; beloppet anges inte")."""
    if not _is_number(f["value"]) and f.get("direction"):
        extra = [t for t in words.tags(f) if t not in words.DIRECTIONS.values()]
        said = f"{words.DIRECTIONS[f['direction']]}, källan anger inget belopp"
        return f"{f['label']}: {said}" + (f" ({'; '.join(extra)})." if extra else ".")
    return words.phrase(f) + "."


def is_socio_economic(f: dict) -> bool:
    if f.get("kind") not in ECONOMIC_KINDS or not SOCIO_ECONOMIC.search(f["label"]):
        return False
    if f["kind"] == "cost" and BUDGET.search(f["label"]):
        return False
    return bool(MONEY.search(f["unit"]) or "betal" in f["label"].lower() or f["kind"] in ("change", "forecast"))


def record_effects(record: Record) -> RecordEffects | None:
    results = record.get("results") or {}
    effects = RecordEffects(record)
    for f in results.get("figures", []):
        if is_socio_economic(f):
            effects.figures.append((f, figure_sentence(f)))
    for ds in results.get("datasets", []):
        found = dataset_effects(ds)
        if found:
            effects.datasets.append(found)
    if not (effects.figures or effects.datasets):
        return None
    effects.caveats = [o for o in record.get("obstacles") or [] if CAVEAT.search(o["text"])]
    return effects


def all_effects(kb: KnowledgeBase) -> list[RecordEffects]:
    return [e for e in map(record_effects, (*kb.municipalities.values(), *kb.projects.values())) if e]
