"""Open data to the standard (issue 15): a Frictionless Data Package whose column meanings come from
the JSON Schemas, and a DCAT-AP-SE catalogue that Sweden's data portal can harvest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from site_fixtures import PROJECT, copy_project, mkdocs_build, read_html, resolve_href

CANONICAL_CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def package(site: Path) -> dict:
    return json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))


def table(site: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig"))))


def test_frictionless_validates_the_built_package(built_site):
    from frictionless import validate

    report = validate(str(built_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} >= {"kommuner", "projekt", "bedomningar", "siffror", "jamforelse"}


def test_package_metadata_licence_version_sources(built_site, knowledge_base):
    descriptor = package(built_site)
    assert descriptor["licenses"][0]["path"] == CANONICAL_CC_BY
    assert descriptor["version"] and descriptor["created"].endswith("Z")
    assert descriptor["titles"]["sv"] and descriptor["titles"]["en"]
    assert [s["title"] for s in descriptor["sources"]] == [s["title"] for s in knowledge_base.sources.values()]
    csv_files = {p.relative_to(built_site / "data").as_posix() for p in (built_site / "data").rglob("*.csv")}
    assert {r["path"] for r in descriptor["resources"] if r["format"] == "csv"} == csv_files


def test_every_field_is_described_in_swedish_and_english(built_site):
    for resource in package(built_site)["resources"]:
        assert resource["descriptions"]["sv"] and resource["descriptions"]["en"], resource["name"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field["descriptions"]["sv"] and field["descriptions"]["en"], (resource["name"], field["name"])


def test_swedish_field_descriptions_come_from_the_json_schemas(built_site):
    schema = json.loads((PROJECT / "schema" / "municipality.schema.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in next(r for r in package(built_site)["resources"]
                                         if r["name"] == "kommuner")["schema"]["fields"]}
    assert fields["namn"]["descriptions"]["sv"] == schema["properties"]["name"]["description"]
    assert fields["modellkommun"]["title"] == schema["properties"]["model_municipality"]["title"]
    assert fields["invanare"]["type"] == "number"  # number_or_unknown: not_known is a missing value
    assert fields["modellkommun"]["type"] == "boolean"


def test_tables_hold_the_records(built_site, knowledge_base):
    municipalities = table(built_site, "kommuner")
    assert [r["id"] for r in municipalities] == list(knowledge_base.municipalities)
    for row in municipalities:
        record = knowledge_base.municipalities[row["id"]]
        assert row["namn"] == record.name
        population = record["population"]["value"]
        assert row["invanare"] == ("not_known" if population == "not_known" else str(population))
        assert (built_site / resolve_href("", row["sida"].split("/kunskapsbanken/", 1)[1]) / "index.html").exists()
    verdicts = table(built_site, "bedomningar")
    expected = [(r.id, v["criterion"], v["rating"]) for r in knowledge_base.verdict_records() for v in r["criteria"]]
    assert [(r["id"], r["kriterium"], r["bedomning"]) for r in verdicts] == expected
    figures = table(built_site, "siffror")
    expected_figures = [(r.id, f["label"]) for r in (*knowledge_base.municipalities.values(),
                                                     *knowledge_base.projects.values())
                        for f in (r.get("results") or {}).get("figures", [])]
    assert [(r["id"], r["vad"]) for r in figures] == expected_figures
    projects = table(built_site, "projekt")
    kraft = next(r for r in projects if r["id"] == "kraft")
    assert kraft["kommuner"].split(";") == knowledge_base.projects["kraft"]["municipalities"]


def test_a_schema_change_changes_the_package(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "schema" / "municipality.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["name"]["description"] = "Kommunens namn, ändrat i ett test."
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    fields = next(r for r in package(tmp_path / "site")["resources"] if r["name"] == "kommuner")["schema"]["fields"]
    assert next(f for f in fields if f["name"] == "namn")["descriptions"]["sv"] == "Kommunens namn, ändrat i ett test."


@pytest.fixture(scope="module")
def catalogue(built_site):
    from rdflib import Graph

    graph = Graph()
    graph.parse(str(built_site / "data" / "katalog.rdf"), format="xml")
    return graph


def test_catalogue_carries_the_mandatory_dcat_ap_se_properties(catalogue, built_site):
    from rdflib import RDF, Literal
    from rdflib.namespace import DCAT, DCTERMS, FOAF, Namespace

    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")

    def one(subject, predicate):
        values = list(catalogue.objects(subject, predicate))
        assert values, f"{subject} has no {predicate}"
        return values

    def titled(subject, predicate):
        langs = {v.language for v in one(subject, predicate) if isinstance(v, Literal)}
        assert {"sv", "en"} <= langs, f"{subject} {predicate}: {langs}"

    catalogs = list(catalogue.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogs) == 1
    catalog = catalogs[0]
    titled(catalog, DCTERMS.title)
    titled(catalog, DCTERMS.description)
    datasets = one(catalog, DCAT.dataset)
    for agent in one(catalog, DCTERMS.publisher):
        one(agent, FOAF.name)
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in catalogue
        titled(dataset, DCTERMS.title)
        titled(dataset, DCTERMS.description)
        for agent in one(dataset, DCTERMS.publisher):
            one(agent, FOAF.name)
        for contact in one(dataset, DCAT.contactPoint):
            one(contact, vcard.fn)
            assert list(catalogue.objects(contact, vcard.hasEmail)) or list(catalogue.objects(contact, vcard.hasURL))
        distributions = one(dataset, DCAT.distribution)
        assert len(distributions) >= 7
        for distribution in distributions:
            titled(distribution, DCTERMS.title)
            for url in one(distribution, DCAT.accessURL):
                path = str(url).split("/kunskapsbanken/", 1)[1]
                assert (built_site / path).is_file(), url
            assert str(one(distribution, DCTERMS.license)[0]) == CANONICAL_CC_BY


def test_catalogue_iris_are_absolute(catalogue):
    from rdflib import URIRef

    for triple in catalogue:
        for node in triple:
            if isinstance(node, URIRef):
                assert str(node).startswith(("http://", "https://", "mailto:")), node
            else:
                assert not type(node).__name__ == "BNode", "a blank node makes the file differ between builds"


def test_open_data_page_explains_both_and_links_every_export(built_site):
    soup = read_html(built_site, "oppna-data/")
    targets = {resolve_href("oppna-data/", a["href"]) for a in soup.select("article a[href]")}
    exports = {f"data/{p.name}" for p in (built_site / "data").iterdir() if p.is_file()}
    assert exports - targets == set(), "exports not linked from Öppna data"
    text = soup.get_text(" ")
    assert "Data Package" in text and "DCAT-AP-SE" in text and "Varför CC BY 4.0?" in text
