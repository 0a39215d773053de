"""The comparison matrix for everyone (issue 11): every cell named by row, criterion and rating,
a legend for every symbol, sorting and filtering as progressive enhancement, and no sideways
scrolling or broken words on a phone, there and on the other wide tables."""

from __future__ import annotations

import pytest
from browser_support import checked_page
from site_fixtures import read_html

from kunskapsbanken.render import labels


def expected_name(record, criterion, verdict) -> str:
    rating = labels.RATINGS[verdict["rating"]][1] if verdict else "ingen bedömning"
    return f"{record.name}, kriterium {criterion['number']} {criterion['label']}: {rating}"


def sections(kb):
    municipalities = [m for m in kb.municipalities.values() if m.get("criteria")]
    return [municipalities] + ([kb.projects_with_verdicts()] if kb.projects_with_verdicts() else [])


def test_every_cell_is_named_by_row_criterion_and_rating(built_site, knowledge_base):
    soup = read_html(built_site, "jamforelse/")
    criteria = list(knowledge_base.criteria.values())
    for table, records in zip(soup.select("table.kb-matrix"), sections(knowledge_base)):
        for row, record in zip(table.select("tbody tr"), records):
            cells = row.find_all("td")[: len(criteria)]
            for cell, criterion in zip(cells, criteria):
                parts = [soup.find(id=i) for i in cell["aria-labelledby"].split()]
                assert all(parts), cell
                name = " ".join(p.get_text("", strip=False).strip() for p in parts)
                assert name == expected_name(record, criterion, knowledge_base.verdict(record, criterion.id))


def test_legend_explains_every_symbol_shown(built_site):
    soup = read_html(built_site, "jamforelse/")
    legend = soup.select_one(".kb-legend").get_text(" ", strip=True)
    shown = {cell.get("class", [""])[0] for cell in soup.select("table.kb-matrix tbody td:not(.kb-total)")}
    for label, short, symbol, code in labels.RATINGS.values():
        if f"c-{code}" in shown:
            assert symbol in legend and short in legend and label.lower() in legend
    assert "– = ingen bedömning" in legend


def test_accessible_names_in_chromium(site_url, page, knowledge_base):
    """The names Chromium itself computes (its accessibility tree), as a screen reader gets them."""
    page.goto(site_url + "jamforelse/")
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    names = [n.get("name", {}).get("value") for n in tree["nodes"]
             if n.get("role", {}).get("value") in ("cell", "gridcell")]
    expected = [expected_name(record, criterion, knowledge_base.verdict(record, criterion.id))
                for records in sections(knowledge_base) for record in records
                for criterion in knowledge_base.criteria.values()]
    assert [n for n in names if n and "kriterium" in n] == expected
    assert page.get_by_role("cell", name=expected[1], exact=True).count() == 1


RANK = {"met": 0, "partly_met": 1, "not_met": 2, "not_known": 3}


def visible_rows(page, table_index=0) -> list[str]:
    return page.eval_on_selector_all(
        f"#matris-{table_index + 1} tbody tr:not([hidden]) th a", "els => els.map(a => a.textContent)")


def test_sort_by_any_column(site_url, page, knowledge_base):
    from kunskapsbanken.data.model import swedish_sort_key

    page.goto(site_url + "jamforelse/")
    records = sections(knowledge_base)[0]
    criteria = list(knowledge_base.criteria.values())
    for index, criterion in enumerate(criteria, start=1):
        page.select_option("#kb-matrix-0-sort", str(index))
        def rank(r, criterion=criterion):
            v = knowledge_base.verdict(r, criterion.id)
            return (RANK[v["rating"]] if v else 4, swedish_sort_key(r.name))
        assert visible_rows(page) == [r.name for r in sorted(records, key=rank)], criterion.id
        header = page.locator("#matris-1 thead th").nth(index)
        assert header.get_attribute("aria-sort") == "ascending"
    # A header button sorts too, and a second click reverses.
    button = page.get_by_role("button", name="Sortera efter Kommun")
    button.click()
    button.click()
    assert visible_rows(page) == [r.name for r in sorted(records, key=lambda r: swedish_sort_key(r.name), reverse=True)]
    assert page.locator("#matris-1 thead th").first.get_attribute("aria-sort") == "descending"
    # By the totals: most criteria met first.
    page.select_option("#kb-matrix-0-sort", str(len(criteria) + 1))
    page.select_option("#kb-matrix-0-order", "asc")
    met = [sum(1 for c in r["criteria"] if c["rating"] == "met") for r in
           [next(x for x in records if x.name == n) for n in visible_rows(page)]]
    assert met == sorted(met, reverse=True)


def test_filter_by_rating(site_url, page, knowledge_base):
    page.goto(site_url + "jamforelse/")
    records = sections(knowledge_base)[0]
    criteria = list(knowledge_base.criteria.values())
    for index, criterion in enumerate(criteria, start=1):
        for rating, (_, _, _, code) in labels.RATINGS.items():
            page.select_option("#kb-matrix-0-criterion", str(index))
            page.select_option("#kb-matrix-0-rating", f"c-{code}")
            expected = {r.name for r in records if (knowledge_base.verdict(r, criterion.id) or {}).get("rating") == rating}
            assert set(visible_rows(page)) == expected, (criterion.id, rating)
            status = page.locator(".kb-matrix-tools__status").first.text_content()
            assert status.startswith(f"Visar {len(expected)} av {len(records)} rader")
    page.select_option("#kb-matrix-0-criterion", "")
    page.select_option("#kb-matrix-0-rating", "c-n")
    expected = {r.name for r in records if any(v["rating"] == "not_met" for v in r["criteria"])}
    assert set(visible_rows(page)) == expected
    page.select_option("#kb-matrix-0-rating", "any")
    assert len(visible_rows(page)) == len(records)


def test_without_javascript_the_full_table_and_no_dead_controls(site_url, browser, knowledge_base):
    with checked_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + "jamforelse/")
        rows = page.locator("table.kb-matrix tbody tr").count()
        controls = page.locator(".kb-matrix-tools, .kb-sort").count()
    assert rows == sum(len(s) for s in sections(knowledge_base))
    assert controls == 0


PHONE_PAGES = ["jamforelse/", "jamfor/partille-tyreso/", "projekt/kraft/", "projekt/finsam-lund/",
               "projekt/ips-lund/", "projekt/koman/", "kommuner/skelleftea/", "samhallsekonomi/",
               "metoder/supported-employment/"]


@pytest.mark.parametrize("url", PHONE_PAGES)
def test_no_sideways_scrolling_at_375_px(site_url, browser, url):
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        page.goto(site_url + url)
        width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        # No table may hide columns in a sideways scroll box either.
        boxes = page.eval_on_selector_all(".kb-scroll, .md-typeset__scrollwrap",
                                          "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
    assert width[0] <= width[1], f"{url}: the page scrolls sideways ({width})"
    assert boxes == 0, f"{url}: {boxes} table(s) scroll sideways"


@pytest.mark.parametrize("width", [375, 1280])
def test_no_name_in_the_matrix_breaks_mid_word(site_url, browser, width):
    with checked_page(browser, viewport={"width": width, "height": 800}) as page:
        page.goto(site_url + "jamforelse/")
        broken = page.eval_on_selector_all(
            "table.kb-matrix tbody th a",
            "els => els.filter(a => !a.textContent.includes(' ') && a.getClientRects().length > 1).map(a => a.textContent)")
        cards = page.eval_on_selector("table.kb-matrix tbody tr", "tr => getComputedStyle(tr).display")
    assert not broken, broken
    if width == 375:
        assert cards == "grid", "the matrix is not shown as cards on a phone"
