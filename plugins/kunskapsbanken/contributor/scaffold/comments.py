"""The Swedish explanation above each field of a draft, taken from the schema."""

from __future__ import annotations

from kunskapsbanken.data.placeholders import PLACEHOLDER
from kunskapsbanken.data.schemas import enum_labels
from kunskapsbanken.contributor.scaffold.schema_view import SchemaView, def_name
from kunskapsbanken.data.yamlwrite import comment_lines


def join(title: str | None, description: str | None) -> str:
    """A field's title and description as one sentence: ``Title: description``."""
    title = (title or "").strip()
    description = (description or "").strip()
    if title and description:
        if title.endswith((".", ":")) or description.startswith("("):
            return f"{title} {description}"
        return f"{title}: {description}"
    return (title or description).strip()


class FieldComments:
    def __init__(self, view: SchemaView, example_ids: dict[str, str]):
        self.view = view
        self.example_ids = example_ids

    def field(self, key: str, schema: dict, required: bool) -> str:
        """``Title: description`` from the schema, plus what the value written needs explained."""
        details = [(schema.get("description") or "").strip()]
        options = schema.get("enum")
        if options and not all(str(o) in details[0] for o in options):
            words = enum_labels(schema)
            details.append("Tillåtna värden: " + ", ".join(
                f"{v} ({words[v].lower()})" if words[v] != v else str(v) for v in options) + ".")
        for branch in self.view.branches(schema):
            if branch.get("format") and branch.get("description"):  # e.g. how to write a date
                details.append(branch["description"])
        if self.view.allows_not_known(schema) and "not_known" not in details[0]:
            details.append(self.view.not_known_help())
        items = self.view.resolve(schema.get("items", {}))
        if required and schema.get("type") == "array" and schema.get("minItems", 0) and "pattern" in items:
            example = self.example_ids.get(key)
            details.append(f"Byt {PLACEHOLDER} mot ett id" + (f", t.ex. {example}." if example else "."))
        if not required and "valfritt" not in details[0].lower():
            details.append("(Valfritt.)")
        title = schema.get("title")
        if not title and not details[0] and schema.get("type") == "array":
            title = "En lista. Varje punkt: " + join(items.get("title"), items.get("description"))
        return join(title or key, " ".join(d for d in details if d))

    def field_list(self, schema: dict, indent: int, inner: int, explained: set[str]) -> list[str]:
        """``name: explanation`` for each field of a list item, nested fields indented below."""
        required = set(schema.get("required", []))
        lines: list[str] = []
        for key, prop in schema.get("properties", {}).items():
            resolved = self.view.resolve(prop)
            text = f"{key}: " + self.field(key, resolved, key in required)
            lines += comment_lines(text, indent, hanging=inner + len(key) + 2, inner=inner)
            items = prop if resolved.get("type") == "object" else resolved.get("items", {})
            shared = def_name(items)
            if self.view.resolve(items).get("type") == "object" and shared not in explained and inner < 8:
                if shared:
                    explained.add(shared)
                lines += self.field_list(self.view.resolve(items), indent, inner + 2, explained)
        return lines
