"""Record pages on a phone (issue 12): a "På sidan" contents list at the top where the theme hides
its own table of contents, long lists folded with a count, and still nothing for axe to find."""

from __future__ import annotations

import re

import pytest
from browser_support import axe_violations, checked_page, describe_violations
from site_fixtures import read_html

FOLD_ABOVE = 5


def _page(browser, width):
    return checked_page(browser, viewport={"width": width, "height": 800}, is_mobile=width < 600, locale="sv-SE")


def _longest_municipality(knowledge_base):
    return max(knowledge_base.municipalities.values(), key=lambda m: len(m["success_factors"]))


# --- the HTML --------------------------------------------------------------------------------


def test_every_record_page_lists_its_sections_at_the_top(built_site, knowledge_base):
    folders = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}
    for record in knowledge_base.records:
        article = read_html(built_site, f"{folders[record.record_type]}/{record.id}/").select_one("article")
        nav = article.select_one('nav[aria-label="På sidan"]')
        assert nav is not None, record
        assert nav.find_previous_sibling(["p", "section", "div", "ul", "h2"]) is None, f"{record}: not at the top"
        sections = [h2["id"] for h2 in article.find_all("h2") if h2.get("id")]
        assert [a["href"] for a in nav.select("a")] == [f"#{s}" for s in sections], record


def test_long_lists_fold_with_a_count(built_site, knowledge_base):
    municipality = _longest_municipality(knowledge_base)
    count = len(municipality["success_factors"])
    assert count > FOLD_ABOVE  # the real content has such a list (issue 12: "22 framgångsfaktorer")
    article = read_html(built_site, f"kommuner/{municipality.id}/").select_one("article")
    heading = article.find("h2", id="framgangsfaktorer")
    details = heading.find_next_sibling()
    assert details.name == "details" and details.summary.get_text(strip=True) == f"{count} framgångsfaktorer"
    assert len(details.select("ul > li")) == count
    for ul in article.select("ul.kb-sourced, ul.kb-sources"):
        folded = ul.find_parent("details") is not None
        assert folded == (len(ul.find_all("li", recursive=False)) > FOLD_ABOVE), ul.find_previous("h2")["id"]
    sources = article.find("h2", id="kallor").find_next_sibling()
    n = len(municipality["sources"])
    if n > FOLD_ABOVE:
        assert sources.summary.get_text(strip=True) == f"{n} källor"


# --- Chromium --------------------------------------------------------------------------------


def test_the_contents_list_shows_on_a_phone_and_its_links_work(site_url, browser, knowledge_base):
    municipality = _longest_municipality(knowledge_base)
    with _page(browser, 375) as page:
        page.goto(site_url + f"kommuner/{municipality.id}/")
        nav = page.get_by_role("navigation", name="På sidan")
        assert nav.is_visible()
        top = nav.bounding_box()["y"]
        assert top < page.locator("article h2").first.bounding_box()["y"], "the list is not above the sections"
        page.evaluate("() => document.fonts.ready")
        nav.get_by_role("link", name="Resultat", exact=True).click()
        page.wait_for_function("() => location.hash === '#resultat'")
        box = page.locator("h2#resultat").bounding_box()
        assert 0 <= box["y"] < 800, "the link did not bring Resultat into view"
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_the_contents_list_is_hidden_where_the_theme_shows_its_own(site_url, browser, knowledge_base):
    municipality = _longest_municipality(knowledge_base)
    with _page(browser, 1280) as page:
        page.goto(site_url + f"kommuner/{municipality.id}/")
        display = page.eval_on_selector('nav[aria-label="På sidan"]', "el => getComputedStyle(el).display")
        theme_toc = page.locator(".md-sidebar--secondary .md-nav--secondary").first
        assert display == "none"  # not in the accessibility tree twice
        assert theme_toc.is_visible()


def test_a_folded_list_opens_with_the_keyboard_and_prints_open(site_url, browser, knowledge_base):
    municipality = _longest_municipality(knowledge_base)
    with _page(browser, 375) as page:
        page.goto(site_url + f"kommuner/{municipality.id}/")
        summary = page.locator("h2#framgangsfaktorer + details > summary")
        first_item = page.locator("h2#framgangsfaktorer + details li").first
        assert re.fullmatch(r"\d+ framgångsfaktorer", summary.inner_text().strip())
        assert not first_item.is_visible()
        summary.focus()
        page.keyboard.press("Enter")
        assert first_item.is_visible()
        page.keyboard.press("Enter")
        assert not first_item.is_visible()
        page.emulate_media(media="print")
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
        assert first_item.is_visible()


@pytest.mark.parametrize("kind", ["kommuner", "projekt", "metoder", "lattlast"])
def test_axe_finds_nothing_at_phone_width(site_url, browser, knowledge_base, kind):
    records = {"kommuner": knowledge_base.municipalities, "projekt": knowledge_base.projects,
               "metoder": knowledge_base.methods}
    url = "lattlast/" if kind == "lattlast" else f"{kind}/{next(iter(records[kind]))}/"
    with _page(browser, 375) as page:
        page.goto(site_url + url)
        violations = axe_violations(page)
    assert not violations, describe_violations(violations)
