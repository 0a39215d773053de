"""Honest checks (issue 21): what the site's sanitiser will remove from a text, ``validate`` says,
with the field, as a warning: derived from the sanitiser itself (data/html_policy.py), so every
variant it removes is named, not only those a hand-made list knows."""

from __future__ import annotations

import json
import shutil

import pytest
from bad_input import HTML_INJECTION_CASES
from helpers import ROOT

from kunskapsbanken import cli
from kunskapsbanken.data.html_policy import removed_markup

MINI = ROOT / "tests" / "fixtures" / "mini_content"
# The validator does not refuse these (tests/bad_input.py), but the sanitiser changes them.
WARNED = [case.markdown for case in HTML_INJECTION_CASES if not case.refused_by_validator
          and removed_markup(case.markdown)] + ["Testmetod. <svg/onload=alert(1)>"]


def test_the_corpus_has_texts_the_sanitiser_changes():
    assert len(WARNED) >= 4


@pytest.mark.parametrize("markdown", WARNED)
def test_markup_the_sanitiser_removes_is_a_warning_at_its_field(markdown, tmp_path, monkeypatch, capsys):
    shutil.copytree(MINI, tmp_path / "content")
    method = tmp_path / "content/methods/ips.yml"
    text = method.read_text(encoding="utf-8")
    method.write_text(text.replace("description: Testmetod för validatorns tester.",
                                   f"description: {json.dumps(markdown, ensure_ascii=False)}"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code = cli.main(["validate", "--content", str(tmp_path / "content"), "--root", str(tmp_path),
                     "--posts", str(tmp_path / "inga")])
    out, err = capsys.readouterr()
    assert code == 0, out + err  # a warning: the text is safe, only changed
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("content/methods/ips.yml:7:"), out
    assert "varning: description: webbplatsen tar bort en del av texten; hittade " in lines[0]
    assert "Allt giltigt och 1 varning" in err
    code = cli.main(["validate", "--content", str(tmp_path / "content"), "--root", str(tmp_path),
                     "--posts", str(tmp_path / "inga"), "--format", "github"])
    assert capsys.readouterr()[0].startswith("::warning file=content/methods/ips.yml,line=7,")


def test_what_is_removed_is_named():
    assert removed_markup("Testmetod. <svg/onload=alert(1)>") == ["<svg>", "onload"]
    assert removed_markup("Testmetod. <svg/onload=alert('xss')>") == []  # Markdown shows this as text
    assert removed_markup("Läs [mer](java&#115;cript:alert('xss')).")[:2] == ["<a>", "href"]
    assert removed_markup('Testmetod.\n{: onclick="alert(1)" }') == ["onclick"]


@pytest.mark.parametrize("text", ["a & b < c", "AT&T {x}", "**fet** och [länk](https://example.org)",
                                  "| a | b |\n| --- | --- |\n| 1 | 2 |", "Kallas *IPS*, se <https://example.org>."])
def test_ordinary_text_and_markdown_lose_nothing(text):
    assert removed_markup(text) == []


def test_html_in_a_short_text_is_a_warning_that_it_shows_as_written(tmp_path, monkeypatch, capsys):
    """A name is escaped, never rendered as Markdown: the site does not remove the code but shows it
    as characters, so the warning says that."""
    shutil.copytree(MINI, tmp_path / "content")
    method = tmp_path / "content/methods/ips.yml"
    text = method.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name: "))
    method.write_text(text.replace(name_line, name_line + " <svg/onload=alert(1)>"), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code = cli.main(["validate", "--content", str(tmp_path / "content"), "--root", str(tmp_path),
                     "--posts", str(tmp_path / "inga")])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out.count("\n") == 1 and "varning: name: HTML-koden visas som text på sidan; hittade <svg>, onload" in out
    assert "tar bort" not in out
