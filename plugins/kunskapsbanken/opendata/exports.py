"""Open data: every record as JSON, the comparison matrix as CSV and JSON.

Output is deterministic (stable order, no timestamps) so that a reviewer can diff two builds.
"""

from __future__ import annotations

import json

from kunskapsbanken.data.kinds import KINDS, PAGE_KINDS
from kunskapsbanken.data.matrix import Matrix
from kunskapsbanken.opendata import licence
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import labels, urls
from kunskapsbanken.render.csv_text import csv_text
from kunskapsbanken.site.charts import Chart, chart_files

DATA_DIR = "data"
LICENCE = licence.SHORT
MATRIX_COLUMNS = ("Avsnitt", "Typ", "Id", "Namn")
"""The matrix CSV's first columns; a column per criterion and the counts follow."""
MATRIX_COUNTS = (("met", "Uppfyllda"), ("partly_met", "Delvis uppfyllda"), ("not_met", "Inte uppfyllda"),
                 ("not_known", "Okända"))
"""(rating, column) of the matrix CSV's last columns: how many criteria each record has so rated."""
EXPORTED_KINDS = tuple(k for k in PAGE_KINDS if k.id != "target_group")
"""The kinds with one JSON file per record (target groups are exported inside their records)."""


def record_export_path(record: Record) -> str:
    return f"{DATA_DIR}/{KINDS[record.record_type].url_folder}/{record.id}.json"


def _evidence(kb: KnowledgeBase, record: Record) -> dict:
    evidence = kb.evidence_of(record)
    return {"level": evidence.level, "label": labels.evidence_label(evidence.level),
            "evaluators": [{"by": e.by, "date": e.date} for e in evidence.evaluators],
            "via_projects": [p.id for p in evidence.via], "source": evidence.source}


def _derived(kb: KnowledgeBase, record: Record) -> dict:
    if record.record_type == "municipality":
        return {"projects": [p.id for p in kb.projects_by_municipality[record.id]],
                "evidence": _evidence(kb, record)}
    if record.record_type == "project":
        return {"related_projects": [p.id for p in kb.related[record.id]],
                "parts": [p.id for p in kb.parts[record.id]], "evidence": _evidence(kb, record)}
    if record.record_type == "method":
        users = kb.method_users[record.id]
        return {"municipalities": [m.id for m in users.municipalities], "projects": [p.id for p in users.projects]}
    if record.record_type == "criterion":
        return {"verdicts": [{"record_type": cv.record.record_type, "id": cv.record.id,
                              "rating": cv.verdict["rating"]} for cv in kb.verdicts_by_criterion[record.id]]}
    return {}


def record_document(kb: KnowledgeBase, record: Record) -> dict:
    """The record exactly as in YAML, plus its type, page and the relations derived from other records."""
    return {
        "record_type": record.record_type,
        "page": urls.src_to_url(urls.record_src(record.record_type, record.id)),
        "yaml": record.file,
        "data": record.data,
        "derived": _derived(kb, record),
    }


def _dump(document) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def all_records_json(kb: KnowledgeBase) -> str:
    groups = {k.name: kb.of_kind(k.id) for k in EXPORTED_KINDS}
    return _dump({
        "licence": LICENCE,
        "sources": [s.data for s in kb.sources.values()],
        **{name: [record_document(kb, r) for r in records.values()] for name, records in groups.items()},
        "glossary": kb.glossary,
    })


def record_json(kb: KnowledgeBase, record: Record) -> str:
    return _dump({"licence": LICENCE, **record_document(kb, record)})


def matrix_json(matrix: Matrix) -> str:
    return _dump({
        "licence": LICENCE,
        "note": "Bedömningarna är kunskapsbankens egna, gjorda utifrån källtexten.",
        "criteria": [{"id": c.id, "number": c["number"], "label": c["label"], "text": c["text"]}
                     for c in matrix.criteria],
        "sections": [{
            "title": section.title,
            "rows": [{
                "record_type": row.record.record_type,
                "id": row.record.id,
                "name": row.record.name,
                "verdicts": {c.id: (None if cell is None else {**cell, "label": labels.rating_label(cell["rating"])})
                             for c, cell in zip(matrix.criteria, row.cells)},
                "totals": row.totals,
            } for row in section.rows],
            "column_totals": {c.id: totals for c, totals in zip(matrix.criteria, section.column_totals)},
        } for section in matrix.sections],
    })


def matrix_csv(matrix: Matrix) -> str:
    """One row per record: ratings as Swedish words, for a spreadsheet (UTF-8 with BOM for Excel)."""
    rows: list[list] = [[*MATRIX_COLUMNS, *(f"{c['number']}. {c['label']}" for c in matrix.criteria),
             *(name for _, name in MATRIX_COUNTS)]]
    for section in matrix.sections:
        for row in section.rows:
            rows.append([section.title, KINDS[row.record.record_type].label, row.record.id,
                         row.record.name,
                         *(labels.rating_label(cell["rating"]) if cell else "" for cell in row.cells),
                         *(row.totals[value] for value, _ in MATRIX_COUNTS)])
    return csv_text(rows, bom=True)


def export_files(kb: KnowledgeBase, matrix: Matrix, charts: list[Chart] | None = None) -> dict[str, str]:
    """Site path → file content, for every open-data file (``charts``: the build's, if made already)."""
    files = {f"{DATA_DIR}/kunskapsbanken.json": all_records_json(kb),
             f"{DATA_DIR}/jamforelse.json": matrix_json(matrix),
             f"{DATA_DIR}/jamforelse.csv": matrix_csv(matrix)}
    for record in (*kb.records, *kb.criteria.values()):
        files[record_export_path(record)] = record_json(kb, record)
    files.update(chart_files(kb.records) if charts is None else {c.csv_path: c.csv_text() for c in charts})
    return files
