"""What backs each result (issue 22, part 3): the level each municipality and project gets, on its
page, as a facet in Hitta exempel and in the open data.

The expected level is computed here from the records with this file's own reading of the rules
written on the Om page, so that data/evidence.py is checked, not repeated.
"""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest
from helpers import validate
from site_fixtures import PROJECT, read_html, resolve_href

LABELS = {"external_evaluation": "Extern utvärdering", "own_follow_up": "Egen uppföljning med siffror",
          "results_in_words": "Resultat beskrivna i ord", "target_only": "Bara mål, inget resultat",
          "plan_only": "Bara planer", "nothing_reported": "Inget resultat redovisat"}
STRENGTH = list(LABELS)
"""Strongest first, as the Om page lists them."""
SLUGS = {"external_evaluation": "extern-utvardering", "own_follow_up": "egen-uppfoljning",
         "results_in_words": "resultat-i-ord", "target_only": "bara-mal", "plan_only": "bara-planer",
         "nothing_reported": "inget-redovisat"}


def expected_level(record) -> str:
    """The rules on docs/om.md, in their order."""
    evaluations = record.get("evaluations") or []
    if any(e["external"] is True for e in evaluations):
        return "external_evaluation"
    results = record.get("results") or {}
    for figure in results.get("figures", []):
        value = figure["value"]
        if (isinstance(value, (int, float)) and figure.get("kind", "outcome") in ("outcome", "change")
                and (figure.get("scope") or {}).get("relation") not in ("other", "wider")):
            return "own_follow_up"
    goals = record.get("goals") or []
    if any(g["outcome"] != "not_known" for g in goals) or evaluations or results.get("described_in_words"):
        return "results_in_words"
    if record.get("status") == "planned":
        return "plan_only"
    return "target_only" if goals else "nothing_reported"


def expected_municipality_level(kb, municipality) -> tuple[str, set[str]]:
    own = expected_level(municipality)
    projects = kb.projects_by_municipality[municipality.id]
    best = min([own, *(expected_level(p) for p in projects)], key=STRENGTH.index)
    if best == own:
        return own, set()
    return best, {p.id for p in projects if expected_level(p) == best}


def records(kb):
    return [*kb.municipalities.values(), *kb.projects.values()]


def page_url(record) -> str:
    return f"{'kommuner' if record.record_type == 'municipality' else 'projekt'}/{record.id}/"


# --- the rules, from the records ------------------------------------------------------------------


def test_every_level_follows_the_written_rules(knowledge_base):
    kb = knowledge_base
    for project in kb.projects.values():
        assert kb.evidence_of(project).level == expected_level(project), project.file
    for municipality in kb.municipalities.values():
        level, via = expected_municipality_level(kb, municipality)
        evidence = kb.evidence_of(municipality)
        assert (evidence.level, {p.id for p in evidence.via}) == (level, via), municipality.file


def test_an_externally_evaluated_project_and_one_with_nothing(knowledge_base):
    kb = knowledge_base
    kabare = kb.evidence_of(kb.projects["kabare-unik"])
    assert kabare.level == "external_evaluation"
    # Payoff's evaluation is external; Selander's (2013) is not known to be, so it is not named.
    assert [(e.by, e.date) for e in kabare.evaluators] == [("Payoff Utvärdering och Analys AB", "2015-03-17")]
    assert kabare.source["document"] == "payoff-utvardering-2015"
    hamnen = kb.evidence_of(kb.projects["hamnen"])
    assert hamnen.level == "nothing_reported" and not hamnen.evaluators
    # A municipality takes its projects' strongest level and names them.
    lund = kb.evidence_of(kb.municipalities["lund"])
    assert lund.level == "external_evaluation" and "kabare-unik" in {p.id for p in lund.via}
    assert kb.evidence_of(kb.projects["start"]).level == "plan_only"
    assert kb.evidence_of(kb.projects["dc-tjanst"]).level == "results_in_words"
    # Every level the rules name is reached by some record, except where no record fits.
    assert {kb.evidence_of(r).level for r in records(kb)} >= {
        "external_evaluation", "results_in_words", "target_only", "plan_only", "nothing_reported"}


def test_an_evaluation_must_say_whether_it_is_external(tmp_path):
    project = tmp_path / "kb"
    shutil.copytree(PROJECT / "content", project / "content")
    path = project / "content" / "projects" / "kabare-unik.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    external: true\n", "", 1), encoding="utf-8")
    result = validate(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"content/projects/kabare-unik\.yml:\d+:\d+: evaluations\[\d\].*external", output), output


# --- the pages --------------------------------------------------------------------------------------


def test_every_record_page_shows_its_level_with_source_and_rules(built_site, knowledge_base):
    kb = knowledge_base
    for record in records(kb):
        url = page_url(record)
        box = read_html(built_site, url).select_one("article .kb-evidence")
        assert box is not None, url
        evidence = kb.evidence_of(record)
        assert box.select_one(".kb-evidence__badge").get_text(strip=True) == LABELS[evidence.level], url
        text = " ".join(box.get_text(" ").split())
        source = box.select_one(".kb-source a")
        # glossary terms get expanded, so only the section's first word is compared
        assert resolve_href(url, source["href"]) == "kallor/" and evidence.source["section"].split()[0] in text, url
        assert any(resolve_href(url, a["href"]) == "om/" and a["href"].endswith("#vad-stoder-resultaten")
                   for a in box.select("a")), url
        for evaluator in evidence.evaluators:
            assert evaluator.by in text or evaluator.by == "not_known", url
            assert evaluator.date in text or evaluator.date == "not_known", url
        assert {resolve_href(url, a["href"]) for a in box.select("a")} >= {page_url(p) for p in evidence.via}, url
    kabare = " ".join(read_html(built_site, "projekt/kabare-unik/").select_one(".kb-evidence").get_text().split())
    assert "Extern utvärdering: Payoff Utvärdering och Analys AB, 2015-03-17" in kabare


def test_the_rules_are_written_on_the_om_page(built_site):
    soup = read_html(built_site, "om/")
    heading = soup.find(id="vad-stoder-resultaten")
    assert heading is not None and heading.name == "h2"
    rules = [li.get_text(" ", strip=True) for li in heading.find_next("ol").find_all("li", recursive=False)]
    named = [next(label for label in LABELS.values() if rule.startswith(label)) for rule in rules]
    assert sorted(named) == sorted(LABELS.values())


def test_levels_are_a_facet_in_hitta_exempel(built_site, knowledge_base):
    kb = knowledge_base
    finder = read_html(built_site, "hitta-exempel/")
    boxes = finder.select("fieldset[data-facet=evidens] input[type=checkbox]")
    used = {kb.evidence_of(r).level for r in records(kb)}
    assert [b["value"] for b in boxes] == [SLUGS[level] for level in STRENGTH if level in used]
    for level in used:
        url = f"hitta-exempel/evidens/{SLUGS[level]}/"
        soup = read_html(built_site, url)
        listed = {resolve_href(url, a["href"]) for a in soup.select("article ul.kb-facet-list > li > a")}
        assert listed == {page_url(r) for r in records(kb) if kb.evidence_of(r).level == level}, url


# --- the open data -------------------------------------------------------------------------------


def _table(site, name: str) -> dict[str, dict]:
    text = (site / "data" / f"{name}.csv").read_text(encoding="utf-8-sig")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("name,kind", [("kommuner", "municipalities"), ("projekt", "projects")])
def test_levels_are_columns_in_the_open_data(built_site, knowledge_base, name, kind):
    kb = knowledge_base
    rows = _table(built_site, name)
    for record in getattr(kb, kind).values():
        row, evidence = rows[record.id], kb.evidence_of(record)
        assert row["evidens"] == evidence.level and row["evidens_text"] == LABELS[evidence.level], record.id
        assert (row["evidens_kalla"], row["evidens_kalla_avsnitt"]) == (
            evidence.source["document"], evidence.source["section"]), record.id
        if kind == "municipalities":
            assert set(filter(None, row["evidens_projekt"].split(";"))) == {p.id for p in evidence.via}
    assert rows["kabare-unik" if kind == "projects" else "lund"]["evidens_utvarderare"] == (
        "Payoff Utvärdering och Analys AB, 2015-03-17")
    import json
    package = json.loads((built_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == name)["schema"]["fields"]}
    assert "Om kunskapsbanken" in fields["evidens"]["descriptions"]["sv"]


def test_the_compare_view_shows_each_records_level(built_site, knowledge_base):
    kb = knowledge_base
    tyreso, partille = kb.municipalities["tyreso"], kb.municipalities["partille"]
    soup = read_html(built_site, "jamfor/partille-tyreso/")
    said = [" ".join(p.get_text().split()) for p in soup.select("article .kb-compare__evidence")]
    assert len(said) == 2, said
    for record in (partille, tyreso):
        label = LABELS[kb.evidence_of(record).level]
        assert any(s.startswith(f"Vad stöder resultaten: {label}") for s in said), (record.id, said)
    assert any("Ramböll" in s for s in said)
