"""``python -m kunskapsbanken new municipality|project "Namn"``: a commented skeleton that validates."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import SCHEMA, run_cli, validate

KINDS = {"municipality": "municipalities", "project": "projects"}


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
def test_new_record_validates_and_explains_every_field(project, kind):
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

    result = validate(project)
    assert result.returncode == 0, result.stdout + result.stderr


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
    assert validate(project).returncode == 0


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
    assert validate(tmp_path).returncode == 0


@pytest.mark.parametrize("args", [
    ("new", "municipality", "Testby", "--id", "Test By"),
    ("new", "municipality", "Testby", "--id", "tyresö"),
    ("new", "municipality", "   "),
    ("new", "county", "Testby"),
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
