"""``python -m kunskapsbanken new municipality|project "Namn"``: a valid, commented skeleton.

The skeleton is generated from the JSON Schema (``schema/<kind>.schema.json``), so it always lists
every field of the current schema, each preceded by the field's Swedish title and description.
Placeholder values are chosen so that the new file passes ``python -m kunskapsbanken validate``:
``not_known`` where the schema allows it, empty lists, ``false``, today's date, and the text
``FYLL I`` where a text is required. Optional fields without a neutral value are written as
comments, with an example, so that the contributor sees them without having to fill them in.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
import textwrap
from pathlib import Path

import yaml

from kunskapsbanken.data.schemas import COMMON, KIND_SCHEMAS, bundle
from kunskapsbanken.data.slugs import ascii_slug, is_id

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

FOLDERS = {"municipality": "municipalities", "project": "projects"}
KIND_WORDS = {"municipality": "kommun", "project": "projekt"}
NEW_RECORD = {"municipality": "Ny kommun", "project": "Nytt projekt"}
PLACEHOLDER = "FYLL I"
"""Text a contributor must replace; easy to search for (and for reviewers to spot)."""

_COMMENT_WIDTH = 100
_FALLBACK_SOURCE = "rss-rapport-2012"

# A plain YAML scalar that reads back as the same text (our loader resolves like YAML 1.2, but
# other tools use YAML 1.1, so anything that looks like a number, date or yes/no is quoted).
_PLAIN_SAFE = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ0-9 .,()–_/-]*$")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}


class _Unset:
    """No neutral placeholder exists: the field is written as a comment."""


UNSET = _Unset()


def add_new_command(sub) -> None:
    new = sub.add_parser(
        "new",
        help="skapa en ny post med alla fält förklarade",
        description="Skapar content/municipalities/<id>.yml eller content/projects/<id>.yml med alla fält "
                    "från schemat, förklarade på svenska, och platshållare som går igenom kontrollen. "
                    "Byt ut varje FYLL I och varje not_known som källorna kan besvara. Slutkod 0: filen "
                    "skrevs; 1: filen finns redan; 2: fel användning av kommandot.",
    )
    new.add_argument("kind", choices=sorted(FOLDERS), help="municipality (kommun) eller project (projekt)")
    new.add_argument("name", help="namnet med å, ä, ö, t.ex. \"Skellefteå\"")
    new.add_argument("--id", help="postens id (standard: namnet med små bokstäver a–z, siffror och bindestreck)")
    new.add_argument("--content", default="content", help="mappen med posterna (standard: content)")
    new.add_argument("--schema", default="schema", help="mappen med JSON-scheman (standard: schema)")
    new.set_defaults(func=cmd_new)


def cmd_new(args) -> int:
    content_dir, schema_dir = Path(args.content), Path(args.schema)
    for folder in (content_dir, schema_dir):
        if not folder.is_dir():
            print(f"Mappen finns inte: {folder}", file=sys.stderr)
            return EXIT_USAGE
    name = " ".join(args.name.split())
    if not name:
        print("Namnet är tomt. Skriv namnet inom citattecken, t.ex. \"Skellefteå\".", file=sys.stderr)
        return EXIT_USAGE
    record_id = args.id if args.id is not None else ascii_slug(name)
    if not is_id(record_id) or len(record_id) > 80:
        print(f"Ogiltigt id: '{record_id}'. Ett id har små bokstäver a–z utan å, ä, ö, siffror och "
              "bindestreck, t.ex. skelleftea. Ange ett med --id.", file=sys.stderr)
        return EXIT_USAGE
    target = content_dir / FOLDERS[args.kind] / f"{record_id}.yml"
    if target.exists():
        print(f"Filen finns redan: {target}. Ingenting skrevs. Öppna filen och ändra den, "
              "eller välj ett annat id med --id.", file=sys.stderr)
        return EXIT_REFUSED
    text = skeleton(args.kind, name, record_id, schema_dir, content_dir, target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        print(f"Filen finns redan: {target}. Ingenting skrevs.", file=sys.stderr)
        return EXIT_REFUSED
    print(target.as_posix())
    if args.kind == "project" and _first_record(content_dir / "municipalities") is None:
        print("Obs: det finns ingen kommun i content/municipalities/ ännu, så municipalities hänvisar till "
              "ett id som inte finns. Skapa kommunen först (python -m kunskapsbanken new municipality "
              "\"Namn\") och skriv dess id under municipalities.", file=sys.stderr)
    print(f"Ny {KIND_WORDS[args.kind]}post skapad. Byt ut varje {PLACEHOLDER} och kontrollera sedan med: "
          "python -m kunskapsbanken validate", file=sys.stderr)
    return EXIT_OK


# --- the skeleton ------------------------------------------------------------------------------


def skeleton(kind: str, name: str, record_id: str, schema_dir: Path, content_dir: Path,
             target_dir: Path, today: datetime.date | None = None) -> str:
    """The YAML text of a new record of ``kind`` (municipality or project)."""
    common = json.loads((schema_dir / COMMON).read_text(encoding="utf-8"))
    raw = json.loads((schema_dir / KIND_SCHEMAS[kind]).read_text(encoding="utf-8"))
    context = _Context(
        root=bundle(raw, common),
        today=(today or datetime.date.today()).isoformat(),
        values={"id": record_id, "name": name},
        source=_first_source(content_dir),
        municipality=_first_record(content_dir / "municipalities") if kind == "project" else None,
        ids={
            "criterion": _first_list_id(content_dir / "criteria.yml") or "uppfoljning",
            "methods": _first_record(content_dir / "methods") or "metodens-id",
            "municipalities": _first_record(content_dir / "municipalities") or "kommunens-id",
            "related_projects": _first_record(content_dir / "projects") or "projektets-id",
            "part_of": _first_record(content_dir / "projects") or "projektets-id",
            "section": _first_section(content_dir / "sources.yml"),
            "key": "antal",
            "id": "tabell-1",
        },
    )
    schema_path = Path(os.path.relpath(schema_dir / KIND_SCHEMAS[kind], target_dir)).as_posix()
    lines = [f"# yaml-language-server: $schema={schema_path}"]
    lines += _comment(f"{NEW_RECORD[kind]}: {name}. Skapad med python -m kunskapsbanken new.")
    lines += _comment(_join(context.root.get("title"), context.root.get("description")))
    lines += _comment(
        f"Så fyller du i: byt ut varje {PLACEHOLDER} mot text ur källorna, med egna ord. Skriv not_known "
        "när källorna inte säger något; gissa aldrig. Rader som börjar med # är förklaringar och följer "
        "inte med till webbplatsen; ta bort # framför ett exempel för att använda det. Datum skrivs inom "
        "citattecken. Kontrollera filen med: python -m kunskapsbanken validate"
    )
    lines.append("")
    lines += context.object_body(context.root, 0, top_level=True)
    return "\n".join(lines) + "\n"


class _Context:
    def __init__(self, root: dict, today: str, values: dict, source: str, municipality: str | None,
                 ids: dict[str, str]):
        self.root = root
        self.today = today
        self.values = values
        self.source = source
        self.municipality = municipality
        self.ids = ids
        """Example ids for commented-out examples, by field name."""
        self.explained: set[str] = set()
        """Shared definitions (e.g. source_ref) whose fields have already been explained."""

    def resolve(self, schema: dict) -> dict:
        """The schema with ``$ref`` followed; the referring schema's own keywords win."""
        seen = 0
        while isinstance(schema, dict) and "$ref" in schema and seen < 20:
            name = schema["$ref"].rsplit("/", 1)[-1]
            target = self.root.get("$defs", {}).get(name, {})
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
            seen += 1
        return schema

    # Placeholder values --------------------------------------------------------------------

    def placeholder(self, schema: dict, key: str, required: bool, top_level: bool) -> object:
        """A value that validates, or UNSET when the field is better left as a comment."""
        schema = self.resolve(schema)
        if top_level and key in self.values:
            return self.values[key]
        if key == "municipalities" and schema.get("type") == "array" and self.municipality:
            return [self.municipality]
        if "const" in schema:
            return schema["const"]
        options = schema.get("enum")
        if options:
            return "not_known" if "not_known" in options else options[0]
        branches = [self.resolve(b) for b in schema.get("anyOf", [])]
        if any(b.get("const") == "not_known" for b in branches):
            return "not_known"
        kind = schema.get("type")
        if kind == "array":
            if schema.get("minItems", 0) == 0:
                return []
            if required:
                return [self.example(schema.get("items", {}), key)]
            return UNSET
        if kind == "object":
            if not required:
                return UNSET
            return {k: v for k, v in self.object_values(schema).items() if v is not UNSET}
        if kind == "boolean":
            return False
        if kind == "string" and required:
            if schema.get("format") in ("date", "partial-date"):
                return self.today
            if key == "document":
                return self.source
            if key == "section":
                return self.ids["section"]
            if "pattern" in schema:
                return UNSET
            return PLACEHOLDER
        return UNSET

    def object_values(self, schema: dict) -> dict:
        required = set(schema.get("required", []))
        return {key: self.placeholder(prop, key, key in required, False)
                for key, prop in schema.get("properties", {}).items()}

    def example(self, schema: dict, key: str = "") -> object:
        """An example value for a commented-out field or list item (need not be neutral)."""
        schema = self.resolve(schema)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return "not_known" if "not_known" in schema["enum"] else schema["enum"][0]
        branches = [self.resolve(b) for b in schema.get("anyOf", [])]
        if branches:
            preferred = [b for b in branches if b.get("const") != "not_known"] or branches
            return self.example(preferred[0], key)
        kind = schema.get("type")
        if kind == "object":
            props = schema.get("properties", {})
            if not props:  # e.g. a table row: column key → value
                return {self.ids["key"]: 1}
            required = set(schema.get("required", [])) or set(props)
            return {k: self.example(v, k) for k, v in props.items() if k in required}
        if kind == "array":
            return [self.example(schema.get("items", {}), key)]
        if kind == "boolean":
            return False
        if kind in ("integer", "number"):
            return max(schema.get("minimum", 1), 1)
        if kind == "string":
            if schema.get("format") in ("date", "partial-date"):
                return self.today
            if key == "document":
                return self.source
            if key == "section":
                return self.ids["section"]
            if "pattern" in schema:
                return self.ids.get(key, "id")
            return PLACEHOLDER
        return PLACEHOLDER

    # YAML lines ----------------------------------------------------------------------------

    def object_body(self, schema: dict, indent: int, *, top_level: bool = False) -> list[str]:
        """Every property of an object schema: comment, then the field (or a commented example)."""
        schema = self.resolve(schema)
        required = set(schema.get("required", []))
        pad = " " * indent
        lines: list[str] = []
        for key, prop in schema.get("properties", {}).items():
            resolved = self.resolve(prop)
            is_required = key in required
            if top_level and lines:
                lines.append("")
            lines += _comment(self.field_comment(key, resolved, is_required), indent)
            value = self.placeholder(prop, key, is_required, top_level)
            shared = _def_name(prop)
            if value is UNSET:
                lines += [f"{pad}# {line}" for line in _dump({key: self.example(prop, key)})]
            elif resolved.get("type") == "object" and isinstance(value, dict) and "anyOf" not in resolved \
                    and shared not in self.explained:
                # The first time a shared object (e.g. a source reference) appears, each of its
                # fields is explained; later it is written on one line.
                if shared:
                    self.explained.add(shared)
                lines.append(f"{pad}{key}:")
                lines += self.object_body(resolved, indent + 2)
            else:
                lines += [pad + line for line in _dump({key: value})]
                if isinstance(value, list) and resolved.get("type") == "array":
                    lines += self.item_help(resolved, value, indent, key)
                lines += self.alternative_help(resolved, value, indent, key)
        return lines

    def item_help(self, schema: dict, value: list, indent: int, key: str) -> list[str]:
        """For a list of records (e.g. success_factors): what one item holds, and an example."""
        items = self.resolve(schema.get("items", {}))
        if items.get("type") != "object":
            if not value:
                example = self.example(items, key)
                return _comment(f"Exempel: [{_scalar(example)}]", indent)
            return []
        pad = " " * indent
        lines = _comment("Varje punkt i listan har fälten:", indent)
        lines += self.field_list(items, indent, 2)
        if not value:
            lines += _comment("Exempel (ta bort # och fyll i):", indent)
            lines += [f"{pad}#   {line}" for line in _dump([self.example(items)])]
        return lines

    def alternative_help(self, schema: dict, value: object, indent: int, key: str) -> list[str]:
        """For ``not_known`` or fields with underfields (e.g. largest_employers): explain the fields."""
        lines: list[str] = []
        for branch in map(self.resolve, schema.get("anyOf", [])):
            if branch.get("type") != "object" or isinstance(value, dict):
                continue
            lines += _comment("I stället för not_known, med fälten:" if value == "not_known"
                              else "Eller med fälten:", indent)
            lines += self.field_list(branch, indent, 2)
            lines += _comment("Exempel (ta bort # och fyll i):", indent)
            lines += [f"{' ' * indent}#   {line}" for line in _dump({key: self.example(branch, key)})]
        return lines

    def field_list(self, schema: dict, indent: int, inner: int) -> list[str]:
        """``name: explanation`` for each field of a list item, nested fields indented below."""
        required = set(schema.get("required", []))
        lines: list[str] = []
        for key, prop in schema.get("properties", {}).items():
            resolved = self.resolve(prop)
            text = f"{key}: " + self.field_comment(key, resolved, key in required)
            lines += _comment(text, indent, hanging=inner + len(key) + 2, inner=inner)
            items = prop if resolved.get("type") == "object" else resolved.get("items", {})
            shared = _def_name(items)
            if self.resolve(items).get("type") == "object" and shared not in self.explained and inner < 8:
                if shared:
                    self.explained.add(shared)
                lines += self.field_list(self.resolve(items), indent, inner + 2)
        return lines

    def field_comment(self, key: str, schema: dict, required: bool) -> str:
        """``Title: description`` from the schema, plus what the placeholder needs explained."""
        details = [(schema.get("description") or "").strip()]
        options = schema.get("enum")
        if options and not all(str(o) in details[0] for o in options):
            details.append("Tillåtna värden: " + ", ".join(map(str, options)) + ".")
        for branch in map(self.resolve, schema.get("anyOf", [])):
            if branch.get("format") and branch.get("description"):  # e.g. how to write a date
                details.append(branch["description"])
        if _allows_not_known(schema, self.resolve) and "not_known" not in details[0]:
            details.append(self.resolve({"$ref": "#/$defs/not_known"}).get("description", ""))
        if key == "municipalities" and self.municipality:
            details.append(f"ÄNDRA: {self.municipality} är bara ett exempel på en befintlig kommun.")
        if not required and "valfritt" not in details[0].lower():
            details.append("(Valfritt.)")
        title = schema.get("title")
        if not title and not details[0] and schema.get("type") == "array":
            items = self.resolve(schema.get("items", {}))
            title = "En lista. Varje punkt: " + _join(items.get("title"), items.get("description"))
        return _join(title or key, " ".join(d for d in details if d))


# --- helpers -----------------------------------------------------------------------------------


def _join(title: str | None, description: str | None) -> str:
    title = (title or "").strip()
    description = (description or "").strip()
    if title and description:
        if title.endswith((".", ":")) or description.startswith("("):
            return f"{title} {description}"
        return f"{title}: {description}"
    return (title or description).strip()


def _comment(text: str, indent: int = 0, hanging: int = 0, inner: int = 0) -> list[str]:
    """``text`` as wrapped comment lines; ``inner`` indents after the ``#`` (nested fields)."""
    if not text:
        return []
    pad = " " * indent
    return textwrap.wrap(text, width=_COMMENT_WIDTH, initial_indent=f"{pad}# " + " " * inner,
                         subsequent_indent=f"{pad}# " + " " * max(hanging, inner),
                         break_long_words=False, break_on_hyphens=False)


def _allows_not_known(schema: dict, resolve) -> bool:
    if "not_known" in schema.get("enum", []):
        return True
    return any(resolve(branch).get("const") == "not_known" for branch in schema.get("anyOf", []))


def _def_name(schema: dict) -> str | None:
    """``source_ref`` for ``{"$ref": "#/$defs/source_ref"}``: a definition shared by many fields."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _scalar(value: object, *, flow: bool = False) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if (_PLAIN_SAFE.match(text) and text.lower() not in _YAML_WORDS and not text.endswith(" ")
            and not (flow and "," in text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def _dump(value: object, indent: int = 0) -> list[str]:
    """Block-style YAML for plain values; source references stay on one line."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict) and item and not _is_flat(item):
                lines.append(f"{pad}{key}:")
                lines += _dump(item, indent + 2)
            elif isinstance(item, list) and item:
                lines.append(f"{pad}{key}:")
                lines += _dump(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_inline(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict) and item and not _is_flat(item):
                inner = _dump(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {_inline(item)}")
        return lines
    return [pad + _inline(value)]


def _is_flat(value: dict) -> bool:
    """A small mapping of scalars, such as a source reference, reads best on one line."""
    return len(value) <= 3 and all(not isinstance(v, (dict, list)) for v in value.values())


def _inline(value: object, *, flow: bool = False) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v, flow=True)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v, flow=True) for v in value) + "]"
    return _scalar(value, flow=flow)


def _read_list(path: Path) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    return data if isinstance(data, list) else []


def _first_source(content_dir: Path) -> str:
    """The first source document's id: a valid placeholder for every ``document:``."""
    return _first_list_id(content_dir / "sources.yml") or _FALLBACK_SOURCE


def _first_section(path: Path) -> str:
    """The first source document's first heading: a citation placeholder that validates."""
    for item in _read_list(path)[:1]:
        sections = item.get("sections") if isinstance(item, dict) else None
        if isinstance(sections, list) and sections and isinstance(sections[0], str):
            return sections[0]
    return PLACEHOLDER


def _first_list_id(path: Path) -> str | None:
    for item in _read_list(path):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return None


def _first_record(folder: Path) -> str | None:
    """A project needs at least one existing municipality to validate."""
    ids = sorted(p.stem for p in folder.glob("*.yml") if is_id(p.stem))
    return ids[0] if ids else None
