"""The "Samhällsekonomiska effekter" page as data: every typfall and socio-economic figure of every
record, each value said in plain words ("Kommunen får tillbaka cirka 193 000 kr efter ett år")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render.numbers import format_number, unit_for

PAGE = "samhallsekonomi.md"
MONEY = re.compile(r"\bkronor\b")
SOCIO_ECONOMIC = re.compile(r"samhäll|värdet|intäkt|kostnad|betala sig", re.I)
"""A figure in kronor (or about paying back) is socio-economic when its label speaks of these."""
PERIOD = re.compile(r"efter \S+ år.*$")
MAX_PARTY_COLUMNS = 3


@dataclass
class Sentence:
    text: str


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


def kronor(value: float, unit: str = "kronor") -> str:
    short = "kr" if unit == "kronor" else unit
    return f"cirka {format_number(abs(value))} {short}"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _party_sentence(party: str, values: list[tuple[str, float]]) -> str:
    """'Kommunen får tillbaka cirka 193 000 kr efter ett år och cirka 965 000 kr efter fem år (prognos).'"""
    parts = []
    for label, value in values:
        period = PERIOD.search(label)
        when = f" {period.group(0)}" if period else f" ({label.lower()})"
        if value > 0:
            parts.append(f"får tillbaka {kronor(value)}{when}")
        elif value < 0:
            parts.append(f"får ökade kostnader på {kronor(value)}{when}")
        else:
            parts.append(f"påverkas inte{when}")
    return f"{party} {' och '.join(parts)}."


def _column_sentence(label: str, value: float) -> str:
    if value < 0:
        return f"{label}: minus {kronor(value)}, alltså en kostnad."
    return f"{label}: {kronor(value)}."


def dataset_effects(ds: dict) -> DatasetEffects | None:
    first, *others = ds["columns"]
    money = [c for c in others if MONEY.search(c.get("unit", "")) and any(_is_number(r.get(c["key"])) for r in ds["rows"])]
    if not money:
        return None
    groups = []
    for row in ds["rows"]:
        values = [(c["label"], row[c["key"]]) for c in money if _is_number(row.get(c["key"]))]
        if not values:
            continue
        name = str(row.get(first["key"]))
        if len(money) <= MAX_PARTY_COLUMNS:
            groups.append(("", [_party_sentence(name, values)]))
        else:
            groups.append((name, [_column_sentence(label, value) for label, value in values]))
    return DatasetEffects(ds, groups)


def figure_sentence(f: dict) -> str:
    unit = f["unit"]
    if _is_number(f.get("baseline")) and _is_number(f["value"]):
        text = f"{f['label']}: från {format_number(f['baseline'])} till {format_number(f['value'])} {unit}"
    elif _is_number(f["value"]):
        text = f"{f['label']}: {kronor(f['value'], unit) if MONEY.search(unit) else format_number(f['value']) + ' ' + unit_for(f['value'], unit)}"
    else:
        return f"{f['label']}: uppgift saknas."
    return text + (f" ({f['period']})." if f.get("period") else ".")


def record_effects(record: Record) -> RecordEffects | None:
    results = record.get("results") or {}
    effects = RecordEffects(record)
    for f in results.get("figures", []):
        if SOCIO_ECONOMIC.search(f["label"]) and (MONEY.search(f["unit"]) or "betala sig" in f["label"]):
            effects.figures.append((f, figure_sentence(f)))
    for ds in results.get("datasets", []):
        found = dataset_effects(ds)
        if found:
            effects.datasets.append(found)
    return effects if effects.figures or effects.datasets else None


def all_effects(kb: KnowledgeBase) -> list[RecordEffects]:
    return [e for e in map(record_effects, (*kb.municipalities.values(), *kb.projects.values())) if e]
