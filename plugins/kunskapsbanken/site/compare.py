"""The compare view: records side by side, section by section.

Static pages exist for every pair of model municipalities (``jamfor/partille-tyreso/``); the
picker page (``jamfor/``) composes any two to four municipalities or projects in the browser
from one JSON file per record, whose cells are rendered by the same template macros as the
static pages, so both show the same content.
"""

from __future__ import annotations

import itertools
import json

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import urls

PICKER = "jamfor/index.md"
DATA_DIR = "data/jamfor"

SECTIONS = (
    ("sammanfattning", "Sammanfattning"),
    ("malgrupp", "Målgrupp"),
    ("metoder", "Metoder"),
    ("resultat", "Viktiga resultat i siffror"),
    ("framgangsfaktorer", "Framgångsfaktorer"),
    ("hinder", "Hinder"),
)
"""(key, heading) of each section, in page order; the ten verdicts follow."""

CRITERIA_TITLE = "Bedömning mot de tio kriterierna"

COMPARED_KINDS = (KINDS["municipality"], KINDS["project"])
URL_PARAMETERS = {k.id: k.url_folder for k in COMPARED_KINDS}
"""The picker's query parameter per kind, its URL folder: ``jamfor/?kommuner=partille,tyreso``."""


def pair_src(records: list[Record]) -> str:
    return f"jamfor/{'-'.join(r.id for r in records)}.md"


def model_pairs(kb: KnowledgeBase) -> list[tuple[Record, Record]]:
    """Every pair of model municipalities, in name order (the knowledge base's order)."""
    return list(itertools.combinations(kb.model_municipalities(), 2))


def pairs_with(kb: KnowledgeBase, municipality: Record) -> list[tuple[Record, Record]]:
    return [pair for pair in model_pairs(kb) if municipality in pair]


def title(records: list[Record]) -> str:
    return "Jämför " + " och ".join([", ".join(r.name for r in records[:-1]), records[-1].name])


def picker_query(records: list[Record]) -> str:
    return f"?{URL_PARAMETERS[records[0].record_type]}={','.join(r.id for r in records)}"


def column_path(record: Record) -> str:
    return f"{DATA_DIR}/{urls.FOLDERS[record.record_type]}/{record.id}.json"


def target_group_names(kb: KnowledgeBase, record: Record) -> list[str]:
    """Names of the record's ``target_groups`` (a vocabulary another part of the project adds),
    or the ids themselves while that vocabulary is not loaded."""
    vocabulary = getattr(kb, "target_groups", None) or {}
    names = []
    for group_id in record.get("target_groups") or []:
        entry = vocabulary.get(group_id) if isinstance(vocabulary, dict) else next(
            (g for g in vocabulary if (g.get("id") if isinstance(g, dict) else getattr(g, "id", None)) == group_id),
            None)
        name = entry.get("name") if isinstance(entry, (dict, Record)) else getattr(entry, "name", None)
        names.append(name or group_id)
    return names


def picker_index(kb: KnowledgeBase) -> str:
    """What the picker offers: every municipality and project, the sections and the criteria."""
    def entries(records):
        return [{"id": r.id, "name": r.name, "data": column_path(r)} for r in records]

    return json.dumps({
        "sections": [{"key": key, "title": heading} for key, heading in SECTIONS],
        "criteria_title": CRITERIA_TITLE,
        "criteria": [{"number": c["number"], "text": c["text"]} for c in kb.criteria.values()],
        "kinds": [{"parameter": URL_PARAMETERS[k.id], "label": k.plural_label, "records": entries(kb.of_kind(k.id).values())}
                  for k in COMPARED_KINDS],
    }, ensure_ascii=False, indent=1) + "\n"


def column_files(renderer, kb: KnowledgeBase) -> dict[str, str]:
    """Site path → JSON of each municipality's and project's cells, rendered for the picker page."""
    page_url = urls.src_to_url(PICKER, renderer.use_directory_urls)
    files = {f"{DATA_DIR}/index.json": picker_index(kb)}
    for record in (*kb.municipalities.values(), *kb.projects.values()):
        files[column_path(record)] = renderer.render_template("compare_column.json", page_url, record=record).html
    return files
