"""``python -m kunskapsbanken format`` (issue 13): a no-op on the records as they are, and it
gives back modeline, key order, comments and house style to a record a tool rewrote."""

from __future__ import annotations

import subprocess
import sys

import yaml
from site_fixtures import ENV, PROJECT

from kunskapsbanken.contributor.formatting import format_text, modeline_for
from kunskapsbanken.data.repository import schemas_for


def test_format_check_passes_on_the_content_unchanged():
    result = subprocess.run([sys.executable, "-m", "kunskapsbanken", "format", "--check", "--no-base"],
                            cwd=PROJECT, env=ENV, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_record_rewritten_by_a_tool_gets_its_style_and_comments_back():
    path = PROJECT / "content" / "projects" / "ips-lund.yml"
    original = path.read_text(encoding="utf-8")
    with_comment = original.replace("\nstatus: completed\n", "\n# checked against the 2015 report\nstatus: completed\n")
    data = yaml.safe_load(with_comment)
    data["status"] = "ongoing"
    data["target_group"] = data["target_group"] + " Ny mening."
    # What Decap does: no comments, no modeline, its own key order and line breaks.
    rewritten = yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True, width=60)
    schema = schemas_for(PROJECT / "schema")["project"].schema
    modeline = modeline_for(path, PROJECT / "schema", "project.schema.json")
    out = format_text(rewritten, schema, modeline=modeline, base_text=with_comment)
    assert out.splitlines()[0] == "# yaml-language-server: $schema=../../schema/project.schema.json"
    assert "# checked against the 2015 report\nstatus: ongoing\n" in out
    assert yaml.safe_load(out) == data
    assert [k for k in yaml.safe_load(out)] == [k for k in yaml.safe_load(original)]
    changed = [a for a, b in zip(out.splitlines(), with_comment.splitlines()) if a != b]
    assert changed[0] == "status: ongoing"
    block = out.split("target_group: >-\n")[1].split("\ngoals:")[0]
    assert "Ny mening." in block and all(len(line) <= 100 for line in block.splitlines())
    assert format_text(out, schema, modeline=modeline, base_text=with_comment) == out  # idempotent


def test_a_figure_typed_as_text_becomes_a_number_again():
    path = PROJECT / "content" / "municipalities" / "tyreso.yml"
    original = path.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    data["results"]["figures"][0]["value"] = "17"
    data["updated"] = "2026-12-01"
    schema = schemas_for(PROJECT / "schema")["municipality"].schema
    out = format_text(yaml.safe_dump(data, allow_unicode=True), schema, modeline="x", base_text=original)
    again = yaml.safe_load(out)
    assert again["results"]["figures"][0]["value"] == 17
    assert 'updated: "2026-12-01"' in out
