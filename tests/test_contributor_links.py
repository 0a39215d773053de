"""Readers who will not edit: labelled edit links, the Swedish issue forms they lead to, and the
pull-request workflows that post the change summary (issue 13)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from site_fixtures import PROJECT, read_html

FORMS = PROJECT / ".github" / "ISSUE_TEMPLATE"
WORKFLOWS = PROJECT / ".github" / "workflows"
REPO_URL = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["repo_url"]


def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def actions(site: Path, url: str) -> dict[str, str]:
    nav = read_html(site, url).select_one("nav.kb-actions")
    assert nav is not None, f"{url} has no edit/report links"
    return {a.get_text(" ", strip=True): a["href"] for a in nav.select("a")}


def test_every_record_page_has_a_labelled_edit_link_and_the_three_forms(built_site, knowledge_base):
    for record in knowledge_base.records:
        folder = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}[record.record_type]
        links = actions(built_site, f"{folder}/{record.id}/")
        assert links["Redigera posten"] == f"{REPO_URL}/edit/main/{record.file}"
        for label in ("Rätta en uppgift", "Tipsa om ett projekt", "Tillgänglighetsproblem"):
            assert links[label].startswith(f"{REPO_URL}/issues/new?template="), (record, label)


def test_issue_links_open_forms_that_exist_and_prefill_their_fields(built_site):
    links = actions(built_site, "kommuner/tyreso/")
    for label in ("Rätta en uppgift", "Tipsa om ett projekt", "Tillgänglighetsproblem"):
        query = parse_qs(urlparse(links[label]).query)
        template = form(query.pop("template")[0])
        assert template["name"] == label
        ids = {item.get("id") for item in template["body"]}
        for field, values in query.items():
            assert field in ids, f"{label}: ?{field}= fills no field of the form"
            assert values == ["https://handikappforbunden.github.io/kunskapsbanken/kommuner/tyreso/"]


@pytest.mark.parametrize("name", ["rattelse.yml", "tips.yml", "tillganglighet.yml"])
def test_issue_forms_are_complete_and_swedish(name):
    template = form(name)
    assert template["description"] and template["title"]
    fields = [item for item in template["body"] if item["type"] != "markdown"]
    assert fields and all(item["attributes"]["label"] for item in fields)
    assert any(item.get("validations", {}).get("required") for item in fields)
    assert len({item["id"] for item in fields}) == len(fields)
    # GitHub rejects a form whose required field has no id, or whose ids are not plain words.
    assert all(item["id"].isascii() and item["id"].replace("_", "").isalnum() for item in fields)


def test_forms_point_at_the_configured_site():
    site_url = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
    for link in form("config.yml")["contact_links"]:
        assert link["url"].startswith(site_url)


def test_no_page_links_to_editing_a_folder(built_site):
    for path in built_site.rglob("*.html"):
        soup = read_html(built_site, path.relative_to(built_site).as_posix())
        for a in soup.select('a[rel="edit"]'):
            assert not a["href"].endswith("/"), f"{path}: edit link to a folder: {a['href']}"
    list_page = actions(built_site, "projekt/")
    assert list_page["Lägg till ett projekt"] == f"{REPO_URL}/new/main/content/projects/"


def test_change_summary_workflow_is_fork_safe():
    check = yaml.safe_load((WORKFLOWS / "pr.yml").read_text(encoding="utf-8"))
    comment = yaml.safe_load((WORKFLOWS / "pr-comment.yml").read_text(encoding="utf-8"))
    # Stage one runs the pull request's code with a read-only token and only uploads text.
    assert check["permissions"] == {"contents": "read"}
    steps = check["jobs"]["summary"]["steps"]
    assert any("kunskapsbanken diff" in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in steps)
    # Stage two may write comments, so it must never check out or run the pull request's code.
    triggers = comment[True] if True in comment else comment["on"]  # PyYAML reads `on:` as True
    assert triggers["workflow_run"]["workflows"] == [check["name"]]
    assert comment["permissions"]["pull-requests"] == "write"
    job = comment["jobs"]["comment"]
    assert not any(step.get("uses", "").startswith("actions/checkout") for step in job["steps"])
    assert not any("run" in step for step in job["steps"])
    script = next(step["with"]["script"] for step in job["steps"] if "github-script" in step.get("uses", ""))
    assert "updateComment" in script and "kunskapsbanken-diff" in script
