"""``python -m kunskapsbanken format``: the records in the house style, whoever wrote them.

The web editor (Decap CMS) writes YAML in its own style: no comments, no schema modeline, keys in
form order, long texts as plain scalars. Formatting a record gives back what contributors rely on:

* the ``# yaml-language-server: $schema=...`` modeline on the first line;
* key order as in the schema (``properties``), unknown keys after them;
* the comments, layout and quoting of a base version (git ``HEAD`` by default, or ``--base REV``)
  wherever the data is unchanged: the new data is merged into the base document, so a value the
  edit did not change keeps its exact text, and a comment stays on its key. Lists are matched item
  by item by position: an item inserted in the middle of a list moves the comments below it to the
  items that now stand at their place. Comments on a removed key go with it;
* for new or changed values, the house style: long text folded (``>-``) near 100 columns,
  multi-line Markdown as a literal block (``|-``), source references and short id lists in flow
  style (``{document: ..., section: ...}``, ``[lund]``), dates and digit strings quoted;
* the types the schema asks for: the editor's text field for "a number or not_known" gives the
  string "27", which becomes the number 27; a date the editor wrote unquoted stays a string.

Formatting is idempotent, and a no-op on every record already in the house style.
"""

from __future__ import annotations

import datetime
import io
import re
import textwrap
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from kunskapsbanken.data.schemas import branches, resolve_ref

WIDTH = 100
"""Where long text is folded, as in the hand-written records."""
MODELINE = "yaml-language-server: $schema="
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_NEEDS_QUOTES = re.compile(r"^(\d[\d\-:.]*|true|false|yes|no|on|off|null|~|not_known_)$", re.I)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap an existing plain line; new long text is folded by us
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


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


# -- schema helpers ----------------------------------------------------------------------------------

def _branches(node: dict, root: dict) -> list[dict]:
    return branches(node, root)


def _accepts_number(node: dict, root: dict) -> bool:
    return any(b.get("type") in ("number", "integer") for b in _branches(node, root))


def _accepts_free_string(node: dict, root: dict) -> bool:
    return any(b.get("type") == "string" and not b.get("format") for b in _branches(node, root))


def _wants_string(node: dict, root: dict) -> bool:
    return any(b.get("type") == "string" for b in _branches(node, root))


def _object_branch(node: dict, root: dict) -> dict | None:
    return next((b for b in _branches(node, root) if b.get("type") == "object"), None)


def _array_branch(node: dict, root: dict) -> dict | None:
    return next((b for b in _branches(node, root) if b.get("type") == "array"), None)


# -- merging the new data into the base document -----------------------------------------------------

def merge(base, new, node: dict, root: dict):
    """``base`` (a ruamel document) changed in place to hold ``new``'s data; unchanged parts,
    with their comments and quoting, are base's own. A key new to a mapping goes where the
    schema's property order puts it among the keys already there."""
    if isinstance(base, CommentedMap) and isinstance(new, dict):
        obj = _object_branch(node, root) or {}
        props = obj.get("properties", {})
        order = list(props)
        for key in [k for k in base if k not in new]:
            del base[key]
        for key, value in new.items():
            sub = resolve_ref(props.get(key, {}), root)
            if key in base:
                _set(base, key, merge(base[key], value, sub, root))
                continue
            rank = order.index(key) if key in order else len(order)
            position = len(base)
            for i, existing in enumerate(base):
                if existing in order and order.index(existing) > rank:
                    position = i
                    break
            base.insert(position, key, value)
        return base
    if isinstance(base, CommentedSeq) and isinstance(new, list):
        arr = _array_branch(node, root) or {}
        items = resolve_ref(arr.get("items", {}), root)
        for i, value in enumerate(new[:len(base)]):
            _set(base, i, merge(base[i], value, items, root))
        del base[len(new):]
        base.extend(new[len(base):])
        return base
    if _same_scalar(base, new):
        return base
    return new


def _set(container, key, value) -> None:
    """Assign without ruamel's habit of keeping the old value's scalar style on the new value."""
    if isinstance(container, CommentedMap):
        ordereddict.__setitem__(container, key, value)
    elif isinstance(container, CommentedSeq):
        list.__setitem__(container, key, value)
    else:
        container[key] = value


def _same_scalar(a, b) -> bool:
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) and isinstance(b, str):
        return str(a) == str(b)
    return type(a) is type(b) and a == b


# -- the house style ---------------------------------------------------------------------------------

def normalise(value, node: dict, root: dict, *, indent: int, key: str = ""):
    """``value`` with the schema's key order and types, new scalars in the house style."""
    obj = _object_branch(node, root) if node else None
    if isinstance(value, dict) and obj is not None:
        return _normalise_map(value, obj, root, indent=indent)
    if isinstance(value, dict):
        return value
    arr = _array_branch(node, root) if node else None
    if isinstance(value, list):
        items = resolve_ref(arr.get("items", {}), root) if arr else {}
        seq = value if isinstance(value, CommentedSeq) else CommentedSeq(value)
        for i, item in enumerate(seq):
            _set(seq, i, normalise(item, items, root, indent=indent + 4))
        if not isinstance(value, CommentedSeq):
            _flow_if_short(seq, key, indent)
        return seq
    return _normalise_scalar(value, node, root, indent=indent, key=key)


def _normalise_map(value: dict, node: dict, root: dict, *, indent: int):
    props = node.get("properties", {})
    required = set(node.get("required", []))
    fresh = not isinstance(value, CommentedMap)
    result = value if not fresh else CommentedMap(value)
    for key in list(result):
        if key in props and key not in required and (result[key] is None or result[key] == ""):
            del result[key]  # an optional field the form sent empty: absent, as before
    order = [k for k in props if k in result] + [k for k in result if k not in props]
    if fresh and list(result) != order:  # a base mapping keeps its order (merge placed new keys)
        items = [(k, result[k]) for k in order]
        for k in list(result):
            del result[k]
        for k, v in items:
            result[k] = v
    for key in list(result):
        sub = resolve_ref(props.get(key, {}), root) if key in props else (
            resolve_ref(node["additionalProperties"], root) if isinstance(node.get("additionalProperties"), dict) else {})
        _set(result, key, normalise(result[key], sub, root, indent=indent + 2, key=key))
    if fresh and set(result) >= {"document", "section"} and set(result) <= {"document", "section", "page"}:
        result.fa.set_flow_style()  # type: ignore[attr-defined]  # fresh: a CommentedMap, on one line
    return result


def _normalise_scalar(value, node: dict, root: dict, *, indent: int, key: str):
    if isinstance(value, (datetime.date, datetime.datetime)) and _wants_string(node, root):
        value = _New(value.isoformat()[:10])
    if isinstance(value, int) and not isinstance(value, bool) and not _accepts_number(node, root) \
            and _wants_string(node, root):
        value = _New(value)  # "2012" as a year of a partial date, written by the editor unquoted
    if isinstance(value, _New):  # a new or changed string: no style yet
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


def _flow_if_short(seq: CommentedSeq, key: str, indent: int) -> None:
    if seq and all(isinstance(v, str) and re.match(r"^[a-z0-9-]+$", v) for v in seq):
        if indent + len(key) + 2 + sum(len(v) + 2 for v in seq) <= WIDTH:
            seq.fa.set_flow_style()


# -- files -------------------------------------------------------------------------------------------

def modeline_for(path: Path, content_dir: Path, schema_dir: Path, schema_file: str) -> str:
    relative = Path(*[".."] * len(path.parent.relative_to(content_dir.parent).parts)) / schema_dir.name / schema_file
    return f"{MODELINE}{relative.as_posix()}"


def format_text(text: str, schema: dict, *, modeline: str, base_text: str | None = None) -> str:
    """``text`` in the house style, restoring what ``base_text`` (the committed version) had.

    Without a base, a file that carries the modeline is its own base (hand-written: keep its
    layout); one without any comment came from a tool and is laid out anew."""
    data = load(text)
    base = None
    if base_text is not None:
        try:
            base = load(base_text)
        except Exception:  # a broken base gives nothing to restore from
            base = None
    elif MODELINE in text:
        base = load(text)
    if isinstance(base, (CommentedMap, CommentedSeq)) and isinstance(base, dict) == isinstance(data, dict):
        data = merge(base, _plain(data), schema, schema)
    else:
        data = _plain(data)
    data = normalise(data, schema, schema, indent=0)
    out = dump(data)
    if not out.startswith(f"# {MODELINE}"):
        out = f"# {modeline}\n" + out
    return out


class _New(str):
    """A string from the new data that differs from the base: it gets the house style."""


def _plain(value):
    """New data as plain Python values: no style of its own, so house style applies to it."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return _New(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def committed_text(path: Path, rev: str) -> str | None:
    """The file as committed at ``rev``, or None (not in git, not in that commit)."""
    import subprocess

    try:
        result = subprocess.run(["git", "show", f"{rev}:./{path.name}"], cwd=path.parent, capture_output=True,
                                timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.decode("utf-8") if result.returncode == 0 else None


def content_files(content_dir: Path) -> dict[Path, str]:
    """Every record file and vocabulary file under ``content_dir``, with its record kind."""
    from kunskapsbanken.data.kinds import LIST_KINDS, RECORD_KINDS

    files = {}
    for kind in RECORD_KINDS:
        for path in sorted((content_dir / kind.folder).glob("*.yml")):
            if path.is_file() and not path.is_symlink():  # validate refuses links; never write through one
                files[path] = kind.id
    for kind in LIST_KINDS:
        path = content_dir / kind.list_file
        if path.is_file() and not path.is_symlink():
            files[path] = kind.id
    return files


def format_content(content_dir: Path, schema_dir: Path, *, paths: list[Path] | None = None,
                   base_rev: str | None = "HEAD", write: bool = True) -> list[Path]:
    """Format the files (all of content/ unless ``paths``); returns those that changed (or would)."""
    from kunskapsbanken.data.repository import schemas_for
    from kunskapsbanken.data.kinds import KINDS

    schemas = schemas_for(schema_dir)
    known = content_files(content_dir)
    wanted = [p.resolve() for p in paths] if paths else None
    changed = []
    for path, kind in known.items():
        if wanted is not None and path.resolve() not in wanted:
            continue
        text = path.read_text(encoding="utf-8")
        modeline = modeline_for(path, content_dir, schema_dir, KINDS[kind].schema)
        base = committed_text(path, base_rev) if base_rev else None
        formatted = format_text(text, schemas[kind].schema, modeline=modeline, base_text=base)
        if formatted != text:
            changed.append(path)
            if write:
                path.write_text(formatted, encoding="utf-8")
    return changed
