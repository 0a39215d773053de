"""``python -m kunskapsbanken validate`` on a small valid knowledge base and on broken records.

Every broken record in tests/bad_records/ (listed in cases.yml) is dropped into a copy of
tests/fixtures/mini_content and must give exit code 1 and exactly one problem, at the right
file, line and field, with the right Problem.code, and never a Python traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bad_input import HTML_INJECTION_CASES, method_yaml
from helpers import ROOT, run_cli, validate

BAD_RECORDS = ROOT / "tests" / "bad_records"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""What no output may carry (tab and newline aside): see data/control_chars.py."""
CASES = yaml.safe_load((BAD_RECORDS / "cases.yml").read_text(encoding="utf-8"))


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stdout + result.stderr


def _place(project: Path, case: dict) -> str:
    """Write the case's broken record into ``project/content``; returns its path as reported."""
    raw = (BAD_RECORDS / f"{case['name']}.yml").read_bytes()
    if "encoding" in case:
        raw = raw.decode("utf-8").encode(case["encoding"])
    if "pad_to" in case:
        raw += b'description: "' + b"x" * case["pad_to"] + b'"\n'
    target = project / "content" / case["target"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    return f"content/{case['target']}"


# --- the fixture itself ----------------------------------------------------------------------


def test_fixture_is_valid(tmp_path, mini_content):
    result = validate(tmp_path)
    _no_traceback(result)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Allt giltigt: 1 kommuner, 1 projekt, 2 metoder, 10 kriterier, 2 källor, 2 ord" in result.stderr


def test_the_command_runs_as_a_contributor_runs_it(tmp_path, mini_content):
    """The one subprocess run: the others call the same main() in-process (helpers.validate)."""
    (mini_content / "methods" / "ips.yml").write_text("id: ips\n", encoding="utf-8")
    result = run_cli("validate", "--content", mini_content, "--schema", ROOT / "schema", "--root", tmp_path)
    assert result.returncode == 1
    assert "content/methods/ips.yml:" in result.stdout and "problem hittades" in result.stderr


def test_fixture_has_the_real_criteria():
    fixture = yaml.safe_load((ROOT / "tests/fixtures/mini_content/criteria.yml").read_text(encoding="utf-8"))
    real = yaml.safe_load((ROOT / "content/criteria.yml").read_text(encoding="utf-8"))
    assert [c["id"] for c in fixture] == [c["id"] for c in real]
    assert len(fixture) == 10


# --- the corpus ------------------------------------------------------------------------------


def test_corpus_and_manifest_match():
    files = {p.stem for p in BAD_RECORDS.glob("*.yml")} - {"cases"}
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)), "a case is listed twice in cases.yml"
    assert files == set(names), "every file in tests/bad_records/ needs one entry in cases.yml"
    assert len(CASES) >= 22


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_record_gives_one_problem(tmp_path, mini_content, case):
    file = _place(tmp_path, case)
    result = validate(tmp_path)
    _no_traceback(result)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, "expected exactly one problem, got:\n" + result.stdout
    location = f"{file}:{case['line']}:"
    assert lines[0].startswith(location), f"expected {location}…, got:\n{lines[0]}"
    rest = re.sub(r"^\d+: ", "", lines[0][len(location):])
    if case["path"]:
        assert rest.startswith(f"{case['path']}: "), f"expected field {case['path']}, got:\n{lines[0]}"
    if "message" in case:
        assert case["message"] in lines[0], f"expected '{case['message']}' in:\n{lines[0]}"
    assert "1 problem hittades" in result.stderr
    assert not RAW_CONTROL.search(result.stdout + result.stderr), "a raw control character was printed"

    as_json = validate(tmp_path, "--format", "json")
    _no_traceback(as_json)
    assert as_json.returncode == 1
    assert not RAW_CONTROL.search(as_json.stdout.replace("\n", "")), "a raw control character in the JSON"
    problems = json.loads(as_json.stdout)
    assert [(p["file"], p["line"], p["path"], p["code"]) for p in problems] == \
        [(file, case["line"], case["path"], case["code"])]

    as_github = validate(tmp_path, "--format", "github")
    assert as_github.returncode == 1
    assert not RAW_CONTROL.search(as_github.stdout.replace("\n", "")), "a raw control character in the annotations"


def test_html_cases_match_the_corpus():
    """The texts reused by the site tests are the ones the corpus records carry."""
    for case in HTML_INJECTION_CASES:
        if case.corpus_file:
            record = yaml.safe_load((BAD_RECORDS / case.corpus_file).read_text(encoding="utf-8"))
            assert record["description"] == case.markdown, case.name
            listed = next(c for c in CASES if f"{c['name']}.yml" == case.corpus_file)
            assert listed["code"] == "reference.unsafe_html"
            assert case.refused_by_validator


def test_method_yaml_helper_makes_a_valid_record(tmp_path, mini_content):
    (mini_content / "methods" / "hjalp.yml").write_text(method_yaml("hjalp", 'Text med "citat", kolon: och #.'),
                                                       encoding="utf-8")
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_yes_no_on_stay_text_where_text_is_meant(tmp_path, mini_content):
    """YAML 1.1 would turn these into booleans (the Norway problem); here they are text."""
    glossary = mini_content / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8")
                        + "- term: NO\n  expansion: on\n  easy_read: 'no'\n- term: yes\n  expansion: off\n  easy_read: Ja.\n",
                        encoding="utf-8")
    result = validate(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_problem_is_reported_in_one_run(tmp_path, mini_content):
    """Two broken files: both problems in one run, sorted by file."""
    cases = {c["name"]: c for c in CASES}
    files = sorted(_place(tmp_path, cases[name]) for name in ("invalid-date", "wrong-kind-reference"))
    result = validate(tmp_path)
    assert result.returncode == 1
    assert [line.split(":")[0] for line in result.stdout.splitlines()] == files
    assert "2 problem hittades" in result.stderr


# --- output formats and usage ----------------------------------------------------------------


def test_github_format(tmp_path, mini_content):
    case = next(c for c in CASES if c["name"] == "rating-outside-scale")
    file = _place(tmp_path, case)
    result = validate(tmp_path, "--format", "github")
    _no_traceback(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = re.fullmatch(r"::error file=([^,]+),line=(\d+),col=(\d+),title=([^:]+)::(.+)", lines[0])
    assert match, lines[0]
    assert match.group(1) == file
    assert int(match.group(2)) == case["line"]
    assert int(match.group(3)) >= 1
    assert match.group(4) == "schema.enum"
    assert match.group(5).startswith("criteria[0].rating: ")
    assert "fully_met" in match.group(5)


def test_github_format_escapes_property_values(tmp_path, mini_content):
    """A comma or colon in a file name must not end the file= property early."""
    (mini_content / "methods" / "a,b:c.yaml").write_text("id: x\n", encoding="utf-8")
    result = validate(tmp_path, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=content/methods/a%2Cb%3Ac.yaml,line=1,col=1,title=file.unexpected::")


def test_json_format(tmp_path, mini_content):
    case = next(c for c in CASES if c["name"] == "unknown-reference")
    file = _place(tmp_path, case)
    result = validate(tmp_path, "--format", "json")
    _no_traceback(result)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert len(problems) == 1
    problem = problems[0]
    assert {"file", "line", "column", "path", "message", "found", "expected", "tip", "code", "text"} <= set(problem)
    assert (problem["file"], problem["line"], problem["path"], problem["code"]) == \
        (file, 10, "methods[0]", "reference.unknown")
    assert "supported-employment" in problem["tip"]
    assert problem["text"].startswith("methods[0]: ")


def test_json_format_when_valid(tmp_path, mini_content):
    result = validate(tmp_path, "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("args", [
    ("validate", "--no-such-option"),
    ("validate", "--format", "xml"),
    ("no-such-command",),
    (),
])
def test_wrong_use_exits_2(args):
    result = run_cli(*args)
    _no_traceback(result)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "usage:" in result.stderr


def test_missing_content_folder_exits_2(tmp_path):
    result = run_cli("validate", "--content", tmp_path / "finns-inte")
    _no_traceback(result)
    assert result.returncode == 2
    assert "Mappen finns inte" in result.stderr
