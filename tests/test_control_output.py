"""Nothing ``validate`` prints carries a raw control character from a record (issue 14).

The corpus (tests/bad_records/, cases.yml) has one record per kind of control character; these
tests cover what the corpus cannot: a file name, and values echoed in other problems.
"""

from __future__ import annotations

import json

from helpers import validate
from test_validate_cli import RAW_CONTROL

from kunskapsbanken.data.control_chars import escaped

ESC_TITLE = "\x1b]0;hacked\x07\x1b[2J"


def test_escaped_shows_each_character_as_an_escape():
    assert escaped("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert escaped("\u202eabc\u2066") == "\\u202eabc\\u2066"
    assert escaped("rad 1\nrad 2\ttabb") == "rad 1\\x0arad 2\\x09tabb"
    assert escaped("Skellefteå – Resultat") == "Skellefteå – Resultat"


def test_a_file_name_with_escape_sequences_is_printed_escaped(tmp_path, mini_content):
    (mini_content / "methods" / f"x{ESC_TITLE}.yml").write_text("id: x\n", encoding="utf-8")
    for fmt in ("text", "github", "json"):
        result = validate(tmp_path, "--format", fmt)
        assert result.returncode == 1
        out = result.stdout.replace("\n", "") + result.stderr.replace("\n", "")
        assert not RAW_CONTROL.search(out), (fmt, out)
        shown = json.loads(result.stdout)[0]["file"] if fmt == "json" else out
        assert "x\\x1b]0;hacked\\x07" in shown, (fmt, out)


def test_an_unknown_key_with_a_direction_override_is_reported_once_and_escaped(tmp_path, mini_content):
    method = mini_content / "methods" / "ips.yml"
    method.write_text(method.read_text(encoding="utf-8") + "\"not\\u202eeton\": x\n", encoding="utf-8")
    result = validate(tmp_path, "--format", "json")
    problems = json.loads(result.stdout)
    assert [(p["path"], p["code"]) for p in problems] == [("not\\u202eeton", "text.control_char")]
    assert not RAW_CONTROL.search(result.stdout)
