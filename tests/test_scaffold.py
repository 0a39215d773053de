"""``python -m kunskapsbanken new municipality|project|method "Namn"``: a commented draft.

The draft explains every field of the schema and is refused by ``validate`` until every ``FYLL I``
is replaced (issue 14: a placeholder never publishes); once they are, it validates.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import SCHEMA, run_cli, validate

PLACEHOLDER = "FYLL I"


def _fill_placeholders(project: Path, file: str) -> list[dict]:
    """Replace each placeholder ``validate`` reports with a value of the kind it asks for.

    Returns the problems. Every one must be a placeholder, and every ``FYLL I`` outside a comment
    must be one of them: then the filled draft validates only if the rest of it was valid."""
    result = validate(project, "--format", "json")
    assert result.returncode == 1, "an unfilled draft must not validate"
    problems = json.loads(result.stdout)
    assert problems and {p["code"] for p in problems} == {"draft.placeholder"}, problems
    path = project / file
    lines = path.read_text(encoding="utf-8").split("\n")
    values = [line for line in lines if not line.lstrip().startswith("#")]
    assert sum(line.count(PLACEHOLDER) for line in values) == len(problems)
    for p in sorted(problems, key=lambda p: (p["line"], p["column"]), reverse=True):
        assert p["file"] == file and p["path"] and p["expected"] and p["tip"], p
        if "id med" in p["expected"]:
            value = "skelleftea" if p["path"].startswith("municipalities") else "rss-rapport-2012"
        elif "datum" in p["expected"]:
            value = '"2013"'
        elif p["path"].endswith(".section"):
            value = "Tillvägagångssätt"  # a heading of rss-rapport-2012 in the fixture's sources.yml
        else:
            value = "Text ur källan"
        line, column = lines[p["line"] - 1], p["column"] - 1
        assert line[column:].startswith(PLACEHOLDER), (p, line)
        lines[p["line"] - 1] = line[:column] + value + line[column + len(PLACEHOLDER):]
    path.write_text("\n".join(lines), encoding="utf-8")
    return problems

KINDS = {"municipality": "municipalities", "project": "projects", "method": "methods"}


@pytest.fixture
def project(tmp_path: Path, mini_content: Path) -> Path:
    """A project folder with content/ (the mini fixture) and its own schema/, like a checkout."""
    shutil.copytree(SCHEMA, tmp_path / "schema")
    return tmp_path


def _schema(project: Path, kind: str) -> tuple[dict, dict]:
    common = json.loads((project / "schema/common.schema.json").read_text(encoding="utf-8"))
    return json.loads((project / f"schema/{kind}.schema.json").read_text(encoding="utf-8")), common


def _resolve(schema: dict, common: dict) -> dict:
    while "$ref" in schema:
        target = common["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _all_field_names(schema: dict, common: dict, depth: int = 0) -> set[str]:
    schema = _resolve(schema, common)
    names = set()
    for key, prop in schema.get("properties", {}).items():
        names.add(key)
        if depth < 6:
            names |= _all_field_names(prop, common, depth + 1)
    for sub in [schema.get("items")] + schema.get("anyOf", []):
        if isinstance(sub, dict) and depth < 6:
            names |= _all_field_names(sub, common, depth + 1)
    return names


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_new_record_is_a_draft_that_explains_every_field(project, kind):
    result = run_cli("new", kind, "Skellefteå Östra", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    written = f"content/{KINDS[kind]}/skelleftea-ostra.yml"
    assert result.stdout.strip() == written
    text = (project / written).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"

    data = yaml.safe_load(text)
    assert data["id"] == "skelleftea-ostra"
    assert data["name"] == "Skellefteå Östra"
    assert data["updated"] == datetime.date.today().isoformat()

    # Every top-level field is there (as a value or, if optional, as a commented example),
    # directly preceded by a comment that carries the schema's title.
    schema, common = _schema(project, kind)
    for key, prop in schema["properties"].items():
        index = next((i for i, line in enumerate(lines) if re.match(rf"^(# )?{re.escape(key)}:", line)), None)
        assert index is not None, f"{key} is missing"
        title = _resolve(prop, common).get("title", key)
        comment = []
        for line in reversed(lines[:index]):
            if not line.startswith("# ") or re.match(r"^# [a-z_]+:", line):
                break
            comment.insert(0, line[2:])
        assert title in " ".join(comment), f"{key}: the comment above it lacks '{title}'"
        if key in schema["required"]:
            assert key in data, f"required field {key} is commented out"

    # Fields of nested objects and list items are explained too.
    for name in _all_field_names(schema, common):
        assert re.search(rf"(^|\s){re.escape(name)}:", text, re.M), f"{name} is not explained"

    # A draft: refused, with every placeholder named; valid once they are filled in.
    problems = _fill_placeholders(project, written)
    assert any(p["path"] == "sources[0].document" for p in problems)
    result = validate(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_placeholder_says_what_belongs_there(project):
    run_cli("new", "project", "Testprojekt", cwd=project)
    result = validate(project)
    assert result.returncode == 1
    shown = {line.split(": ", 2)[1]: line for line in result.stdout.splitlines()}
    assert "content/projects/testprojekt.yml" in result.stdout
    assert "platshållaren FYLL I står kvar" in shown["summary"]
    assert "Id för kommuner i content/municipalities/" in shown["municipalities[0]"]
    assert "Id för ett dokument i content/sources.yml" in shown["sources[0].document"]
    assert "ÅÅÅÅ-MM-DD" in shown["status_as_of"]
    # No example value that would validate is left in: no existing municipality or source id.
    data = yaml.safe_load((project / "content/projects/testprojekt.yml").read_text(encoding="utf-8"))
    assert data["municipalities"] == [PLACEHOLDER]
    assert data["sources"] == [{"document": PLACEHOLDER, "section": PLACEHOLDER}]


def test_a_draft_never_reaches_the_site(project):
    """The plugin refuses to build while a placeholder is left: nothing is published."""
    from kunskapsbanken.data.problems import ValidationFailed
    from kunskapsbanken.data.repository import load_knowledge_base

    run_cli("new", "method", "Testmetod", cwd=project)
    with pytest.raises(ValidationFailed) as failed:
        load_knowledge_base(project / "content", project / "schema", project)
    assert {p.code for p in failed.value.problems} == {"draft.placeholder"}


def test_a_field_added_to_the_schema_appears_in_the_draft(project):
    """The draft follows the schema: a new field (here a required one) needs no change to the scaffold."""
    schema_file = project / "schema/method.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    props = list(schema["properties"].items())
    at = [k for k, _ in props].index("description") + 1
    props.insert(at, ("history_note", {"$ref": "common.schema.json#/$defs/markdown", "title": "Historik",
                                       "description": "Hur metoden har vuxit fram."}))
    schema["properties"] = dict(props)
    schema["required"].append("history_note")
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    assert run_cli("new", "method", "Testmetod", cwd=project).returncode == 0
    text = (project / "content/methods/testmetod.yml").read_text(encoding="utf-8")
    assert re.search(r"^description: FYLL I\n\n# Historik: Hur metoden har vuxit fram\.\nhistory_note: FYLL I$",
                     text, re.M), text


def test_comments_come_from_the_schema(project):
    schema_file = project / "schema/municipality.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["county"]["title"] = "Landskapet enligt testet"
    schema["properties"]["county"]["description"] = "En beskrivning som bara finns i testet."
    schema_file.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")
    result = run_cli("new", "municipality", "Testby", cwd=project)
    assert result.returncode == 0, result.stderr
    text = (project / "content/municipalities/testby.yml").read_text(encoding="utf-8")
    # The schema's title and description open the comment block right above the field (a hint,
    # such as when to write not_known, may follow on the next comment lines).
    assert re.search(r"^# Landskapet enligt testet: En beskrivning som bara finns i testet\.[^\n]*\n(?:#[^\n]*\n)*county:",
                     text, re.M), text


@pytest.mark.parametrize(("name", "expected"), [
    ("Kabaré Unik", "kabare-unik"),
    ("Åsele Älvdal Örnsköldsvik", "asele-alvdal-ornskoldsvik"),
    ("  Unga   Vuxna  ", "unga-vuxna"),
    ("IPS – Individual Placement and Support", "ips-individual-placement-and-support"),
])
def test_id_is_an_ascii_slug_of_the_name(project, name, expected):
    result = run_cli("new", "project", name, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"content/projects/{expected}.yml"
    data = yaml.safe_load((project / f"content/projects/{expected}.yml").read_text(encoding="utf-8"))
    assert data["id"] == expected
    assert data["name"] == " ".join(name.split())


def test_name_that_needs_quoting(project):
    name = 'Test: "By" #1, yes'
    result = run_cli("new", "municipality", name, "--id", "testby", cwd=project)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((project / "content/municipalities/testby.yml").read_text(encoding="utf-8"))
    assert data["name"] == name
    _fill_placeholders(project, "content/municipalities/testby.yml")
    assert validate(project).returncode == 0


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_filled_in_draft_is_already_formatted(project, kind):
    """``new`` writes its draft through the records' house style (data/yamlwrite.py), the one that
    ``format`` applies: once a contributor has filled it in, ``format --check`` accepts it as it
    is, and its values are laid out line for line as ``format`` lays out the same data anew (as
    when the web editor saved it without comments)."""
    from kunskapsbanken.contributor.formatting import format_text
    from kunskapsbanken.data.repository import schemas_for

    name = 'Test: "By" #1, yes'  # a name that must be quoted
    result = run_cli("new", kind, name, "--id", "testby", cwd=project)
    assert result.returncode == 0, result.stderr
    written = f"content/{KINDS[kind]}/testby.yml"
    _fill_placeholders(project, written)
    assert validate(project).returncode == 0
    text = (project / written).read_text(encoding="utf-8")

    result = run_cli("format", "--check", "--no-base", written, cwd=project)
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr
    assert (project / written).read_text(encoding="utf-8") == text

    values = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    schema = schemas_for(project / "schema")[kind].schema
    anew = format_text("\n".join(values) + "\n", schema, modeline="modeline")
    assert anew.splitlines() == ["# modeline", *values]


def test_refuses_to_overwrite(project):
    target = project / "content/municipalities/skelleftea.yml"
    before = target.read_bytes()
    result = run_cli("new", "municipality", "Skellefteå", cwd=project)
    assert result.returncode == 1
    assert "finns redan" in result.stderr
    assert result.stdout == ""
    assert target.read_bytes() == before


def test_id_content_and_schema_options(tmp_path, mini_content):
    result = run_cli("new", "project", "Unga Vuxna", "--id", "unga-vuxna-lund",
                     "--content", mini_content, "--schema", SCHEMA)
    assert result.returncode == 0, result.stderr
    target = mini_content / "projects/unga-vuxna-lund.yml"
    assert Path(result.stdout.strip()) == target
    first = target.read_text(encoding="utf-8").splitlines()[0]
    schema_path = first.split("$schema=", 1)[1]
    assert (target.parent / schema_path).resolve() == (SCHEMA / "project.schema.json").resolve()
    _fill_placeholders(tmp_path, "content/projects/unga-vuxna-lund.yml")
    assert validate(tmp_path).returncode == 0


@pytest.mark.parametrize("args", [
    ("new", "municipality", "Testby", "--id", "Test By"),
    ("new", "municipality", "Testby", "--id", "tyresö"),
    ("new", "municipality", "   "),
    ("new", "county", "Testby"),
    ("new", "municipality", "Test\x1b[2Jby"),
    ("new", "municipality"),
])
def test_wrong_use_exits_2_and_writes_nothing(project, args):
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    result = run_cli(*args, cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before


def test_project_without_any_municipality_warns(project):
    for path in (project / "content/municipalities").glob("*.yml"):
        path.unlink()
    (project / "content/projects/kraft.yml").unlink()
    result = run_cli("new", "project", "Kraft", cwd=project)
    assert result.returncode == 0
    assert "ingen kommun" in result.stderr
