"""Safe YAML loading that keeps line numbers and refuses what contributors never need.

PyYAML's ``safe_load`` silently keeps the last of two duplicate keys, reads ``no``/``on``
as booleans and expands alias bombs. We compose the node tree with the C parser (fast)
and build plain Python values ourselves, so that we can:

* remember the line and column of every value and key (for error messages),
* treat duplicate keys, aliases/anchors and any non-standard tag as errors,
* resolve scalars as YAML 1.2 does (only ``true``/``false`` are booleans; dates stay text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from kunskapsbanken.data.control_chars import FORBIDDEN_IN_FILE, describe_char
from kunskapsbanken.data.problems import Problem

MAX_FILE_BYTES = 512 * 1024
"""A record of a few KB is normal; this leaves room for large tables while refusing abuse."""

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple  # a field path: tuple of str keys and int indexes

_TAG = "tag:yaml.org,2002:"
_SCALAR_RESOLVERS = [
    (_TAG + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")),
    (_TAG + "int", re.compile(r"^[-+]?[0-9]+$")),
    (_TAG + "float", re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")),
    (_TAG + "null", re.compile(r"^(?:~|null|Null|NULL|)$")),
]
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


class _ComposeOnly(_Loader):  # type: ignore[misc, valid-type]
    """The C parser and composer; tags are resolved by us, not by PyYAML's YAML 1.1 rules."""

    yaml_implicit_resolvers: dict = {}


@dataclass
class YamlDocument:
    """A parsed YAML file: its data and where each value and key stands in the file."""

    data: object
    positions: dict = field(default_factory=dict)
    """field path → (line, column) of the value, 1-based."""
    key_positions: dict = field(default_factory=dict)
    """field path → (line, column) of the key that introduces it, 1-based."""
    yes_no_strings: set = field(default_factory=set)
    """Paths of plain scalars like ``no``/``on`` that YAML 1.1 would have read as booleans."""
    problems: list = field(default_factory=list)
    """Problems found while reading that still let the file be checked (control characters)."""

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path``, or of its nearest ancestor that has one."""
        table = self.key_positions if key else self.positions
        while True:
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def path_at(self, line: int, column: int) -> Path:
        """The field whose key or value starts last before ``line:column``: where a character stands."""
        best, best_at = (), (0, 0)
        for table in (self.positions, self.key_positions):
            for path, at in table.items():
                if best_at < at <= (line, column):
                    best, best_at = path, at
        return best


class YamlError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def format_path(path: Path) -> str:
    """``("criteria", 3, "rating")`` → ``criteria[3].rating``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part) or '""'  # an empty key must still name a field
            out += f".{part}" if out else part
    return out


def load_yaml(raw: bytes, file: str) -> YamlDocument:
    """Parse ``raw`` (the bytes of ``file``) or raise :class:`YamlError` with one clear problem."""

    def fail(line: int, column: int, message: str, *, code: str, path: Path = (), **extra) -> YamlError:
        return YamlError(Problem(file, line, column, format_path(path), message, code=code, **extra))

    if len(raw) > MAX_FILE_BYTES:
        raise fail(1, 1, "filen är för stor", code="file.too_large",
                   found=f"{len(raw)} byte", expected=f"högst {MAX_FILE_BYTES} byte",
                   tip="Dela upp innehållet eller korta tabellerna; en post är normalt några kB.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(line, column, "filen är inte kodad som UTF-8", code="file.encoding",
                   found=f"byte 0x{raw[exc.start]:02x}", expected="UTF-8",
                   tip="Spara filen som UTF-8 i din editor (å, ä och ö måste vara UTF-8).") from None
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail(1, 1, "filen är tom", code="file.empty", expected="en post med fält",
                   tip="Skapa en ny post med: python -m kunskapsbanken new municipality \"Namn\".")
    controls = [m.start() for m in FORBIDDEN_IN_FILE.finditer(text)]
    if controls:
        # YAML refuses most of them without saying where they stand in the record: note each one,
        # and read the rest of the file with a stand-in of the same length, so positions hold.
        chars = [text[i] for i in controls]
        text = FORBIDDEN_IN_FILE.sub("\ufffd", text)
    try:
        loader = _ComposeOnly(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "syntaxfel"
        tip = "Kontrollera indrag, kolon och citattecken på raden och raden före."
        lines = text.splitlines()
        if "\\t" in repr(problem) or (line <= len(lines) and "\t" in lines[line - 1][:column]):
            tip = "Använd mellanslag, inte tabb, för indrag."
        raise fail(line, column, f"YAML-syntaxfel: {problem}", code="yaml.syntax", tip=tip) from None
    except yaml.YAMLError as exc:  # e.g. a document the C parser rejects without a mark
        raise fail(1, 1, f"YAML-fel: {exc}", code="yaml.syntax") from None
    if node is None:
        raise fail(1, 1, "filen är tom", code="file.empty", expected="en post med fält")
    doc = YamlDocument(data=None)
    doc.data = _Builder(doc, fail, text).build(node, ())
    for offset, char in zip(controls, chars) if controls else ():
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        path = doc.path_at(line, column)
        doc.problems.append(Problem(file, line, column, format_path(path),
                                    "filen innehåller ett osynligt tecken" + ("" if path else " före första fältet"),
                                    code="text.control_char",
                                    found=describe_char(char), expected="vanlig text utan styrtecken",
                                    tip="Ta bort tecknet; det syns inte men kan dölja eller vända texten."))
    return doc


def _first_alias_mark(text: str):
    """Where the first ``*alias`` stands: composed nodes only know where their anchor is."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark
    return None


class _Builder:
    """Turns composed nodes into plain values, recording positions and refusing unsafe input."""

    def __init__(self, doc: YamlDocument, fail, text: str):
        self.doc = doc
        self.fail = fail
        self.text = text
        self.seen: set[int] = set()

    def build(self, node, path: Path):
        mark = node.start_mark
        if id(node) in self.seen:
            # Nodes are built in document order, so the first node met twice is the first alias.
            mark = _first_alias_mark(self.text) or mark
            raise self.fail(mark.line + 1, mark.column + 1, "alias (*namn) är inte tillåtna",
                            code="yaml.alias", path=path,
                            tip="Skriv ut värdet på nytt i stället för att hänvisa till ett ankare (&namn).")
        self.seen.add(id(node))
        self.doc.positions[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            self._require_tag(node, "map", path)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._require_tag(node, "seq", path)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _require_tag(self, node, kind: str, path: Path) -> None:
        if node.tag not in (_TAG + kind, None):
            self._bad_tag(node, path)

    def _bad_tag(self, node, path: Path):
        mark = node.start_mark
        raise self.fail(mark.line + 1, mark.column + 1, "YAML-taggen är inte tillåten", code="yaml.tag",
                        path=path, found=node.tag, expected="vanlig text, tal, listor och fält utan taggar",
                        tip="Ta bort taggen (det som börjar med !).")

    def _mapping(self, node, path: Path) -> dict:
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            kmark = key_node.start_mark
            if key_node.tag == _TAG + "merge":
                raise self.fail(kmark.line + 1, kmark.column + 1, "sammanslagning med << är inte tillåten",
                                code="yaml.alias", path=path, tip="Skriv ut fälten direkt.")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(kmark.line + 1, kmark.column + 1, "ett fältnamn måste vara text",
                                code="yaml.key", path=path)
            key = self._scalar(key_node, path, record=False)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                line = first_seen[key]
                raise self.fail(kmark.line + 1, kmark.column + 1, f"fältet '{key}' förekommer två gånger",
                                code="yaml.duplicate_key", path=path + (key,),
                                found=f"'{key}' även på rad {line}", expected="varje fält en gång",
                                tip="Ta bort eller slå ihop den ena förekomsten; annars försvinner den första tyst.")
            first_seen[key] = kmark.line + 1
            self.doc.key_positions[path + (key,)] = (kmark.line + 1, kmark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node, path: Path, *, record: bool = True):
        value = node.value
        tag = node.tag
        if not node.style and tag == _TAG + "str":  # plain style: None (Python parser) or "" (C parser)
            # Plain (unquoted) scalar: our loader resolved nothing, so resolve it here.
            tag = _resolve_plain(value)
            if record and tag == _TAG + "str" and value.lower() in _YAML11_BOOLEANS:
                self.doc.yes_no_strings.add(path)
        if tag == _TAG + "str":
            return value
        try:
            if tag == _TAG + "bool" and value.lower() in ("true", "false"):
                return value.lower() == "true"
            if tag == _TAG + "int":
                if len(value) > 300:  # Python refuses to convert very long ones; no source needs them
                    raise self.fail(node.start_mark.line + 1, node.start_mark.column + 1, "talet är för långt",
                                    code="yaml.number", path=path, found=f"{len(value)} siffror",
                                    expected="ett tal som källan anger det")
                return int(value)
            if tag == _TAG + "float":
                return float(value)
        except ValueError:
            pass
        if tag == _TAG + "null" and value in ("", "~", "null", "Null", "NULL"):
            return None
        self._bad_tag(node, path)


_NON_TEXT_START = frozenset("-+.0123456789~tTfFnN")
"""First characters of the plain scalars that are not text: numbers, true/false, null, ~."""


def _resolve_plain(value: str) -> str:
    if value and value[0] not in _NON_TEXT_START:
        return _TAG + "str"  # most scalars are text: skip the four patterns
    for tag, pattern in _SCALAR_RESOLVERS:
        if pattern.match(value):
            return tag
    return _TAG + "str"
