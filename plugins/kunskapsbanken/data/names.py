"""Ids and names that cannot collide with each other or with the site's own pages.

* ``index`` names a folder's own page (``kommuner/index.md``): a record with that id would
  replace the list of all records, or vanish from the site. It is reserved for every kind.
* A record's figures are drawn one chart per unit, and the chart's id (its CSV file's name) is
  the unit as a slug: ``personer`` and ``Personer`` would be one chart, one set of data lost.
  Dataset ids likewise, within a record.
* Every spelling in the glossary (a term and each ``also_written``) names one term: a spelling
  that is also another term's, in any case, would explain one word as the other everywhere.
"""

from __future__ import annotations

from kunskapsbanken.data.model import Record
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.slugs import ascii_slug
from kunskapsbanken.data.yamlsource import YamlDocument, format_path

RESERVED_IDS = frozenset({"index"})
"""Ids that name a generated page in every record folder."""
_ID_KEYS = {"glossary": "term"}


def name_problems(records: dict[str, dict[str, Record]], docs: dict[str, YamlDocument]) -> list[Problem]:
    problems: list[Problem] = []

    def add(record: Record, path: tuple, message: str, **extra) -> None:
        doc = docs.get(record.file)
        line, column = doc.position(record.location + path) if doc else (1, 1)
        problems.append(Problem(record.file, line, column, format_path(record.location + path), message, **extra))

    for kind, by_id in records.items():
        if kind == "glossary":
            continue
        for record in by_id.values():
            if record.id in RESERVED_IDS:
                add(record, ("id",), f"id '{record.id}' är reserverat", code="identity.reserved",
                    found=f"'{record.id}'", expected="ett annat id",
                    tip=f"'{record.id}' är namnet på mappens egen sida (listan över alla poster). "
                        "Välj ett id som beskriver posten, och samma namn på filen.")
            problems.extend(_chart_name_problems(record, add))
    problems.extend(_glossary_problems(records.get("glossary", {}), add))
    _chart_file_collisions(records, add)
    return problems


def _chart_file_names(record: Record) -> set[str]:
    """Every name a chart of ``record`` may get (site/charts.py): ``<id>-utfall-<unit>``,
    ``<id>-forandringar``, ``<id>-<dataset>``, ``-antal`` and ``-<row>`` after it."""
    results = record.data.get("results") if isinstance(record.data, dict) else None
    if not isinstance(results, dict):
        return set()
    names = {f"{record.id}-forandringar"}
    for figure in results.get("figures") or []:
        if isinstance(figure, dict) and isinstance(figure.get("unit"), str):
            names.add(f"{record.id}-utfall-{ascii_slug(figure['unit'])}")
    for dataset in results.get("datasets") or []:
        if isinstance(dataset, dict) and isinstance(dataset.get("id"), str):
            base = f"{record.id}-{dataset['id']}"
            names |= {base, f"{base}-antal"} | {f"{base}-{n}" for n in range(1, len(dataset.get("rows") or []) + 1)}
    return names


def _chart_file_collisions(records: dict[str, dict[str, Record]], add) -> None:
    """Two records whose charts would share a file (``a`` + dataset ``b-c``, ``a-b`` + dataset ``c``)."""
    owner: dict[str, Record] = {}
    for kind in ("municipality", "project"):
        for record in records.get(kind, {}).values():
            clash = None
            for name in sorted(_chart_file_names(record)):
                other = owner.setdefault(name, record)
                if other is not record and clash is None:
                    clash = (name, other)
            if clash:
                add(record, ("id",), f"ett diagram får samma filnamn som ett diagram i {clash[1].file}",
                    code="identity.duplicate", found=f"data/diagram/{clash[0]}.csv",
                    expected="id och dataserier som ger egna filnamn",
                    tip="Byt id på en av dataserierna (results.datasets[].id).")


def _chart_name_problems(record: Record, add) -> list:
    results = record.data.get("results") if isinstance(record.data, dict) else None
    if not isinstance(results, dict):
        return []
    for key, field, what in (("figures", "unit", "enheten"), ("datasets", "id", "id")):
        seen: dict[str, str] = {}
        for i, item in enumerate(results.get(key) or []):
            value = item.get(field) if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            slug = ascii_slug(value)
            if slug in seen and seen[slug] != value:
                add(record, ("results", key, i, field),
                    f"{what} '{value}' blir samma namn som '{seen[slug]}' i diagrammens filer",
                    code="identity.duplicate", found=f"'{value}' och '{seen[slug]}'",
                    expected="samma stavning för samma sak, olika namn för olika saker",
                    tip=f"Skriv '{seen[slug]}' på båda ställena om det är samma sak.")
            seen.setdefault(slug, value)
    return []


def _glossary_problems(glossary: dict[str, Record], add) -> list:
    owner: dict[str, str] = {}
    for record in glossary.values():
        term = record.data.get("term")
        if isinstance(term, str):
            owner.setdefault(term.casefold(), term)
    for record in glossary.values():
        term = record.data.get("term")
        spellings = [("term",), *(("also_written", i) for i, _ in enumerate(record.data.get("also_written") or []))]
        for path in spellings:
            value = record.data[path[0]] if len(path) == 1 else record.data["also_written"][path[1]]
            if not isinstance(value, str):
                continue
            other = owner.get(value.casefold())
            if path != ("term",) and other is not None and other != term:
                add(record, path, f"stavningen '{value}' är redan ett eget ord i ordlistan",
                    code="identity.duplicate", found=f"ordet '{other}'",
                    expected="en stavning som bara hör till det här ordet",
                    tip=f"Ta bort '{value}' här, eller slå ihop orden '{term}' och '{other}'.")
            elif path == ("term",) and other is not None and other != term:
                add(record, path, f"ordet '{value}' står redan i ordlistan som '{other}'",
                    code="identity.duplicate", found=f"'{value}' och '{other}'",
                    expected="varje ord en gång, oavsett stora och små bokstäver")
    seen: dict[str, tuple[str, str]] = {}
    for record in glossary.values():
        for i, value in enumerate(record.data.get("also_written") or []):
            if not isinstance(value, str) or value.casefold() in owner:
                continue
            first = seen.setdefault(value.casefold(), (str(record.data.get("term")), value))
            if first[0] != record.data.get("term"):
                add(record, ("also_written", i), f"stavningen '{value}' hör redan till ordet '{first[0]}'",
                    code="identity.duplicate", found=f"'{value}' under två ord",
                    expected="en stavning som bara hör till det här ordet")
    return []
