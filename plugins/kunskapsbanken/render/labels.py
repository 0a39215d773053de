"""Swedish words for the model's English enum values, shared by pages, matrix and exports.

The words are written once, in the schemas (``x-labels`` beside each ``enum``), where the editor,
the scaffold and the change summary read them too; this module names the enums the site shows
and adds what is presentation only (a rating's short label, symbol and CSS code). The schemas
come from the project's ``schema/`` (the plugin points this module at its ``schema_dir`` with
:func:`use_schemas` before each build).
"""

from __future__ import annotations

from pathlib import Path

from kunskapsbanken.data.repository import schemas_for
from kunskapsbanken.data.schemas import enum_labels, node_at

NOT_KNOWN_TEXT = "Uppgift saknas i källorna"

RATING_STYLE = {
    # value: (short label, symbol, CSS code) — the symbol is never shown without the text.
    "met": ("Ja", "✓", "m"),
    "partly_met": ("Delvis", "◐", "p"),
    "not_met": ("Nej", "✗", "n"),
    "not_known": ("Okänt", "?", "u"),
}

ENUMS = {
    # name here: (record kind, path of the field in its schema)
    "RATING_WORDS": ("municipality", ("criteria", 0, "rating")),
    "KINDS": ("project", ("kind",)),
    "STATUSES": ("project", ("status",)),
    "IMPLEMENTATIONS": ("project", ("implementation", "status")),
    "OUTCOMES": ("project", ("goals", 0, "outcome")),
    "FIGURE_KINDS": ("project", ("results", "figures", 0, "kind")),
    "QUALIFIERS": ("project", ("results", "figures", 0, "qualifier")),
    "DIRECTIONS": ("project", ("results", "figures", 0, "direction")),
    "SCOPES": ("project", ("results", "figures", 0, "scope", "relation")),
}

DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[3] / "schema"
_schema_dir = DEFAULT_SCHEMA_DIR
_words: dict[str, dict] = {}


def use_schemas(schema_dir: Path) -> None:
    """Read the words from ``schema_dir`` from now on (again, if they changed since the last build)."""
    global _schema_dir
    _schema_dir = Path(schema_dir)
    _words.clear()


def _enum(name: str) -> dict[str, str]:
    if name not in _words:
        kind, path = ENUMS[name]
        node = node_at(schemas_for(_schema_dir)[kind].schema, path)
        if not node or "enum" not in node:
            raise LookupError(f"{kind}: {path} is no enum in {_schema_dir}")
        _words[name] = enum_labels(node)
    return _words[name]


def __getattr__(name: str):
    """``labels.STATUSES`` and the others: value → Swedish word, in the schema's order."""
    if name == "RATINGS":
        # value: (label, short label, symbol, CSS code)
        if "RATINGS" not in _words:
            _words["RATINGS"] = {value: (word, *RATING_STYLE[value]) for value, word in _enum("RATING_WORDS").items()}
        return _words["RATINGS"]
    if name in ENUMS:
        return _enum(name)
    raise AttributeError(name)

EVIDENCE = {
    # level (data/evidence.py, strongest first): (label, URL slug). The rules are on docs/om.md.
    "external_evaluation": ("Extern utvärdering", "extern-utvardering"),
    "own_follow_up": ("Egen uppföljning med siffror", "egen-uppfoljning"),
    "results_in_words": ("Resultat beskrivna i ord", "resultat-i-ord"),
    "target_only": ("Bara mål, inget resultat", "bara-mal"),
    "plan_only": ("Bara planer", "bara-planer"),
    "nothing_reported": ("Inget resultat redovisat", "inget-redovisat"),
}


def rating_label(value: str) -> str:
    return _enum("RATING_WORDS")[value]


def source_year(date) -> str:
    """The year of a source's date ('2015-03-17' → '2015'); empty when the date is not known."""
    return str(date)[:4] if str(date)[:4].isdigit() else ""


def dated_status(project) -> str:
    """The status as the source had it, for use apart from the record's page: a status read off a
    2012 report is not today's ('Pågår enligt källa från 2012')."""
    return f"{project_status(project)} enligt källa från {source_year(project['status_as_of'])}"


def project_status(project) -> str:
    """The status a reader needs at a glance: the status, and 'införd' once implemented."""
    status = _enum("STATUSES")[project["status"]]
    if project["status"] == "completed" and project["implementation"]["status"] == "implemented":
        return "Avslutat och infört"
    return status


def evidence_label(level: str) -> str:
    return EVIDENCE[level][0]


def evidence_evaluator(by: str, date: str) -> str:
    """Who made an external evaluation and when, in words: 'Payoff …, 2015-03-17'."""
    who = "utvärderare som källan inte namnger" if by == "not_known" else by
    return f"{who}, {'datum okänt' if date == 'not_known' else date}"
