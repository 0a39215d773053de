"""The start page answers "what works?" (issue 24): each headline result is a figure exactly as its
record holds it, with its qualifier and source; readers find a way in; on a phone the site's name
and the page's purpose come first and the edit links after the text. Also the matrix's note on a
model municipality with no criterion met, the report path without an account, and axe at 375 px
on the pages this work changed."""

from __future__ import annotations

import pytest
from browser_support import axe_violations, checked_page, describe_violations
from site_fixtures import copy_project, mkdocs_build, read_html

from kunskapsbanken.render.numbers import format_number
from kunskapsbanken.site import home


def _text(el) -> str:
    return " ".join(el.get_text(" ").split())


def test_home_results_say_exactly_what_the_records_say(built_site, knowledge_base):
    items = read_html(built_site, "").select("ul.kb-home-results > li")
    assert len(items) == len(home.CHOSEN)
    by_name = {_text(li.select_one(".kb-home-results__who")): _text(li) for li in items}
    tyreso = by_name["Tyresö"]
    assert "23 procent" in tyreso and "Målet var 20 procent" in tyreso
    assert "Gäller de fyra KomAn-kommunerna gemensamt" in tyreso  # the qualifier, never dropped
    assert "avsnitt ”Tyresö – Resultat”" in tyreso
    assert "Från 121 till 78 miljoner kronor" in by_name["Skellefteå"]
    assert "Inga resultat i siffror" in by_name["Hudiksvall"]
    for result in home.home_results(knowledge_base):
        text = by_name[result.record.name]
        if result.figure is None:
            continue
        figure = result.figure
        for key in ("value", "baseline", "target"):
            if key in figure:
                assert " ".join(format_number(figure[key]).split()) in text, (result.record.name, key)
        assert figure["label"] in text and figure.get("period", "") in text
        assert " ".join(str(figure.get("note", "")).replace('"', "").split()) in text.replace('"', "")


def test_every_chosen_figure_exists_in_its_record(knowledge_base):
    """A renamed figure would silently fall back to the headline one: the choice must still match."""
    for collection, record_id, label in home.CHOSEN:
        record = getattr(knowledge_base, collection)[record_id]
        labels = [f["label"] for f in (record.get("results") or {}).get("figures", [])]
        assert not label or label in labels, (record_id, label)


def test_home_has_a_way_in_for_each_reader(built_site):
    ways = read_html(built_site, "").select_one("div.kb-home-ways > ul")
    hrefs = [a["href"] for a in ways.select("li > a:first-child")]
    for target in ("hitta-exempel/", "jamfor/", "lattlast/", "bidra/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) for h in hrefs), target


def test_on_a_phone_the_name_and_purpose_come_first_and_the_title_is_whole(site_url, browser):
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        page.goto(site_url)
        h1 = page.locator("article h1").bounding_box()
        actions = page.locator("nav.kb-actions").bounding_box()
        results = page.locator("ul.kb-home-results").bounding_box()
        assert h1["y"] < 150, "the page's name is not at the top on a phone"
        assert actions["y"] > results["y"], "edit and report links come before the content"
        title = page.locator(".md-header__topic:first-child .md-ellipsis")
        fits = title.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")
        assert fits and title.is_visible(), "the site name is cut in the header"


def test_matrix_says_why_a_model_municipality_meets_no_criterion(built_site, knowledge_base):
    from kunskapsbanken.data.matrix import build_matrix

    notes = {p["id"]: _text(p) for p in read_html(built_site, "jamforelse/").select("p.kb-matrix-why")}
    models = {m.id for m in knowledge_base.model_municipalities()}
    rows = [row for section in build_matrix(knowledge_base).sections for row in section.rows
            if row.record.id in models]
    zero = [row for row in rows if row.totals["met"] == 0]
    assert zero, "no model municipality without a met criterion: the note is untested"
    assert set(notes) == {f"varfor-{row.record.id}" for row in zero}
    for row in zero:
        text = notes[f"varfor-{row.record.id}"]
        assert f"{row.totals['not_known']} kriterier säger källorna ingenting" in text
        assert f"{row.totals['partly_met']} av de tio" in text


def test_report_without_an_account_on_every_page_when_an_address_is_set(tmp_path):
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'feedback_address: ""' in config  # the one place it is set
    config = config.replace('feedback_address: ""', "feedback_address: redaktionen@example.org", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for url in ("", "kommuner/tyreso/", "jamforelse/", "tillganglighet/", "ordlista/"):
        link = read_html(site, url).select_one("nav.kb-actions a[href^='mailto:']")
        assert link is not None, f"{url}: no report path without an account"
        assert link["href"].startswith("mailto:redaktionen@example.org?subject=")
        assert "inget konto" in _text(link)
    report = read_html(site, "rapportera/")
    assert report.select_one("article a[href^='mailto:redaktionen@example.org']")
    statement = read_html(site, "tillganglighet/").select_one("article")
    assert any(a["href"].rstrip("/").endswith("rapportera") for a in statement.select("a[href]"))


def test_a_bad_report_address_stops_the_build_with_a_swedish_message():
    from kunskapsbanken.site.feedback import FeedbackAddressInvalid, feedback_link

    assert feedback_link("")["kind"] == ""
    assert feedback_link("a@b.se") == {"kind": "email", "address": "a@b.se", "href": "mailto:a@b.se"}
    assert feedback_link("https://forms.example.org/x")["kind"] == "form"
    for bad in ("javascript:alert(1)", "http://x.example", "inte en adress"):
        with pytest.raises(FeedbackAddressInvalid, match="feedback_address"):
            feedback_link(bad)


@pytest.mark.parametrize("width", [375, 1280])
def test_changed_pages_pass_axe(site_url, browser, width):
    failures = []
    with checked_page(browser, viewport={"width": width, "height": 900}, locale="sv-SE") as page:
        for url in ("", "kommuner/tyreso/", "projekt/kraft/", "metoder/", "jamforelse/", "jamfor/",
                    "jamfor/partille-tyreso/", "samhallsekonomi/", "rapportera/", "tillganglighet/"):
            page.goto(site_url + url)
            failures += [f"{url}: {rule}: {targets}" for rule, targets in describe_violations(axe_violations(page))]
    assert not failures, failures
