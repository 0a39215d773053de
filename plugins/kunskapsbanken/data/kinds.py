"""The record kinds: one entry per kind, read by every layer.

Adding a kind is one entry here, its schema in ``schema/`` and its templates. Everything that
used to be tabled per module (content folder or list file, schema file, the public URL folder,
the Swedish words, the editor collection, the knowledge base's attribute) is read from here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    id: str
    """The record type: ``municipality``; also ``Record.record_type`` and the key of the schemas."""
    name: str
    """English plural: the content folder or list file's stem, the knowledge base's attribute,
    the editor collection and the group in ``data/poster.json`` (``municipalities``)."""
    schema: str
    """The schema file in ``schema/``."""
    label: str
    """Swedish singular, capitalised, as a label: ``Kommun``."""
    plural_label: str
    """Swedish plural, capitalised: ``Kommuner``."""
    indefinite: str
    """Swedish singular with its article, inside a sentence: ``en kommun``."""
    one_file_per_record: bool
    """True: ``content/<name>/<id>.yml``; False: one list in ``content/<name>.yml``."""
    id_field: str = "id"
    url_folder: str | None = None
    """Folder of the record pages and of the JSON export (Swedish, part of the public URL)."""
    new_record: str | None = None
    """First words of a new record's comment (``python -m kunskapsbanken new``)."""

    @property
    def folder(self) -> str:
        """The content folder of a kind with a file per record (no other kind has one)."""
        if not self.one_file_per_record:
            raise AttributeError(f"{self.id} is one list file, {self.name}.yml, not a folder")
        return self.name

    @property
    def list_file(self) -> str:
        """The content list file of a vocabulary (no other kind has one)."""
        if self.one_file_per_record:
            raise AttributeError(f"{self.id} has a folder, {self.name}/, not a list file")
        return f"{self.name}.yml"

    @property
    def content_path(self) -> str:
        """Where its records are, relative to the project: ``content/municipalities/``."""
        return f"content/{self.name}/" if self.one_file_per_record else f"content/{self.name}.yml"

    @property
    def editor_collection(self) -> str:
        return self.name

    @property
    def word(self) -> str:
        """Swedish singular in lower case: ``kommun``."""
        return self.label.lower()


KINDS: dict[str, Kind] = {k.id: k for k in (
    Kind("municipality", "municipalities", "municipality.schema.json", "Kommun", "Kommuner", "en kommun",
         True, url_folder="kommuner", new_record="Ny kommun"),
    Kind("project", "projects", "project.schema.json", "Projekt", "Projekt", "ett projekt",
         True, url_folder="projekt", new_record="Nytt projekt"),
    Kind("method", "methods", "method.schema.json", "Metod", "Metoder", "en metod",
         True, url_folder="metoder", new_record="Ny metod"),
    Kind("criterion", "criteria", "criteria.schema.json", "Kriterium", "Kriterier", "ett kriterium",
         False, url_folder="kriterier"),
    Kind("source", "sources", "sources.schema.json", "Källdokument", "Källdokument", "ett källdokument", False),
    Kind("glossary", "glossary", "glossary.schema.json", "Ordlisteord", "Ordlista", "ett ordlisteord", False,
         id_field="term"),
    Kind("success_key", "success_keys", "success_keys.schema.json", "Framgångsnyckel", "Framgångsnycklar",
         "en framgångsnyckel", False),
    Kind("target_group", "target_groups", "target_groups.schema.json", "Målgrupp", "Målgrupper", "en målgrupp",
         False, url_folder="malgrupper"),
)}
"""In reading order: records first, then the vocabularies they point to."""

RECORD_KINDS = tuple(k for k in KINDS.values() if k.one_file_per_record)
"""The kinds with a file per record: municipality, project, method."""
LIST_KINDS = tuple(k for k in KINDS.values() if not k.one_file_per_record)
"""The vocabularies: one list file each."""
PAGE_KINDS = tuple(k for k in KINDS.values() if k.url_folder)
"""The kinds with a page per record."""

COMMON_SCHEMA = "common.schema.json"
"""Definitions shared by the kinds' schemas."""

NEWS_POSTS = "blog/posts"
"""News posts: Markdown files with front matter under ``docs/``, built by Material's blog plugin,
not records of the knowledge base. Their front-matter schema (``schema/news_post.schema.json``)
is checked where the posts are read; they are listed here so that no module names the folder."""
NEWS_POST_SCHEMA = "news_post.schema.json"


def kind_of_folder(folder: str) -> Kind | None:
    return next((k for k in RECORD_KINDS if k.folder == folder), None)


def kind_of_list_file(name: str) -> Kind | None:
    return next((k for k in LIST_KINDS if k.list_file == name), None)
