"""Every YAML text the project writes, in one place (``yamlsource`` is the one place that reads).

Two kinds of YAML are written, each with one set of rules:

* **Generated files** (the editor's ``admin/config.yml``, the exported ``mkdocs.yml``, the
  generated pages' front matter): data nobody edits by hand, dumped by PyYAML with libyaml's
  emitter where it is available (the pure-Python one took a second of every rebuild under
  serve), Unicode as it is, keys in the order given, a header comment saying where the file
  comes from, and ``!!python/name:`` values (mkdocs.yml's slug functions) kept as tags
  (:func:`config_yaml`); a page's front matter is one JSON value a line (:func:`front_matter`).
* **The records' house style** (``content/``): what contributors read and edit. ``format``
  lays out what the web editor wrote in it and ``new`` writes its drafts through it, so a
  filled-in draft is already formatted (:func:`normalise`, :func:`dump`, :func:`field_lines`):

  - the ``# yaml-language-server: $schema=...`` modeline on the first line (:func:`modeline`);
  - the types the schema asks for (a number typed as text becomes a number, a date stays text);
  - long text folded (``>-``) near column :data:`WIDTH`, multi-line Markdown as a literal block
    (``|-``), text that YAML 1.1 tools would read as a date, number or yes/no double-quoted;
  - source references and short id lists in flow style (``{document: ..., section: ...}``,
    ``[lund]``); comments wrapped at the same width (:func:`comment_lines`).

The round trip (ruamel) keeps a base document's comments and quoting wherever its data is
unchanged; only values marked :class:`New` (see :func:`fresh`) get the house style.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import textwrap
from pathlib import Path

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from kunskapsbanken.data.placeholders import PLACEHOLDER
from kunskapsbanken.data.schemas import branches, resolve_ref

WIDTH = 100
"""Where long text and comments are folded, as in the hand-written records and generated files."""

# -- generated files ---------------------------------------------------------------------------------


class PythonName(str):
    """A ``!!python/name:`` value in mkdocs.yml (e.g. a slug function), kept as it is."""


class _ConfigDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_ConfigDumper.add_representer(PythonName, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:python/name:" + value, ""))


def config_yaml(data: dict, header: str) -> str:
    """``data`` as a generated file: ``header`` as its opening comment, then the YAML."""
    comment = "".join(f"# {line}\n" for line in header.splitlines())
    return comment + yaml.dump(data, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False, width=WIDTH)


def front_matter(meta: dict) -> str:
    """A generated page's front matter between ``---`` lines: each value as JSON, which is YAML,
    on one line, without any hand-made quoting, and cheap enough for every page of every build."""
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n"


# -- the records' house style: reading and writing a round-trip document -----------------------------

MODELINE = "yaml-language-server: $schema="
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_NEEDS_QUOTES = re.compile(r"^(\d[\d\-:.]*|true|false|yes|no|on|off|null|~|not_known_)$", re.I)
_ID = re.compile(r"^[a-z0-9-]+$")
_SOURCE_REFERENCE = {"document", "section", "page"}


def modeline(record_dir: Path, schema_file: Path) -> str:
    """The modeline (without ``# ``) that points an editor in ``record_dir`` at ``schema_file``."""
    return MODELINE + Path(os.path.relpath(schema_file, record_dir)).as_posix()


def _yaml() -> YAML:
    rt = YAML(typ="rt")
    rt.preserve_quotes = True
    rt.width = 4096  # never re-wrap an existing plain line; new long text is folded by us
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return rt


def load(text: str):
    return _yaml().load(text)


def dump(data) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    text = out.getvalue()
    if isinstance(data, list):
        # A file whose top level is a list starts its items at column 0 (ruamel indents them).
        text = "".join(line[2:] if line.startswith("  ") else line for line in text.splitlines(keepends=True))
    return text


def comment_lines(text: str, indent: int = 0, hanging: int = 0, inner: int = 0) -> list[str]:
    """``text`` as ``#`` lines wrapped at WIDTH; ``inner`` indents after the ``#`` (nested fields),
    ``hanging`` the lines after the first."""
    if not text:
        return []
    pad = " " * indent
    return textwrap.wrap(text, width=WIDTH, initial_indent=f"{pad}# " + " " * inner,
                         subsequent_indent=f"{pad}# " + " " * max(hanging, inner),
                         break_long_words=False, break_on_hyphens=False)


def field_lines(key: str, value, node: dict, root: dict, indent: int = 0) -> list[str]:
    """``key: value`` in the house style as lines indented by ``indent``: exactly the lines a
    whole record in the house style has for that field there (one field of a draft at a time,
    so that comments can stand between the fields)."""
    holder = {"type": "object", "properties": {key: node}, "required": [key]}
    text = dump(normalise({key: fresh(value)}, holder, root, indent=indent))
    pad = " " * indent
    return [pad + line if line else line for line in text.rstrip("\n").split("\n")]


# -- schema helpers ----------------------------------------------------------------------------------

def _accepts_number(node: dict, root: dict) -> bool:
    return any(b.get("type") in ("number", "integer") for b in branches(node, root))


def _accepts_free_string(node: dict, root: dict) -> bool:
    return any(b.get("type") == "string" and not b.get("format") for b in branches(node, root))


def _wants_string(node: dict, root: dict) -> bool:
    return any(b.get("type") == "string" for b in branches(node, root))


def object_branch(node: dict, root: dict) -> dict | None:
    return next((b for b in branches(node, root) if b.get("type") == "object"), None)


def array_branch(node: dict, root: dict) -> dict | None:
    return next((b for b in branches(node, root) if b.get("type") == "array"), None)


# -- the house style ---------------------------------------------------------------------------------

class New(str):
    """A string from new data (or one that differs from the base): it gets the house style."""


def fresh(value):
    """New data as plain Python values, its strings marked :class:`New`: no style of its own,
    so the house style applies to all of it."""
    if isinstance(value, dict):
        return {str(k): fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [fresh(v) for v in value]
    if isinstance(value, str):
        return New(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def set_item(container, key, value) -> None:
    """Assign without ruamel's habit of keeping the old value's scalar style on the new value."""
    if isinstance(container, CommentedMap):
        ordereddict.__setitem__(container, key, value)
    elif isinstance(container, CommentedSeq):
        list.__setitem__(container, key, value)
    else:
        container[key] = value


def normalise(value, node: dict, root: dict, *, indent: int, key: str = ""):
    """``value`` with the schema's key order and types, new scalars in the house style.
    ``indent``: the column of ``value``'s own keys or items."""
    obj = object_branch(node, root) if node else None
    if isinstance(value, dict) and obj is not None:
        return _normalise_map(value, obj, root, indent=indent)
    if isinstance(value, dict):
        return value
    arr = array_branch(node, root) if node else None
    if isinstance(value, list):
        items = resolve_ref(arr.get("items", {}), root) if arr else {}
        seq = value if isinstance(value, CommentedSeq) else CommentedSeq(value)
        for i, item in enumerate(seq):
            set_item(seq, i, normalise(item, items, root, indent=indent + 4))
        if not isinstance(value, CommentedSeq):
            _flow_if_short(seq, key, indent, items)
        return seq
    return _normalise_scalar(value, node, root, indent=indent, key=key)


def _normalise_map(value: dict, node: dict, root: dict, *, indent: int):
    props = node.get("properties", {})
    required = set(node.get("required", []))
    is_fresh = not isinstance(value, CommentedMap)
    result = value if not is_fresh else CommentedMap(value)
    for key in list(result):
        if key in props and key not in required and (result[key] is None or result[key] == ""):
            del result[key]  # an optional field the form sent empty: absent, as before
    order = [k for k in props if k in result] + [k for k in result if k not in props]
    if is_fresh and list(result) != order:  # a base mapping keeps its order (merge placed new keys)
        items = [(k, result[k]) for k in order]
        for k in list(result):
            del result[k]
        for k, v in items:
            result[k] = v
    for key in list(result):
        sub = resolve_ref(props.get(key, {}), root) if key in props else (
            resolve_ref(node["additionalProperties"], root) if isinstance(node.get("additionalProperties"), dict) else {})
        set_item(result, key, normalise(result[key], sub, root, indent=indent + 2, key=key))
    if is_fresh and set(result) >= {"document", "section"} and set(result) <= _SOURCE_REFERENCE:
        result.fa.set_flow_style()  # type: ignore[attr-defined]  # a source reference, on one line
    return result


def _normalise_scalar(value, node: dict, root: dict, *, indent: int, key: str):
    if isinstance(value, (datetime.date, datetime.datetime)) and _wants_string(node, root):
        value = New(value.isoformat()[:10])
    if isinstance(value, int) and not isinstance(value, bool) and not _accepts_number(node, root) \
            and _wants_string(node, root):
        value = New(value)  # "2012" as a year of a partial date, written by the editor unquoted
    if isinstance(value, New):  # a new or changed string: no style yet
        value = str(value)
        if _NUMBER.match(value.strip()) and _accepts_number(node, root) and not _accepts_free_string(node, root):
            number = value.strip().replace(",", ".")
            return float(number) if "." in number else int(number)
        return _styled(value, indent=indent, key=key)
    return value


def _styled(text: str, *, indent: int, key: str):
    if "\n" in text.strip("\n"):
        return LiteralScalarString(text.rstrip("\n") if not text.endswith("\n\n") else text)
    if indent + len(key) + 2 + len(text) > WIDTH and " " in text:
        return _folded(text, indent)
    if _NEEDS_QUOTES.match(text) or text != text.strip():
        return DoubleQuotedScalarString(text)
    return text


def _folded(text: str, indent: int) -> FoldedScalarString:
    """A ``>-`` block whose lines break at spaces before column WIDTH."""
    lines = textwrap.wrap(text, width=WIDTH - indent - 2, break_long_words=False, break_on_hyphens=False)
    scalar = FoldedScalarString(" ".join(lines))
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    scalar.fold_pos = positions
    return scalar


def _flow_if_short(seq: CommentedSeq, key: str, indent: int, items: dict) -> None:
    """A short list of ids on one line. A draft's placeholder in a list of ids stands for the id
    the contributor writes there: the list already has the layout it will have once filled."""
    def id_like(v) -> bool:
        return isinstance(v, str) and (bool(_ID.match(v)) or (v == PLACEHOLDER and "pattern" in items))

    if seq and all(id_like(v) for v in seq):
        if indent + len(key) + 2 + sum(len(v) + 2 for v in seq) <= WIDTH:
            seq.fa.set_flow_style()
