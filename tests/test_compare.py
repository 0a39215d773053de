"""The compare view, results on method pages and the socio-economic page (issue 11)."""

from __future__ import annotations

import itertools
import json
import re

from browser_support import checked_page
from site_fixtures import read_html, resolve_href

from kunskapsbanken.render import labels, urls


def page_url(record) -> str:
    return urls.src_to_url(urls.record_src(record.record_type, record.id))


def text(node) -> str:
    """The visible words; a glossary term's expansion for screen readers is left out."""
    for hidden in node.select(".kb-term-link .kb-visually-hidden"):
        hidden.extract()
    return " ".join(node.get_text(" ").split())


def words(node) -> str:
    """The text as one reads it, element borders ignored (an <abbr> inside a word adds no space)."""
    for hidden in node.select(".kb-term-link .kb-visually-hidden"):
        hidden.extract()
    return " ".join(node.get_text("").split())


def pair_url(a, b) -> str:
    return f"jamfor/{a.id}-{b.id}/"


def model_pairs(kb):
    return list(itertools.combinations(kb.model_municipalities(), 2))


def test_a_static_page_for_every_pair_linked_from_both_municipalities_and_the_matrix(built_site, knowledge_base):
    pairs = model_pairs(knowledge_base)
    assert len(pairs) == 10
    matrix_links = {resolve_href("jamforelse/", a["href"]) for a in read_html(built_site, "jamforelse/").select("a[href]")}
    for a, b in pairs:
        assert (built_site / pair_url(a, b) / "index.html").is_file()
        assert pair_url(a, b) in matrix_links
        for record in (a, b):
            links = {resolve_href(page_url(record), x["href"])
                     for x in read_html(built_site, page_url(record)).select("article a[href]")}
            assert pair_url(a, b) in links, (record.id, pair_url(a, b))


def section_cells(soup, key):
    return soup.select(f"section[aria-labelledby=jf-{key}] .kb-compare__cell")


def test_pair_page_holds_both_summaries_figures_and_the_ten_verdicts_in_order(built_site, knowledge_base):
    a, b = knowledge_base.municipalities["partille"], knowledge_base.municipalities["tyreso"]
    soup = read_html(built_site, pair_url(a, b))
    assert [s["aria-labelledby"] for s in soup.select(".kb-compare > section")] == [
        "jf-sammanfattning", "jf-malgrupp", "jf-metoder", "jf-resultat", "jf-framgangsfaktorer", "jf-hinder",
        "jf-kriterier"]
    for i, record in enumerate((a, b)):
        own = read_html(built_site, page_url(record))
        # The summary: the same text as the lead on the record's own page.
        assert words(own.select_one(".kb-lead")) in words(section_cells(soup, "sammanfattning")[i])
        # Every structured figure, in order, with its value.
        items = section_cells(soup, "resultat")[i].select("li")
        figures = record["results"].get("figures", [])
        assert len(items) == len(figures)
        for li, figure in zip(items, figures):
            assert figure["label"] in text(li)
            assert li.select_one(".kb-source")
        methods = [x.get_text(strip=True) for x in section_cells(soup, "metoder")[i].select("li a")]
        assert methods == [knowledge_base.methods[m].name for m in record["methods"]]
        for key, field in (("framgangsfaktorer", "success_factors"), ("hinder", "obstacles")):
            assert len(section_cells(soup, key)[i].select("li")) == len(record[field])
    criteria = soup.select("ol.kb-compare__criteria > li")
    assert [int(li["value"]) for li in criteria] == list(range(1, 11))
    for li, criterion in zip(criteria, knowledge_base.criteria.values()):
        assert criterion["text"] in text(li.h3)
        cells = li.select(".kb-compare__cell")
        assert len(cells) == 2
        for cell, record in zip(cells, (a, b)):
            verdict = knowledge_base.verdict(record, criterion.id)
            assert f"{record.name}:" in text(cell)
            assert labels.rating_label(verdict["rating"]) in text(cell.select_one(".kb-compare__verdict"))
            details = cell.select_one("details")
            assert details.summary and "Motivering" in text(details.summary)
            first_words = " ".join(verdict["justification"].split()[:5])
            assert first_words in text(details)


def test_picker_data_covers_every_municipality_and_project(built_site, knowledge_base):
    index = json.loads((built_site / "data/jamfor/index.json").read_text(encoding="utf-8"))
    kinds = {k["parameter"]: [r["id"] for r in k["records"]] for k in index["kinds"]}
    assert kinds["kommuner"] == list(knowledge_base.municipalities)
    assert kinds["projekt"] == list(knowledge_base.projects)
    for kind in index["kinds"]:
        for entry in kind["records"]:
            column = json.loads((built_site / entry["data"]).read_text(encoding="utf-8"))
            assert column["id"] == entry["id"]
            assert set(column["cells"]) == {s["key"] for s in index["sections"]} | {f"k{n}" for n in range(1, 11)}
            assert "<script" not in json.dumps(column).lower()


READ_GRID = """sel => { const grid = document.querySelector(sel);
  return {text: grid.innerText.replace(/\\s+/g, ' ').trim(),
          links: Array.from(grid.querySelectorAll('a[href]')).map(a => a.href),
          count: grid.dataset.count}; }"""


def test_picker_builds_the_same_content_as_the_static_page(site_url, browser):
    with checked_page(browser, viewport={"width": 1280, "height": 900}) as page:
        page.goto(site_url + "jamfor/partille-tyreso/")
        static = page.evaluate(READ_GRID, ".kb-compare")
        page.goto(site_url + "jamfor/?kommuner=partille,tyreso")
        page.wait_for_selector(".kb-compare-result .kb-compare")
        built = page.evaluate(READ_GRID, ".kb-compare-result .kb-compare")
        assert built == static
        assert page.get_by_label("Första").input_value() == "partille"
        # Choosing a third municipality puts it in the address and in the grid.
        page.get_by_label("Tredje").select_option("skelleftea")
        page.wait_for_selector(".kb-compare-result .kb-compare[data-count='3']")
        assert page.url.endswith("jamfor/?kommuner=partille,tyreso,skelleftea")
        names = page.eval_on_selector_all("section[aria-labelledby=jf-sammanfattning] .kb-compare__name",
                                          "els => els.map(e => e.textContent)")
        assert names == ["Partille", "Tyresö", "Skellefteå"]
        # Projects too, up to four.
        page.goto(site_url + "jamfor/?projekt=kraft,ips-lund,koman,finsam-lund")
        page.wait_for_selector(".kb-compare-result .kb-compare[data-count='4']")
        assert "Kraft" in page.locator(".kb-compare-picker__status").text_content()


def test_picker_says_so_when_its_data_does_not_come(site_url, browser):
    """A file that fails (offline, a broken deploy) is said in words on the page, never a blank."""
    missing = r"data/jamfor/.*\.json|404"
    with checked_page(browser, allow=[missing], viewport={"width": 1280, "height": 900}) as page:
        page.route("**/data/jamfor/index.json", lambda route: route.fulfill(status=404, body="saknas"))
        page.goto(site_url + "jamfor/?kommuner=partille,tyreso")
        notice = page.locator(".kb-compare-picker__nojs")
        notice.filter(has_text="Väljaren kunde inte laddas").wait_for()
        assert notice.get_attribute("role") == "alert" and notice.is_visible()
        page.unroute("**/data/jamfor/index.json")
        # The index comes, one record's cells do not: the status line says so, and no half grid stays.
        page.route("**/data/jamfor/kommuner/tyreso.json", lambda route: route.fulfill(status=500, body="fel"))
        page.goto(site_url + "jamfor/?kommuner=partille,tyreso")
        status = page.locator(".kb-compare-picker__status")
        status.filter(has_text="Uppgifterna kunde inte laddas").wait_for()
        assert status.is_visible() and page.locator(".kb-compare-result .kb-compare").count() == 0


def test_compare_page_is_readable_at_375_px_and_in_print(site_url, browser):
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        page.goto(site_url + "jamfor/partille-tyreso/")
        width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        columns = page.eval_on_selector(".kb-compare__row", "el => getComputedStyle(el).gridTemplateColumns.split(' ').length")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
    assert width[0] <= width[1]
    assert columns == 1, "columns are not stacked on a phone"
    assert pdf[:4] == b"%PDF"


def test_method_pages_show_what_each_user_achieved(built_site, knowledge_base):
    from kunskapsbanken.data.results import headline_figure

    method = knowledge_base.methods["supported-employment"]
    users = knowledge_base.method_users[method.id]
    soup = read_html(built_site, page_url(method))
    rows = soup.select("table.kb-method-results tbody tr")
    # The visible name (a hidden word after it says "kommun" or "projekt" to screen readers).
    assert [next(r.th.a.strings).strip() for r in rows] == [u.name for u in (*users.municipalities, *users.projects)]
    assert [r.th.select_one(".kb-visually-hidden").get_text() for r in rows] == \
        [" – kommun"] * len(users.municipalities) + [" – projekt"] * len(users.projects)
    with_result = 0
    for row, user in zip(rows, (*users.municipalities, *users.projects)):
        result = text(row.select_one("td[data-label='Främsta resultat']"))
        figure = headline_figure(user)
        if figure is None:
            assert result in ("Inga resultat redovisade.", f"Inga resultat i siffror. Resultaten i text för {user.name} .",
                              f"Inga resultat i siffror. Resultaten i text för {user.name}.")
            continue
        with_result += 1
        assert figure["label"] in result and row.select_one(".kb-source")
        if user.record_type == "project":
            assert labels.project_status(user) in text(row)
    assert with_result >= 2


def test_socio_economic_page_gathers_every_typfall_in_plain_words(built_site, knowledge_base):
    soup = read_html(built_site, "samhallsekonomi/")
    body = text(soup.select_one("article"))
    for word in ("besparing", "sparar", "samhällsekonomi"):
        assert word in body.lower(), word
    assert "Kommunen: intäkt på 193 000 kr efter ett år" in body.replace("\u00a0", " ")
    assert "Arbetsförmedlingen: intäkt på minus 260 000 kr, alltså ökade kostnader, efter ett år" in body.replace("\u00a0", " ")
    links = {resolve_href("samhallsekonomi/", a["href"]) for a in soup.select("article a[href]")}
    for record in (*knowledge_base.municipalities.values(), *knowledge_base.projects.values()):
        for ds in record.get("results", {}).get("datasets", []):
            if any("kronor" in c.get("unit", "") for c in ds["columns"]):
                assert soup.find(id=f"samhallsekonomi-{record.id}-{ds['id']}"), (record.id, ds["id"])
                assert page_url(record) in links
                if ds.get("note"):
                    assert " ".join(ds["note"].split()[:6]) in body  # the evaluator's caveat
    for record_id in ("finsam-lund", "ips-lund", "kraft"):
        assert soup.find(id=f"samhallsekonomi-{record_id}"), record_id
    assert re.search(r"603\s000", body.replace("\u00a0", " "))


def test_socio_economic_page_is_findable_by_search(built_site):
    """The words a reader searches with stand in the page's indexed text, and the index lists the page."""
    soup = read_html(built_site, "samhallsekonomi/")
    body = soup.select_one("[data-search-body]")
    assert body is not None, "the page is not in the search index"
    text = body.get_text(" ").lower()
    for word in ("besparing", "sparar", "samhällsekonomi"):
        assert word in text, word
    listed = [row[0] for page_file in (built_site / "sok" / "sidor").iterdir()
              for row in json.loads(page_file.read_text(encoding="utf-8"))]
    assert "samhallsekonomi/" in listed


