"""News posts are records too (issue 21): every broken post in tests/bad_posts/ gives its one
problem, with file, line and field, from ``validate`` and from ``mkdocs build`` alike.

What a post the validator lets through can still carry (markup only the sanitiser removes) is
tested on a built site in test_hostile_site.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from site_fixtures import PROJECT, copy_project, mkdocs_build

from kunskapsbanken import cli
from kunskapsbanken.data.news_posts import blog_settings, read_posts

BAD_POSTS = Path(__file__).parent / "bad_posts"
CASES = yaml.safe_load((BAD_POSTS / "cases.yml").read_text(encoding="utf-8"))


def test_every_post_in_the_corpus_is_listed_once():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert {p.stem for p in BAD_POSTS.glob("*.md")} == set(names)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_post_gives_its_one_problem(case, tmp_path):
    shutil.copy(BAD_POSTS / f"{case['name']}.md", tmp_path / f"{case['name']}.md")
    posts, problems = read_posts(PROJECT, PROJECT / "schema", blog_settings(PROJECT), posts_dir=tmp_path)
    assert [(p.code, p.line, p.path, p.message) for p in problems] == \
        [(case["code"], case["line"], case["path"], case["message"])], [str(p) for p in problems]
    assert all("\x1b" not in str(p) for p in problems)  # escaped, as every message is


def test_the_projects_own_posts_are_valid():
    posts, problems = read_posts(PROJECT, PROJECT / "schema", blog_settings(PROJECT))
    assert problems == []
    assert len(posts) == len(list((PROJECT / "docs/blog/posts").glob("*.md"))) > 0


def test_categories_and_authors_come_from_the_site_configuration():
    settings = blog_settings(PROJECT)
    blog = next(p["blog"] for p in yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"),
                                             Loader=_IgnoreTags)["plugins"] if isinstance(p, dict) and "blog" in p)
    assert settings.categories == tuple(blog["categories_allowed"])
    assert "redaktionen" in settings.authors


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def test_validate_reports_a_broken_post_with_file_and_line(tmp_path, monkeypatch, capsys):
    posts = tmp_path / "posts"
    posts.mkdir()
    shutil.copy(BAD_POSTS / "post-script-title.md", posts)
    shutil.copy(BAD_POSTS / "post-onerror-body.md", posts)
    monkeypatch.chdir(PROJECT)
    code = cli.main(["validate", "--posts", str(posts)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "post-script-title.md:2:" in out and "title: texten innehåller kod som kan köras i webbläsaren" in out
    assert "post-onerror-body.md:14:" in out
    assert "2 problem hittades" in err


def test_a_refused_post_stops_the_build_before_the_site_is_touched(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("post-script-title", "post-iframe-javascript", "post-onerror-body"):
        shutil.copy(BAD_POSTS / f"{name}.md", project / "docs/blog/posts" / f"{name}.md")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("förra webbplatsen", encoding="utf-8")
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    for location in ("docs/blog/posts/post-script-title.md:2:", "docs/blog/posts/post-iframe-javascript.md:10:",
                     "docs/blog/posts/post-onerror-body.md:14:"):
        assert location in output, output
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "förra webbplatsen"
