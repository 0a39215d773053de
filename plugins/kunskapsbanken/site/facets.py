"""The facets of "Hitta exempel": which value of each facet every municipality and project has.

One function (:func:`record_values`) decides a record's values; the filter page's form, its JSON
data and the static single-facet pages are all made from it, so that they cannot disagree.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.slugs import ascii_slug
from kunskapsbanken.render import labels, urls

FINDER = "hitta-exempel/index.md"
FINDER_DIR = "hitta-exempel"
DATA_FILE = f"{FINDER_DIR}/data.json"

KIND_SLUGS = {"municipality": KINDS["municipality"].word, "project": "projekt", "pilot_study": "forstudie",
              "permanent_activity": "permanent-verksamhet"}
KIND_LABELS = {"municipality": KINDS["municipality"].label, **labels.KINDS}
STATUS_SLUGS = {"planned": "planerat", "ongoing": "pagar", "completed": "avslutat", "not_known": "okand"}


@dataclass
class FacetValue:
    id: str
    """Part of the URL, in the query string and of the static page's address."""
    label: str
    records: list[Record] = field(default_factory=list)
    static_src: str = ""
    """The page that lists this value's records without JavaScript."""
    static_anchor: str = ""


@dataclass
class Facet:
    key: str
    """The query-string parameter, e.g. ``malgrupp``."""
    legend: str
    values: dict[str, FacetValue] = field(default_factory=dict)
    """In display order."""
    title: str = ""
    """Title of a static page: ``title.format(value)``."""


def county_id(county: str) -> str:
    """The county as part of a URL; a long (free) text is cut, with a hash to keep it unique."""
    slug = ascii_slug(county)
    if slug and len(slug) <= 60:
        return slug
    digest = hashlib.sha1(county.encode("utf-8")).hexdigest()[:8]
    return f"{slug[:50].rstrip('-')}-{digest}" if slug else f"lan-{digest}"


def _year(value) -> int | None:
    return int(value[:4]) if isinstance(value, str) and value[:4].isdigit() else None


def decades(project: Record) -> list[str]:
    """The decades a project's period overlaps, e.g. ``2000-talet``; none if its start is unknown.

    An open end (a permanent activity) or an unknown end counts as lasting until the date its
    status is from, which is the last year the sources know of.
    """
    start = _year(project["period"]["start"])
    if start is None:
        return []
    end = _year(project["period"]["end"]) or _year(project["status_as_of"]) or start
    return [f"{decade}-talet" for decade in range(start // 10 * 10, max(start, end) // 10 * 10 + 1, 10)]


def record_values(kb: KnowledgeBase, record: Record) -> dict[str, list[str]]:
    """Facet key → the ids of the values this record has (a record may have several, or none)."""
    if record.record_type == "municipality":
        places = [record]
        kind, status, periods = "municipality", [], []
    else:
        places = kb.municipalities_of(record)
        kind, status, periods = record["kind"], [STATUS_SLUGS[record["status"]]], decades(record)
    counties = dict.fromkeys(m["county"] for m in places if m["county"] != "not_known")
    return {
        "kommun": [m.id for m in places],
        "lan": [county_id(c) for c in counties],
        "typ": [KIND_SLUGS[kind]],
        "status": status,
        "metod": list(record.get("methods", [])),
        "malgrupp": list(record.get("target_groups", [])),
        "kriterium": [v["criterion"] for v in record.get("criteria", []) if v["rating"] == "met"],
        "delvis": [v["criterion"] for v in record.get("criteria", []) if v["rating"] == "partly_met"],
        "period": periods,
        "evidens": [labels.EVIDENCE[kb.evidence_of(record).level][1]],
    }


def build_facets(kb: KnowledgeBase) -> list[Facet]:
    """Every facet with the values that at least one record has, and each value's records."""
    facets = [
        Facet("malgrupp", "Målgrupp", title="Målgrupp: {}"),
        Facet("metod", "Metod", title="Metod: {}"),
        Facet("evidens", "Vad stöder resultaten", title="Vad stöder resultaten: {}"),
        Facet("typ", "Typ", title="Typ: {}"),
        Facet("status", "Status enligt källan", title="Status: {}"),
        Facet("kriterium", "Uppfyller kriterium", title="{} – uppfyllt"),
        Facet("delvis", "Uppfyller kriterium delvis", title="{} – delvis uppfyllt"),
        Facet("period", "Period", title="Period: {}"),
        Facet("lan", "Län eller landskap", title="Län eller landskap: {}"),
        Facet("kommun", "Kommun"),
    ]
    by_key = {f.key: f for f in facets}
    # Values in a fixed, meaningful order: the vocabularies' own order, or by name.
    for group in kb.target_groups.values():
        by_key["malgrupp"].values[group.id] = FacetValue(
            group.id, group.name, static_src=urls.record_src("target_group", group.id))
    for method in kb.methods.values():
        by_key["metod"].values[method.id] = FacetValue(method.id, method.name)
    for label, slug in labels.EVIDENCE.values():
        by_key["evidens"].values[slug] = FacetValue(slug, label)
    for kind, slug in KIND_SLUGS.items():
        by_key["typ"].values[slug] = FacetValue(slug, KIND_LABELS[kind])
    for status, slug in STATUS_SLUGS.items():
        by_key["status"].values[slug] = FacetValue(slug, labels.STATUSES[status])
    for criterion in kb.criteria.values():
        for key in ("kriterium", "delvis"):
            by_key[key].values[criterion.id] = FacetValue(
                criterion.id, f"Kriterium {criterion['number']}: {criterion['label']}")
    counties = sorted({m["county"] for m in kb.municipalities.values() if m["county"] != "not_known"},
                      key=county_id)
    for county in counties:
        by_key["lan"].values[county_id(county)] = FacetValue(county_id(county), county)
    for municipality in kb.municipalities.values():
        by_key["kommun"].values[municipality.id] = FacetValue(
            municipality.id, municipality.name, static_src=urls.record_src("municipality", municipality.id))

    period_values: set[str] = set()
    for record in (*kb.municipalities.values(), *kb.projects.values()):
        for key, ids in record_values(kb, record).items():
            if key == "period":
                for decade in ids:
                    if decade not in period_values:
                        period_values.add(decade)
                        by_key["period"].values[decade] = FacetValue(decade, decade)
            for value_id in ids:
                by_key[key].values[value_id].records.append(record)
    by_key["period"].values = dict(sorted(by_key["period"].values.items()))
    # A status is the sources' word at their time: "Pågår enligt källor från 2012 och 2015".
    for value in by_key["status"].values.values():
        years = sorted({labels.source_year(r["status_as_of"]) for r in value.records} - {""})
        if years:
            said = years[0] if len(years) == 1 else ", ".join(years[:-1]) + " och " + years[-1]
            value.label += f" enligt {'källa' if len(years) == 1 else 'källor'} från {said}"

    for facet in facets:
        facet.values = {k: v for k, v in facet.values.items() if v.records}
        for value in facet.values.values():
            if not value.static_src:
                value.static_src = f"{FINDER_DIR}/{facet.key}/{value.id}.md"
    return facets


def facet_data(kb: KnowledgeBase, facets: list[Facet], use_directory_urls: bool = True) -> str:
    """The JSON the filter page's script reads: compact, one array per record.

    ``facets`` lists each facet's value ids; a record is ``[name, url, line, [value indexes per
    facet], summary]``, where ``line`` says what and where it is and its status, and ``summary``
    is the first words of its summary, both shown under its name.
    """
    index = {f.key: {v: i for i, v in enumerate(f.values)} for f in facets}
    records = []
    for record in (*kb.municipalities.values(), *kb.projects.values()):
        values = record_values(kb, record)
        url = urls.src_to_url(urls.record_src(record.record_type, record.id), use_directory_urls)
        records.append([record.name, url, describe(kb, record),
                        [[index[f.key][v] for v in values[f.key]] for f in facets], summary_line(record)])
    data = {"facets": {f.key: list(f.values) for f in facets}, "records": records}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def describe(kb: KnowledgeBase, record: Record) -> str:
    """One line about a record for a result list: what it is, where, when, its status."""
    if record.record_type == "municipality":
        parts = ["Modellkommun" if record["model_municipality"] else "Kommun"]
        if record["county"] != "not_known":
            parts.append(record["county"])
        return ", ".join(parts)
    parts = [labels.KINDS[record["kind"]], ", ".join(m.name for m in kb.municipalities_of(record))]
    period = period_text(record)
    if period:
        parts.append(period)
    parts.append(labels.dated_status(record).lower())
    return ", ".join(parts)


SUMMARY_CHARACTERS = 160


def summary_line(record: Record) -> str:
    """The opening of a record's summary, cut at a word, for one line in a result list."""
    text = " ".join(str(record.get("summary") or "").split())
    if len(text) <= SUMMARY_CHARACTERS:
        return text
    return text[:SUMMARY_CHARACTERS].rsplit(" ", 1)[0] + " …"


def period_text(project: Record) -> str:
    start, end = project["period"]["start"], project["period"]["end"]
    if start == "not_known" and end in ("not_known", "open"):
        return ""
    first = "?" if start == "not_known" else str(start)[:4]
    last = "" if end == "open" else "?" if end == "not_known" else str(end)[:4]
    return first if first == last else f"{first}–{last}"
