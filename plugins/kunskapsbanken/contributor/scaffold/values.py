"""The values of a draft: what is written into the file, and what commented examples show."""

from __future__ import annotations

from kunskapsbanken.data.placeholders import PLACEHOLDER
from kunskapsbanken.contributor.scaffold.schema_view import SchemaView


class _Unset:
    """No neutral value exists: the field is written as a commented example."""


UNSET = _Unset()


class DraftValues:
    """Neutral where the schema allows it; ``FYLL I`` (refused by ``validate``) where only the
    contributor can know the value."""

    def __init__(self, view: SchemaView, today: str, given: dict):
        self.view = view
        self.today = today
        self.given = given
        """Top-level values the command already knows (id, name)."""

    def value(self, schema: dict, key: str, required: bool, top_level: bool = False) -> object:
        """A value for the field, or UNSET when the field is better left as a comment."""
        schema = self.view.resolve(schema)
        if top_level and key in self.given:
            return self.given[key]
        if "const" in schema:
            return schema["const"]
        options = schema.get("enum")
        if options:
            return "not_known" if "not_known" in options else options[0]
        if self.view.allows_not_known(schema):
            return "not_known"
        kind = schema.get("type")
        if kind == "array":
            if schema.get("minItems", 0) == 0:
                return []
            return [self.value(schema.get("items", {}), key, True)] if required else UNSET
        if kind == "object":
            return self.object_values(schema) if required else UNSET
        if kind == "boolean":
            return False
        if kind == "string" and required:
            # A full date is the record's own (the day it changed: today); every other text,
            # id or date comes from a source, and only the contributor knows it.
            return self.today if schema.get("format") == "date" else PLACEHOLDER
        return UNSET

    def object_values(self, schema: dict) -> dict:
        required = set(schema.get("required", []))
        values = {key: self.value(prop, key, key in required) for key, prop in schema.get("properties", {}).items()}
        return {k: v for k, v in values.items() if v is not UNSET}


class ExampleValues:
    """Values for commented-out examples: they need not validate, only show the shape."""

    def __init__(self, view: SchemaView, today: str, ids: dict[str, str], source: str):
        self.view = view
        self.today = today
        self.ids = ids
        """Example ids by field name (e.g. an existing method for ``methods``)."""
        self.source = source

    def value(self, schema: dict, key: str = "") -> object:
        schema = self.view.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return "not_known" if "not_known" in schema["enum"] else schema["enum"][0]
        branches = self.view.branches(schema)
        if branches:
            preferred = [b for b in branches if b.get("const") != "not_known"] or branches
            return self.value(preferred[0], key)
        kind = schema.get("type")
        if kind == "object":
            props = schema.get("properties", {})
            if not props:  # e.g. a table row: column key → value
                return {self.ids["key"]: 1}
            required = set(schema.get("required", [])) or set(props)
            return {k: self.value(v, k) for k, v in props.items() if k in required}
        if kind == "array":
            return [self.value(schema.get("items", {}), key)]
        if kind == "boolean":
            return False
        if kind in ("integer", "number"):
            return max(schema.get("minimum", 1), 1)
        if kind == "string":
            if schema.get("format") in ("date", "partial-date"):
                return self.today
            if key == "document":
                return self.source
            if "pattern" in schema:
                return self.ids.get(key, "id")
        return PLACEHOLDER
