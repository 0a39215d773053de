"""The YAML lines of a draft: for each field its explanation, then its value or an example."""

from __future__ import annotations

from kunskapsbanken.contributor.scaffold.comments import FieldComments
from kunskapsbanken.contributor.scaffold.schema_view import SchemaView, def_name
from kunskapsbanken.contributor.scaffold.values import UNSET, DraftValues, ExampleValues
from kunskapsbanken.contributor.scaffold.yaml_text import comment, dump


class DraftWriter:
    def __init__(self, view: SchemaView, values: DraftValues, examples: ExampleValues, comments: FieldComments):
        self.view = view
        self.values = values
        self.examples = examples
        self.comments = comments
        self.explained: set[str] = set()
        """Shared definitions (e.g. source_ref) whose fields have already been explained."""

    def object_body(self, schema: dict, indent: int, *, top_level: bool = False) -> list[str]:
        """Every property of an object schema: comment, then the field (or a commented example)."""
        schema = self.view.resolve(schema)
        required = set(schema.get("required", []))
        pad = " " * indent
        lines: list[str] = []
        for key, prop in schema.get("properties", {}).items():
            resolved = self.view.resolve(prop)
            is_required = key in required
            if top_level and lines:
                lines.append("")
            lines += comment(self.comments.field(key, resolved, is_required), indent)
            value = self.values.value(prop, key, is_required, top_level)
            shared = def_name(prop)
            if value is UNSET:
                lines += [f"{pad}# {line}" for line in dump({key: self.examples.value(prop, key)})]
            elif resolved.get("type") == "object" and isinstance(value, dict) and "anyOf" not in resolved \
                    and shared not in self.explained:
                # The first time a shared object (e.g. a source reference) appears, each of its
                # fields is explained; later it is written on one line.
                if shared:
                    self.explained.add(shared)
                lines.append(f"{pad}{key}:")
                lines += self.object_body(resolved, indent + 2)
            else:
                lines += [pad + line for line in dump({key: value})]
                if isinstance(value, list) and resolved.get("type") == "array":
                    lines += self.item_help(resolved, value, indent, key)
                lines += self.alternative_help(resolved, value, indent, key)
        return lines

    def item_help(self, schema: dict, value: list, indent: int, key: str) -> list[str]:
        """For a list of records (e.g. success_factors): what one item holds, and an example."""
        items = self.view.resolve(schema.get("items", {}))
        if items.get("type") != "object":
            if not value:
                return comment(f"Exempel: [{dump(self.examples.value(items, key))[0]}]", indent)
            return []
        pad = " " * indent
        lines = comment("Varje punkt i listan har fälten:", indent)
        lines += self.comments.field_list(items, indent, 2, self.explained)
        if not value:
            lines += comment("Exempel (ta bort # och fyll i):", indent)
            lines += [f"{pad}#   {line}" for line in dump([self.examples.value(items)])]
        return lines

    def alternative_help(self, schema: dict, value: object, indent: int, key: str) -> list[str]:
        """For ``not_known`` or fields with underfields (e.g. largest_employers): explain the fields."""
        lines: list[str] = []
        for branch in self.view.branches(schema):
            if branch.get("type") != "object" or isinstance(value, dict):
                continue
            lines += comment("I stället för not_known, med fälten:" if value == "not_known"
                             else "Eller med fälten:", indent)
            lines += self.comments.field_list(branch, indent, 2, self.explained)
            lines += comment("Exempel (ta bort # och fyll i):", indent)
            lines += [f"{' ' * indent}#   {line}" for line in dump({key: self.examples.value(branch, key)})]
        return lines
