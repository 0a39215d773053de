"""The ``new`` command: arguments, the checks before writing, and what it tells the contributor."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import yaml

from kunskapsbanken.data.control_chars import escaped, first_forbidden
from kunskapsbanken.data.placeholders import PLACEHOLDER
from kunskapsbanken.data.kinds import KINDS, RECORD_KINDS
from kunskapsbanken.data.schemas import COMMON, bundle
from kunskapsbanken.data.slugs import ascii_slug, is_id
from kunskapsbanken.contributor.scaffold.comments import FieldComments, join
from kunskapsbanken.contributor.scaffold.schema_view import SchemaView
from kunskapsbanken.contributor.scaffold.values import DraftValues, ExampleValues
from kunskapsbanken.contributor.scaffold.writer import DraftWriter
from kunskapsbanken.data.yamlwrite import comment_lines, modeline

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

_MUNICIPALITY, _PROJECT, _METHOD, _CRITERION, _SOURCE = (
    KINDS[k] for k in ("municipality", "project", "method", "criterion", "source"))
_FALLBACK_SOURCE = "rss-rapport-2012"


def add_new_command(sub) -> None:
    new = sub.add_parser(
        "new",
        help="skapa en ny post med alla fält förklarade",
        description=f"Skapar {_or(f'{k.content_path}<id>.yml' for k in RECORD_KINDS)} "
                    "med alla fält från schemat, förklarade på svenska. Posten är "
                    f"ett utkast: kontrollen godkänner den först när varje {PLACEHOLDER} är utbytt mot "
                    "uppgifter ur källorna. Slutkod 0: filen skrevs; 1: filen finns redan; 2: fel användning "
                    "av kommandot.",
    )
    new.add_argument("kind", choices=sorted(k.id for k in RECORD_KINDS),
                     help=_or(f"{k.id} ({k.word})" for k in RECORD_KINDS))
    new.add_argument("name", help="namnet med å, ä, ö, t.ex. \"Skellefteå\"")
    new.add_argument("--id", help="postens id (standard: namnet med små bokstäver a–z, siffror och bindestreck)")
    new.add_argument("--content", default="content", help="mappen med posterna (standard: content)")
    new.add_argument("--schema", default="schema", help="mappen med JSON-scheman (standard: schema)")
    new.set_defaults(func=cmd_new)


def _or(items) -> str:
    """``a, b eller c``."""
    items = list(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def cmd_new(args) -> int:
    content_dir, schema_dir = Path(args.content), Path(args.schema)
    for folder in (content_dir, schema_dir):
        if not folder.is_dir():
            return _fail(f"Mappen finns inte: {escaped(str(folder))}", EXIT_USAGE)
    name = " ".join(args.name.split())
    if not name:
        return _fail("Namnet är tomt. Skriv namnet inom citattecken, t.ex. \"Skellefteå\".", EXIT_USAGE)
    if first_forbidden(name):
        return _fail(f"Namnet innehåller ett osynligt tecken: '{escaped(name)}'. Skriv namnet med vanliga bokstäver.",
                     EXIT_USAGE)
    record_id = args.id if args.id is not None else ascii_slug(name)
    if not is_id(record_id) or len(record_id) > 80:
        return _fail(f"Ogiltigt id: '{escaped(record_id)}'. Ett id har små bokstäver a–z utan å, ä, ö, siffror och "
                     "bindestreck, t.ex. skelleftea. Ange ett med --id.", EXIT_USAGE)
    target = content_dir / KINDS[args.kind].folder / f"{record_id}.yml"
    if target.exists():
        return _fail(f"Filen finns redan: {escaped(str(target))}. Ingenting skrevs. Öppna filen och ändra den, "
                     "eller välj ett annat id med --id.", EXIT_REFUSED)
    text = skeleton(args.kind, name, record_id, schema_dir, content_dir, target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    except FileExistsError:
        return _fail(f"Filen finns redan: {escaped(str(target))}. Ingenting skrevs.", EXIT_REFUSED)
    print(escaped(target.as_posix()))
    if args.kind == "project" and _first_record(content_dir / _MUNICIPALITY.folder) is None:
        print(f"Obs: det finns ingen kommun i {_MUNICIPALITY.content_path} ännu. Skapa kommunen först (python -m "
              "kunskapsbanken new municipality \"Namn\") och skriv dess id under municipalities.", file=sys.stderr)
    print(f"Ny {KINDS[args.kind].word}post skapad, som utkast. Byt ut varje {PLACEHOLDER} mot uppgifter ur "
          "källorna och kontrollera sedan med: python -m kunskapsbanken validate", file=sys.stderr)
    return EXIT_OK


def skeleton(kind: str, name: str, record_id: str, schema_dir: Path, content_dir: Path,
             target_dir: Path, today: datetime.date | None = None) -> str:
    """The YAML text of a new draft record of ``kind`` (municipality, project or method)."""
    common = json.loads((schema_dir / COMMON).read_text(encoding="utf-8"))
    raw = json.loads((schema_dir / KINDS[kind].schema).read_text(encoding="utf-8"))
    view = SchemaView(bundle(raw, common))
    day = (today or datetime.date.today()).isoformat()
    ids = _example_ids(content_dir)
    writer = DraftWriter(view, DraftValues(view, day, {"id": record_id, "name": name}),
                         ExampleValues(view, day, ids, _first_source(content_dir)), FieldComments(view, ids))
    lines = [f"# {modeline(target_dir, schema_dir / KINDS[kind].schema)}"]
    lines += comment_lines(f"{KINDS[kind].new_record}: {name}. Skapad med python -m kunskapsbanken new.")
    lines += comment_lines(join(view.root.get("title"), view.root.get("description")))
    lines += comment_lines(
        f"Så fyller du i: byt ut varje {PLACEHOLDER} mot uppgifter ur källorna, med egna ord. Posten är ett "
        f"utkast tills dess: kontrollen visar varje {PLACEHOLDER} som är kvar och vad som ska stå där. Skriv "
        "not_known när källorna inte säger något; gissa aldrig. Rader som börjar med # är förklaringar och "
        "följer inte med till webbplatsen; ta bort # framför ett exempel för att använda det. Datum skrivs "
        "inom citattecken. Kontrollera filen med: python -m kunskapsbanken validate"
    )
    lines.append("")
    lines += writer.object_body(view.root, 0, top_level=True)
    return "\n".join(lines) + "\n"


def _example_ids(content_dir: Path) -> dict[str, str]:
    """Ids of existing records, to show in comments and examples."""
    return {
        "criterion": _first_list_id(content_dir / _CRITERION.list_file) or "uppfoljning",
        "methods": _first_record(content_dir / _METHOD.folder) or "metodens-id",
        "municipalities": _first_record(content_dir / _MUNICIPALITY.folder) or "kommunens-id",
        "related_projects": _first_record(content_dir / _PROJECT.folder) or "projektets-id",
        "part_of": _first_record(content_dir / _PROJECT.folder) or "projektets-id",
        "key": "antal",
        "id": "tabell-1",
    }


def _read_list(path: Path) -> list:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return []
    return data if isinstance(data, list) else []


def _first_source(content_dir: Path) -> str:
    return _first_list_id(content_dir / _SOURCE.list_file) or _FALLBACK_SOURCE


def _first_list_id(path: Path) -> str | None:
    for item in _read_list(path):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return None


def _first_record(folder: Path) -> str | None:
    ids = sorted(p.stem for p in folder.glob("*.yml") if is_id(p.stem))
    return ids[0] if ids else None
