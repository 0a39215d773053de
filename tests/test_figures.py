"""Figures say what the source says (issue 22): every figure knows its kind, qualifier and scope, and
every view that shows it (record page, chart, CSV, economy page, method page, compare view) keeps them."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from site_fixtures import PROJECT, read_html, resolve_href

from kunskapsbanken.render import figures as words
from kunskapsbanken.render import urls
from kunskapsbanken.site.charts import CSV_FACTS
from kunskapsbanken.site.economy import is_socio_economic


def page_url(record) -> str:
    return urls.src_to_url(urls.record_src(record.record_type, record.id))


def text(node) -> str:
    """What a reader sees: text for screen readers only left out, spaces normalised."""
    for hidden in node.select(".kb-visually-hidden"):
        hidden.extract()
    # A marked term is inline: "försörjningsstödet: 97" must not read "försörjningsstödet : 97".
    for mark in node.select(".kb-term-link, abbr.kb-term"):
        mark.unwrap()
    node.smooth()
    return " ".join(node.get_text(" ").replace("\u00a0", " ").split())


def plain(value: str) -> str:
    return " ".join(str(value).replace("\u00a0", " ").split())


def figures_of(kb):
    return [(record, f) for record in (*kb.municipalities.values(), *kb.projects.values())
            for f in (record.get("results") or {}).get("figures", [])]


def must_say(figure: dict) -> list[str]:
    """The words no view of the figure may drop: the source's qualifier, whose figure it is, and
    "prognos" for a forecast."""
    said = []
    if words.qualifier(figure) and words.is_number(figure["value"]):
        said.append(figure["qualifier"])
    if figure.get("scope"):
        said.append(plain(figure["scope"]["text"]))
    if figure.get("kind") == "forecast":
        said.append("prognos")
    return said


def csv_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


# --- the schema ----------------------------------------------------------------------------------

def _mini_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT / "tests" / "fixtures" / "mini_content", root / "content")
    shutil.copytree(PROJECT / "schema", root / "schema")
    return root


def test_the_schema_refuses_a_figure_without_kind(tmp_path):
    from kunskapsbanken.data import load_knowledge_base
    from kunskapsbanken.data.problems import ValidationFailed

    root = _mini_project(tmp_path)
    load_knowledge_base(root / "content", root / "schema", root)  # the fixture itself is valid
    path = root / "content" / "projects" / "kraft.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("      kind: outcome\n", "", 1), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        load_knowledge_base(root / "content", root / "schema", root)
    problems = [p for p in failed.value.problems if p.path.endswith("figures[0].kind")]
    assert len(problems) == 1, failed.value.problems
    assert "fältet 'kind' saknas" in problems[0].message and problems[0].line


def test_a_number_needs_its_qualifier_and_a_change_its_direction(tmp_path):
    from kunskapsbanken.data import load_knowledge_base
    from kunskapsbanken.data.problems import ValidationFailed

    root = _mini_project(tmp_path)
    path = root / "content" / "projects" / "kraft.yml"
    original = path.read_text(encoding="utf-8")
    for edited, field in ((original.replace("      qualifier: exakt\n", "", 1), "qualifier"),
                          (original.replace("kind: outcome", "kind: change", 1), "direction")):
        path.write_text(edited, encoding="utf-8")
        with pytest.raises(ValidationFailed) as failed:
            load_knowledge_base(root / "content", root / "schema", root)
        assert [p.path for p in failed.value.problems] == [f"results.figures[0].{field}"], failed.value.problems


def test_every_figure_in_content_is_classified(knowledge_base):
    figures = figures_of(knowledge_base)
    assert len(figures) > 100
    for record, f in figures:
        assert f["kind"] in words.KINDS, (record.id, f["label"])
        if words.is_number(f["value"]):
            assert f["qualifier"] in words.QUALIFIERS, (record.id, f["label"])
        if f["kind"] == "change":
            assert f["direction"] in words.DIRECTIONS, (record.id, f["label"])


def test_the_formatter_says_a_figure_as_the_source_does():
    figure = {"label": "Värde", "kind": "example", "qualifier": "upp till cirka", "value": 190000,
              "unit": "kronor per år", "scope": {"relation": "joint", "text": "gemensamt för fyra kommuner"},
              "period": "2014"}
    assert words.phrase(figure) == ("Värde: upp till cirka 190\u00a0000 kronor per år "
                                    "(räkneexempel; gemensamt för fyra kommuner; 2014)")
    assert words.signed({"value": 36, "direction": "decrease"}) == -36
    assert words.amount({"value": 4, "qualifier": "exakt", "unit": "personer"}) == "4 personer"
    assert words.amount({"value": 1, "qualifier": "exakt", "unit": "personer per år"}) == "1 person per år"
    assert words.amount({"value": 10, "value_to": 15, "qualifier": "exakt", "unit": "personer"}) == "10\u201315 personer"


def test_a_range_in_the_source_is_kept(built_site, knowledge_base):
    """Östervik: "10 – 15 st. på 10 år har kommit ut i arbete" is a range, not an unknown."""
    figure = next(f for f in knowledge_base.projects["ostervik-rehab"]["results"]["figures"]
                  if f["label"] == "Personer som kommit ut i arbete")
    assert (figure["value"], figure["value_to"]) == (10, 15)
    page = text(read_html(built_site, "projekt/ostervik-rehab/").select_one("table.kb-figures"))
    assert "10\u201315 personer" in page
    row = next(r for r in csv_rows(built_site / "data" / "siffror.csv")
               if r["id"] == "ostervik-rehab" and r["vad"] == figure["label"])
    assert (row["varde"], row["varde_till"]) == ("10", "15")


# --- every view of every figure ------------------------------------------------------------------

def test_every_view_of_every_figure_keeps_its_qualifier_and_scope(built_site, knowledge_base):
    """Walk every figure of every record; each view that shows it must say what the record says."""
    economy = read_html(built_site, "samhallsekonomi/")
    economy_items = [text(li) for li in economy.select("ul.kb-effects li")]
    siffror = csv_rows(built_site / "data" / "siffror.csv")
    checked = {"page": 0, "csv": 0, "chart": 0, "economy": 0}
    pages = {}
    for record, f in figures_of(knowledge_base):
        expected = must_say(f)
        label = plain(f["label"])
        url = page_url(record)
        soup = pages.setdefault(url, read_html(built_site, url))
        # The record page's table of figures.
        rows = [r for r in soup.select("table.kb-figures tbody tr") if r.th and plain(label) in text(r.th)]
        assert rows, (record.id, label)
        for word in expected:
            assert word.lower() in text(rows[0]).lower(), (record.id, label, word)
        checked["page"] += 1
        # siffror.csv.
        row = next(r for r in siffror if r["id"] == record.id and plain(r["vad"]) == label)
        assert row["sort"] == f["kind"] and row["precision"] == f.get("qualifier", "")
        assert row["vems_text"] == plain((f.get("scope") or {}).get("text", ""))
        assert row["kommentar"] == plain(f.get("note", ""))
        for word in expected:
            assert word in plain(row["text"]), (record.id, label, word)
        checked["csv"] += 1
        # Every chart that draws it: the caption, the table cell and the chart's CSV.
        for chart in soup.select("figure.kb-chart"):
            cells = [r for r in chart.select("table tbody tr") if text(r.th) == label]
            if not cells:
                continue
            caption = text(chart.figcaption)
            if f.get("scope"):
                assert plain(f["scope"]["text"]) in caption, (record.id, label)
            if words.qualifier(f):
                assert f["qualifier"] in text(cells[0]), (record.id, label)
            href = chart.select_one("a[download]")["href"]
            data = csv_rows(built_site / resolve_href(url, href))
            line = next(r for r in data if plain(r[next(iter(r))]) == label)
            assert line["Precision"] == f["qualifier"] and line["Vems siffra"] == plain((f.get("scope") or {}).get("text", ""))
            assert line["Sorts siffra"] == words.kind_label(f)
            checked["chart"] += 1
        # The economy page.
        if is_socio_economic(f):
            items = [i for i in economy_items if i.startswith(label)]
            assert items, (record.id, label)
            for word in expected:
                assert word in items[0], (record.id, label, word)
            value_part = items[0][len(label):].split("(")[0]
            assert "får tillbaka" not in items[0] and (words.qualifier(f) or "cirka" not in value_part), items[0]
            checked["economy"] += 1
    assert checked["page"] > 100 and checked["csv"] > 100 and checked["chart"] >= 10 and checked["economy"] >= 20, checked


def test_the_economy_page_says_what_the_sources_say(built_site):
    body = text(read_html(built_site, "samhallsekonomi/").select_one("article"))
    assert "får tillbaka" not in body
    assert "upp till 600 000 kronor" in body and "upp till cirka 190 000 kronor" in body
    assert "minst cirka 600 000 kronor" in body and "knappt 4 miljoner kronor" in body
    assert "Ökning av försörjningsstödet: 97 procent (ökning)" in body
    assert "svårt att bevisa den samhällsekonomiska vinsten" in body
    assert "Kostnader för Arbetsförmedlingen: ökning, källan anger inget belopp" in body
    assert "anges i källan för Karlstad" in body
    assert "Kommunen: intäkt på 193 000 kr efter ett år och 965 000 kr efter fem år (prognos)" in body


def test_compare_pages_keep_qualifier_and_scope(built_site, knowledge_base):
    soup = read_html(built_site, "jamfor/partille-tyreso/")
    items = [text(li) for li in soup.select(".kb-compare__figures li")]
    for f in knowledge_base.municipalities["tyreso"]["results"]["figures"]:
        item = next(i for i in items if plain(f["label"]) in i)
        for word in must_say(f):
            assert word in item, (f["label"], word)


# --- method pages --------------------------------------------------------------------------------

def test_a_method_page_headlines_only_outcomes(built_site, knowledge_base):
    shown = 0
    for method in knowledge_base.methods.values():
        users = knowledge_base.method_users[method.id]
        soup = read_html(built_site, page_url(method))
        rows = soup.select("table.kb-method-results tbody tr")
        for row, user in zip(rows, (*users.municipalities, *users.projects)):
            cell = text(row.select_one("td[data-label='Främsta resultat']"))
            figures = (user.get("results") or {}).get("figures", [])
            headline = [f for f in figures if f" – {plain(f['label'])}." in cell]
            if headline:
                f = headline[0]
                assert f["kind"] == "outcome" and not f.get("superseded"), (method.id, user.id, f["label"])
                assert (f.get("scope") or {}).get("relation") in (None, "joint"), (method.id, user.id)
                for word in must_say(f):
                    assert word in cell, (method.id, user.id, word)
                shown += 1
            else:
                assert not any(f["kind"] == "outcome" and words.is_number(f["value"]) and not f.get("superseded")
                               and (f.get("scope") or {}).get("relation") in (None, "joint") for f in figures), \
                    (method.id, user.id, cell)
            text_results = (user.get("results") or {}).get("text", "not_known") != "not_known"
            assert ("Inga resultat redovisade" in cell) == (not headline and not text_results), (method.id, user.id)
    assert shown >= 10


def test_named_headlines(built_site, knowledge_base):
    """The review's cases: staffing, an activity, a break-even example and a superseded goal are
    never a headline; users that report results in text say so."""
    def cell(method_id, user):
        soup = read_html(built_site, page_url(knowledge_base.methods[method_id]))
        row = next(r for r in soup.select("table.kb-method-results tbody tr") if text(r.th) == user.name)
        return text(row.select_one("td[data-label='Främsta resultat']"))

    for method_id, users in ((m.id, knowledge_base.method_users[m.id]) for m in knowledge_base.methods.values()):
        for user in (*users.municipalities, *users.projects):
            said = cell(method_id, user)
            assert "Jobbcoacher" not in said and "stadsbondgården" not in said and "7 personer per år" not in said
            assert "(första målet)" not in said
            if user.id in ("dc-tjanst", "utvecklingscenter"):
                assert "Resultaten i text" in said and "Inga resultat redovisade" not in said
            if user.id == "partille":
                assert said.startswith("7 personer (mål 13)")
            if user.id == "tyreso":
                assert "gemensamt för de fyra KomAn-kommunerna" in said and said.startswith("23 procent")


# --- the CSV files -------------------------------------------------------------------------------

def test_csv_files_carry_kind_qualifier_scope_and_note(built_site):
    header = next(csv.reader(io.StringIO((built_site / "data" / "siffror.csv").read_text(encoding="utf-8"))))
    assert {"sort", "precision", "riktning", "vems", "vems_text", "kommentar", "text"} <= set(header)
    charts = list((built_site / "data" / "diagram").glob("*.csv"))
    assert len(charts) >= 10
    for path in charts:
        first = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert first[-len(CSV_FACTS):] == list(CSV_FACTS), path.name


def test_population_says_the_sources_qualifier(built_site, knowledge_base):
    """Tyresö has "drygt 43 000 innevånare": the pages say drygt, not cirka."""
    for municipality in knowledge_base.municipalities.values():
        population = municipality["population"]
        if not words.is_number(population["value"]):
            continue
        said = words.amount({**population, "unit": ""})
        page = text(read_html(built_site, page_url(municipality)).select_one("article"))
        index = text(read_html(built_site, "kommuner/").select_one("article"))
        assert plain(said) in page and plain(said) in index, (municipality.id, said)
    assert knowledge_base.municipalities["tyreso"]["population"]["qualifier"] == "drygt"
