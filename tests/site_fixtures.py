"""Shared fixtures: the real site, built once per test session with the real ``mkdocs`` command.

Loaded as a pytest plugin (see ``[tool.pytest.ini_options]`` in pyproject.toml).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The project whose site the tests build: this checkout, unless KB_TEST_PROJECT names another
# (a developer's scratch copy with other content).
PROJECT = Path(os.environ.get("KB_TEST_PROJECT", ROOT)).resolve()
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` on ``project`` into ``site_dir`` exactly as a user would."""
    args = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        args.append("--strict")
    return subprocess.run(args, cwd=project, env=ENV, capture_output=True, text=True, timeout=600)


def copy_project(dest: Path) -> Path:
    """A copy of the project's site sources (config, docs, content, schemas, templates)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        if (PROJECT / name).exists():
            shutil.copy2(PROJECT / name, dest / name)
    for name in ("docs", "content", "schema", "overrides"):
        if (PROJECT / name).exists():
            shutil.copytree(PROJECT / name, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real knowledge base built with ``mkdocs build --strict``; fails loudly on any warning."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(PROJECT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built site served on 127.0.0.1 (a port the OS picks), under its real path prefix."""
    from browser_support import serve, site_path_prefix

    with serve(built_site, site_path_prefix(PROJECT)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, through Playwright; one per test module."""
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page at 1280 px in Swedish that fails its test on any failed request or script error."""
    from browser_support import checked_page

    with checked_page(browser, viewport={"width": 1280, "height": 900}, locale="sv-SE") as page:
        yield page


@pytest.fixture(scope="session")
def knowledge_base():
    from kunskapsbanken.data import load_knowledge_base

    return load_knowledge_base(PROJECT / "content", PROJECT / "schema", PROJECT)


def read_html(site: Path, url: str):
    """Parse the page at site URL ``url`` (e.g. ``kommuner/tyreso/``)."""
    from bs4 import BeautifulSoup

    path = site / url / "index.html" if url.endswith("/") or url == "" else site / url
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def resolve_href(page_url: str, href: str) -> str:
    """Site-relative URL that ``href`` on page ``page_url`` points to (fragment dropped)."""
    import posixpath
    from urllib.parse import urldefrag

    target = urldefrag(href)[0]
    if not target:
        return page_url
    base = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, target)).lstrip("/")
    if target.endswith("/") and joined:
        joined += "/"
    return "" if joined == "." else joined
