"""Framgångsnycklar: the report's sixteen key words, as data, as a page, and on the record pages
of the records that show them (the relation is written once, on the key's side)."""

from __future__ import annotations

import json
import re

import yaml
from helpers import ROOT, validate
from site_fixtures import read_html, resolve_href

# The report's list of key words, checked in (scripts/source_excerpts.py): a clone of the
# repository alone has no ../shared/seeds.
EXCERPTS = ROOT / "tests" / "fixtures" / "source_excerpts.json"


def _report_key_words() -> list[str]:
    """The key words as the report lists them after 'Några nyckelord som sammanfattar …'."""
    block = json.loads(EXCERPTS.read_text(encoding="utf-8"))["key_words"]["text"]
    return [m.group(1).strip() for m in re.finditer(r"^ ?([A-ZÅÄÖ][\w/ ]+?) [–-] ", block, re.M)]


def test_sixteen_keys_in_the_report_order(knowledge_base):
    words = _report_key_words()
    assert len(words) == 16 and words[0] == "Vilja" and words[-1] == "Uthållighet"
    assert [k["word"] for k in knowledge_base.success_keys.values()] == words


def test_each_key_is_sourced_and_explained(knowledge_base):
    for key in knowledge_base.success_keys.values():
        assert key["source"] == {"document": "rss-rapport-2012", "section": "Sammanfattning"}, key.id
        assert len(key["explanation"].split()) >= 4, key.id


def test_each_example_resolves_to_a_record(knowledge_base):
    examples = [(k, e) for k in knowledge_base.success_keys.values() for e in k.get("examples", [])]
    assert len(examples) >= 30
    for key, example in examples:
        record = knowledge_base.example_record(example)
        assert record.record_type == example["record"]["kind"] and record.id == example["record"]["id"]
        assert any(k.key is key for k in knowledge_base.success_keys_of(record)), (key.id, record.id)


def test_a_wrong_example_id_fails_validate_with_file_and_line(tmp_path, mini_content):
    path = mini_content / "success_keys.yml"
    text = path.read_text(encoding="utf-8").replace("{kind: project, id: kraft}", "{kind: project, id: kraftt}")
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("id: kraftt")].count("\n") + 1
    result = validate(tmp_path)
    assert result.returncode == 1
    problems = result.stdout.strip().splitlines()
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"content/success_keys.yml:{line}:"), problems[0]
    assert "[1].examples[0].record.id: okänd hänvisning 'kraftt'" in problems[0]
    assert "Menade du 'kraft'?" in problems[0]


def test_an_example_of_the_wrong_kind_fails_validate(tmp_path, mini_content):
    path = mini_content / "success_keys.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("{kind: project, id: kraft}",
                                                              "{kind: municipality, id: kraft}"), encoding="utf-8")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert "'kraft' är ett projekt, inte en kommun" in result.stdout


def test_the_page_lists_every_key_with_its_examples(built_site, knowledge_base):
    page = read_html(built_site, "framgangsnycklar/")
    assert page.select_one("h1").get_text(strip=True) == "Framgångsnycklar"
    items = page.select("ol.kb-keys > li")
    assert len(items) == 16
    for item, key in zip(items, knowledge_base.success_keys.values()):
        heading = item.select_one("h2")
        assert heading["id"] == f"nyckel-{key.id}" and heading.get_text(strip=True) == key["word"]
        assert "Sammanfattning" in item.select_one(".kb-source").get_text()
        links = [resolve_href("framgangsnycklar/", a["href"]) for a in item.select(".kb-key-examples a:not(.kb-term-link)")]
        expected = [f"{ {'municipality': 'kommuner', 'project': 'projekt', 'method': 'metoder'}[e['record']['kind']]}/"
                    f"{e['record']['id']}/" for e in key.get("examples", [])]
        assert links == expected, key.id


def test_the_page_is_reachable_from_the_start_page_and_the_navigation(built_site):
    start = read_html(built_site, "")
    content_links = [resolve_href("", a["href"]) for a in start.select("article a")]
    assert "framgangsnycklar/" in content_links
    assert "framgangsnycklar/" in [resolve_href("", a["href"]) for a in start.select("nav a")]


def test_record_pages_link_back_to_their_keys(built_site, knowledge_base):
    folders = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}
    shown = 0
    for record in knowledge_base.records:
        url = f"{folders[record.record_type]}/{record.id}/"
        page = read_html(built_site, url)
        keys = knowledge_base.success_keys_of(record)
        section = page.find(id="framgangsnycklar")
        if not keys:
            assert section is None, url
            continue
        shown += 1
        links = section.find_next("ul", class_="kb-success-keys").select("a")
        assert [a.get_text(strip=True) for a in links] == [k.key["word"] for k in keys], url
        for a, k in zip(links, keys):
            assert a["href"].endswith(f"framgangsnycklar/#nyckel-{k.key.id}"), url
            assert resolve_href(url, a["href"]) == "framgangsnycklar/"
    assert shown >= 15


def test_keys_are_written_once(knowledge_base):
    """No record names its keys: the schema has no such field, and each example is unique."""
    for key in knowledge_base.success_keys.values():
        targets = [(e["record"]["kind"], e["record"]["id"]) for e in key.get("examples", [])]
        assert len(targets) == len(set(targets)), key.id
    for kind in ("municipality", "project", "method"):
        schema = yaml.safe_load((ROOT / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert not {"success_keys", "keys"} & set(schema["properties"]), kind
