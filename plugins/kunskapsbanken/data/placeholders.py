"""A new record is a draft until every ``FYLL I`` is replaced: a placeholder never publishes.

``python -m kunskapsbanken new`` writes ``FYLL I`` wherever only the contributor can know the
value (a text, a source reference, a municipality, a date from the source). Each one left is a
problem that names the field and says, from the schema, what belongs there.
"""

from __future__ import annotations

from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.schema_errors import describe
from kunskapsbanken.data.schemas import branches, child, node_at, resolve_ref
from kunskapsbanken.data.yamlsource import YamlDocument, format_path

PLACEHOLDER = "FYLL I"
"""Text a contributor must replace; easy to search for (and for reviewers to spot)."""


def has_placeholder(value: object) -> bool:
    return isinstance(value, str) and PLACEHOLDER in value


def placeholder_problems(file: str, doc: YamlDocument, schema: dict) -> list[Problem]:
    problems = []
    for path in _placeholder_paths(doc.data, ()):
        field, parent = _schema_at(schema, path)
        # A list item (municipalities[0]) is best explained by its list ("Id för kommuner i …").
        hint = (_hint(parent) or _hint(field)) if isinstance(path[-1], int) else (_hint(field) or _hint(parent))
        line, column = doc.position(path)
        problems.append(Problem(
            file, line, column, format_path(path), f"platshållaren {PLACEHOLDER} står kvar",
            code="draft.placeholder", expected=describe(field, schema),
            tip=f"Skriv i stället: {hint}" if hint else f"Byt ut {PLACEHOLDER} mot uppgiften ur källan."))
    return problems


def _placeholder_paths(node, path: tuple):
    if has_placeholder(node):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _placeholder_paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _placeholder_paths(value, path + (i,))


def _schema_at(root: dict, path: tuple) -> tuple[dict, dict]:
    """The schema of the field at ``path`` (text branch preferred) and of the field holding it."""
    parent = node_at(root, path[:-1]) or {}
    node = (child(parent, path[-1], root) if path else resolve_ref(root, root)) or {}
    text = [b for b in branches(node, root) if b.get("type") == "string"]
    return (text[0] if text and not node.get("type") else node), parent


def _hint(schema: dict) -> str | None:
    title, description = (schema.get("title") or "").strip(), (schema.get("description") or "").strip()
    if not description:
        return None
    return f"{title}: {description}" if title and not title.endswith((".", ":")) else description
