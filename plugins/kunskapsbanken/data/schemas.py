"""The JSON Schemas of the record kinds: loading, bundling and validation.

The schema files in ``schema/`` are the single source of truth (editors read them through the
``$schema`` modeline). For speed, each kind is checked first by a compiled validator
(fastjsonschema); only a record that fails is run through jsonschema, which reports every
error with its path so the contributor sees them all at once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema
import jsonschema

from kunskapsbanken.data.kinds import COMMON_SCHEMA, KINDS

COMMON = COMMON_SCHEMA

_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_partial_date(value: object) -> bool:
    """``2011``, ``2011-09`` or a real calendar date ``2011-09-01``."""
    if not isinstance(value, str):
        return True  # formats only constrain strings
    if not _PARTIAL_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def is_date(value: object) -> bool:
    return not isinstance(value, str) or (len(value) == 10 and is_partial_date(value))


FORMATS = {"partial-date": is_partial_date, "date": is_date}


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker(formats=())
    for name, func in FORMATS.items():
        checker.checks(name)(func)
    return checker


def bundle(schema: dict, common: dict) -> dict:
    """One self-contained schema: ``common.schema.json#/$defs/x`` becomes ``#/$defs/x``."""
    bundled = copy.deepcopy(schema)
    bundled["$defs"] = {**copy.deepcopy(common.get("$defs", {})), **bundled.get("$defs", {})}

    def rewrite(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(COMMON + "#"):
                node["$ref"] = ref[len(COMMON):]
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(bundled)
    return bundled


def with_ref_siblings_for_draft7(schema: dict) -> dict:
    """``{"$ref": x, "minItems": 1}`` as ``{"allOf": [{"$ref": x}], "minItems": 1}``.

    In JSON Schema 2020-12 (our schemas, and jsonschema) the keywords beside a ``$ref`` apply;
    fastjsonschema follows draft 7, where they are ignored, so it would pass what the schema
    refuses (an empty ``municipalities``, a population of 0).
    """
    def rewrite(node):
        if isinstance(node, dict):
            node = {k: rewrite(v) for k, v in node.items()}
            siblings = set(node) - {"$ref", "title", "description", "$comment"}
            if "$ref" in node and siblings:
                node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
            return node
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    return rewrite(schema)


@dataclass
class KindSchema:
    kind: str
    file: str
    schema: dict
    """The bundled schema (all references local)."""
    fast: Callable[[object], object]
    detailed: jsonschema.protocols.Validator

    def is_valid(self, data: object) -> bool:
        try:
            self.fast(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def errors(self, data: object) -> list[jsonschema.ValidationError]:
        return sorted(self.detailed.iter_errors(data), key=lambda e: list(e.absolute_path).__repr__())


def load_schemas(schema_dir: Path) -> dict[str, KindSchema]:
    common = json.loads((schema_dir / COMMON).read_text(encoding="utf-8"))
    checker = _format_checker()
    result = {}
    for kind, file in ((k.id, k.schema) for k in KINDS.values()):
        raw = json.loads((schema_dir / file).read_text(encoding="utf-8"))
        bundled = bundle(raw, common)
        cls = jsonschema.validators.validator_for(bundled)
        result[kind] = KindSchema(
            kind=kind,
            file=file,
            schema=bundled,
            fast=fastjsonschema.compile(with_ref_siblings_for_draft7(bundled), formats=FORMATS),
            detailed=cls(bundled, format_checker=checker),
        )
    return result


# Navigating a bundled schema: the one place that follows references and walks paths (the
# validator's messages, placeholders, the diff, the formatter, the scaffold, the editor and the
# data package all read the schema through these).

LABELS = "x-labels"
MARKDOWN = "x-markdown"
"""On ``$defs/markdown``: the site renders the field as Markdown (and nh3); any other text is escaped."""
"""Keyword beside an ``enum``: the Swedish word for each value, the one source of the words the
site, the editor, the scaffold and the change summary show (validators ignore unknown keywords)."""


def ref_target(root: dict, ref: str) -> dict:
    """The node a local reference points to: a full JSON pointer (``#/$defs/a/properties/b``)."""
    if ref in ("#", ""):
        return root
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are followed (bundle the schema first): {ref}")
    node: object = root
    for token in ref[2:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        node = node[int(token)] if isinstance(node, list) else node[token]  # type: ignore[index]
    if not isinstance(node, dict):
        raise ValueError(f"reference to a non-schema: {ref}")
    return node


def resolve_ref(node: dict, root: dict) -> dict:
    """``node`` with its ``$ref``s followed; the referring node's own keywords, such as its title
    and description, win. A new dict (the nested values are shared with ``root``: read, don't change)."""
    if not isinstance(node, dict):
        return {}
    node = dict(node)
    seen = set()
    while "$ref" in node and node["$ref"] not in seen:
        ref = node.pop("$ref")
        seen.add(ref)
        node = {**ref_target(root, ref), **node}
    node.pop("$ref", None)
    return node


def branches(node: dict, root: dict) -> list[dict]:
    """The alternatives of a union (``anyOf``/``oneOf``) resolved, or the node itself."""
    node = resolve_ref(node, root)
    options = node.get("anyOf") or node.get("oneOf")
    return [resolve_ref(b, root) for b in options] if options else [node]


def child(node: dict, part: object, root: dict) -> dict | None:
    """The schema one step down: a field name into ``properties``, a list index (or a diff's
    ``[key]`` selector) into ``items``; every branch of a union and of ``allOf`` is tried."""
    node = resolve_ref(node, root)
    by_index = isinstance(part, int) or (isinstance(part, str) and part.startswith("["))
    unions = [*node.get("anyOf", []), *node.get("oneOf", []), *node.get("allOf", [])]
    for option in [node, *(resolve_ref(b, root) for b in unions)]:
        if by_index and isinstance(option.get("items"), dict):
            return resolve_ref(option["items"], root)
        if not by_index and part in option.get("properties", {}):
            return resolve_ref(option["properties"][part], root)
    extra = node.get("additionalProperties")
    if not by_index and isinstance(extra, dict):
        return resolve_ref(extra, root)
    return None


def node_at(root: dict, path: tuple) -> dict | None:
    """The resolved schema of the field at ``path`` (``("results", "figures", 0, "value")``)."""
    node: dict | None = resolve_ref(root, root)
    for part in path:
        node = child(node, part, root) if node is not None else None
    return node


def enum_labels(node: dict) -> dict[str, str]:
    """The Swedish word for each value of an enum (from :data:`LABELS`); values without one keep their own."""
    words = node.get(LABELS) or {}
    return {value: words.get(value, value) for value in node.get("enum", [])}


def is_markdown(root: dict, path: tuple) -> bool:
    """Whether the field at ``path`` is rendered as Markdown (some branch of it is ``$defs/markdown``);
    a path the schema does not know counts as Markdown, the stricter reading of its text."""
    node = node_at(root, path)
    if node is None:
        return True
    return any(option.get(MARKDOWN) for option in [node, *(resolve_ref(b, root) for b in node.get("anyOf", []))])
