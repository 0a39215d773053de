"""The built site (issue 3): every record has its page, links work both ways, the matrix is right."""

from __future__ import annotations

import re

import pytest
from site_fixtures import read_html, resolve_href

from kunskapsbanken.render import labels, urls

KIND_MAPS = ("municipalities", "projects", "methods", "criteria")
KIND_OF = {"municipalities": "municipality", "projects": "project", "methods": "method", "criteria": "criterion"}


def page_url(kind: str, record_id: str) -> str:
    return urls.src_to_url(urls.record_src(kind, record_id))


def links_on(site, url: str) -> set[str]:
    """Site-relative targets of every link in the page's article."""
    soup = read_html(site, url)
    article = soup.select_one("article")
    return {resolve_href(url, a["href"]) for a in article.find_all("a", href=True)
            if not re.match(r"^[a-z]+:", a["href"])}


def test_every_record_has_its_page(built_site, knowledge_base):
    for attr in KIND_MAPS:
        records = getattr(knowledge_base, attr)
        assert records, f"no {attr} in the knowledge base"
        for record in records.values():
            url = page_url(KIND_OF[attr], record.id)
            soup = read_html(built_site, url)
            h1 = soup.select_one("article h1").get_text(strip=True)
            assert record.name in h1 or h1.endswith(record.get("label", record.name)), (url, h1)


def test_index_pages_list_every_record(built_site, knowledge_base):
    for attr in ("municipalities", "projects", "methods", "criteria"):
        kind = KIND_OF[attr]
        index = urls.src_to_url(urls.index_src(kind))
        targets = links_on(built_site, index)
        for record in getattr(knowledge_base, attr).values():
            assert page_url(kind, record.id) in targets, f"{index} does not link {record.id}"


def test_project_index_shows_key_facts(built_site, knowledge_base):
    soup = read_html(built_site, "projekt/")
    rows = soup.select("#projekt-tabell tbody tr")
    assert len(rows) == len(knowledge_base.projects)
    for row, project in zip(rows, knowledge_base.projects.values()):
        cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
        assert cells[0] == project.name
        assert labels.project_status(project) in cells[4]
        for method in knowledge_base.methods_of(project):
            assert method.name in cells[5]


def test_municipality_and_project_link_both_ways(built_site, knowledge_base):
    checked = 0
    for project in knowledge_base.projects.values():
        p_url = page_url("project", project.id)
        p_links = links_on(built_site, p_url)
        for municipality in knowledge_base.municipalities_of(project):
            m_url = page_url("municipality", municipality.id)
            assert m_url in p_links, f"{p_url} does not link {m_url}"
            assert p_url in links_on(built_site, m_url), f"{m_url} does not link back to {p_url}"
            checked += 1
    assert checked >= len(knowledge_base.projects)


def test_methods_link_both_ways(built_site, knowledge_base):
    for method in knowledge_base.methods.values():
        method_url = page_url("method", method.id)
        method_links = links_on(built_site, method_url)
        users = knowledge_base.method_users[method.id]
        for record in [*users.municipalities, *users.projects]:
            record_url = page_url(record.record_type, record.id)
            assert record_url in method_links, f"{method_url} does not list {record_url}"
            assert method_url in links_on(built_site, record_url), f"{record_url} does not link {method_url}"


def test_related_projects_link_both_ways(built_site, knowledge_base):
    for project in knowledge_base.projects.values():
        for other in project.get("related_projects", []):
            a, b = page_url("project", project.id), page_url("project", other)
            assert b in links_on(built_site, a) and a in links_on(built_site, b), (a, b)


def test_criterion_pages_list_every_verdict_and_link_back(built_site, knowledge_base):
    for criterion in knowledge_base.criteria.values():
        c_url = page_url("criterion", criterion.id)
        soup = read_html(built_site, c_url)
        verdicts = knowledge_base.verdicts_by_criterion[criterion.id]
        rows = soup.select("table.kb-criterion-verdicts tbody tr")
        assert len(rows) == len(verdicts)
        for row, cv in zip(rows, verdicts):
            assert row.th.get_text(strip=True) == cv.record.name
            assert labels.rating_label(cv.verdict["rating"]) in row.get_text(" ", strip=True)
            r_url = page_url(cv.record.record_type, cv.record.id)
            assert c_url in links_on(built_site, r_url)


def test_matrix_cells_equal_the_verdicts_and_totals_add_up(built_site, knowledge_base):
    soup = read_html(built_site, "jamforelse/")
    criteria = list(knowledge_base.criteria.values())
    tables = soup.select("table.kb-matrix")
    expected_rows = [m for m in knowledge_base.municipalities.values() if m.get("criteria")]
    expected_sections = [expected_rows] + ([knowledge_base.projects_with_verdicts()]
                                           if knowledge_base.projects_with_verdicts() else [])
    assert len(tables) == len(expected_sections)
    assert {m.id for m in knowledge_base.model_municipalities()} <= {m.id for m in expected_rows}
    for table, records in zip(tables, expected_sections):
        assert table.caption and table.caption.get_text(strip=True)
        headers = table.select("thead th")
        assert all(th.get("scope") == "col" for th in headers)
        for th, criterion in zip(headers[1:], criteria):
            assert resolve_href("jamforelse/", th.a["href"]) == page_url("criterion", criterion.id)
        rows = table.select("tbody tr")
        assert [r.th.a.get_text(strip=True) for r in rows] == [r.name for r in records]
        column_met = [0] * len(criteria)
        column_partly = [0] * len(criteria)
        for row, record in zip(rows, records):
            assert row.th["scope"] == "row"
            # The row's name leads to the record's page, where every verdict has its justification.
            target = resolve_href("jamforelse/", row.th.a["href"])
            assert target == page_url(record.record_type, record.id)
            assert read_html(built_site, target).select("ol.kb-verdicts > li[id^=k]")
            cells = row.find_all("td")
            met = partly = 0
            for i, criterion in enumerate(criteria):
                verdict = knowledge_base.verdict(record, criterion.id)
                cell = cells[i]
                if verdict is None:
                    assert cell.get_text(strip=True) == "–"
                    continue
                short, symbol, code = labels.RATINGS[verdict["rating"]][1:]
                assert cell.get_text(" ", strip=True) == short
                assert cell["class"] == [f"c-{code}"]  # the class that draws the symbol beside the word
                met += verdict["rating"] == "met"
                partly += verdict["rating"] == "partly_met"
                column_met[i] += verdict["rating"] == "met"
                column_partly[i] += verdict["rating"] == "partly_met"
            assert cells[len(criteria)].get_text(strip=True) == str(met)
            assert cells[len(criteria) + 1].get_text(strip=True) == str(partly)
        foot = table.select("tfoot tr")
        assert [td.get_text(strip=True) for td in foot[0].find_all("td")][: len(criteria)] == list(map(str, column_met))
        assert [td.get_text(strip=True) for td in foot[1].find_all("td")][: len(criteria)] == list(map(str, column_partly))


def test_matrix_region_is_focusable_and_named(built_site):
    soup = read_html(built_site, "jamforelse/")
    for region in soup.select(".kb-matrix-wrap"):
        assert region["role"] == "region" and region["tabindex"] == "0"
        assert soup.find(id=region["aria-labelledby"]).name == "caption"


def test_edit_links_open_the_yaml_file(built_site, knowledge_base):
    for record in knowledge_base.records:
        soup = read_html(built_site, page_url(record.record_type, record.id))
        edit = soup.select_one("a[rel=edit]")
        assert edit is not None, record
        assert edit["href"].endswith("/edit/main/" + record.file), edit["href"]


def test_model_municipality_page_shows_all_ten_verdicts(built_site, knowledge_base):
    for municipality in knowledge_base.model_municipalities():
        soup = read_html(built_site, page_url("municipality", municipality.id))
        items = soup.select("ol.kb-verdicts > li")
        assert [li["id"] for li in items] == [f"k{n}" for n in range(1, 11)]
        for li, criterion in zip(items, knowledge_base.criteria.values()):
            verdict = knowledge_base.verdict(municipality, criterion.id)
            assert labels.rating_label(verdict["rating"]) in li.get_text(" ", strip=True)
            assert li.select_one(".kb-source"), "verdict without its source"


OFF_SITE = re.compile(r"^(https?:)?//", re.I)


@pytest.mark.parametrize("suffix", [".html", ".css"])
def test_no_page_loads_anything_from_another_host(built_site, suffix):
    from bs4 import BeautifulSoup

    files = sorted(built_site.rglob(f"*{suffix}"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path
        if suffix == ".css":
            assert not re.search(r"@import\s+url\(\s*['\"]?https?:", text), path
            continue
        soup = BeautifulSoup(text, "lxml")
        for tag, attr in (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href"),
                          ("source", "src"), ("video", "src"), ("audio", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr)
                if not value:
                    continue
                if tag == "link" and not set(el.get("rel", [])) & {"stylesheet", "preconnect", "preload",
                                                                    "icon", "modulepreload", "dns-prefetch"}:
                    continue  # canonical/alternate links are not requests
                assert not OFF_SITE.match(value), f"{path}: <{tag} {attr}={value}>"
