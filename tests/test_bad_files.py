"""Only content/ is content (issue 21): a symbolic link or anything but a regular file in
content/ or docs/blog/posts/ is refused by name, never followed, never read, never echoed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from site_fixtures import PROJECT

from kunskapsbanken import cli

MINI = Path(__file__).parent / "fixtures" / "mini_content"
SECRET = "hemlig-uppgift-utanfor-content"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(MINI, tmp_path / "content")
    (tmp_path / "utanfor.txt").write_text(f"{SECRET}: ja\n", encoding="utf-8")
    (tmp_path / "utanfor.yml").write_text((MINI / "methods/ips.yml").read_text(encoding="utf-8")
                                          .replace("id: ips", "id: utanfor"), encoding="utf-8")
    monkeypatch.chdir(PROJECT)  # mkdocs.yml and the blog's authors, as from the project root
    return tmp_path


def _validate(project, capsys, *extra):
    code = cli.main(["validate", "--content", str(project / "content"), "--schema", str(PROJECT / "schema"),
                     "--root", str(project), "--posts", str(project / "inga-nyheter"), *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


CASES = {
    "link-to-text": (lambda p: os.symlink(p / "utanfor.txt", p / "content/methods/hemlig.yml"),
                     "content/methods/hemlig.yml", "en symbolisk länk i stället för en vanlig fil"),
    "link-to-record": (lambda p: os.symlink(p / "utanfor.yml", p / "content/methods/utanfor.yml"),
                       "content/methods/utanfor.yml", "en symbolisk länk i stället för en vanlig fil"),
    "dangling-link": (lambda p: os.symlink(p / "finns-inte.yml", p / "content/methods/borta.yml"),
                      "content/methods/borta.yml", "en symbolisk länk i stället för en vanlig fil"),
    "linked-folder": (lambda p: (shutil.move(p / "content/projects", p / "projekt-utanfor"),
                                 os.symlink(p / "projekt-utanfor", p / "content/projects")),
                      "content/projects", "en symbolisk länk i stället för en vanlig fil"),
    "folder-named-yml": (lambda p: (p / "content/methods/x.yml").mkdir(),
                         "content/methods/x.yml", "en mapp i stället för en vanlig fil"),
    "fifo": (lambda p: os.mkfifo(p / "content/methods/ror.yml"),
             "content/methods/ror.yml", "en specialfil i stället för en vanlig fil"),
    "linked-list-file": (lambda p: (shutil.move(p / "content/glossary.yml", p / "ordlista.yml"),
                                    os.symlink(p / "ordlista.yml", p / "content/glossary.yml")),
                         "content/glossary.yml", "en symbolisk länk i stället för en vanlig fil"),
}


@pytest.mark.parametrize("name", CASES)
def test_a_file_that_is_not_a_regular_file_is_refused_by_name(name, project, capsys):
    make, file, message = CASES[name]
    make(project)
    code, out, err = _validate(project, capsys)
    assert code == 1
    expected = (f"{file}:1:1: {message}; förväntade en vanlig YAML-fil i content/. Tips: "
                "Kunskapsbanken läser bara vanliga filer som ligger i content/. "
                "Lägg posten själv i mappen i stället för en länk.")
    lines = out.splitlines()
    assert expected in lines, out
    if name != "linked-folder":  # a linked folder's records are missing, so references to them fail too
        assert lines == [expected], out
    for fmt in ("json", "github"):
        code, out, err = _validate(project, capsys, "--format", fmt)
        assert code == 1 and SECRET not in out + err
    assert "file.not_regular" in [p["code"] for p in json.loads(_validate(project, capsys, "--format", "json")[1])]


def test_a_linked_news_post_is_refused_and_not_read(project, capsys):
    posts = project / "nyheter"
    posts.mkdir()
    os.symlink(project / "utanfor.txt", posts / "2016-lankad.md")
    code = cli.main(["validate", "--content", str(project / "content"), "--schema", str(PROJECT / "schema"),
                     "--root", str(project), "--posts", str(posts)])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == ["nyheter/2016-lankad.md:1:1: en symbolisk länk i stället för en vanlig fil; "
                                "förväntade en vanlig Markdown-fil i docs/blog/posts/."]
    assert SECRET not in out + err
