"""No traceback on any input, and nothing raw echoed to a terminal (issue 21): each odd argument or
odd repository gives one clear Swedish message and exit code 1 (problems) or 2 (wrong use).

In process (``cli.main``), on a real git repository holding the mini knowledge base."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from helpers import mini_repo, commit

from kunskapsbanken import cli

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return mini_repo(tmp_path)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert not RAW_CONTROL.search(out.replace("\n", "") + err.replace("\n", "")), (out, err)
    return code, out, err


def test_the_same_version_twice_is_no_change(repo, capsys):
    code, out, err = run(capsys, "diff", "HEAD", "HEAD", "--root", repo)
    assert code == 0 and "inga ändringar" in out.lower()


@pytest.mark.parametrize("revision", ["../x", "..", "finns-inte", "HEAD\x1b[31m", "--output=/tmp/kb-x",
                                      "-p", "HEAD\n## Förfalskad rubrik"])
def test_an_odd_revision_is_wrong_use(repo, capsys, revision):
    code, out, err = run(capsys, "diff", "--root", repo, "--", revision, "HEAD")
    assert code == 2 and err.startswith("Kan inte jämföra: versionen"), err
    assert out == "" and len(err.strip().splitlines()) == 1
    assert not Path("/tmp/kb-x").exists()


def test_a_committed_symlink_is_named_and_not_followed(repo, tmp_path, capsys):
    secret = tmp_path / "hemligt.txt"
    secret.write_text("hemlig-rad-utanfor-arkivet: 1\n", encoding="utf-8")
    os.symlink(secret, repo / "content/methods/lank.yml")
    os.symlink("../../../etc/passwd", repo / "content/methods/passwd.yml")
    commit(repo, "links")
    code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", "--root", repo)
    assert code == 1
    assert "content/methods/lank.yml:1:1: en symbolisk länk eller specialfil i stället för en vanlig fil" in err
    assert "content/methods/passwd.yml:1:1:" in err
    assert "hemlig-rad" not in out + err and "root:" not in out + err


def test_a_version_without_schemas_is_a_clear_error(repo, capsys):
    (repo / "schema" / "method.schema.json").write_text("{ inte json", encoding="utf-8")
    commit(repo, "broken schema")
    code, out, err = run(capsys, "diff", "HEAD~1", "HEAD", "--root", repo)
    assert code == 2 and "har scheman som inte går att läsa" in err


def test_coverage_escapes_record_text_and_a_newline_cannot_forge_a_line(repo, capsys, monkeypatch):
    sources = repo / "content" / "sources.yml"
    text = sources.read_text(encoding="utf-8").replace(
        "sections: [Sammanfattning, Metod, Mål, Resultat, Test]",
        'sections: [Sammanfattning, Metod, Mål, Resultat, "Test\\n  Förfalskad: 99 hänvisningar"]')
    sources.write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "coverage", "--content", "content", "--schema", "schema")
    assert not [line for line in out.splitlines() if line.lstrip().startswith("Förfalskad")]
    assert code == 0
    assert "  Test\\x0a  Förfalskad: 99 hänvisningar: ingen hänvisning" in out.splitlines()


@pytest.mark.parametrize("argv", [["coverage", "--content", "finns\x1b[31m-inte"],
                                  ["format", "--content", "finns\x1b[31m-inte"],
                                  ["validate", "--content", "finns\x1b[31m-inte"]])
def test_a_missing_folder_is_wrong_use_and_echoed_escaped(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and "\\x1b[31m" in err


def test_format_escapes_an_unknown_path(capsys, repo, monkeypatch):
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "format", "--no-base", "content/methods/x\x1b]0;titel\x07.yml")
    assert code == 2 and "\\x1b]0;titel\\x07" in err
