"""A site that outlives its theme: ``export-pages`` writes the pages without MkDocs, ProperDocs
builds that folder, and its generated pages say what the normal build's pages say."""

from __future__ import annotations

import subprocess
import sys

import lxml.html
import pytest
from helpers import run_cli
from site_fixtures import ENV, PROJECT

from kunskapsbanken.export import export_pages, settings_from_config
from kunskapsbanken.outputs import build_outputs
from kunskapsbanken.render import urls


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "site-source"
    count = export_pages(PROJECT / "mkdocs.yml", folder)
    assert count > 100
    return folder


@pytest.fixture(scope="module")
def outputs():
    return build_outputs(settings_from_config(PROJECT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def exported_site(exported):
    site = exported.parent / "built"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(exported / "mkdocs.yml"),
                             "-d", str(site)], cwd=exported, env=ENV, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_the_folder_is_markdown_and_files_without_the_plugin(exported, outputs):
    config = (exported / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- kunskapsbanken:" not in config and "content_dir" not in config
    page = (exported / "docs" / urls.record_src("municipality", "tyreso")).read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: ") and "\n---\n\n<" in page and "Tyresö" in page
    for path in outputs.files:
        assert (exported / "docs" / path).is_file(), path
    for path in outputs.copies:
        assert (exported / "docs" / path).is_file(), path


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _article(path) -> list[tuple[str, str, str, str, str]]:
    """The page's article: every element's tag, id, link, text and the text after it, in order
    (white space between two blocks, which Markdown may add, is no difference)."""
    article = lxml.html.fromstring(path.read_bytes()).xpath("//article")[0]
    return [(el.tag, el.get("id") or "", el.get("href") or "", _words(el.text), _words(el.tail))
            for el in article.iter() if isinstance(el.tag, str)]


def test_properdocs_builds_the_folder_into_the_same_generated_pages(built_site, exported_site, outputs):
    compared = 0
    for spec in outputs.pages:
        url = urls.src_to_url(spec.src_uri)
        ours, theirs = built_site / url / "index.html", exported_site / url / "index.html"
        assert theirs.is_file(), url
        assert _article(theirs) == _article(ours), url
        compared += 1
    assert compared == len(outputs.pages) > 100


def test_the_generated_files_are_the_same(built_site, exported_site, outputs):
    for path in outputs.files:
        assert (exported_site / path).read_bytes() == (built_site / path).read_bytes(), path


def test_the_command_refuses_a_missing_configuration(tmp_path):
    result = run_cli("export-pages", tmp_path / "out", "--config", tmp_path / "nothing.yml")
    assert result.returncode == 2 and "Filen finns inte" in result.stderr
    assert not (tmp_path / "out").exists()
