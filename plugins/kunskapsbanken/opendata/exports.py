"""Open data: every record as JSON, the comparison matrix as CSV and JSON.

Output is deterministic (stable order, no timestamps) so that a reviewer can diff two builds.
"""

from __future__ import annotations

import json

from kunskapsbanken.data.matrix import Matrix
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import labels, urls
from kunskapsbanken.render.csv_text import csv_text
from kunskapsbanken.site.charts import chart_files

DATA_DIR = "data"
LICENCE = "CC BY 4.0"
EXPORT_FOLDERS = {"municipality": "kommuner", "project": "projekt", "method": "metoder", "criterion": "kriterier"}


def record_export_path(record: Record) -> str:
    return f"{DATA_DIR}/{EXPORT_FOLDERS[record.record_type]}/{record.id}.json"


def _derived(kb: KnowledgeBase, record: Record) -> dict:
    if record.record_type == "municipality":
        return {"projects": [p.id for p in kb.projects_by_municipality[record.id]]}
    if record.record_type == "project":
        return {"related_projects": [p.id for p in kb.related[record.id]],
                "parts": [p.id for p in kb.parts[record.id]]}
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
    groups = {"municipalities": kb.municipalities, "projects": kb.projects, "methods": kb.methods,
              "criteria": kb.criteria}
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
    rows = [["Avsnitt", "Typ", "Id", "Namn",
                     *(f"{c['number']}. {c['label']}" for c in matrix.criteria),
                     "Uppfyllda", "Delvis uppfyllda", "Inte uppfyllda", "Okända"]]
    for section in matrix.sections:
        for row in section.rows:
            rows.append([section.title, labels.RECORD_KINDS[row.record.record_type], row.record.id,
                             row.record.name,
                             *(labels.rating_label(cell["rating"]) if cell else "" for cell in row.cells),
                             row.totals["met"], row.totals["partly_met"], row.totals["not_met"],
                         row.totals["not_known"]])
    return csv_text(rows, bom=True)


def export_files(kb: KnowledgeBase, matrix: Matrix) -> dict[str, str]:
    """Site path → file content, for every open-data file."""
    files = {f"{DATA_DIR}/kunskapsbanken.json": all_records_json(kb),
             f"{DATA_DIR}/jamforelse.json": matrix_json(matrix),
             f"{DATA_DIR}/jamforelse.csv": matrix_csv(matrix)}
    for record in (*kb.records, *kb.criteria.values()):
        files[record_export_path(record)] = record_json(kb, record)
    files.update(chart_files(kb.records))
    return files
