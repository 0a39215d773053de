"""Dated truth (issue 22, part 4): a status shown apart from its record says the year of the source
it rests on, sources name their year, and "Senast uppdaterad" is the record file's real last commit."""

from __future__ import annotations

import json
import re
import subprocess

from site_fixtures import PROJECT, read_html, resolve_href

STATUS_WORDS = {"planned": "planerat", "ongoing": "pågår", "completed": "avslutat", "not_known": "okänd status"}


def year(project) -> str:
    return str(project["status_as_of"])[:4]


def dated(project) -> str:
    word = "avslutat och infört" if (project["status"] == "completed"
                                     and project["implementation"]["status"] == "implemented") \
        else STATUS_WORDS[project["status"]]
    return f"{word} enligt källa från {year(project)}"


def test_statuses_in_lists_carry_their_source_year(built_site, knowledge_base):
    kb = knowledge_base
    assert {year(p) for p in kb.projects.values()} >= {"2012", "2015"}
    # The project index: each row's status cell.
    soup = read_html(built_site, "projekt/")
    for row in soup.select("#projekt-tabell tbody tr"):
        href = resolve_href("projekt/", row.th.a["href"])
        project = kb.projects[href.split("/")[1]]
        cells = [" ".join(td.get_text(" ").split()) for td in row.select("td")]
        assert any(cell.lower() == dated(project) for cell in cells), (project.id, cells)
    # A municipality's list of its projects.
    for municipality in kb.municipalities.values():
        url = f"kommuner/{municipality.id}/"
        text = " ".join(read_html(built_site, url).select_one("article").get_text(" ").split())
        for project in kb.projects_by_municipality[municipality.id]:
            assert f"{project.name} – " in text and dated(project) in text, (url, project.id)


def test_hitta_exempel_results_and_status_facet_say_the_sources_year(built_site, knowledge_base):
    kb = knowledge_base
    data = json.loads((built_site / "hitta-exempel" / "data.json").read_text(encoding="utf-8"))
    lines = {url: line for _name, url, line, *_rest in data["records"]}
    for project in kb.projects.values():
        assert lines[f"projekt/{project.id}/"].endswith(dated(project)), project.id
    finder = read_html(built_site, "hitta-exempel/")
    facet = finder.select_one("fieldset[data-facet=status]")
    assert "enligt källan" in facet.legend.get_text().lower()
    choices = facet.select("label[for^='val-status-']")  # not the "any or all" mode's labels
    assert choices
    for label in choices:
        value = label["for"].removeprefix("val-status-")
        status = {"planerat": "planned", "pagar": "ongoing", "avslutat": "completed", "okand": "not_known"}[value]
        years = sorted({year(p) for p in kb.projects.values() if p["status"] == status})
        text = label.get_text(" ", strip=True)
        assert "enligt" in text and all(y in text for y in years), text
    # The static page of one status lists its records with their dated status too.
    soup = read_html(built_site, "hitta-exempel/status/pagar/")
    for item in soup.select("article ul.kb-facet-list > li"):
        project = kb.projects[resolve_href("hitta-exempel/status/pagar/", item.a["href"]).split("/")[1]]
        assert item.select_one(".kb-finder-meta").get_text().endswith(dated(project)), project.id


def test_sources_name_their_year_where_it_is_known(built_site, knowledge_base):
    soup = read_html(built_site, "metoder/supported-employment/")
    texts = [" ".join(s.get_text(" ").split()) for s in soup.select("article .kb-source")]
    assert texts
    for source in knowledge_base.sources.values():
        for text in texts:
            if source["title"] in text:
                if source["date"] == "not_known":
                    assert text.startswith("Källa:"), text
                else:
                    assert text.startswith(f"Källa från {source['date'][:4]}:"), text


def test_last_updated_is_the_files_last_commit(built_site, knowledge_base):
    for record in [*knowledge_base.municipalities.values(), *list(knowledge_base.projects.values())[:10]]:
        real = subprocess.run(["git", "-C", str(PROJECT), "log", "-1", "--format=%cs", "--", record.file],
                              capture_output=True, text=True, check=True).stdout.strip()
        folder = "kommuner" if record.record_type == "municipality" else "projekt"
        box = read_html(built_site, f"{folder}/{record.id}/").select_one("aside.kb-history")
        assert re.match(r"\d{4}-\d{2}-\d{2}$", real), record.file
        assert box.time["datetime"] == real, record.file
