"""``python -m kunskapsbanken diff``: the Swedish change summary, on hand-made commits of a real git repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_cli, commit, git, mini_repo


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return mini_repo(tmp_path)


def diff(repo: Path, *revisions: str):
    return run_cli("diff", *revisions, "--root", repo, cwd=repo)


def test_unchanged_tree_says_no_changes(repo):
    result = diff(repo, "HEAD")
    assert result.returncode == 0, result.stderr
    assert "inga ändringar" in result.stdout.lower()
    commit(repo, "empty")
    assert "inga ändringar" in diff(repo, "HEAD~1", "HEAD").stdout.lower()


def test_changed_verdict_reads_as_a_matrix_cell(repo):
    path = repo / "content" / "municipalities" / "skelleftea.yml"
    text = path.read_text(encoding="utf-8")
    block = re.search(r"- criterion: anstallning-i-kommunen\n\s+rating: (\w+)", text)
    assert block, "the fixture rates criterion 7"
    old_rating = block.group(1)
    new_rating = "met" if old_rating != "met" else "not_met"
    path.write_text(text.replace(block.group(0), block.group(0).replace(old_rating, new_rating)), encoding="utf-8")
    commit(repo, "re-rate")
    labels = {"met": "Ja", "partly_met": "Delvis", "not_met": "Nej", "not_known": "Okänt"}
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    assert "### Bedömningar mot kriterierna" in result.stdout
    assert f"- Skellefteå · 7 Anställer själv: {labels[old_rating]} → {labels[new_rating]}" in result.stdout
    assert "1 post ändrad" in result.stdout


def test_added_project_and_changed_figure(repo):
    kraft = repo / "content" / "projects" / "kraft.yml"
    edit(kraft, "value: 10", "value: 12")
    new = repo / "content" / "projects" / "nytt-projekt.yml"
    text = kraft.read_text(encoding="utf-8").replace("id: kraft", "id: nytt-projekt").replace(
        "name: Kraft", "name: Nytt projekt")
    new.write_text(text.replace("Testprojekt för validatorns tester.", "Ett helt annat projekt.")
                   .replace("status: completed", "status: ongoing")
                   .replace("funders: [Testfinansiär]", "funders: [En annan finansiär]")
                   .replace('start: "2011-09"', 'start: "2014"'), encoding="utf-8")
    commit(repo, "figure and project")
    out = diff(repo, "HEAD~1", "HEAD").stdout
    assert "### Nya poster" in out
    assert "- Projekt **Nytt projekt** (`content/projects/nytt-projekt.yml`)" in out
    assert "### Siffror" in out
    assert "- Kraft · Deltagare som fått arbete: 10 → 12 personer" in out


def test_renamed_file_is_one_rename_not_a_removal_and_an_addition(repo):
    old = repo / "content" / "projects" / "kraft.yml"
    new = old.with_name("kraft-lund.yml")
    git(repo, "mv", str(old), str(new))
    edit(new, "id: kraft", "id: kraft-lund")
    keys = repo / "content" / "success_keys.yml"
    if keys.exists():  # a renamed record's references follow it, or validate refuses the new version
        keys.write_text(keys.read_text(encoding="utf-8").replace("id: kraft}", "id: kraft-lund}"), encoding="utf-8")
    commit(repo, "rename")
    out = diff(repo, "HEAD~1", "HEAD").stdout
    assert "### Nytt id" in out
    assert "`kraft` → `kraft-lund`" in out
    assert "`content/projects/kraft.yml` → `content/projects/kraft-lund.yml`" in out
    assert "Nya poster" not in out and "Borttagna poster" not in out


def test_other_fields_are_named_by_their_schema_titles(repo):
    edit(repo / "content" / "projects" / "kraft.yml", "status: completed", "status: ongoing")
    out = diff(repo, "HEAD").stdout  # against the working tree
    assert "### Andra fält" in out
    assert "  - Status: Avslutat → Pågår" in out


def test_contributor_text_cannot_format_or_mention(repo):
    edit(repo / "content" / "projects" / "kraft.yml", "Testprojekt för validatorns tester.",
         "Se [här](https://example.invalid) @someone **fet**")
    out = diff(repo, "HEAD").stdout
    assert "[här](" not in out and "**fet**" not in out
    assert "@someone" not in out  # a word joiner follows the @


def test_broken_record_at_head_gives_the_validators_error(repo):
    edit(repo / "content" / "projects" / "kraft.yml", "status: completed", "status: finished")
    commit(repo, "broken")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(r"content/projects/kraft\.yml:\d+:\d+: status:", result.stderr), result.stderr


def test_unknown_revision_is_a_clear_usage_error(repo):
    result = diff(repo, "no-such-branch")
    assert result.returncode == 2
    assert "no-such-branch" in result.stderr and "Traceback" not in result.stderr
