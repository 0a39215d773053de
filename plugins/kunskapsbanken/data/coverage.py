"""Source coverage: for each source document, its sections and what in content/ cites each.

A section nothing cites is a place to look for knowledge still missing from the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.slugs import glossary_anchor
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.yamlsource import format_path


@dataclass
class Citation:
    document: str
    section: str
    field: str
    """Where the citation stands in its record, e.g. ``goals[2].source``."""


@dataclass
class CitingEntry:
    """One record, glossary term or success key, and the fields in it that cite a section."""

    name: str
    file: str
    kind: str
    """municipality, project, method, criterion, glossary or success_key."""
    record: Record | None = None
    """The record when it has a page of its own; glossary terms and success keys have none."""
    anchor: str = ""
    """Their place on the shared page (ordlista.md, framgangsnycklar.md)."""
    fields: list[str] = field(default_factory=list)


@dataclass
class SectionCoverage:
    title: str
    entries: list[CitingEntry]

    @property
    def count(self) -> int:
        return sum(len(e.fields) for e in self.entries)


@dataclass
class DocumentCoverage:
    source: Record
    sections: list[SectionCoverage]

    @property
    def uncited(self) -> list[SectionCoverage]:
        return [s for s in self.sections if not s.entries]


def citations_in(data, path: tuple = ()):
    """Every ``{document, section}`` in a record's data, in the order they stand in the file."""
    if isinstance(data, dict):
        if isinstance(data.get("document"), str) and isinstance(data.get("section"), str):
            yield Citation(data["document"], data["section"], format_path(path))
        for key, value in data.items():
            yield from citations_in(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from citations_in(value, path + (i,))


def _citing(kb: KnowledgeBase):
    """(entry, citations) for every record, glossary term and success key, in page order."""
    for record in (*kb.records, *kb.criteria.values()):
        yield CitingEntry(record.name, record.file, record.record_type, record), list(citations_in(record.data))
    for term in kb.glossary:
        yield (CitingEntry(term["term"], KINDS["glossary"].content_path, "glossary", anchor=glossary_anchor(term["term"])),
               list(citations_in(term)))
    for key in kb.success_keys.values():
        yield CitingEntry(key["word"], key.file, "success_key", anchor=f"nyckel-{key.id}"), list(citations_in(key.data))


def source_coverage(kb: KnowledgeBase) -> list[DocumentCoverage]:
    """Each source document with every one of its sections, and the records and fields citing it."""
    cited: dict[tuple[str, str], list[CitingEntry]] = {}
    for entry, citations in _citing(kb):
        own: dict[tuple[str, str], CitingEntry] = {}
        for c in citations:
            key = (c.document, c.section)
            if key not in own:
                own[key] = CitingEntry(entry.name, entry.file, entry.kind, entry.record, entry.anchor)
                cited.setdefault(key, []).append(own[key])
            own[key].fields.append(c.field)
    return [DocumentCoverage(source, [SectionCoverage(title, cited.get((source.id, title), []))
                                      for title in source["sections"]])
            for source in kb.sources.values()]
