"""Turn jsonschema's errors into problems a non-programmer can act on, in Swedish."""

from __future__ import annotations

import difflib
import re

import jsonschema

from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.schemas import resolve_ref
from kunskapsbanken.data.yamlsource import YamlDocument, format_path


def show(value: object) -> str:
    """How a found value is named in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "ett tomt värde"
    if isinstance(value, (int, float)):
        return f"talet {value}"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return f"texten '{text}'" if text else "en tom text"
    if isinstance(value, list):
        return "en lista"
    return "fält med underfält"


def describe(schema: dict, root: dict) -> str:
    """What a schema accepts, in a few Swedish words."""
    schema = resolve_ref(schema, root)
    if "const" in schema:
        return str(schema["const"])
    if "enum" in schema:
        return "en av " + ", ".join(str(v) for v in schema["enum"])
    if "anyOf" in schema:
        return " eller ".join(describe(s, root) for s in schema["anyOf"])
    kind = schema.get("type")
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "partial-date":
            return "ett år, en månad eller ett datum (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD) inom citattecken"
        if fmt == "date":
            return "ett datum ÅÅÅÅ-MM-DD inom citattecken"
        if "pattern" in schema:
            return "ett id med små bokstäver a–z, siffror och bindestreck"
        return "text"
    return {
        "integer": "ett heltal",
        "number": "ett tal",
        "boolean": "true eller false",
        "array": "en lista",
        "object": "fält med underfält",
        "null": "ett tomt värde",
    }.get(str(kind), "ett giltigt värde")


def _closest(word: str, options) -> str | None:
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return match[0] if match else None


class SchemaErrorTranslator:
    def __init__(self, file: str, doc: YamlDocument, root_schema: dict, reported: set[str] | frozenset[str] = frozenset()):
        self.file = file
        self.doc = doc
        self.root = root_schema
        self.reported = reported - {""}
        """Fields already reported by a check of their own (a control character, a NaN, a
        placeholder): that the value also breaks a pattern or a range would only repeat it."""
        self.misspelt: set[tuple[tuple, str]] = set()

    def problems(self, errors: list[jsonschema.ValidationError]) -> list[Problem]:
        self.misspelt = _misspelt_required(errors)
        out: list[Problem] = []
        for error in errors:
            if error.validator == "required" and (tuple(error.absolute_path), _required_field(error)) in self.misspelt:
                continue  # reported once, as the misspelt key (the line the contributor must fix)
            out.extend(self._translate(error))
        # One clear message per place: drop exact repeats (e.g. from several anyOf branches).
        unique = {(p.line, p.column, p.path, p.message): p for p in out}
        return list(unique.values())

    def _problem(self, path: tuple, message: str, *, key: bool = False, code: str, **extra) -> Problem:
        line, column = self.doc.position(path, key=key)
        return Problem(self.file, line, column, format_path(path), message, code=f"schema.{code}", **extra)

    def _translate(self, e: jsonschema.ValidationError) -> list[Problem]:
        path = tuple(e.absolute_path)
        kind = e.validator
        if format_path(path) in self.reported:
            return []
        if kind == "required":
            field = _required_field(e)
            prop = resolve_ref(e.schema.get("properties", {}).get(field, {}), self.root)
            hint = prop.get("description") or prop.get("title")
            return [self._problem(path + (field,), f"fältet '{field}' saknas", code="required",
                                  expected=describe(prop, self.root),
                                  tip=f"Lägg till '{field}:' ({hint})" if hint else f"Lägg till '{field}:'.")]
        if kind == "additionalProperties":
            allowed = list(e.schema.get("properties", {}))
            out = []
            for extra_key in (k for k in e.instance if k not in allowed
                              and format_path(path + (k,)) not in self.reported):
                near = _closest(extra_key, allowed)
                tip: str | None = f"Menade du '{near}'?" if near else "Tillåtna fält: " + ", ".join(allowed) + "."
                if (path, near) in self.misspelt:
                    tip = f"{tip} Fältet '{near}' är obligatoriskt och saknas."
                out.append(self._problem(path + (extra_key,), f"okänt fält '{extra_key}'", key=True,
                                         code="unknown_field", found=f"'{extra_key}'",
                                         expected="ett av fälten " + ", ".join(allowed), tip=tip))
            return out
        if kind == "anyOf":
            return self._any_of(e, path)
        found = show(e.instance)
        expected = describe(e.schema, self.root)
        if kind == "type":
            tip = None
            if e.validator_value == "boolean" and path in self.doc.yes_no_strings:
                tip = "Skriv true eller false; yes, no, on och off läses som text."
            elif e.validator_value == "string" and isinstance(e.instance, (int, float, bool)):
                tip = "Sätt värdet inom citattecken."
            elif e.validator_value in ("integer", "number") and isinstance(e.instance, str):
                tip = "Skriv talet utan mellanslag, enhet eller citattecken (71000, inte \"71 000\")."
            return [self._problem(path, "fel typ av värde", code="type", found=found, expected=expected, tip=tip)]
        if kind in ("enum", "const"):
            options = e.validator_value if kind == "enum" else [e.validator_value]
            near = _closest(e.instance, options)
            tip = f"Menade du '{near}'?" if near else None
            return [self._problem(path, "värdet är inte tillåtet", code="enum", found=found,
                                  expected="en av " + ", ".join(map(str, options)), tip=tip)]
        if kind == "format":
            return [self._problem(path, "ogiltigt datum", code="format", found=found, expected=expected,
                                  tip="Kontrollera att månaden är 01–12 och att dagen finns i månaden.")]
        if kind == "pattern":
            return [self._problem(path, "ogiltigt id", code="pattern", found=found, expected=expected,
                                  tip="Använd små bokstäver a–z utan å, ä, ö, siffror och bindestreck, t.ex. skelleftea.")]
        if kind == "minLength":
            return [self._problem(path, "texten är tom", code="empty", found=found, expected="minst ett tecken",
                                  tip="Skriv texten, eller not_known om källorna inte säger något (där det är tillåtet).")]
        if kind == "maxLength":
            return [self._problem(path, "texten är för lång", code="too_long", found=f"{len(e.instance)} tecken",
                                  expected=f"högst {e.validator_value} tecken")]
        if kind == "minItems":
            return [self._problem(path, "listan har för få poster", code="min_items",
                                  found=f"{len(e.instance)}", expected=f"minst {e.validator_value}")]
        if kind == "uniqueItems":
            return [self._problem(path, "samma värde står flera gånger i listan", code="unique",
                                  expected="varje värde en gång", tip="Ta bort dubbletten.")]
        if kind in ("minimum", "maximum"):
            return [self._problem(path, "talet ligger utanför det tillåtna", code="range", found=found,
                                  expected=("minst " if kind == "minimum" else "högst ") + str(e.validator_value),
                                  tip=_range_tip(kind, e))]
        return [self._problem(path, e.message, code=kind)]

    def _any_of(self, e: jsonschema.ValidationError, path: tuple) -> list[Problem]:
        # If one alternative has the instance's own type (e.g. an object), its inner errors are
        # what the contributor needs; otherwise say which kinds of value are accepted.
        json_type = _json_type(e.instance)
        by_branch: dict[int, list] = {}
        for sub in e.context or []:
            by_branch.setdefault(sub.schema_path[0], []).append(sub)
        for index, branch in enumerate(e.validator_value):
            resolved = resolve_ref(branch, self.root)
            if resolved.get("type") == json_type and json_type in ("object", "array") and index in by_branch:
                out = []
                for sub in by_branch[index]:
                    out.extend(self._translate(sub))
                return out
        expected = describe(e.schema, self.root)
        tip = None
        if isinstance(e.instance, str) and expected.startswith(("ett tal", "ett heltal")):
            tip = "Skriv talet utan mellanslag, enhet eller citattecken (71000, inte \"71 000\"), eller not_known."
        elif "not_known" in expected:
            tip = "Skriv not_known om källorna inte säger något."
        return [self._problem(path, "fel värde", code="any_of", found=show(e.instance),
                              expected=expected, tip=tip)]


def _range_tip(kind: str, e: jsonschema.ValidationError) -> str | None:
    if kind == "maximum" and e.validator_value == 100:
        return ("En andel i procent kan inte vara mer än 100. Är siffran en ökning, skriv kind: change "
                "och direction: increase; annars kontrollera talet i källan.")
    if kind == "minimum" and e.validator_value == 0:
        return ("Ett antal, ett belopp eller en andel kan inte vara negativt. Säger källan att något minskat: "
                "skriv talet utan minus, kind: change och direction: decrease.")
    if kind == "minimum" and e.validator_value == 1 and _path_end(e) == "value":
        return "En kommun har minst en invånare; skriv not_known om källan inte anger antalet."
    return None


def _path_end(e: jsonschema.ValidationError) -> object:
    return e.absolute_path[-1] if e.absolute_path else None


def _required_field(e: jsonschema.ValidationError) -> str:
    name = re.match(r"'(.+?)' is a required property", e.message)
    return name.group(1) if name else str(e.validator_value)


def _misspelt_required(errors: list[jsonschema.ValidationError]) -> set[tuple[tuple, str]]:
    """(object path, required field) pairs where an unknown key in that object is a near-miss of
    the missing field: one typo, which would otherwise be reported twice."""
    missing = {(tuple(e.absolute_path), _required_field(e)) for e in errors if e.validator == "required"}
    found = set()
    for e in errors:
        if e.validator != "additionalProperties" or not isinstance(e.instance, dict):
            continue
        allowed = list(e.schema.get("properties", {}))
        for key in e.instance:
            near = _closest(key, allowed) if key not in allowed else None
            if near and (tuple(e.absolute_path), near) in missing:
                found.add((tuple(e.absolute_path), near))
    return found


def _json_type(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return "string"
