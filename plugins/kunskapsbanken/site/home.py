"""The start page's answer to "what works?": one result per model municipality and one from the
evaluation of Finsam Lund, each a figure exactly as its record holds it (templates/home_results.html
shows every field: value, baseline, target, period, note and source).

Which figure stands for a record is chosen here by the start of its label; a record whose label
has changed falls back to its headline figure (data/results.py), and a record without figures says
so, so an edit to a record can never make the start page say more than the record.
"""

from __future__ import annotations

from dataclasses import dataclass

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.results import headline_figure

CHOSEN = (
    ("municipalities", "tyreso", "Andel deltagare självförsörjande genom arbete eller studier (höjt mål)"),
    ("municipalities", "skelleftea", "Kostnader för offentliga försörjningsformer"),
    ("municipalities", "kristinehamn", "Ökade samhällsintäkter av Futuro"),
    ("municipalities", "partille", "Deltagare i Projekt Arbetsliv som fått anställning"),
    ("municipalities", "hudiksvall", ""),
    ("projects", "finsam-lund", "Värdet för kommunen av att en person kommer i arbete"),
)
"""(collection, record id, label) in the order shown; an empty label takes the headline figure."""

MARKER = "<!-- kb:home-results -->"
"""Where docs/index.md wants the results; without it they follow the page's text."""


@dataclass
class HomeResult:
    record: Record
    figure: dict | None


def home_results(kb: KnowledgeBase) -> list[HomeResult]:
    results = []
    for collection, record_id, label in CHOSEN:
        record = getattr(kb, collection).get(record_id)
        if record is None:
            continue
        figures = [f for f in (record.get("results") or {}).get("figures", []) if f["value"] != "not_known"]
        figure = next((f for f in figures if label and f["label"] == label), None) or headline_figure(record)
        results.append(HomeResult(record, figure))
    return results
