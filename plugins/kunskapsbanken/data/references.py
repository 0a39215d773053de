"""Cross-record checks the schema cannot express: references, ids, duplicates, completeness."""

from __future__ import annotations

import difflib

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import Record
from kunskapsbanken.data.placeholders import has_placeholder
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.yamlsource import YamlDocument, format_path

# (kind of record, field, kind it points to); a field holds one id or a list of ids.
REFERENCE_FIELDS = [
    ("municipality", "methods", "method"),
    ("municipality", "target_groups", "target_group"),
    ("project", "target_groups", "target_group"),
    ("project", "municipalities", "municipality"),
    ("project", "methods", "method"),
    ("project", "related_projects", "project"),
    ("project", "part_of", "project"),
]


class ReferenceChecker:
    def __init__(self, index: dict[str, dict[str, Record]], docs: dict[str, YamlDocument]):
        self.index = index
        """kind → id → record, for every record that parsed."""
        self.docs = docs
        """file → parsed document, for positions."""
        self.problems: list[Problem] = []

    def _add(self, record: Record, path: tuple, message: str, *, code: str, **extra) -> None:
        path = record.location + path
        line, column = self.docs[record.file].position(path)
        self.problems.append(Problem(record.file, line, column, format_path(path), message,
                                     code=f"reference.{code}", **extra))

    def check_reference(self, record: Record, path: tuple, target_id: object, kind: str) -> None:
        if not isinstance(target_id, str) or target_id in self.index.get(kind, {}) \
                or not target_id.isprintable() or "\ufffd" in target_id or has_placeholder(target_id):
            # Reported once, where it stands: a control character (data/scalar_checks.py) or a
            # placeholder left by the scaffold (data/placeholders.py).
            return
        other = next((k for k, ids in self.index.items() if k != kind and target_id in ids), None)
        if other:
            self._add(record, path, f"'{target_id}' är {KINDS[other].indefinite}, inte {KINDS[kind].indefinite}",
                      code="wrong_kind", found=f"{KINDS[other].indefinite} ({KINDS[other].content_path})",
                      expected=f"id för {KINDS[kind].indefinite} i {KINDS[kind].content_path}",
                      tip="Kontrollera att id:t står i rätt fält.")
            return
        near = difflib.get_close_matches(target_id, list(self.index.get(kind, {})), n=1, cutoff=0.6)
        tip = f"Menade du '{near[0]}'?" if near else f"Befintliga id finns i {KINDS[kind].content_path}."
        self._add(record, path, f"okänd hänvisning '{target_id}'", code="unknown",
                  found=f"'{target_id}'", expected=f"id för {KINDS[kind].indefinite} i {KINDS[kind].content_path}",
                  tip=tip)

    def check_record(self, record: Record) -> None:
        for kind, field, target in REFERENCE_FIELDS:
            if record.record_type != kind or field not in record.data:
                continue
            value = record.data[field]
            if isinstance(value, list):
                for i, item in enumerate(value):
                    self.check_reference(record, (field, i), item, target)
            else:
                self.check_reference(record, (field,), value, target)
        for i, verdict in enumerate(_list(record.data.get("criteria"))):
            if isinstance(verdict, dict):
                self.check_reference(record, ("criteria", i, "criterion"), verdict.get("criterion"), "criterion")
        self.check_source_documents(record, record.data, ())
        self._check_relations(record)
        self._check_verdicts(record)
        self._check_datasets(record)

    def check_source_documents(self, record: Record, node, path: tuple) -> None:
        if isinstance(node, dict):
            if "document" in node and "section" in node:
                self.check_reference(record, path + ("document",), node["document"], "source")
                self._check_section(record, path, node["document"], node["section"])
            for key, value in node.items():
                self.check_source_documents(record, value, path + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self.check_source_documents(record, value, path + (i,))

    def _check_section(self, record: Record, path: tuple, document: object, section: object) -> None:
        """A citation must name one of its document's own headings (content/sources.yml)."""
        source = self.index.get("source", {}).get(document) if isinstance(document, str) else None
        sections = source.data.get("sections") if source is not None else None
        if not isinstance(section, str) or not isinstance(sections, list) or section in sections \
                or has_placeholder(section) or not section.isprintable():
            return  # a scaffold's FYLL I or a control character is reported once, where it stands
        near = difflib.get_close_matches(section, [s for s in sections if isinstance(s, str)], n=1, cutoff=0.5)
        sources = KINDS["source"].content_path
        tip = f"Menade du '{near[0]}'?" if near else f"Dokumentets rubriker står under sections i {sources}."
        self._add(record, path + ("section",), f"avsnittet '{section}' finns inte i {document}", code="unknown_section",
                  found=f"'{section}'", expected=f"en av rubrikerna i {document} (sections i {sources})", tip=tip)

    def check_examples(self, record: Record) -> None:
        """A success key's examples point to records that exist (kind and id)."""
        for i, example in enumerate(_list(record.data.get("examples"))):
            target = example.get("record") if isinstance(example, dict) else None
            if isinstance(target, dict) and target.get("kind") in self.index:
                self.check_reference(record, ("examples", i, "record", "id"), target.get("id"), target["kind"])

    def _check_relations(self, record: Record) -> None:
        if record.record_type != "project":
            return
        projects = self.index.get("project", {})
        for i, other in enumerate(_list(record.data.get("related_projects"))):
            if other == record.id:
                self._add(record, ("related_projects", i), "ett projekt kan inte vara relaterat till sig självt",
                          code="self", found=f"'{other}'", expected="id för ett annat projekt")
            elif other in projects and record.id in _list(projects[other].data.get("related_projects")) \
                    and record.id > other:
                self._add(record, ("related_projects", i), f"relationen till '{other}' står redan i {projects[other].file}",
                          code="both_sides", expected="relationen på en sida",
                          tip="Ta bort den här raden; sidan visar relationen åt båda hållen ändå.")
        parent = record.data.get("part_of")
        seen = {record.id}
        while isinstance(parent, str) and parent in projects:
            if parent in seen:
                self._add(record, ("part_of",), "part_of bildar en cirkel", code="cycle",
                          found=f"'{record.data['part_of']}'", expected="en verksamhet som inte ingår i denna")
                break
            seen.add(parent)
            parent = projects[parent].data.get("part_of")

    def _check_verdicts(self, record: Record) -> None:
        seen: dict[str, int] = {}
        for i, verdict in enumerate(_list(record.data.get("criteria"))):
            criterion = verdict.get("criterion") if isinstance(verdict, dict) else None
            if not isinstance(criterion, str):
                continue
            if criterion in seen:
                self._add(record, ("criteria", i, "criterion"), f"kriteriet '{criterion}' bedöms två gånger",
                          code="duplicate_verdict", expected="en bedömning per kriterium",
                          tip=f"Slå ihop med bedömningen criteria[{seen[criterion]}].")
            seen.setdefault(criterion, i)
        if record.record_type == "municipality" and record.data.get("model_municipality") is True:
            missing = [c for c in self.index.get("criterion", {}) if c not in seen]
            if missing:
                self._add(record, ("criteria",), "en modellkommun ska ha en bedömning för vart och ett av de tio kriterierna",
                          code="missing_verdicts", found=f"saknar {', '.join(missing)}",
                          expected="alla tio kriterier",
                          tip="Skriv rating: not_known med en motivering om källan inte säger något.")

    def _check_datasets(self, record: Record) -> None:
        results = record.data.get("results")
        if not isinstance(results, dict):
            return
        for d, dataset in enumerate(_list(results.get("datasets"))):
            if not isinstance(dataset, dict):
                continue
            keys = [c.get("key") for c in _list(dataset.get("columns")) if isinstance(c, dict)]
            for r, row in enumerate(_list(dataset.get("rows"))):
                for key in row if isinstance(row, dict) else ():
                    if key not in keys:
                        self._add(record, ("results", "datasets", d, "rows", r, key),
                                  f"kolumnen '{key}' finns inte i tabellen", code="dataset_column",
                                  found=f"'{key}'", expected="en av " + ", ".join(map(str, keys)))


def _list(value) -> list:
    """A field that should be a list, or nothing if the schema check already flagged it."""
    return value if isinstance(value, list) else []
