"""The one schema module (data/schemas.py): references, paths and enum words for every tool."""

from __future__ import annotations

import json

import pytest
from helpers import SCHEMA
from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.schemas import LABELS, branches, child, enum_labels, load_schemas, node_at, ref_target, \
    resolve_ref
from kunskapsbanken.render import labels

ROOT = {
    "$defs": {
        "a": {"type": "object", "properties": {"x": {"title": "a.x", "$ref": "#/$defs/text"}}},
        "x": {"title": "the other x"},
        "text": {"type": "string", "description": "Text."},
        "a/b": {"title": "slash"},
        "loop": {"$ref": "#/$defs/loop", "title": "loop"},
        "maybe": {"anyOf": [{"$ref": "#/$defs/a"}, {"const": "not_known"}]},
    },
    "type": "object",
    "properties": {
        "field": {"$ref": "#/$defs/a/properties/x", "description": "Own words win."},
        "list": {"type": "array", "items": {"$ref": "#/$defs/maybe"}},
        "free": {"type": "object", "additionalProperties": {"type": "number"}},
        "both": {"allOf": [{"$ref": "#/$defs/a"}]},
    },
}


def test_a_reference_is_a_full_json_pointer_not_its_last_segment():
    assert ref_target(ROOT, "#/$defs/a/properties/x")["title"] == "a.x"
    assert ref_target(ROOT, "#/$defs/a~1b")["title"] == "slash"
    assert ref_target(ROOT, "#") is ROOT
    with pytest.raises(ValueError):
        ref_target(ROOT, "common.schema.json#/$defs/id")


def test_resolving_follows_every_reference_and_the_referring_node_wins():
    field = resolve_ref(ROOT["properties"]["field"], ROOT)
    assert field == {"title": "a.x", "type": "string", "description": "Own words win."}
    assert resolve_ref(ROOT["$defs"]["loop"], ROOT) == {"title": "loop"}
    field["title"] = "changed"
    assert ROOT["$defs"]["a"]["properties"]["x"]["title"] == "a.x"


def test_paths_are_walked_through_lists_unions_selectors_and_free_objects():
    assert node_at(ROOT, ("list", 0, "x"))["type"] == "string"
    assert node_at(ROOT, ("list", "[key]", "x"))["title"] == "a.x"
    assert node_at(ROOT, ("free", "anything")) == {"type": "number"}
    assert node_at(ROOT, ("both", "x"))["title"] == "a.x"
    assert node_at(ROOT, ("list", 0, "nothing")) is None
    assert node_at(ROOT, ("field", 0)) is None
    assert child(ROOT, "field", ROOT)["description"] == "Own words win."
    assert [b.get("const") for b in branches(ROOT["$defs"]["maybe"], ROOT)] == [None, "not_known"]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_of_the_real_schemas_resolves(kind):
    schema = load_schemas(SCHEMA)[kind].schema

    def walk(node, path, depth=0):
        node = resolve_ref(node, schema)
        assert "$ref" not in node, path
        for name in node.get("properties", {}):
            assert node_at(schema, path + (name,)) is not None, path + (name,)
            if depth < 6:
                walk(node["properties"][name], path + (name,), depth + 1)
        if isinstance(node.get("items"), dict) and depth < 6:
            walk(node["items"], path + (0,), depth + 1)

    walk(schema, ())


def _enums(node, found):
    if isinstance(node, dict):
        if "enum" in node:
            found.append(node)
        for value in node.values():
            _enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _enums(value, found)
    return found


def test_every_enum_word_is_written_once_in_the_schema_for_exactly_its_values():
    for path in sorted(SCHEMA.glob("*.schema.json")):
        for node in _enums(json.loads(path.read_text(encoding="utf-8")), []):
            if LABELS in node:
                assert list(node[LABELS]) == node["enum"], path.name
                assert all(word and word[0].isupper() for word in node[LABELS].values()), path.name
    assert enum_labels({"enum": ["a", "b"], LABELS: {"a": "A"}}) == {"a": "A", "b": "b"}


def test_the_site_shows_the_schemas_words():
    project = load_schemas(SCHEMA)["project"].schema
    assert labels.STATUSES == node_at(project, ("status",))[LABELS]
    assert labels.OUTCOMES == node_at(project, ("goals", 0, "outcome"))[LABELS]
    assert labels.IMPLEMENTATIONS == node_at(project, ("implementation", "status"))[LABELS]
    assert labels.KINDS == node_at(project, ("kind",))[LABELS]
    rating = node_at(load_schemas(SCHEMA)["municipality"].schema, ("criteria", 0, "rating"))
    assert {v: t[0] for v, t in labels.RATINGS.items()} == rating[LABELS]
    assert labels.rating_label("partly_met") == rating[LABELS]["partly_met"]
