"""The open data as a Frictionless Data Package: tidy CSV tables, each with a Table Schema.

The tables' columns are chosen here, but what each column means comes from the JSON Schemas:
a column that holds a record field takes its Swedish title, description and type from that
field's schema, so a schema change shows in the package. Only the English translation and the
columns that are not record fields (a page address, a Swedish rating word) are written here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from collections.abc import Callable

from kunskapsbanken.data.schemas import branches, node_at
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.opendata import licence
from kunskapsbanken.opendata.exports import MATRIX_COLUMNS, MATRIX_COUNTS
from kunskapsbanken.render import figures as figure_words
from kunskapsbanken.render import labels, urls
from kunskapsbanken.render import csv_text as csv_cells
from kunskapsbanken.render.csv_text import csv_text

DATA_DIR = "data"
LICENCE = licence.PACKAGE_LICENCE
PACKAGE_NAME = "kunskapsbanken-ratt-stod-till-arbete"
MISSING_VALUES = ["", "not_known"]
"""An empty cell: the record has no such field; not_known: the sources do not say."""
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    title_en: str
    description_en: str
    value: Callable[[KnowledgeBase, Record, dict], object]
    """The cell, from the knowledge base, the record and the row's item (e.g. one verdict)."""
    schema_path: tuple = ()
    """The record field this column holds, e.g. ``('population', 'value')``: its schema gives the
    Swedish title, description and type. Empty for a column that is no record field."""
    title_sv: str = ""
    description_sv: str = ""
    type: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    kind: str
    """The record kind whose schema describes the columns."""
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str
    columns: tuple[Column, ...]
    rows: Callable[[KnowledgeBase], list[tuple[Record, dict]]]
    primary_key: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}.csv"


def _field(*path: str):
    def get(kb, record, item):
        value = record.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value
    return get


def _item(*path: str):
    def get(kb, record, item):
        value = item
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value
    return get


def _page(site_url: str):
    return lambda kb, record, item: site_url + urls.src_to_url(urls.record_src(record.record_type, record.id))


def _each_record(records_of):
    return lambda kb: [(record, {}) for record in records_of(kb).values()]


def _verdict_rows(kb: KnowledgeBase):
    return [(record, verdict) for record in kb.verdict_records() for verdict in record["criteria"]]


def _figure_rows(kb: KnowledgeBase):
    return [(record, figure) for record in (*kb.municipalities.values(), *kb.projects.values())
            for figure in (record.get("results") or {}).get("figures", [])]


def _evidence_columns(with_via: bool) -> tuple[Column, ...]:
    """What backs the record's result (data/evidence.py), as the record page's badge shows it."""
    evidence = lambda kb, record: kb.evidence_of(record)  # noqa: E731
    levels = ", ".join(labels.EVIDENCE)
    columns = [
        Column("evidens", "Evidence", f"What backs the result, strongest first: {levels}. The rules are on the "
               "site's page Om kunskapsbanken.", lambda kb, record, item: evidence(kb, record).level,
               title_sv="Vad stöder resultaten",
               description_sv=f"Det starkaste stödet källorna ger för resultaten, starkast först: {levels}. "
                              "Reglerna står på sidan Om kunskapsbanken.", type="string"),
        Column("evidens_text", "Evidence in Swedish", "The level as the site shows it, in Swedish.",
               lambda kb, record, item: labels.evidence_label(evidence(kb, record).level),
               title_sv="Vad stöder resultaten, i ord", description_sv="Nivån som den visas på webbplatsen.",
               type="string"),
        Column("evidens_utvarderare", "External evaluators",
               "For an external evaluation: who made it and when, separated by semicolons.",
               lambda kb, record, item: [labels.evidence_evaluator(e.by, e.date)
                                         for e in evidence(kb, record).evaluators],
               title_sv="Externa utvärderare", description_sv="Vid extern utvärdering: vem som gjorde den och "
               "när. Flera värden skiljs åt med semikolon.", type="string"),
    ]
    if with_via:
        columns.append(Column(
            "evidens_projekt", "Evidence from projects",
            "Ids of the municipality's projects the level comes from, separated by semicolons; empty when it "
            "comes from the municipality's own record.",
            lambda kb, record, item: [p.id for p in evidence(kb, record).via],
            title_sv="Stödet finns i projekten", description_sv="Id för kommunens projekt som nivån kommer från. "
            "Tomt när den kommer från kommunens egen post. Flera värden skiljs åt med semikolon.", type="string"))
    columns += [
        Column("evidens_kalla", "Evidence source document", "Id of the source document the level rests on.",
               lambda kb, record, item: evidence(kb, record).source["document"],
               title_sv="Källdokument för stödet", description_sv="Id för dokumentet som nivån bygger på.",
               type="string"),
        Column("evidens_kalla_avsnitt", "Evidence source section", "The section of that source document.",
               lambda kb, record, item: evidence(kb, record).source["section"],
               title_sv="Avsnitt för stödet", description_sv="Avsnittet i källdokumentet.", type="string"),
    ]
    return tuple(columns)


def tables(site_url: str) -> tuple[Table, ...]:
    page = Column("sida", "Page", "Address of the record's page in the knowledge base.", _page(site_url),
                  title_sv="Sida", description_sv="Postens sida i kunskapsbanken.", type="string")
    record_type = Column("typ", "Record type", "municipality or project.",
                         lambda kb, record, item: record.record_type, title_sv="Typ av post",
                         description_sv="municipality (kommun) eller project (projekt).", type="string")
    return (
        Table("kommuner", "municipality", "Kommuner", "Municipalities",
              "En rad per kommun: län, invånare, om den är en av de fem modellkommunerna och vad som stöder "
              "resultaten (kommunens egen post eller dess projekt).",
              "One row per municipality: county, population, whether it is one of the five model municipalities "
              "and what backs its results (its own record or its projects).",
              (Column("id", "Id", "Short identifier, also the file name of the record.", _field("id"), ("id",)),
               Column("namn", "Name", "The municipality's name.", _field("name"), ("name",)),
               Column("lan", "County or province", "As the source gives it.", _field("county"), ("county",)),
               Column("invanare", "Population", "Number of inhabitants as the source gives it.",
                      _field("population", "value"), ("population", "value")),
                Column("invanare_ar", "Population year", "The year the population figure refers to.",
                       _field("population", "year"), ("population", "year")),
               Column("invanare_precision", "Population qualifier", "How the source words the population: exakt, "
                      "cirka, upp till, minst, knappt or drygt.",
                      _field("population", "qualifier"), ("population", "qualifier")),
               Column("modellkommun", "Model municipality",
                      "True for the five model municipalities of Rätt stöd till arbete.",
                      _field("model_municipality"), ("model_municipality",)),
               *_evidence_columns(with_via=True),
               page),
              _each_record(lambda kb: kb.municipalities), ("id",)),
        Table("projekt", "project", "Projekt", "Projects",
              "En rad per projekt, förstudie eller permanent verksamhet, med vad som stöder resultaten.",
              "One row per project, pilot study or permanent activity, with what backs its results.",
              (Column("id", "Id", "Short identifier, also the file name of the record.", _field("id"), ("id",)),
               Column("namn", "Name", "The name as the source writes it.", _field("name"), ("name",)),
               Column("typ", "Kind", "project, pilot_study or permanent_activity.", _field("kind"), ("kind",)),
               Column("kommuner", "Municipalities", "Ids of the municipalities, separated by semicolons.",
                      _field("municipalities"), ("municipalities",)),
               Column("ingar_i", "Part of", "Id of the activity or project this one is part of.",
                      _field("part_of"), ("part_of",)),
               Column("start", "Start", "Year, month or date the project started.",
                      _field("period", "start"), ("period", "start")),
               Column("slut", "End", "Year, month or date it ended; open if it has no end.",
                      _field("period", "end"), ("period", "end")),
               Column("status", "Status", "planned, ongoing, completed or not_known, as of status_as_of.",
                      _field("status"), ("status",)),
               Column("status_enligt_kalla_fran", "Status as of", "Date of the source the status rests on.",
                      _field("status_as_of"), ("status_as_of",)),
               Column("implementering", "Implementation",
                      "implemented, partly, not_implemented or not_known: whether the work became ordinary practice.",
                      _field("implementation", "status"), ("implementation", "status")),
               Column("metoder", "Methods", "Ids of the methods used, separated by semicolons.",
                      _field("methods"), ("methods",)),
               *_evidence_columns(with_via=False),
               page),
              _each_record(lambda kb: kb.projects), ("id",)),
        Table("bedomningar", "municipality", "Bedömningar mot kriterierna", "Ratings against the criteria",
              "En rad per bedömning: en kommun eller ett projekt mot ett av de tio kriterierna, med motivering "
              "och källa. Bedömningarna är kunskapsbankens egna, gjorda utifrån källtexten.",
              "One row per rating of a municipality or project against one of the ten criteria, with its "
              "justification and source. The ratings are the knowledge base's own, made from the source text.",
              (record_type,
               Column("id", "Id", "Id of the municipality or project.", _field("id"), ("id",)),
               Column("namn", "Name", "Name of the municipality or project.", _field("name"), ("name",)),
               Column("kriterium", "Criterion", "Id of one of the ten criteria.", _item("criterion"),
                      ("criteria", 0, "criterion")),
               Column("kriterium_nummer", "Criterion number", "The criterion's number, 1–10.",
                      lambda kb, record, item: kb.criteria[item["criterion"]]["number"],
                      title_sv="Kriteriets nummer", description_sv="Kriteriets nummer, 1–10.", type="integer"),
               Column("bedomning", "Rating", "met, partly_met, not_met or not_known.", _item("rating"),
                      ("criteria", 0, "rating")),
               Column("bedomning_text", "Rating in Swedish", "The rating as the site shows it, in Swedish.",
                      lambda kb, record, item: labels.rating_label(item["rating"]),
                      title_sv="Bedömning i ord", description_sv="Bedömningen som den visas på webbplatsen.",
                      type="string"),
               Column("motivering", "Justification", "Why the rating is what it is, from the source text.",
                      _item("justification"), ("criteria", 0, "justification")),
               Column("kalla", "Source document", "Id of the source document (see the package's sources).",
                      _item("source", "document"), ("criteria", 0, "source", "document")),
               Column("kalla_avsnitt", "Source section", "The section of the source document.",
                      _item("source", "section"), ("criteria", 0, "source", "section")),
               page),
              _verdict_rows, ("typ", "id", "kriterium")),
        Table("siffror", "municipality", "Siffror", "Figures",
              "En rad per resultat som tal: vad som mäts, sorts siffra, precision (som källan skriver talet), "
              "värde, enhet, riktning, vems siffran är, utgångsläge, mål, period, kommentar och källa.",
              "One row per result given as a number: what is measured, its kind, the source's qualifier, value, "
              "unit, direction, whose figure it is, baseline, target, period, note and source.",
              (record_type,
               Column("id", "Id", "Id of the municipality or project.", _field("id"), ("id",)),
               Column("namn", "Name", "Name of the municipality or project.", _field("name"), ("name",)),
               Column("vad", "What is measured", "What the figure measures.", _item("label"),
                      ("results", "figures", 0, "label")),
               Column("sort", "Kind", "outcome, target, activity, staffing, cost, change, example or forecast.",
                      _item("kind"), ("results", "figures", 0, "kind")),
               Column("sort_text", "Kind in Swedish", "The kind of figure as the site says it, in Swedish.",
                      lambda kb, record, item: figure_words.kind_label(item), title_sv="Sorts siffra i ord",
                      description_sv="Sorts siffra som webbplatsen skriver den, t.ex. utfall, prognos eller "
                                     "räkneexempel.", type="string"),
               Column("precision", "Qualifier", "How the source words the number: exakt, cirka, upp till, "
                      "upp till cirka, minst, minst cirka, knappt or drygt. Read the value with it.",
                      _item("qualifier"), ("results", "figures", 0, "qualifier")),
               Column("varde", "Value", "The value exactly as in the source; read it with its qualifier.",
                      _item("value"), ("results", "figures", 0, "value")),
               Column("varde_till", "Value up to", "The upper end when the source gives a range (value is the "
                      "lower end); empty otherwise.", _item("value_to"), ("results", "figures", 0, "value_to")),
               Column("enhet", "Unit", "E.g. persons, per cent, Swedish kronor.", _item("unit"),
                      ("results", "figures", 0, "unit")),
               Column("utgangslage", "Baseline", "The value before the intervention, if the source gives it.",
                      _item("baseline"), ("results", "figures", 0, "baseline")),
               Column("mal", "Target", "The target value, if the source gives it.", _item("target"),
                      ("results", "figures", 0, "target")),
               Column("riktning", "Direction", "For a change: increase or decrease (the value is never negative).",
                      _item("direction"), ("results", "figures", 0, "direction")),
               Column("vems", "Scope", "joint, other or wider when the figure is not the record's own; empty "
                      "when it is.", _item("scope", "relation"), ("results", "figures", 0, "scope", "relation")),
               Column("vems_text", "Scope in words", "Whose figure it is, in Swedish, when not the record's own.",
                      _item("scope", "text"), ("results", "figures", 0, "scope", "text")),
               Column("period", "Period", "The time the figure refers to.", _item("period"),
                      ("results", "figures", 0, "period")),
               Column("ersatt", "Superseded", "True when the source itself replaces the figure by a later one.",
                      _item("superseded"), ("results", "figures", 0, "superseded")),
               Column("text", "Figure in words", "The figure as the site says it, with its qualifier, kind, "
                      "scope and period.", lambda kb, record, item: figure_words.phrase(item),
                      title_sv="Siffran i ord", description_sv="Siffran som webbplatsen skriver den, med "
                      "precision, sort, vems siffran är och period.", type="string"),
               Column("kommentar", "Note", "The record's comment on the figure: caveats and the source's words.",
                      _item("note"), ("results", "figures", 0, "note")),
               Column("kalla", "Source document", "Id of the source document (see the package's sources).",
                      _item("source", "document"), ("results", "figures", 0, "source", "document")),
               Column("kalla_avsnitt", "Source section", "The section of the source document.",
                      _item("source", "section"), ("results", "figures", 0, "source", "section")),
               page),
              _figure_rows),
    )


# The JSON Schemas as the source of each column's meaning.

def schema_node(root: dict, path: tuple) -> dict:
    """The (resolved) schema of the field at ``path``; list indexes step into ``items``."""
    node = node_at(root, path)
    if not node:
        raise KeyError(f"{'.'.join(map(str, path))} is not in the schema")
    return node


def table_type(root: dict, node: dict) -> str:
    """The Table Schema type for a JSON Schema node; ``not_known`` is a declared missing value."""
    options = branches(node, root)
    types = {o.get("type") for o in options if o.get("const") != "not_known"}
    if types == {"integer"}:
        return "integer"
    if types <= {"number", "integer"} and types:
        return "number"
    if types == {"boolean"}:
        return "boolean"
    if node.get("format") == "date":
        return "date"
    return "string"


def _describe(node: dict) -> tuple[str, str]:
    return node.get("title", ""), node.get("description", "")


def field_descriptor(column: Column, schema: dict) -> dict:
    if column.schema_path:
        node = schema_node(schema, column.schema_path)
        title_sv, description_sv = _describe(node)
        kind = table_type(schema, node)
        if node.get("type") == "array":
            description_sv = (description_sv + " Flera värden skiljs åt med semikolon.").strip()
    else:
        title_sv, description_sv, kind = column.title_sv, column.description_sv, column.type
    constraints = {"enum": node["enum"]} if column.schema_path and "enum" in node else {}
    return {
        "name": column.name,
        **({"constraints": constraints} if constraints else {}),
        "title": title_sv or column.title_en,
        "description": description_sv or title_sv,
        "type": kind,
        # Frictionless keeps unknown properties; these carry the translations side by side.
        "titles": {"sv": title_sv, "en": column.title_en},
        "descriptions": {"sv": description_sv or title_sv, "en": column.description_en},
    }


def _cell(value):
    """A cell's value: numbers stay numbers (csv_text writes them as they are), the rest is text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(map(str, value))
    return " ".join(value.split()) if isinstance(value, str) else value


def table_csv(kb: KnowledgeBase, table: Table) -> str:
    rows = [[c.name for c in table.columns]]
    rows += [[_cell(c.value(kb, record, item)) for c in table.columns] for record, item in table.rows(kb)]
    return csv_text(rows)


def table_resource(table: Table, schemas: dict) -> dict:
    schema = schemas[table.kind]
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": table.title_sv,
        "description": table.description_sv,
        "titles": {"sv": table.title_sv, "en": table.title_en},
        "descriptions": {"sv": table.description_sv, "en": table.description_en},
        "schema": {
            "fields": [field_descriptor(c, schema) for c in table.columns],
            "missingValues": MISSING_VALUES,
            **({"primaryKey": list(table.primary_key)} if table.primary_key else {}),
        },
    }


def matrix_resource(kb: KnowledgeBase) -> dict:
    """The existing wide matrix CSV (opendata/exports.py), one column per criterion."""
    criteria = [{"name": f"{c['number']}. {c['label']}", "type": "string", "title": c["label"],
                 "description": f"Bedömningen mot kriterium {c['number']}: {c['text']} Tomt: ingen bedömning.",
                 "descriptions": {"sv": f"Bedömningen mot kriterium {c['number']}: {c['text']}",
                                  "en": f"The rating against criterion {c['number']}, in Swedish words."},
                 "constraints": {"enum": [label for label, *_ in labels.RATINGS.values()]}}
                for c in kb.criteria.values()]
    counts = [(name, value.replace("_", " ")) for value, name in MATRIX_COUNTS]
    leading = {
        "Avsnitt": ("Kommuner eller projekt.", "Section: municipalities or projects."),
        "Typ": ("Kommun eller Projekt.", "Record type, in Swedish."),
        "Id": ("Postens id.", "The record's id."),
        "Namn": ("Postens namn.", "The record's name."),
    }
    return {
        "name": "jamforelse", "path": "jamforelse.csv", "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8-sig",
        "title": "Jämförelsen mot kriterierna",
        "description": "Samma bedömningar som i bedomningar.csv, en rad per kommun eller projekt och en kolumn "
                       "per kriterium, för kalkylblad (med BOM, så att Excel läser å, ä och ö rätt).",
        "descriptions": {"sv": "En rad per kommun eller projekt, en kolumn per kriterium.",
                         "en": "One row per municipality or project, one column per criterion (the wide form "
                               "of bedomningar.csv, for spreadsheets)."},
        "schema": {"fields": [
            *({"name": name, "type": "string", "description": leading[name][0],
               "descriptions": {"sv": leading[name][0], "en": leading[name][1]}} for name in MATRIX_COLUMNS),
            *criteria,
            *({"name": name, "type": "integer", "description": f"Antal kriterier: {name.lower()}.",
               "descriptions": {"sv": f"Antal kriterier: {name.lower()}.", "en": f"Number of criteria {en}."},
               "constraints": {"minimum": 0, "maximum": len(criteria)}} for name, en in counts),
        ], "missingValues": [""]},
    }


CHART_FACTS_EN = ("The figure's kind, in Swedish (empty for a table from the source).",
                  "How the source words the number (exakt, cirka, upp till, minst, knappt, drygt …).",
                  "Whose figure it is, when not the record's own (e.g. four municipalities jointly).",
                  "The record's comment on the figure: caveats and the source's words.")
CHART_FACTS_SV = ("Sorts siffra, t.ex. utfall, prognos eller förändring (tom för en tabell ur källan).",
                  "Hur källan skriver talet: exakt, cirka, upp till, minst, knappt, drygt …",
                  "Vems siffran är, när den inte är postens egen (t.ex. fyra kommuner gemensamt).",
                  "Postens kommentar till siffran: förbehåll och källans ordalydelse.")


def chart_resources(kb: KnowledgeBase) -> list[dict]:
    """One resource per chart CSV (site/charts.py): a label column, one number column per series and
    the figure's kind, qualifier, scope and note, so a number lifted from a chart keeps its words."""
    from kunskapsbanken.site.charts import CHART_DIR, CSV_FACTS, record_charts

    def described(name: str, kind: str, sv: str, en: str) -> dict:
        return {"name": name, "type": kind, "title": name, "description": sv,
                "descriptions": {"sv": sv, "en": en}}

    resources = []
    for record in kb.records:
        for chart in record_charts(record):
            unit = f" ({chart.unit})" if chart.unit else ""
            fields = [described(chart.group_heading, "string", "Vad raden visar.", "What the row shows."),
                      *(described(s, "number", f"{s}{unit}; minus för en minskning eller en kostnad.",
                                  f"The value of the series {s}{unit}; negative for a decrease or a cost.")
                        for s in chart.series),
                      *(described(name, "string", sv, en)
                        for name, sv, en in zip(CSV_FACTS, CHART_FACTS_SV, CHART_FACTS_EN))]
            resources.append({
                "name": f"diagram-{chart.id}", "path": chart.csv_path.removeprefix(f"{DATA_DIR}/"),
                "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
                "encoding": "utf-8-sig", "title": chart.title,
                "description": f"Siffrorna i diagrammet på sidan om {record.name}. {chart.summary}",
                "descriptions": {"sv": f"Siffrorna i diagrammet på sidan om {record.name}.",
                                 "en": f"The numbers of a chart on the page about {record.name}."},
                "schema": {"fields": fields, "missingValues": [""]},
            })
    assert CHART_DIR.startswith(f"{DATA_DIR}/")
    return resources


def records_resource() -> dict:
    return {"name": "kunskapsbanken", "path": "kunskapsbanken.json", "profile": "data-resource",
            "format": "json", "mediatype": "application/json", "encoding": "utf-8",
            "title": "Alla poster",
            "description": "Kommuner, projekt, metoder, kriterier, källor och ordlista i en fil, precis som "
                           "posterna är skrivna; fälten beskrivs av JSON-schemana under /schema/.",
            "descriptions": {"sv": "Alla poster i en fil, som de är skrivna.",
                             "en": "Every record in one file, exactly as written; the JSON Schemas under "
                                   "/schema/ describe the fields."}}


def package_descriptor(kb: KnowledgeBase, schemas: dict, *, site_url: str, version: str, created: str,
                       table_list: tuple[Table, ...]) -> dict:
    return {
        "profile": "data-package",
        "name": PACKAGE_NAME,
        "id": site_url + f"{DATA_DIR}/datapackage.json" if site_url else PACKAGE_NAME,
        "title": "Kunskapsbanken Rätt stöd till arbete",
        "description": "Hur fem modellkommuner och projekten i Finsam Lund hjälper personer med "
                       "funktionsnedsättning till arbete: kommuner, projekt, bedömningar mot de tio kriterierna "
                       "och resultat i siffror, med källa vid varje uppgift. " + csv_cells.NOTE_SV,
        "titles": {"sv": "Kunskapsbanken Rätt stöd till arbete", "en": "Knowledge bank Right support to work"},
        "descriptions": {
            "sv": "Kommuner, projekt, bedömningar mot de tio kriterierna och resultat i siffror, med källa.",
            "en": "How Swedish municipalities help people with disabilities into ordinary jobs: municipalities, "
                  "projects, ratings against ten criteria and results as figures, each with its source. "
                  + csv_cells.NOTE_EN,
        },
        "homepage": site_url,
        "version": version,
        "created": created,
        "keywords": ["arbete", "funktionsnedsättning", "kommuner", "Supported Employment", "IPS", "Finsam"],
        "licenses": [LICENCE],
        "contributors": [{"title": "Handikappförbunden", "role": "publisher"}],
        "sources": [{"title": s["title"], "description": f"{s['author']}, {s['date']}"} for s in
                    (r.data for r in kb.sources.values())],
        "resources": [*(table_resource(t, schemas) for t in table_list), matrix_resource(kb),
                      *chart_resources(kb), records_resource()],
    }


def content_date(kb: KnowledgeBase, history: dict) -> str:
    """The day the knowledge base last changed: its newest committed record (or ``updated`` outside git).

    Used as the package's version and dates, so a rebuild of the same content gives the same files.
    """
    from kunskapsbanken.git.history import last_updated

    dates = [last_updated(r, history) for r in (*kb.records, *kb.criteria.values(), *kb.sources.values())]
    return max((d for d in dates if d), default="1970-01-01")


def package_files(kb: KnowledgeBase, schemas: dict, *, site_url: str, version: str, created: str) -> dict[str, str]:
    """Site path → content: the CSV tables and ``data/datapackage.json`` that describes them."""
    table_list = tables(site_url)
    files = {t.path: table_csv(kb, t) for t in table_list}
    descriptor = package_descriptor(kb, schemas, site_url=site_url, version=version, created=created,
                                    table_list=table_list)
    files[f"{DATA_DIR}/datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return files
