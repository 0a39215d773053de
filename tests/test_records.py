"""The records themselves (issue 2): all valid, references resolved, relations derived both ways,
and a broken copy of each kind reported with its file, line and field."""

from __future__ import annotations

import shutil

import pytest
from site_fixtures import PROJECT

from kunskapsbanken.data.repository import read_content


def test_every_record_validates():
    content = read_content(PROJECT / "content", PROJECT / "schema", PROJECT)
    assert not content.problems, "\n".join(map(str, content.problems))
    assert len(content.records["municipality"]) >= 6
    assert len(content.records["project"]) >= 40
    assert len(content.records["criterion"]) == 10
    assert len(content.records["source"]) == 4


def test_every_model_municipality_has_ten_verdicts(knowledge_base):
    models = knowledge_base.model_municipalities()
    assert sorted(m.id for m in models) == ["hudiksvall", "kristinehamn", "partille", "skelleftea", "tyreso"]
    for municipality in models:
        assert sorted(v["criterion"] for v in municipality["criteria"]) == sorted(knowledge_base.criteria)
    assert sum(len(m["criteria"]) for m in models) == 50


def test_kraft_and_koman_have_verdicts(knowledge_base):
    assert knowledge_base.projects["kraft"].get("criteria")
    assert knowledge_base.projects["koman"].get("criteria")


def test_derived_relations_mirror_the_written_ones(knowledge_base):
    kb = knowledge_base
    for project in kb.projects.values():
        for municipality_id in project["municipalities"]:
            assert project in kb.projects_by_municipality[municipality_id]
        for method_id in project["methods"]:
            assert project in kb.method_users[method_id].projects
        for other in project.get("related_projects", []):
            assert project in kb.related[other] and kb.projects[other] in kb.related[project.id]
        if "part_of" in project.data:
            assert project in kb.parts[project["part_of"]]
    for municipality in kb.municipalities.values():
        for project in kb.projects_by_municipality[municipality.id]:
            assert municipality.id in project["municipalities"]
        for method_id in municipality["methods"]:
            assert municipality in kb.method_users[method_id].municipalities
    for criterion_id, verdicts in kb.verdicts_by_criterion.items():
        for cv in verdicts:
            assert kb.verdict(cv.record, criterion_id) is cv.verdict


def test_every_method_is_used_and_every_source_cited(knowledge_base):
    kb = knowledge_base
    unused = [m for m, users in kb.method_users.items() if not users.municipalities and not users.projects]
    assert not unused, f"methods nobody uses: {unused}"


# (file, text to find in it, replacement, expected field path) — one per record kind.
BROKEN_COPIES = [
    ("municipalities/tyreso.yml", "\nmodel_municipality: true", "\nmodel_municipality: ja", "model_municipality"),
    ("projects/kraft.yml", "\nstatus: ", "\nstatus: klart\nx_status: ", "status"),
    ("methods/ips.yml", "\nname: ", "\nnamn: ", "namn"),
    ("criteria.yml", "number: 3\n", "number: tre\n", "[2].number"),
    ("sources.yml", "- id: kraft-ansokan-2011", "- id: Kraft Ansökan", "[1].id"),
    ("glossary.yml", "\n  expansion: ", "\n  expansions: ", "[0].expansions"),
]


@pytest.mark.parametrize("file,find,replace,field", BROKEN_COPIES, ids=[c[0] for c in BROKEN_COPIES])
def test_a_broken_copy_of_each_kind_is_reported_with_file_line_and_field(tmp_path, file, find, replace, field):
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert find in text, f"fixture assumption: {find!r} in {file}"
    broken = text.replace(find, replace, 1)
    path.write_text(broken, encoding="utf-8")
    start = broken.index(replace) + (1 if replace.startswith("\n") else 0)
    line = broken[:start].count("\n") + 1
    problems = read_content(content, PROJECT / "schema", tmp_path).problems
    assert problems, "the broken copy was accepted"
    first = [p for p in problems if p.file == f"content/{file}"]
    assert first, problems
    assert any(p.path == field and p.line == line for p in first), [str(p) for p in problems]


def test_every_record_names_its_schema_on_the_first_line():
    """Editors read the first line (yaml-language-server) to offer help while typing."""
    kinds = {"municipalities": "municipality", "projects": "project", "methods": "method"}
    lists = {"criteria.yml": "criteria", "sources.yml": "sources", "glossary.yml": "glossary"}
    content = PROJECT / "content"
    files = [(p, kinds[p.parent.name]) for p in content.glob("*/*.yml")] + \
            [(content / name, kind) for name, kind in lists.items()]
    assert len(files) > 50
    for path, kind in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), f"{path.relative_to(PROJECT)}: first line is {first!r}"
        schema = (path.parent / first[len(prefix):]).resolve()
        assert schema == (PROJECT / "schema" / f"{kind}.schema.json").resolve(), f"{path.relative_to(PROJECT)} → {schema}"
