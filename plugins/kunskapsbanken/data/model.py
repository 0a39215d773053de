"""The knowledge base as objects: records plus the relations derived from them.

Each relation is written once in YAML (a project names its municipalities, a record names its
methods, one of two related projects names the other); everything else is derived here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.evidence import Evidence, municipality_evidence, record_evidence

RATINGS = ("met", "partly_met", "not_met", "not_known")

_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "u"})


def swedish_sort_key(text: str) -> str:
    """Sort like a Swedish dictionary: å, ä, ö after z."""
    return text.lower().translate(_SWEDISH_ORDER)


@dataclass(eq=False)
class Record:
    """One YAML record; fields are read as ``record["name"]`` (or ``record.name`` in Jinja)."""

    record_type: str
    """municipality, project, method, criterion, source or glossary (a project's own field ``kind`` is data)."""
    id: str
    data: dict
    file: str
    """Path of the YAML file relative to the project root, e.g. ``content/projects/kraft.yml``."""
    location: tuple = ()
    """Where the record stands inside its file: ``()`` for a whole file, ``(3,)`` for a list item."""

    def __getitem__(self, key: str):
        return self.data[key]

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    @property
    def name(self) -> str:
        return self.data.get("name") or self.data.get("label") or self.id

    def __repr__(self) -> str:
        return f"<{self.record_type} {self.id}>"


@dataclass
class MethodUsers:
    municipalities: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)


@dataclass
class TargetGroupMembers:
    """The records that name a target group (the relation is written on the records' side)."""

    municipalities: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)


@dataclass
class CriterionVerdict:
    record: Record
    verdict: dict


@dataclass
class KeyExample:
    """A success key shown in practice by one record: the key, and why (the example's text)."""

    key: Record
    text: str


class KnowledgeBase:
    def __init__(self, *, municipalities, projects, methods, criteria, sources, glossary, success_keys=(),
                 target_groups=()):
        by_name = lambda r: swedish_sort_key(r.name)  # noqa: E731
        self.municipalities: dict[str, Record] = {r.id: r for r in sorted(municipalities, key=by_name)}
        self.projects: dict[str, Record] = {r.id: r for r in sorted(projects, key=by_name)}
        self.methods: dict[str, Record] = {r.id: r for r in sorted(methods, key=by_name)}
        self.criteria: dict[str, Record] = {r.id: r for r in sorted(criteria, key=lambda r: r["number"])}
        self.sources: dict[str, Record] = {r.id: r for r in sources}
        # The glossary is read as plain entries (records or their data): pages and exports use the dicts.
        self.glossary: list[dict] = sorted((getattr(g, "data", g) for g in glossary),
                                           key=lambda g: swedish_sort_key(g["term"]))
        self.success_keys: dict[str, Record] = {r.id: r for r in success_keys}
        """In the report's order."""
        self.target_groups: dict[str, Record] = {r.id: r for r in target_groups}
        """In the vocabulary's own order, which groups related ones."""
        self._derive()

    @property
    def records(self) -> list[Record]:
        """Every municipality, project and method."""
        return [*self.municipalities.values(), *self.projects.values(), *self.methods.values()]

    def _derive(self) -> None:
        self.projects_by_municipality: dict[str, list[Record]] = {m: [] for m in self.municipalities}
        self.method_users = {m: MethodUsers() for m in self.methods}
        self.verdicts_by_criterion: dict[str, list[CriterionVerdict]] = {c: [] for c in self.criteria}
        self.related: dict[str, list[Record]] = {p: [] for p in self.projects}
        self.parts: dict[str, list[Record]] = {p: [] for p in self.projects}
        self.target_group_members = {t: TargetGroupMembers() for t in self.target_groups}
        for municipality in self.municipalities.values():
            for method in municipality["methods"]:
                self.method_users[method].municipalities.append(municipality)
            for group in municipality.get("target_groups", []):
                self.target_group_members[group].municipalities.append(municipality)
        for project in self.projects.values():
            for municipality in project["municipalities"]:
                self.projects_by_municipality[municipality].append(project)
            for method in project["methods"]:
                self.method_users[method].projects.append(project)
            for group in project.get("target_groups", []):
                self.target_group_members[group].projects.append(project)
            for other in project.get("related_projects", []):
                self.related[project.id].append(self.projects[other])
                self.related[other].append(project)
            if "part_of" in project.data:
                self.parts[project["part_of"]].append(project)
        for record in self.verdict_records():
            for verdict in record.get("criteria", []):
                self.verdicts_by_criterion[verdict["criterion"]].append(CriterionVerdict(record, verdict))
        # Written once, on the key's side (content/success_keys.yml); each record page shows its keys.
        self.keys_by_record: dict[tuple[str, str], list[KeyExample]] = {(r.record_type, r.id): [] for r in self.records}
        for key in self.success_keys.values():
            for example in key.get("examples", []):
                self.keys_by_record[(example["record"]["kind"], example["record"]["id"])].append(
                    KeyExample(key, example["text"]))
        # What backs each result, derived once (rules in data/evidence.py and on the site's Om page).
        self.evidence: dict[tuple[str, str], Evidence] = {("project", p.id): record_evidence(p)
                                                          for p in self.projects.values()}
        for municipality in self.municipalities.values():
            self.evidence[("municipality", municipality.id)] = municipality_evidence(
                municipality, self.projects_by_municipality[municipality.id],
                lambda project: self.evidence[("project", project.id)])
        for lists in (self.related, self.parts):
            for items in lists.values():
                items.sort(key=lambda r: swedish_sort_key(r.name))

    # Queries used by pages, the matrix and the exports.

    def model_municipalities(self) -> list[Record]:
        return [m for m in self.municipalities.values() if m["model_municipality"]]

    def verdict_records(self) -> list[Record]:
        """Municipalities and projects that have at least one criterion verdict."""
        return [r for r in (*self.municipalities.values(), *self.projects.values()) if r.get("criteria")]

    def projects_with_verdicts(self) -> list[Record]:
        return [p for p in self.projects.values() if p.get("criteria")]

    def verdict(self, record: Record, criterion_id: str) -> dict | None:
        for verdict in record.get("criteria", []):
            if verdict["criterion"] == criterion_id:
                return verdict
        return None

    def methods_of(self, record: Record) -> list[Record]:
        return [self.methods[m] for m in record.get("methods", [])]

    def target_groups_of(self, record: Record) -> list[Record]:
        return [self.target_groups[t] for t in record.get("target_groups", [])]

    def municipalities_of(self, project: Record) -> list[Record]:
        return [self.municipalities[m] for m in project["municipalities"]]

    def parent_of(self, project: Record) -> Record | None:
        parent = project.get("part_of")
        return self.projects[parent] if parent else None

    def success_keys_of(self, record: Record) -> list[KeyExample]:
        return self.keys_by_record.get((record.record_type, record.id), [])

    def example_record(self, example: dict) -> Record:
        """The record a success key's example points to."""
        return self.of_kind(example["record"]["kind"])[example["record"]["id"]]

    def of_kind(self, kind: str) -> dict[str, Record]:
        """The records of one kind by id (``of_kind("project")``); the glossary is a list of entries."""
        return getattr(self, KINDS[kind].name)
    def evidence_of(self, record: Record) -> Evidence:
        """What backs a municipality's or project's result (see data/evidence.py)."""
        return self.evidence[(record.record_type, record.id)]
