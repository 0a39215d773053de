"""Plain words all the way (issue 24, parts 5 and 6): the economy page can be found from the menu,
the start page and every record with socio-economic figures; charts and matrix cards say what
they show in the reader's words; counts agree with their nouns ("1 person", never "1 personer")."""

from __future__ import annotations

import re

import pytest
from browser_support import axe_violations, checked_page, describe_violations, page_urls
from site_fixtures import read_html, resolve_href

from kunskapsbanken.render.numbers import count, unit_for
from kunskapsbanken.site import economy

FOLDERS = {"municipality": "kommuner", "project": "projekt"}


# --- the economy page -----------------------------------------------------------------------


def test_the_economy_page_is_a_menu_item_of_its_own_and_on_the_start_page(built_site):
    start = read_html(built_site, "")
    tabs = [resolve_href("", a["href"]) for a in start.select("nav.md-tabs a.md-tabs__link")]
    assert "samhallsekonomi/" in tabs, tabs
    assert any(resolve_href("", a["href"]) == "samhallsekonomi/" for a in start.select("article a[href]"))


def test_every_record_with_economic_figures_links_to_them(built_site, knowledge_base):
    page = read_html(built_site, "samhallsekonomi/")
    ids = {h2["id"] for h2 in page.select("article h2[id]")}
    linked = 0
    for record in (*knowledge_base.municipalities.values(), *knowledge_base.projects.values()):
        url = f"{FOLDERS[record.record_type]}/{record.id}/"
        article = read_html(built_site, url).select_one("article")
        to_economy = [(resolve_href(url, a["href"].partition("#")[0]), a["href"].partition("#")[2])
                      for a in article.select("p.kb-economy-link a[href]")]
        if economy.record_effects(record):
            assert to_economy == [("samhallsekonomi/", f"samhallsekonomi-{record.id}")], url
            assert f"samhallsekonomi-{record.id}" in ids
            linked += 1
        else:
            assert not to_economy, f"{url} links to the economy page but has no figures there"
    assert linked >= 3  # Kraft, IPS and Skellefteå at least


def test_the_kraft_chart_says_what_it_counts_in_plain_words(built_site):
    article = read_html(built_site, "projekt/kraft/").select_one("article")
    text = article.get_text(" ")
    assert "markering" not in text.replace("markeringar i flera kolumner", "")  # the dataset's own note
    figure = next(f for f in article.select("figure") if "hur många varje uppgift gäller" in f.get_text())
    assert "en rad per individ" in figure.get_text()


# --- the matrix on a phone -------------------------------------------------------------------


def test_matrix_cards_name_each_criterion_on_a_phone(site_url, browser, knowledge_base):
    criteria = sorted(knowledge_base.criteria.values(), key=lambda c: c["number"])
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        page.goto(site_url + "jamforelse/")
        shown = page.eval_on_selector(
            "table.kb-matrix tbody tr",
            "tr => [...tr.querySelectorAll('td:not(.kb-total)')].map(td => getComputedStyle(td, '::before').content)")
    assert len(shown) == len(criteria)
    for before, criterion in zip(shown, criteria):
        assert before.startswith(f'"{criterion["number"]}. {criterion["label"]}: '), before


# --- counts and labels ------------------------------------------------------------------------


@pytest.mark.parametrize("value, unit, expected", [
    (1, "personer", "person"), (2, "personer", "personer"), (1, "personer per år", "person per år"),
    (1, "procent", "procent"), (1.0, "grupper", "grupp"), (True, "personer", "personer"),
])
def test_a_unit_agrees_with_its_number(value, unit, expected):
    assert unit_for(value, unit) == expected


def test_count():
    assert (count(1, "kommuner"), count(0, "kommuner"), count(1200, "texter")) == \
        ("1 kommun", "0 kommuner", "1\u00a0200 texter")


SLIPS = re.compile(r"(?<![\d,\u00a0])1 (?:personer|kommuner|grupper|månader|texter)\b|Källa:\s*Källa:")


def test_no_count_slip_and_no_double_source_label_anywhere(built_site):
    checked = 0
    for url in page_urls(built_site):
        if url.startswith("admin/"):
            continue
        article = read_html(built_site, url).select_one("article")
        if article is None:
            continue
        for hidden in article.select(".kb-visually-hidden"):
            hidden.decompose()
        found = SLIPS.findall(article.get_text(" "))
        assert not found, f"{url}: {found}"
        # A stacked table cell is labelled by CSS from data-label: its text must not repeat it.
        for cell in article.select('td[data-label="Källa"]'):
            assert not cell.get_text(strip=True).startswith("Källa"), url
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("url", ["ordlista/", "jamforelse/", "samhallsekonomi/", "projekt/kraft/"])
def test_the_changed_pages_pass_axe(site_url, browser, width, url):
    with checked_page(browser, viewport={"width": width, "height": 900}, is_mobile=width < 600) as page:
        page.goto(site_url + url)
        violations = axe_violations(page)
    assert not violations, describe_violations(violations)
