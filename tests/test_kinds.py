"""The record-kind registry (data/kinds.py): every layer reads it, and no other module tables the kinds."""

from __future__ import annotations

import io
import json
import re
import tokenize
from pathlib import Path

import pytest
from helpers import ROOT, SCHEMA
from kunskapsbanken.data.kinds import KINDS, LIST_KINDS, NEWS_POSTS, PAGE_KINDS, RECORD_KINDS, kind_of_folder, \
    kind_of_list_file
from kunskapsbanken.data.repository import load_knowledge_base, read_content
from kunskapsbanken.data.schemas import load_schemas
from kunskapsbanken.render import urls

PACKAGE = ROOT / "plugins" / "kunskapsbanken"
REGISTRY = PACKAGE / "data" / "kinds.py"


def test_every_kind_has_its_schema_and_its_content():
    schemas = load_schemas(SCHEMA)
    assert list(schemas) == list(KINDS)
    for kind in KINDS.values():
        assert schemas[kind.id].file == kind.schema
        assert json.loads((SCHEMA / kind.schema).read_text(encoding="utf-8"))["title"]
        where = ROOT / kind.content_path
        assert where.is_dir() if kind.one_file_per_record else where.is_file(), kind.content_path


def test_folders_and_list_files_identify_their_kind():
    assert [k.id for k in RECORD_KINDS] == ["municipality", "project", "method"]
    for kind in RECORD_KINDS:
        assert not hasattr(kind, "list_file") and kind_of_folder(kind.folder) is kind
    for kind in LIST_KINDS:
        assert not hasattr(kind, "folder") and kind_of_list_file(kind.list_file) is kind
    assert kind_of_folder("criteria") is None and kind_of_list_file("municipalities.yml") is None


def test_url_folders_are_unique_and_are_where_the_pages_are():
    folders = [k.url_folder for k in PAGE_KINDS]
    assert len(set(folders)) == len(folders)
    assert urls.record_src("municipality", "tyreso") == "kommuner/tyreso.md"
    assert urls.index_src("target_group") == "malgrupper/index.md"


def test_the_knowledge_base_has_one_collection_per_kind():
    kb = load_knowledge_base(ROOT / "content", SCHEMA, ROOT)
    content = read_content(ROOT / "content", SCHEMA, ROOT)
    for kind in KINDS.values():
        records = kb.of_kind(kind.id)
        assert len(records) == len(content.records[kind.id]) > 0, kind.id
        if kind.one_file_per_record:
            assert all(r.file == f"{kind.content_path}{r.id}.yml" for r in records.values())


def _strings(path: Path):
    """(line, text) of every string literal in a module that is not a docstring or comment-like block."""
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING and not re.match(r'^[rbuf]*("""|\'\'\')', token.string, re.I):
            yield token.start[0], token.string


def _folder_patterns() -> list[re.Pattern]:
    patterns = [re.escape(NEWS_POSTS)]
    for kind in KINDS.values():
        if kind.one_file_per_record:
            patterns += [rf"content/{kind.folder}\b", rf"^[rbuf]*[\"']{kind.folder}/"]
        else:
            patterns.append(rf"\b{re.escape(kind.list_file)}\b")
        if kind.url_folder:
            patterns.append(rf"^[rbuf]*[\"']{kind.url_folder}/")
    return [re.compile(p) for p in patterns]


def test_no_module_outside_the_registry_names_a_record_folder():
    patterns = _folder_patterns()
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == REGISTRY:
            continue
        for line, text in _strings(path):
            if any(p.search(text) for p in patterns):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text}")
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[\"'](" + "|".join(k.url_folder for k in PAGE_KINDS) + ")/", line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "read these from kunskapsbanken.data.kinds instead:\n" + "\n".join(found)


@pytest.mark.parametrize("text", ['"content/projects/x.yml"', "f'projekt/{x}.md'", '"glossary.yml"',
                                  "'blog/posts/'"])
def test_the_folder_check_recognises_a_folder_named_in_code(text):
    assert any(p.search(text) for p in _folder_patterns())
