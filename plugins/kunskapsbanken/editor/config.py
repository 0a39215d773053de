"""The web editor's configuration (Decap CMS ``admin/config.yml``), generated from the JSON Schemas.

Every field of every record kind becomes a Decap field: the schema's Swedish ``title`` is the
label, its ``description`` the hint, ``required`` comes from the schema, enums become selects
(their Swedish words taken from the description, "met = uppfyllt, ..."), ids of other records
become relation widgets (or selects over a vocabulary file such as content/criteria.yml), dates
become date pickers. So one change to a schema changes the editor at the next build.

Decap has no union type. A field that is "a text or not_known" becomes a text input whose hint
says so; "a number or not_known" becomes a text input with a pattern, and ``python -m
kunskapsbanken format`` turns the typed digits back into a number. A field that is "a list (or an
object) or not_known" is kept as it is (a hidden field): the editor can neither break nor change
it, and the Bidra page says to change such a field in the YAML file.
"""

from __future__ import annotations

from collections.abc import Sequence

import re
from pathlib import Path

import yaml

from kunskapsbanken.data.kinds import KINDS, NEWS_POSTS, RECORD_KINDS
from kunskapsbanken.data.references import REFERENCE_FIELDS
from kunskapsbanken.data.repository import schemas_for
from kunskapsbanken.data.schemas import enum_labels, resolve_ref

NOT_KNOWN = "not_known"
NOT_KNOWN_HINT = "Skriv not_known om källorna inte säger något. Gissa aldrig."
PARTIAL_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
NUMBER_PATTERN = r"-?\d+([.,]\d+)?"
TEXT_WIDGET_MIN_LENGTH = 501
"""Strings longer than a plain line (plain_text is at most 500) get a text area."""

FOLDER_COLLECTIONS = [(k.editor_collection, k.id, k.plural_label, k.label, k.folder) for k in RECORD_KINDS]
"""(Decap collection, record kind, label, singular label, folder under content/), from the registry."""
COLLECTION_OF_KIND = {kind: name for name, kind, *_ in FOLDER_COLLECTIONS}
NESTED_REFERENCES = {"criterion": "criterion", "document": "source"}
"""Fields inside records (verdicts, source references) that hold the id of a vocabulary entry."""
VOCABULARY_LABELS = {"criterion": ("label", "number"), "source": ("title", None)}
"""Which field of a vocabulary entry names it in a select (and which one orders it)."""

LIST_FORMAT, LIST_FIELD = "yaml-list", "items"
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's, where PyYAML has it: the pure-Python ones took a second of every rebuild under serve."""
"""Our format for a file whose top level is a list (admin/editor.js), and the field it appears as."""

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

    # -- the whole configuration ---------------------------------------------------------------

    def config(self, *, backend: dict, local_backend: dict | bool,
               blog_categories: Sequence[str] = (), blog_authors: Sequence[str] = ()) -> dict:
        collections = [self.news_collection(blog_categories, blog_authors)]
        collections += [self.folder_collection(*spec) for spec in FOLDER_COLLECTIONS]
        collections.append(self.glossary_collection())
        config = {
            "backend": backend,
            "local_backend": local_backend,
            "publish_mode": "editorial_workflow",
            "locale": "sv",
            "media_folder": f"{self.docs_path}/assets/images",
            "public_folder": "/assets/images",
            "collections": collections,
        }
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
                 "hint": "Författarna finns i docs/blog/.authors.yml."},
                {"name": "categories", "label": "Kategorier", "widget": "select", "multiple": True,
                 "required": True, "options": list(categories),
                 "hint": "En eller flera av webbplatsens kategorier."},
                {"name": "description", "label": "Sammanfattning", "widget": "text", "required": True,
                 "hint": "En mening som visas i nyhetsflödet och i sökresultat."},
                # A plain text area, not Decap's Markdown widget: its editor is a contenteditable
                # box without a label for screen readers (axe: aria-input-field-name).
                {"name": "body", "label": "Text", "widget": "text", "required": True,
                 "default": "Inledningen, som visas i nyhetslistan.\n\n<!-- more -->\n\nResten av texten.",
                 "hint": "Markdown. Raden <!-- more --> skiljer inledningen (som visas i nyhetslistan) "
                         "från resten. Länka till poster med relativa länkar, t.ex. "
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
            "format": "yml",
            "create": True,
            "slug": "{{fields.id}}",
            "identifier_field": "name",
            "summary": "{{name}}",
            "editor": NO_PREVIEW,
            "fields": self.object_fields(schema, schema, kind=kind),
        }

    def glossary_collection(self) -> dict:
        schema = self.schemas["glossary"].schema
        return {
            "name": "glossary",
            "label": "Ordlista",
            "format": LIST_FORMAT,
            "extension": "yml",
            "editor": NO_PREVIEW,
            "files": [{
                "name": "glossary",
                "label": schema.get("title", "Ordlista"),
                "file": f"{self.content_path}/{KINDS['glossary'].list_file}",
                "fields": [self.field(LIST_FIELD, schema, schema, required=True)],
            }],
        }

    # -- one field -----------------------------------------------------------------------------

    def object_fields(self, node: dict, root: dict, *, kind: str | None = None) -> list[dict]:
        required = set(node.get("required", []))
        return [self.field(name, prop, root, required=name in required, kind=kind)
                for name, prop in node.get("properties", {}).items()]

    def field(self, name: str, prop: dict, root: dict, *, required: bool, kind: str | None = None) -> dict:
        node = resolve_ref(prop, root)
        result = {"name": name, "label": node.get("title") or name, "required": required}
        hint = node.get("description")
        reference = self.reference_target(kind, name)
        if reference and (node.get("type") == "string" or node.get("type") == "array"):
            result.update(self.reference_widget(reference, multiple=node.get("type") == "array"))
        elif "enum" in node:
            result.update(widget="select", options=enum_options(node))
        elif "anyOf" in node:
            result.update(self.union_widget(node, root))
            if NOT_KNOWN in union_constants(node, root):
                hint = f"{hint} {NOT_KNOWN_HINT}" if hint else NOT_KNOWN_HINT
        elif node.get("type") == "object":
            result.update(widget="object", collapsed=False, fields=self.object_fields(node, root))
            if "properties" not in node:  # free-form rows of a dataset: nothing a form can show
                result.update(widget="hidden")
                result.pop("fields")
        elif node.get("type") == "array":
            result.update(self.list_widget(name, node, root))
        else:
            result.update(scalar_widget(node))
        if hint:
            result["hint"] = hint
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
        if node.get("minItems"):
            widget["min"] = node["minItems"]
        return widget

    def union_widget(self, node: dict, root: dict) -> dict:
        """A field that is one of several types: a text input that accepts every branch."""
        branches = [resolve_ref(b, root) for b in node["anyOf"]]
        constants = union_constants(node, root)
        others = [b for b in branches if "const" not in b]
        if any(b.get("type") in ("array", "object") for b in others):
            return {"widget": "hidden"}  # list-or-not_known: kept as is, edited in the YAML file
        types = {b.get("type") for b in others}
        patterns = []
        for branch in others:
            if branch.get("format") == "partial-date":
                patterns.append(PARTIAL_DATE_PATTERN)
            elif branch.get("type") == "integer":
                patterns.append(r"-?\d+")
            elif branch.get("type") == "number":
                patterns.append(NUMBER_PATTERN)
        widget: dict = {"widget": "text" if any(is_long_text(b) for b in others) else "string"}
        if "string" not in types or all(b.get("format") for b in others if b.get("type") == "string"):
            # Only numbers, dates and the named constants are valid: say so before saving.
            alternatives = patterns + [re.escape(c) for c in constants]
            widget["pattern"] = [f"^({'|'.join(alternatives)})$", "Skriv " + _describe(others, constants) + "."]
        return widget

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
            text = (self.content_dir / name).read_text(encoding="utf-8")
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


def _describe(branches: list[dict], constants: list[str]) -> str:
    words = []
    for branch in branches:
        if branch.get("format") == "partial-date":
            words.append("ett år, en månad eller ett datum (2011, 2011-09 eller 2011-09-01)")
        elif branch.get("type") in ("integer", "number"):
            words.append("ett tal")
        elif branch.get("type") == "string":
            words.append("en text")
    words += constants
    return ", ".join(words[:-1]) + " eller " + words[-1] if len(words) > 1 else words[0]


def config_yaml(config: dict) -> str:
    header = ("# Generated by the kunskapsbanken plugin from schema/*.schema.json at every build.\n"
              "# Do not edit: change the schema, and the editor follows.\n")
    return header + yaml.dump(config, Dumper=_FAST_DUMPER, allow_unicode=True, sort_keys=False, width=100)


# -- the editor's own files --------------------------------------------------------------------

EDITOR_PACKAGE = Path("editor") / "node_modules" / "decap-cms" / "dist"
"""Where ``make setup`` installs Decap (``npm ci`` in editor/, from its package-lock.json)."""


def decap_dist(project_root: Path) -> Path | None:
    """Decap's built files: the project's own editor/ install, else the one beside this plugin."""
    plugin_checkout = Path(__file__).resolve().parents[3]
    for base in (project_root, plugin_checkout):
        dist = base / EDITOR_PACKAGE
        if (dist / "decap-cms.js").is_file():
            return dist
    return None


ASSETS = Path(__file__).resolve().parent.parent / "assets" / "editor"


def decap_files(dist: Path) -> dict[str, Path]:
    """The script, the chunks it loads on demand, its WebAssembly parts and the licence notice;
    our start-up scripts, and the YAML library (the browser build Decap itself bundles)."""
    files = {path.name: path for path in sorted(ASSETS.glob("*.js"))}
    yaml_dist = dist.parents[1] / "yaml" / "browser" / "dist"
    for path in sorted(yaml_dist.glob("*.js")):
        files[f"yaml/{path.name}"] = path
    if (yaml_dist.parents[1] / "LICENSE").is_file():
        files["yaml/LICENSE"] = yaml_dist.parents[1] / "LICENSE"
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
