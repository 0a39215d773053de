"""The federation publishes (issue 7): news, feeds, change history, start page, open data."""

from __future__ import annotations

import csv
import io
import json

import feedparser
from site_fixtures import PROJECT, read_html, resolve_href

from kunskapsbanken.git.history import git_history, last_updated
from kunskapsbanken.data.matrix import build_matrix
from kunskapsbanken.render import labels, urls

SITE_URL = "https://handikappforbunden.github.io/kunskapsbanken/"


def site_path(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL):]


def test_news_posts_have_clean_dated_urls_and_link_their_records(built_site):
    posts = sorted((built_site / "blog").glob("20*/*/*/*/index.html"))
    assert len(posts) >= 3
    for post in posts:
        rel = post.relative_to(built_site).as_posix()
        assert rel.isascii() and " " not in rel, rel
        soup = read_html(built_site, rel)
        url = rel[: -len("index.html")]
        targets = {resolve_href(url, a["href"]) for a in soup.select("article a[href]")}
        assert any(t.startswith(("kommuner/", "projekt/")) for t in targets), f"{rel} links no record"
    for category in ("modellkommuner", "projekt", "utvarderingar"):
        assert (built_site / "blog" / "category" / category / "index.html").exists()


def test_news_feed_is_valid_and_lists_every_post(built_site):
    feed = feedparser.parse((built_site / "feeds" / "nyheter.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title and feed.version == "atom10"
    posts = sorted((built_site / "blog").glob("20*/*/*/*/index.html"))
    assert len(feed.entries) == len(posts)
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:
        page = built_site / site_path(entry.link) / "index.html"
        assert page.exists(), entry.link
        h1 = read_html(built_site, site_path(entry.link)).select_one("article h1")
        for permalink in h1.select(".headerlink"):
            permalink.decompose()
        assert h1.get_text(strip=True) == entry.title
    assert {e.title for e in feed.entries} >= {"Fem modellkommuner utsedda", "Utvärdering av Finsam Lund"}


def test_changes_feed_is_valid_and_points_at_record_pages(built_site, knowledge_base):
    feed = feedparser.parse((built_site / "feeds" / "andringar.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    history = git_history(PROJECT)
    expected = sum(len(history.get(r.file, [])) for r in knowledge_base.records)
    assert len(feed.entries) == min(expected, 50)
    names = {r.name for r in knowledge_base.records}
    for entry in feed.entries:
        assert (built_site / site_path(entry.link) / "index.html").exists(), entry.link
        assert entry.title.split(": ", 1)[1] in names


def test_record_pages_show_last_update_and_recent_changes(built_site, knowledge_base):
    history = git_history(PROJECT)
    for record in knowledge_base.records:
        soup = read_html(built_site, urls.src_to_url(urls.record_src(record.record_type, record.id)))
        box = soup.select_one("aside.kb-history")
        assert box is not None, record
        assert box.time["datetime"] == last_updated(record, history)
        assert len(box.select("li")) == min(len(history.get(record.file, [])), 5)


def test_start_page_shows_latest_news_and_recent_records(built_site, knowledge_base):
    soup = read_html(built_site, "")
    news = soup.select_one("#senaste-nytt").find_parent("section")
    assert "Fem modellkommuner utsedda" in news.get_text() or len(news.select("li")) == 5
    recent = soup.select_one("#senast-uppdaterat").find_parent("section")
    linked = [resolve_href("", a["href"]) for a in recent.select("li a")]
    assert len(linked) == min(8, len(knowledge_base.records))
    assert all((built_site / url / "index.html").exists() for url in linked)


def test_exports_equal_the_records(built_site, knowledge_base):
    everything = json.loads((built_site / "data" / "kunskapsbanken.json").read_text(encoding="utf-8"))
    for group, records in (("municipalities", knowledge_base.municipalities), ("projects", knowledge_base.projects),
                           ("methods", knowledge_base.methods), ("criteria", knowledge_base.criteria)):
        exported = {doc["data"]["id"]: doc for doc in everything[group]}
        assert exported.keys() == records.keys()
        for record in records.values():
            assert exported[record.id]["data"] == record.data
            single = json.loads((built_site / "data" / urls.FOLDERS[record.record_type] / f"{record.id}.json")
                                .read_text(encoding="utf-8"))
            assert single["data"] == record.data
            assert (built_site / single["page"] / "index.html").exists()
    for municipality in knowledge_base.municipalities.values():
        doc = next(d for d in everything["municipalities"] if d["data"]["id"] == municipality.id)
        assert doc["derived"]["projects"] == [p.id for p in knowledge_base.projects_by_municipality[municipality.id]]
    assert everything["glossary"] == knowledge_base.glossary


def test_matrix_csv_and_json_equal_the_verdicts(built_site, knowledge_base):
    matrix = build_matrix(knowledge_base)
    criteria = list(knowledge_base.criteria.values())
    raw = (built_site / "data" / "jamforelse.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    header, body = rows[0], rows[1:]
    assert header[4:14] == [f"{c['number']}. {c['label']}" for c in criteria]
    expected_rows = [row for section in matrix.sections for row in section.rows]
    assert len(body) == len(expected_rows)
    for line, row in zip(body, expected_rows):
        assert line[2] == row.record.id and line[3] == row.record.name
        for i, criterion in enumerate(criteria):
            verdict = knowledge_base.verdict(row.record, criterion.id)
            assert line[4 + i] == (labels.rating_label(verdict["rating"]) if verdict else "")
        assert line[14:] == [str(row.totals[k]) for k in ("met", "partly_met", "not_met", "not_known")]
    as_json = json.loads((built_site / "data" / "jamforelse.json").read_text(encoding="utf-8"))
    json_rows = [r for s in as_json["sections"] for r in s["rows"]]
    for json_row, row in zip(json_rows, expected_rows):
        for criterion in criteria:
            verdict = knowledge_base.verdict(row.record, criterion.id)
            exported = json_row["verdicts"][criterion.id]
            if verdict is None:
                assert exported is None
                continue
            assert exported["rating"] == verdict["rating"]
            assert exported["justification"] == verdict["justification"]


def test_open_data_page_links_every_export(built_site):
    soup = read_html(built_site, "oppna-data/")
    targets = {resolve_href("oppna-data/", a["href"]) for a in soup.select("article a[href]")}
    for path in ("data/jamforelse.csv", "data/jamforelse.json", "data/kunskapsbanken.json", "feeds/nyheter.xml",
                 "feeds/andringar.xml"):
        assert path in targets and (built_site / path).exists()
    assert "CC BY 4.0" in soup.get_text()
