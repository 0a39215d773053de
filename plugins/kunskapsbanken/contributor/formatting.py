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

from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kunskapsbanken.data.schemas import resolve_ref
from kunskapsbanken.data.yamlwrite import MODELINE, array_branch, dump, fresh, load, normalise, object_branch, set_item
from kunskapsbanken.data.yamlwrite import modeline as schema_modeline


# -- merging the new data into the base document -----------------------------------------------------

def merge(base, new, node: dict, root: dict):
    """``base`` (a ruamel document) changed in place to hold ``new``'s data; unchanged parts,
    with their comments and quoting, are base's own. A key new to a mapping goes where the
    schema's property order puts it among the keys already there."""
    if isinstance(base, CommentedMap) and isinstance(new, dict):
        obj = object_branch(node, root) or {}
        props = obj.get("properties", {})
        order = list(props)
        for key in [k for k in base if k not in new]:
            del base[key]
        for key, value in new.items():
            sub = resolve_ref(props.get(key, {}), root)
            if key in base:
                set_item(base, key, merge(base[key], value, sub, root))
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
        arr = array_branch(node, root) or {}
        items = resolve_ref(arr.get("items", {}), root)
        for i, value in enumerate(new[:len(base)]):
            set_item(base, i, merge(base[i], value, items, root))
        del base[len(new):]
        base.extend(new[len(base):])
        return base
    if _same_scalar(base, new):
        return base
    return new


def _same_scalar(a, b) -> bool:
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) and isinstance(b, str):
        return str(a) == str(b)
    return type(a) is type(b) and a == b


# -- files -------------------------------------------------------------------------------------------

def modeline_for(path: Path, schema_dir: Path, schema_file: str) -> str:
    return schema_modeline(path.parent, schema_dir / schema_file)


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
        data = merge(base, fresh(data), schema, schema)
    else:
        data = fresh(data)
    data = normalise(data, schema, schema, indent=0)
    out = dump(data)
    if not out.startswith(f"# {MODELINE}"):
        out = f"# {modeline}\n" + out
    return out


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
        modeline = modeline_for(path, schema_dir, KINDS[kind].schema)
        base = committed_text(path, base_rev) if base_rev else None
        formatted = format_text(text, schemas[kind].schema, modeline=modeline, base_text=base)
        if formatted != text:
            changed.append(path)
            if write:
                path.write_text(formatted, encoding="utf-8")
    return changed
