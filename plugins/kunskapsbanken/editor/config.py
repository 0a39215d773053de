"""The web editor's configuration (Decap CMS ``admin/config.yml``), generated from the JSON Schemas.

Every field of every record kind becomes a Decap field: the schema's Swedish ``title`` is the
label, its ``description`` the hint, ``required`` comes from the schema, enums become selects
(their Swedish words taken from the description, "met = uppfyllt, ..."), ids of other records
become relation widgets (or selects over a vocabulary file such as content/criteria.yml), dates
become date pickers. So one change to a schema changes the editor at the next build.

Decap has no union type, and it treats every field as required unless told otherwise. So:

* a field inside an optional group (a source reference, "Arbetsgång") is never required by Decap:
  the group may be left empty; the schema check in the browser (assets/editor/checks.js) still
  asks for the group's required fields once the group is filled in;
* a required list starts as an empty list, so a new record has the key;
* "a text or not_known" and "a number or not_known" are text inputs where the editor writes
  "okänt"; the editor's own file format (assets/editor/records.js) turns "okänt" into not_known
  and typed digits into a number when it writes the file;
* "a list (or a group) or not_known" is a group with a checkbox "Okänt" and the list (or the
  group's fields): the file format folds it back into not_known or the value.

Every record is written by that file format, in the house style of ``python -m kunskapsbanken
format``; ``editor_data`` is what it needs to know (the schemas, the sections of each source,
who refers to whom).
"""

from __future__ import annotations

from collections.abc import Sequence

import json
import re
from pathlib import Path

import yaml

from kunskapsbanken.data.kinds import KINDS, LIST_KINDS, NEWS_POSTS, RECORD_KINDS
from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.data.references import REFERENCE_FIELDS
from kunskapsbanken.data.repository import schemas_for
from kunskapsbanken.data.schemas import enum_labels, resolve_ref
from kunskapsbanken.data.yamlwrite import config_yaml as generated_yaml
from kunskapsbanken.data.yamlwrite import modeline

NOT_KNOWN = "not_known"
NOT_KNOWN_WORD = "okänt"
"""What the editor types, and sees, for not_known (records.js translates both ways)."""
YES_WORD, NO_WORD = "ja", "nej"
"""What the editor chooses for true and false where a field may also be not_known (records.js)."""
NOT_KNOWN_HINT = "Skriv okänt om källorna inte säger något. Gissa aldrig."
UNKNOWN_FLAG, UNKNOWN_VALUE = "okant", "varde"
"""The two fields of a "list or not_known" group: the checkbox and the list itself."""
PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
NUMBER_PATTERN = r"-?\d+([.,]\d+)?"
NON_NEGATIVE_NUMBER_PATTERN = r"\d+([.,]\d+)?"
TODAY = "{{now}}"
"""Decap's date widget fills this default in with the day the form is opened."""
TEXT_WIDGET_MIN_LENGTH = 501
"""Strings longer than a plain line (plain_text is at most 500) get a text area."""

FIXED_ID_HINT = " Kan inte ändras när posten väl finns: andra poster hänvisar till den."
HINT_WORDS = [
    # Hints speak the form's language, not the YAML file's.
    (re.compile(r"\bSkriv inom citattecken\.\s*"), ""),
    (re.compile(r"\btrue om\b"), "Kryssa i om"),
    (re.compile(r",? annars false\b"), ""),
    (re.compile(r"\bnot_known\b"), NOT_KNOWN_WORD),
    (re.compile(r"\bGissa aldrig met\b"), "Gissa aldrig uppfyllt"),
    (re.compile(r"\bTomt värde i källan skrivs null\b"), "Tomt värde i källan lämnas tomt"),
    (re.compile(r"\s*Fil: content/\S+"), ""),
    (re.compile(r"\b[Ii]d för (\w+) i content/[\w/]*(?:\.yml)?"), r"Välj \1"),
    (re.compile(r"\bfritexten target_group\b"), "fritexten Målgrupp"),
    (re.compile(r"\b[Ii]d för (?:ett|en) (?:dokument|av de tio kriterierna) i content/[\w/.]*,? ?(t\.ex\. [\w-]+)?\.?"),
     "Välj i listan."),
    (re.compile(r"\btarget_group eller summary\b"), "Målgrupp eller Sammanfattning"),
    (re.compile(r"\s*med id i fältet target_groups\b"), ""),
    (re.compile(r"\bstatus_as_of\b"), "Status enligt källa från"),
    (re.compile(r"\bopen om\b"), "skriv open om"),
    (re.compile(r"\(section\)"), "(Avsnitt)"),
]
LIST_FILE_COLLECTIONS = [(k.editor_collection, k.id, k.plural_label, k.list_file)
                         for k in sorted(LIST_KINDS, key=lambda k: k.id != "glossary")]
"""(Decap collection, record kind, label, file under content/), from the registry; the glossary first."""
FOLDER_COLLECTIONS = [(k.editor_collection, k.id, k.plural_label, k.label, k.folder) for k in RECORD_KINDS]
"""(Decap collection, record kind, label, singular label, folder under content/), from the registry."""
COLLECTION_OF_KIND = {kind: name for name, kind, *_ in FOLDER_COLLECTIONS}
NESTED_REFERENCES = {"criterion": "criterion", "document": "source"}
"""Fields inside records (verdicts, source references) that hold the id of a vocabulary entry."""
VOCABULARY_LABELS = {"criterion": ("label", "number"), "source": ("title", None)}
"""Which field of a vocabulary entry names it in a select (and which one orders it)."""

LIST_FIELD = "items"
"""A file whose top level is a list (content/glossary.yml) is shown to Decap as this one field."""
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's, where PyYAML has it: the pure-Python one took a second of every rebuild under serve."""

NO_PREVIEW = {"preview": False}
"""Decap's preview pane shows the raw fields without the site's pages (and is an iframe without a
title, axe: frame-title); the pull request's build shows the real page instead."""


class EditorConfig:
    """Builds the Decap configuration for one project (its schemas, content and blog)."""

    def __init__(self, schema_dir: Path, content_dir: Path, *, content_path: str = "content",
                 docs_path: str = "docs"):
        self.schemas = schemas_for(schema_dir)
        self.content_dir = content_dir
        self.content_path = content_path
        self.docs_path = docs_path
        self._vocabularies: dict[str, list] = {}
        self._section_options: list | None = None

    # -- the whole configuration ---------------------------------------------------------------

    def config(self, *, backend: dict, local_backend: dict | bool,
               blog_categories: Sequence[str] = (), blog_authors: Sequence[str] = ()) -> dict:
        collections = [self.news_collection(blog_categories, blog_authors)]
        collections += [self.folder_collection(*spec) for spec in FOLDER_COLLECTIONS]
        collections += [self.list_file_collection(*spec) for spec in LIST_FILE_COLLECTIONS
                        if (self.content_dir / spec[3]).is_file()]
        config: dict = {"backend": backend}
        if local_backend:
            # Only a local build (`make edit`) talks to decap-server on the editor's own machine;
            # with the key present at all, Decap asks 127.0.0.1 on every visit to /admin/.
            config["local_backend"] = local_backend
        config.update({
            "publish_mode": "editorial_workflow",
            "locale": "sv",
            "media_folder": f"{self.docs_path}/assets/images",
            "public_folder": "/assets/images",
            "collections": collections,
        })
        # No site_url/display_url and no collection descriptions: Decap shows them in grey text
        # below the contrast minimum (axe: color-contrast); a minimal configuration has neither.
        return config

    def news_collection(self, categories: Sequence[str], authors: Sequence[str]) -> dict:
        return {
            "name": "news",
            "label": "Nyheter",
            "label_singular": "Nyhet",
            "folder": f"{self.docs_path}/{NEWS_POSTS}",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "delete": False,  # a deletion in Decap is a commit to the main branch, past review
            "slug": "{{year}}-{{fields.slug}}",
            "identifier_field": "title",
            "summary": "{{date}} – {{title}}",
            "editor": NO_PREVIEW,
            "sortable_fields": ["date", "title"],
            "fields": [
                {"name": "title", "label": "Rubrik", "widget": "string", "required": True,
                 "hint": "Inläggets rubrik, visas överst på sidan och i nyhetslistan."},
                {"name": "date", "label": "Datum", "widget": "datetime", "required": True,
                 "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
                 "hint": "Dagen inlägget gäller, ÅÅÅÅ-MM-DD."},
                {"name": "slug", "label": "Kort adress", "widget": "string", "required": True,
                 "pattern": [r"^[a-z0-9]+(-[a-z0-9]+)*$", "Små bokstäver a–z, siffror och bindestreck."],
                 "hint": "Sista delen av adressen, t.ex. nya-siffror-fran-lund (utan å, ä, ö)."},
                {"name": "authors", "label": "Författare", "widget": "select", "multiple": True,
                 "required": True, "options": list(authors), "default": list(authors[:1]),
                 "hint": "Vem som skriver inlägget."},
                {"name": "categories", "label": "Kategorier", "widget": "select", "multiple": True,
                 "required": True, "options": list(categories),
                 "hint": "En eller flera av webbplatsens kategorier."},
                {"name": "description", "label": "Sammanfattning", "widget": "text", "required": True,
                 "hint": "En mening som visas i nyhetsflödet och i sökresultat."},
                # A plain text area, not Decap's Markdown widget: its editor is a contenteditable
                # box without a label for screen readers (axe: aria-input-field-name).
                {"name": "body", "label": "Text", "widget": "text", "required": True,
                 "default": "Inledningen, som visas i nyhetslistan.\n\n<!-- more -->\n\nResten av texten.",
                 "hint": "Raden <!-- more --> skiljer inledningen (som visas i nyhetslistan) från resten. "
                         "**Fetstil**, listor med - och länkar går bra, t.ex. "
                         "[Tyresö](../../kommuner/tyreso.md)."},
            ],
        }

    def folder_collection(self, name: str, kind: str, label: str, singular: str, folder: str) -> dict:
        schema = self.schemas[kind].schema
        return {
            "name": name,
            "label": label,
            "label_singular": singular,
            "folder": f"{self.content_path}/{folder}",
            "extension": "yml",
            "format": record_format(kind),
            "create": True,
            "delete": False,  # a deletion in Decap is a commit to the main branch, past review
            "slug": "{{fields.id}}",
            "identifier_field": "name",
            "summary": "{{name}}",
            "editor": NO_PREVIEW,
            "fields": self.object_fields(schema, schema, kind=kind),
        }

    def list_file_collection(self, name: str, kind: str, label: str, file: str) -> dict:
        """A vocabulary file (a list at its top level) as one file whose one field is the list."""
        schema = self.schemas[kind].schema
        return {
            "name": name,
            "label": label,
            "format": record_format(kind),
            "extension": "yml",
            "delete": False,
            "editor": NO_PREVIEW,
            "files": [{
                "name": name,
                "label": schema.get("title", label),
                "file": f"{self.content_path}/{file}",
                "fields": [self.field(LIST_FIELD, schema, schema, required=True)],
            }],
        }

    def glossary_collection(self) -> dict:
        return self.list_file_collection(*LIST_FILE_COLLECTIONS[0])

    # -- one field -----------------------------------------------------------------------------

    def object_fields(self, node: dict, root: dict, *, kind: str | None = None,
                      optional_group: bool = False) -> list[dict]:
        """The fields of an object. In an optional group (``optional_group``) none is required:
        Decap would otherwise ask for them even when the whole group is left empty."""
        required = set(node.get("required", []))
        return [self.field(name, prop, root, required=name in required and not optional_group, kind=kind,
                           optional_group=optional_group)
                for name, prop in node.get("properties", {}).items()]

    def field(self, name: str, prop: dict, root: dict, *, required: bool, kind: str | None = None,
              optional_group: bool = False) -> dict:
        node = resolve_ref(prop, root)
        result = {"name": name, "label": node.get("title") or name, "required": required}
        hint = node.get("description")
        reference = self.reference_target(kind, name)
        if reference and (node.get("type") == "string" or node.get("type") == "array"):
            result.update(self.reference_widget(reference, multiple=node.get("type") == "array"))
            if node.get("type") == "array" and required:
                result["default"] = []
                # Decap takes an empty required choice for a missing one; where the schema allows
                # an empty list (methods), the check before saving (checks.js) decides.
                result["required"] = bool(node.get("minItems"))
        elif name == "section" and kind is None and node.get("type") == "string":
            result.update(self.section_widget())
        elif "enum" in node:
            result.update(widget="select", options=enum_options(node))
        elif "anyOf" in node:
            union = self.union_widget(node, root, required=required, optional_group=optional_group)
            result.update(union)
            if union.get("widget") == "select" and hint:  # yes, no or not known: the choices' words
                hint = re.sub(r"\bfalse om\b", "Nej om", re.sub(r"\btrue om\b", "Ja om", hint))
                hint = re.sub(r"\bnot_known om\b", "Okänt om", hint)
            elif NOT_KNOWN in union_constants(node, root) and union.get("widget") != "object":
                hint = f"{hint} {NOT_KNOWN_HINT}" if hint else NOT_KNOWN_HINT
        elif node.get("type") == "object":
            result.update(widget="object", collapsed=False,
                          fields=self.object_fields(node, root, optional_group=optional_group or not required))
            if "properties" not in node:  # free-form rows of a dataset: nothing a form can show
                result.update(widget="hidden")
                result.pop("fields")
        elif node.get("type") == "array":
            result.update(self.list_widget(name, node, root))
            if result.get("widget") == "list":
                # Else Decap leaves a required list out of a new record, and checks the fields of
                # an item that does not exist in an optional one; records.js leaves an optional
                # empty list out of a new record again.
                result["default"] = []
        else:
            result.update(scalar_widget(node))
            if node.get("format") == "date" and required:
                result["default"] = TODAY  # "Uppdaterad" of a new record: the day it is written
        if name == "id" and kind is not None:
            hint = (hint or "") + FIXED_ID_HINT
        if hint:
            result["hint"] = editor_words(hint)
        return result

    def list_widget(self, name: str, node: dict, root: dict) -> dict:
        items = resolve_ref(node.get("items", {}), root)
        widget: dict = {"widget": "list", "collapsed": False}
        if items.get("type") == "object" and not items.get("properties"):
            return {"widget": "hidden"}  # free-form rows (a dataset's): kept as they are
        if items.get("type") == "object":
            widget["fields"] = self.object_fields(items, root)
            first = next(iter(items.get("properties", {})), None)
            if first:
                widget["summary"] = "{{fields." + first + "}}"
        else:
            inner = self.field(name, node["items"], root, required=True)
            inner.pop("hint", None)
            widget["field"] = inner
        # No `min`: Decap would put that many empty items into every new record (a table's
        # columns, a discrepancy's values) and then ask for their fields; checks.js counts them.
        return widget

    def union_widget(self, node: dict, root: dict, *, required: bool = True, optional_group: bool = False) -> dict:
        """A field that is one of several types: a text input that accepts every branch, or, for
        "a list (or group) or not_known", a group with a checkbox "Okänt" and the list (records.js)."""
        branches = [resolve_ref(b, root) for b in node["anyOf"]]
        constants = union_constants(node, root)
        others = [b for b in branches if "const" not in b]
        structured = [b for b in others if b.get("type") in ("array", "object")]
        if structured:
            inner = self.field(UNKNOWN_VALUE, structured[0], root, required=False, optional_group=True)
            inner["label"] = "Uppgifter" if structured[0].get("type") == "object" else "Lista"
            if structured[0].get("type") == "array":
                inner.pop("min", None)
            return {"widget": "object", "collapsed": False, "fields": [
                {"name": UNKNOWN_FLAG, "label": "Okänt", "widget": "boolean", "required": False,
                 "default": False,
                 "hint": "Kryssa i om källorna inte säger något, och lämna listan tom. Gissa aldrig."},
                inner]}
        types = {b.get("type") for b in others}
        if types == {"boolean"}:
            # "yes, no or not known": three choices (records.js turns "ja"/"nej" into true/false).
            return {"widget": "select", "options": [{"label": "Ja", "value": YES_WORD}, {"label": "Nej", "value": NO_WORD},
                                                    {"label": "Okänt", "value": NOT_KNOWN_WORD}]}
        patterns = []
        non_negative = node.get("minimum", -1) >= 0
        for branch in others:
            if branch.get("format") == "partial-date":
                patterns.append(PARTIAL_DATE_PATTERN)
            elif branch.get("type") == "integer":
                patterns.append(r"\d+" if non_negative or branch.get("minimum", -1) >= 0 else r"-?\d+")
            elif branch.get("type") == "number":
                patterns.append(NON_NEGATIVE_NUMBER_PATTERN if non_negative else NUMBER_PATTERN)
        widget: dict = {"widget": "text" if any(is_long_text(b) for b in others) else "string"}
        if "string" not in types or all(b.get("format") for b in others if b.get("type") == "string"):
            # Only numbers, dates and the named constants are valid: say so before saving.
            words = [NOT_KNOWN_WORD if c == NOT_KNOWN else c for c in constants]
            alternatives = patterns + [re.escape(c) for c in words]
            widget["pattern"] = [f"^({'|'.join(alternatives)})$",
                                 "Skriv " + _describe(others, words, non_negative=non_negative) + "."]
        return widget

    def section_widget(self) -> dict:
        """The sections of every source document, as choices (which one belongs to the chosen
        document is checked before saving, checks.js)."""
        if self._section_options is not None:
            return {"widget": "select", "options": self._section_options}
        options: dict[str, list[str]] = {}
        for entry in self._vocabulary(KINDS["source"].list_file):
            if not isinstance(entry, dict):
                continue
            for section in entry.get("sections") or []:
                options.setdefault(str(section), []).append(str(entry.get("id")))
        # One list object for every source reference: the YAML dump writes it once (an anchor).
        self._section_options = [{"label": section, "value": section} for section in options]
        return {"widget": "select", "options": self._section_options}

    def reference_target(self, kind: str | None, name: str) -> str | None:
        for record_kind, field, target in REFERENCE_FIELDS:
            if record_kind == kind and field == name:
                return target
        if kind is None and name in NESTED_REFERENCES:
            return NESTED_REFERENCES[name]
        if (self.content_dir / f"{name}.yml").is_file() and name not in (KINDS["source"].name, KINDS["criterion"].name):
            return name  # a vocabulary file named like the field, e.g. target_groups
        return None

    def _vocabulary(self, name: str) -> list:
        """A vocabulary file's entries, parsed once per configuration (many fields share one file)."""
        if name not in self._vocabularies:
            path = self.content_dir / name
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            self._vocabularies[name] = yaml.load(text, Loader=_FAST_LOADER) or []
        return self._vocabularies[name]

    def reference_widget(self, target: str, *, multiple: bool) -> dict:
        """A relation to a folder collection, or a select over a vocabulary file's entries."""
        collection = COLLECTION_OF_KIND.get(target)
        if collection:
            return {"widget": "relation", "collection": collection, "value_field": "id",
                    "search_fields": ["name", "id"], "display_fields": ["name"], "multiple": multiple,
                    "options_length": 200}
        entries = self._vocabulary(KINDS[target].list_file if target in KINDS else f"{target}.yml")
        name_field, order = VOCABULARY_LABELS.get(target, ("name", None))
        if order:
            entries = sorted(entries, key=lambda e: e.get(order, 0))
        options = [{"label": _entry_label(entry, name_field, order), "value": entry["id"]}
                   for entry in entries if isinstance(entry, dict) and "id" in entry]
        return {"widget": "select", "options": options, "multiple": multiple}


def record_format(kind: str) -> str:
    """The name of the file format that writes records of ``kind`` (registered by editor.js)."""
    return f"kb-{kind}"


def editor_words(hint: str) -> str:
    for pattern, words in HINT_WORDS:
        hint = pattern.sub(words, hint)
    return hint.strip()


def union_constants(node: dict, root: dict) -> list[str]:
    return [b["const"] for b in (resolve_ref(b, root) for b in node.get("anyOf", [])) if "const" in b]


def is_long_text(node: dict) -> bool:
    return node.get("type") == "string" and node.get("maxLength", 0) >= TEXT_WIDGET_MIN_LENGTH


def scalar_widget(node: dict) -> dict:
    kind = node.get("type")
    if kind == "boolean":
        return {"widget": "boolean", "default": False}
    if kind in ("integer", "number"):
        widget: dict = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        for key in ("minimum", "maximum"):
            if key in node:
                widget[key[:3]] = node[key]
        return widget
    if node.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                "time_format": False}
    if node.get("format") == "partial-date":
        return {"widget": "string", "pattern": [f"^{PARTIAL_DATE_PATTERN}$",
                                                 "Skriv ett år (2011), en månad (2011-09) eller ett datum (2011-09-01)."]}
    widget = {"widget": "text" if is_long_text(node) else "string"}
    if "pattern" in node:
        widget["pattern"] = [node["pattern"], "Små bokstäver a–z, siffror och bindestreck."]
    return widget


def enum_options(node: dict) -> list[dict]:
    """Select options with the Swedish words the schema gives each value (``x-labels``)."""
    return [{"label": label, "value": value} for value, label in enum_labels(node).items()]


def _entry_label(entry: dict, name_field: str, order: str | None) -> str:
    name = entry.get(name_field) or entry.get("name") or entry["id"]
    return f"{entry[order]}. {name}" if order and order in entry else str(name)


def _describe(branches: list[dict], constants: list[str], *, non_negative: bool = False) -> str:
    words = []
    for branch in branches:
        if branch.get("format") == "partial-date":
            words.append("ett år, en månad eller ett datum (2011, 2011-09 eller 2011-09-01)")
        elif branch.get("type") in ("integer", "number"):
            words.append("ett tal utan minustecken" if non_negative else "ett tal")
        elif branch.get("type") == "string":
            words.append("en text")
    words += constants
    return ", ".join(words[:-1]) + " eller " + words[-1] if len(words) > 1 else words[0]


def config_text(schema_dir: Path, content_dir: Path, *, content_path: str, docs_path: str, **options) -> str:
    """admin/config.yml for ``options`` (see :meth:`EditorConfig.config`), made again only when
    they, a schema or a vocabulary file changed: a saved record under ``mkdocs serve`` changes none."""
    stamps = [(p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size)
              for p in sorted([*schema_dir.glob("*.json"), *content_dir.glob("*.yml")])]
    key = json.dumps([str(schema_dir), str(content_dir), content_path, docs_path, options, stamps], default=str)
    if _LAST_CONFIG.get("key") != key:
        editor = EditorConfig(schema_dir, content_dir, content_path=content_path, docs_path=docs_path)
        _LAST_CONFIG.update(key=key, text=config_yaml(editor.config(**options)))
    return _LAST_CONFIG["text"]


_LAST_CONFIG: dict[str, str] = {}


def config_yaml(config: dict) -> str:
    return generated_yaml(config, "Generated by the kunskapsbanken plugin from schema/*.schema.json at every build.\n"
                                  "Do not edit: change the schema, and the editor follows.")


# -- the editor's own files --------------------------------------------------------------------

LOCAL_BACKEND_ENV = "KB_EDITOR_LOCAL"
"""Set (to 1) by `make edit`: only then does the built editor talk to decap-server on 127.0.0.1."""
EDITOR_DATA = "admin/kunskapsbanken.json"
"""What editor.js reads at start: ``editor_data``."""

EDITOR_PACKAGE = Path("editor") / "node_modules" / "decap-cms" / "dist"
"""Where ``make setup`` installs Decap (``npm ci`` in editor/, from its package-lock.json)."""
AJV_BUILD = Path("editor") / "node_modules" / "ajv-dist" / "dist" / "ajv2020.min.js"
"""Ajv's browser build, installed beside Decap: the checks before saving (checks.js)."""


def decap_dist(project_root: Path) -> Path | None:
    """Decap's built files: the project's own editor/ install, else the one beside this plugin."""
    plugin_checkout = Path(__file__).resolve().parents[3]
    for base in (project_root, plugin_checkout):
        dist = base / EDITOR_PACKAGE
        if (dist / "decap-cms.js").is_file() and (base / AJV_BUILD).is_file():
            return dist
    return None


ASSETS = Path(__file__).resolve().parent.parent / "assets" / "editor"


def decap_files(dist: Path) -> dict[str, Path]:
    """The script, the chunks it loads on demand, its WebAssembly parts and the licence notice;
    our start-up scripts, the YAML library (the browser build Decap itself bundles) and Ajv."""
    files = {path.name: path for path in sorted(ASSETS.glob("*.js"))}
    yaml_dist = dist.parents[1] / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dist.glob("*.js")):
        files[f"yaml/{path.name}"] = path
    if (yaml_dist.parents[1] / "LICENSE").is_file():
        files["yaml/LICENSE"] = yaml_dist.parents[1] / "LICENSE"
    # Ajv's browser build (MIT, named in its first line): the checks before saving (checks.js).
    files["ajv/ajv2020.min.js"] = dist.parents[2] / AJV_BUILD.relative_to("editor")
    for path in sorted(dist.iterdir()):
        name = path.name
        if name == "decap-cms.js" or name == "decap-cms.js.LICENSE.txt" or name.endswith(".wasm") or (
                name.endswith(".decap-cms.js")):
            files[name] = path
    return files


def github_backend(repo_url: str, branch: str, auth_url: str | None) -> dict:
    """Decap's GitHub backend for the repository ``repo_url`` names (the one place it is set)."""
    match = re.match(r"^https://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$", repo_url or "")
    backend = {"name": "github", "repo": match.group(1) if match else "", "branch": branch,
               "squash_merges": True, "open_authoring": True,
               "commit_messages": {
                   "create": "Webbredigeraren: ny post i {{collection}}: {{slug}}",
                   "update": "Webbredigeraren: ändrar {{collection}}: {{slug}}",
                   "delete": "Webbredigeraren: tar bort {{collection}}: {{slug}}",
                   "uploadMedia": "Webbredigeraren: laddar upp {{path}}",
                   "deleteMedia": "Webbredigeraren: tar bort {{path}}",
                   "openAuthoring": "{{message}}"}}
    if auth_url:
        backend["base_url"] = auth_url.rstrip("/")
    return backend


def blog_authors(docs_dir: Path, blog_dir: str = "blog") -> list[str]:
    path = docs_dir / blog_dir / ".authors.yml"
    if not path.is_file():
        return []
    return list((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("authors", {}))


# -- what the editor's scripts need to know (admin/kunskapsbanken.json) ------------------------

def inline_schema(node, root: dict):
    """``node`` with every ``$ref`` replaced by what it points to: the browser walks it without
    a resolver (records.js: key order and types; checks.js: the checks)."""
    if isinstance(node, list):
        return [inline_schema(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    node = resolve_ref(node, root)
    return {key: (value if key in ("enum", "const", "required", "pattern", "default") else inline_schema(value, root))
            for key, value in node.items() if key not in ("$defs", "$schema")}


def editor_data(schema_dir: Path, content_dir: Path, kb: KnowledgeBase) -> dict:
    """The schemas, modelines, sources' sections and the references between records, for the
    editor's file formats and its checks before saving; the records as the build read them."""
    schemas = schemas_for(schema_dir)
    formats = {}
    for name, kind, *_ in FOLDER_COLLECTIONS:
        formats[record_format(kind)] = {
            "kind": kind, "list": False, "schema": inline_schema(schemas[kind].schema, schemas[kind].schema),
            "modeline": modeline(content_dir / name, schema_dir / KINDS[kind].schema)}
    for _name, kind, _label, file in LIST_FILE_COLLECTIONS:
        formats[record_format(kind)] = {
            "kind": kind, "list": True, "schema": inline_schema(schemas[kind].schema, schemas[kind].schema),
            "modeline": modeline((content_dir / file).parent, schema_dir / KINDS[kind].schema),
            "id_field": KINDS[kind].id_field}
    records = {kind: {record.id: record.data for record in kb.of_kind(kind).values()}
               for _name, kind, *_ in FOLDER_COLLECTIONS}
    sources = [record.data for record in kb.sources.values()]
    referrers: dict[str, list[str]] = {}

    def refer(kind: str, target: object, who: str) -> None:
        if isinstance(target, str):
            names = referrers.setdefault(f"{kind}:{target}", [])
            if who not in names:
                names.append(who)

    singulars = {kind: singular for _n, kind, _l, singular, _f in FOLDER_COLLECTIONS}
    for kind, by_id in records.items():
        for record_id, data in by_id.items():
            who = f"{singulars[kind]} {data.get('name') or record_id}"
            for record_kind, field, target in REFERENCE_FIELDS:
                if record_kind == kind:
                    value = data.get(field)
                    for item in value if isinstance(value, list) else [value]:
                        refer(target, item, who)
    for entry in (key.data for key in kb.success_keys.values()):
        for example in entry.get("examples") or []:
            record = example.get("record") or {}
            refer(str(record.get("kind")), record.get("id"), f"Framgångsnyckeln {entry.get('word') or entry.get('id')}")
    return {
        "formats": formats,
        "sections": {str(s.get("id")): [str(x) for x in s.get("sections") or []] for s in sources},
        "ids": {kind: sorted(by_id) for kind, by_id in records.items()},
        "referrers": referrers,
        "collections": {name: kind for name, kind, *_ in FOLDER_COLLECTIONS},
    }


def local_backend(enabled: bool, port: int) -> dict | bool:
    """Decap's local backend (decap-server on 127.0.0.1:``port``), for a local build only: set by
    the plugin option or by the environment variable that `make edit` sets."""
    import os

    if not (enabled or os.environ.get(LOCAL_BACKEND_ENV) == "1"):
        return False
    return {"url": f"http://127.0.0.1:{port}/api/v1", "allowed_hosts": ["127.0.0.1"]}
