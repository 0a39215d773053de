"""The editor's configuration is generated from the schemas (issue 13), checked field by field.

A test walks every schema property of every record kind and finds its Decap field: same name,
the schema's title as label, required as the schema says, enums as selects with Swedish labels,
references as relation widgets (or selects over a vocabulary file), dates as date pickers. The
configuration in the built site is the one generated.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from site_fixtures import PROJECT

from kunskapsbanken.data.schemas import resolve_ref
from kunskapsbanken.data.references import REFERENCE_FIELDS
from kunskapsbanken.editor.config import FOLDER_COLLECTIONS, LIST_FIELD, EditorConfig, github_backend

SCHEMA_DIR = PROJECT / "schema"


@pytest.fixture(scope="module")
def config():
    editor = EditorConfig(SCHEMA_DIR, PROJECT / "content")
    return editor.config(backend=github_backend("https://github.com/o/r", "main", None), local_backend=True,
                         blog_categories=["Modellkommuner", "Projekt", "Utvärderingar"],
                         blog_authors=["redaktionen"])


def _schema(kind: str) -> dict:
    from kunskapsbanken.data.repository import schemas_for

    return schemas_for(SCHEMA_DIR)[kind].schema


def _collection(config, name):
    return next(c for c in config["collections"] if c["name"] == name)


def _walk(node: dict, fields: list[dict], root: dict, path: str, seen: list[str], kind: str | None,
          optional_group: bool = False):
    """Check every property of ``node`` against the Decap ``fields`` of the same object. Inside an
    optional group nothing is required (Decap would ask for it even with the group left empty)."""
    node = resolve_ref(node, root)
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(node.get("properties", {})), f"{path}: fields not in schema order"
    required = set(node.get("required", []))
    for name, prop in node.get("properties", {}).items():
        field, prop = by_name[name], resolve_ref(prop, root)
        where = f"{path}.{name}"
        seen.append(where)
        multiple_choice = field.get("multiple") and field["widget"] in ("relation", "select")
        if multiple_choice and name in required:  # an empty choice is checked by checks.js
            assert field["required"] is bool(prop.get("minItems")) and field["default"] == [], where
        else:
            assert field["required"] is (name in required and not optional_group), where
        assert field["label"] == prop.get("title", name), where
        if field["required"] and field["widget"] == "list":
            assert field["default"] == [], where  # else a new record lacks the key
        target = next((t for k, f, t in REFERENCE_FIELDS if k == kind and f == name), None)
        if target in ("municipality", "project", "method"):
            assert field["widget"] == "relation", where
            assert field["multiple"] is (prop.get("type") == "array"), where
        elif target is not None:  # a vocabulary in one file (target_groups.yml): a select over its entries
            assert field["widget"] == "select" and field["options"], where
            assert field["multiple"] is (prop.get("type") == "array"), where
        elif name == "section":
            assert field["widget"] == "select" and field["options"], where
        elif name in ("criterion", "document"):
            assert field["widget"] == "select" and field["options"], where
        elif "enum" in prop:
            assert field["widget"] == "select", where
            assert [o["value"] for o in field["options"]] == prop["enum"], where
        elif prop.get("format") == "date":
            assert field["widget"] == "datetime" and field["format"] == "YYYY-MM-DD" and field["time_format"] is False
            # a new record's «Uppdaterad» is the day it is written; Decap fills in "{{now}}" as that
            assert field.get("default") == ("{{now}}" if field["required"] else None), where
        elif prop.get("type") == "object" and prop.get("properties"):
            assert field["widget"] == "object", where
            _walk(prop, field["fields"], root, where, seen, None, optional_group or name not in required)
        elif prop.get("type") == "array":
            items = resolve_ref(prop["items"], root)
            if items.get("type") == "object" and items.get("properties"):
                assert field["widget"] == "list", where
                _walk(items, field["fields"], root, where + "[]", seen, None)
            elif items.get("type") == "object":
                assert field["widget"] == "hidden", where  # free-form rows
            else:
                assert field["widget"] == "list" and field["field"]["widget"] in ("string", "text"), where
        elif "anyOf" in prop:
            branches = [resolve_ref(b, root) for b in prop["anyOf"]]
            if any(b.get("type") in ("array", "object") for b in branches):
                # visible: a checkbox "Okänt" and the list or group (records.js folds it back)
                assert field["widget"] == "object", where
                assert [f["name"] for f in field["fields"]] == ["okant", "varde"], where
            elif {b.get("type") for b in branches if "const" not in b} == {"boolean"}:
                # yes, no or not known: three choices, which records.js turns into true, false, not_known
                assert field["widget"] == "select", where
                assert [o["value"] for o in field["options"]] == ["ja", "nej", "okänt"], where
                assert "true" not in field.get("hint", "") and "false" not in field.get("hint", ""), where
            else:
                assert field["widget"] in ("string", "text"), where
                if any(b.get("const") == "not_known" for b in branches):
                    assert "okänt" in field["hint"] and "not_known" not in field["hint"], where
        elif prop.get("type") == "boolean":
            assert field["widget"] == "boolean", where
        elif prop.get("type") == "integer":
            assert field["widget"] == "number" and field["value_type"] == "int", where


@pytest.mark.parametrize("collection,kind", [(name, kind) for name, kind, *_ in FOLDER_COLLECTIONS])
def test_every_schema_field_has_its_editor_field(config, collection, kind):
    schema = _schema(kind)
    seen: list[str] = []
    _walk(schema, _collection(config, collection)["fields"], schema, kind, seen, kind)
    assert len(seen) > 10
    assert f"{kind}.id" in seen and f"{kind}.sources[].document" in seen


def test_the_glossary_is_edited_as_one_list(config):
    schema = _schema("glossary")
    glossary = _collection(config, "glossary")
    assert glossary["format"] == "kb-glossary"
    (field,) = glossary["files"][0]["fields"]
    assert field["name"] == LIST_FIELD and field["widget"] == "list"
    _walk(schema["items"], field["fields"], schema, "glossary[]", [], None)


def test_enum_labels_are_swedish_and_references_point_at_the_right_collection(config):
    fields = {f["name"]: f for f in _collection(config, "projects")["fields"]}
    # The same words as the site's pages: both read the schema's x-labels.
    assert {o["value"]: o["label"] for o in fields["status"]["options"]} == {
        "planned": "Planerat", "ongoing": "Pågår", "completed": "Avslutat", "not_known": "Okänd status"}
    assert fields["municipalities"]["collection"] == "municipalities"
    assert fields["part_of"]["collection"] == "projects" and fields["part_of"]["multiple"] is False
    assert fields["related_projects"]["collection"] == "projects"
    verdict = {f["name"]: f for f in fields["criteria"]["fields"]}
    criteria = yaml.safe_load((PROJECT / "content" / "criteria.yml").read_text(encoding="utf-8"))
    assert [o["value"] for o in verdict["criterion"]["options"]] == [c["id"] for c in criteria]
    assert verdict["rating"]["options"][0] == {"label": "Uppfyllt", "value": "met"}
    # "a number or not_known": a text input that accepts exactly those
    count = {f["name"]: f for f in fields["participants"]["fields"]}["count"]
    assert count["widget"] == "string" and "okänt" in count["pattern"][0]
    assert re.match(count["pattern"][0], "12") and not re.match(count["pattern"][0], "-3")


def test_a_glossary_term_without_a_source_asks_for_nothing(config):
    (field,) = _collection(config, "glossary")["files"][0]["fields"]
    source = {f["name"]: f for f in field["fields"]}["source"]
    assert source["required"] is False
    assert all(f["required"] is False for f in source["fields"])


def test_the_published_editor_never_calls_the_visitors_machine(built_site):
    published = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert "local_backend" not in published


def test_a_vocabulary_file_named_like_a_field_becomes_a_select(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    (content / "target_groups.yml").write_text("- id: unga\n  name: Unga vuxna\n", encoding="utf-8")
    schema_dir = tmp_path / "schema"
    shutil.copytree(SCHEMA_DIR, schema_dir)
    project = json.loads((schema_dir / "project.schema.json").read_text(encoding="utf-8"))
    project["properties"]["target_groups"] = {"$ref": "common.schema.json#/$defs/reference_list",
                                              "title": "Målgrupper"}
    (schema_dir / "project.schema.json").write_text(json.dumps(project), encoding="utf-8")
    config = EditorConfig(schema_dir, content).config(backend={}, local_backend=True)
    field = {f["name"]: f for f in _collection(config, "projects")["fields"]}["target_groups"]
    assert field["widget"] == "select" and field["multiple"] is True
    assert field["options"] == [{"label": "Unga vuxna", "value": "unga"}]


def test_the_built_site_serves_the_generated_configuration(built_site):
    published = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert published["locale"] == "sv" and published["publish_mode"] == "editorial_workflow"
    assert published["backend"]["name"] == "github"
    assert published["backend"]["repo"] == "handikappforbunden/kunskapsbanken"  # from repo_url
    assert {c["name"] for c in published["collections"]} == {
        "news", "municipalities", "projects", "methods", "glossary", "criteria", "success_keys", "target_groups",
        "sources"}
    news = _collection(published, "news")
    assert {o for o in {f["name"]: f for f in news["fields"]}["categories"]["options"]} == {
        "Modellkommuner", "Projekt", "Utvärderingar"}
    assert (built_site / "admin" / "decap-cms.js").stat().st_size > 1_000_000
    assert (built_site / "admin" / "decap-cms.js.LICENSE.txt").is_file()
