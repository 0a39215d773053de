"""The comparison matrix: records × the ten criteria, with totals. Plain data for pages and exports."""

from __future__ import annotations

from dataclasses import dataclass, field

from kunskapsbanken.data.model import RATINGS, KnowledgeBase, Record


@dataclass
class MatrixRow:
    record: Record
    cells: list[dict | None]
    """The verdict for each criterion, in criterion order; None where the record has none."""
    totals: dict[str, int]
    """rating → how many of this row's cells have it (missing verdicts count as not_known)."""


@dataclass
class MatrixSection:
    title: str
    rows: list[MatrixRow]
    column_totals: list[dict[str, int]] = field(default_factory=list)
    """Per criterion: rating → how many rows of this section have it."""


@dataclass
class Matrix:
    criteria: list[Record]
    sections: list[MatrixSection]


def _row(kb: KnowledgeBase, record: Record, criteria: list[Record]) -> MatrixRow:
    cells = [kb.verdict(record, c.id) for c in criteria]
    totals = dict.fromkeys(RATINGS, 0)
    for cell in cells:
        totals[cell["rating"] if cell else "not_known"] += 1
    return MatrixRow(record, cells, totals)


def _section(kb: KnowledgeBase, title: str, records: list[Record], criteria: list[Record]) -> MatrixSection:
    rows = [_row(kb, r, criteria) for r in records]
    column_totals = []
    for i in range(len(criteria)):
        counts = dict.fromkeys(RATINGS, 0)
        for row in rows:
            cell = row.cells[i]
            counts[cell["rating"] if cell else "not_known"] += 1
        column_totals.append(counts)
    return MatrixSection(title, rows, column_totals)


def build_matrix(kb: KnowledgeBase) -> Matrix:
    criteria = list(kb.criteria.values())
    municipalities = [m for m in kb.municipalities.values() if m.get("criteria")]
    sections = [_section(kb, "Kommuner", municipalities, criteria)]
    projects = kb.projects_with_verdicts()
    if projects:
        sections.append(_section(kb, "Projekt", projects, criteria))
    return Matrix(criteria, sections)
