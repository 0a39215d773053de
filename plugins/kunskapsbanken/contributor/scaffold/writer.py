"""The YAML lines of a draft: for each field its explanation, then its value or an example.

Every value, and every example in a comment, is written by the records' house style
(data/yamlwrite.py) one field at a time, so that the explanations can stand between the fields:
a draft, once filled in, is laid out as ``python -m kunskapsbanken format`` lays out a record."""

from __future__ import annotations

from kunskapsbanken.contributor.scaffold.comments import FieldComments
from kunskapsbanken.contributor.scaffold.schema_view import SchemaView, def_name
from kunskapsbanken.contributor.scaffold.values import UNSET, DraftValues, ExampleValues
from kunskapsbanken.data.yamlwrite import comment_lines, field_lines


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
            lines += comment_lines(self.comments.field(key, resolved, is_required), indent)
            value = self.values.value(prop, key, is_required, top_level)
            if value is UNSET:
                lines += self._commented(key, self.examples.value(prop, key), resolved, indent, "# ")
                continue
            field = field_lines(key, value, resolved, self.view.root, indent)
            shared = def_name(prop)
            # The first time an object (e.g. a source reference) appears, each of its fields is
            # explained: above the field in a block mapping, after the line in a flow mapping.
            first_time = resolved.get("type") == "object" and isinstance(value, dict) and "anyOf" not in resolved \
                and shared not in self.explained
            if first_time and shared:
                self.explained.add(shared)
            if first_time and len(field) > 1:
                lines.append(f"{pad}{key}:")
                lines += self.object_body(resolved, indent + 2)
                continue
            lines += field
            if first_time:
                lines += comment_lines("Med fälten:", indent)
                lines += self.comments.field_list(resolved, indent, 2, self.explained)
            if isinstance(value, list) and resolved.get("type") == "array":
                lines += self.item_help(resolved, value, indent, key)
            lines += self.alternative_help(resolved, value, indent, key)
        return lines

    def item_help(self, schema: dict, value: list, indent: int, key: str) -> list[str]:
        """For a list of records (e.g. success_factors): what one item holds, and an example."""
        items = self.view.resolve(schema.get("items", {}))
        if items.get("type") != "object":
            if value:
                return []
            example = field_lines(key, [self.examples.value(items, key)], schema, self.view.root)
            if len(example) == 1:  # a short list on one line
                return comment_lines("Exempel: " + example[0].split(": ", 1)[1], indent)
            return comment_lines("Exempel (ta bort # och fyll i):", indent) + self._items(example, indent)
        lines = comment_lines("Varje punkt i listan har fälten:", indent)
        lines += self.comments.field_list(items, indent, 2, self.explained)
        if not value:
            lines += comment_lines("Exempel (ta bort # och fyll i):", indent)
            lines += self._items(field_lines(key, [self.examples.value(items)], schema, self.view.root), indent)
        return lines

    def alternative_help(self, schema: dict, value: object, indent: int, key: str) -> list[str]:
        """For ``not_known`` or fields with underfields (e.g. largest_employers): explain the fields."""
        lines: list[str] = []
        for branch in self.view.branches(schema):
            if branch.get("type") != "object" or isinstance(value, dict):
                continue
            lines += comment_lines("I stället för not_known, med fälten:" if value == "not_known"
                                   else "Eller med fälten:", indent)
            lines += self.comments.field_list(branch, indent, 2, self.explained)
            lines += comment_lines("Exempel (ta bort # och fyll i):", indent)
            lines += self._commented(key, self.examples.value(branch, key), schema, indent, "#   ")
        return lines

    def _commented(self, key: str, example: object, schema: dict, indent: int, mark: str) -> list[str]:
        """``key: example`` in the house style, commented out."""
        return [f"{' ' * indent}{mark}{line}" for line in field_lines(key, example, schema, self.view.root)]

    @staticmethod
    def _items(field: list[str], indent: int) -> list[str]:
        """The items of a block list (``field`` without its ``key:`` line), commented out."""
        return [f"{' ' * indent}#   {line[2:]}" for line in field[1:]]
