"""Reading a bundled schema the way the draft needs it: ``$ref`` followed, shared definitions named."""

from __future__ import annotations

from kunskapsbanken.data.schemas import resolve_ref


class SchemaView:
    def __init__(self, root: dict):
        self.root = root

    def resolve(self, schema: dict) -> dict:
        """The schema with ``$ref`` followed; the referring schema's own keywords win."""
        return resolve_ref(schema, self.root)

    def branches(self, schema: dict) -> list[dict]:
        return [self.resolve(b) for b in schema.get("anyOf", [])]

    def allows_not_known(self, schema: dict) -> bool:
        return "not_known" in schema.get("enum", []) or any(b.get("const") == "not_known" for b in self.branches(schema))

    def not_known_help(self) -> str:
        return self.resolve({"$ref": "#/$defs/not_known"}).get("description", "")


def def_name(schema: dict) -> str | None:
    """``source_ref`` for ``{"$ref": "#/$defs/source_ref"}``: a definition shared by many fields."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None
