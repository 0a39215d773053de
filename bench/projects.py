"""Throw-away MkDocs projects for the benchmark: ours and the plain-Markdown baseline.

Both use the real site's theme settings and the same navigation policy (index pages in the
navigation, record pages reached through them), read from the real mkdocs.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NAV = [
    {"Start": "index.md"},
    {"Kommuner": "kommuner/index.md"},
    {"Projekt": "projekt/index.md"},
    {"Metoder": "metoder/index.md"},
    {"Kriterier": ["kriterier/index.md", {"Jämförelse": "jamforelse.md"}]},
]


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping ``!!python/name`` tags as plain strings (nothing is imported)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)


def site_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def site_path() -> str:
    """The path of the real site_url (e.g. ``/kunskapsbanken/``), where the built site is served."""
    from urllib.parse import urlparse

    path = urlparse(site_config()["site_url"]).path or "/"
    return path if path.endswith("/") else path + "/"


def _base_config(plugins: list) -> dict:
    real = site_config()
    return {
        "site_name": real["site_name"],
        "site_url": real["site_url"],
        "repo_url": real["repo_url"],
        "edit_uri": real["edit_uri"],
        "theme": real["theme"],
        "markdown_extensions": real["markdown_extensions"],
        "extra_css": real.get("extra_css", []),
        "plugins": plugins,
        "nav": NAV,
        "not_in_nav": real["not_in_nav"],
    }


def _write_common(project: Path, config: dict) -> None:
    if project.exists():
        shutil.rmtree(project)
    (project / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", project / "docs" / "assets")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    (project / "docs" / "index.md").write_text("# Kunskapsbanken\n\nStartsida för mätningen.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                                        encoding="utf-8")


def our_project(project: Path, content: Path) -> Path:
    """Our site: the kunskapsbanken plugin generates every record page from ``content`` and writes
    the search index, as the real site does."""
    config = _base_config(["kunskapsbanken"])
    config["extra_javascript"] = site_config().get("extra_javascript", [])  # the search box's script
    _write_common(project, config)
    shutil.copytree(ROOT / "schema", project / "schema")
    shutil.copytree(content, project / "content")
    return project


def baseline_project(project: Path) -> Path:
    """Stock MkDocs: the same pages as Markdown files (written later by baseline.py), with
    Material's own search, whose whole index (search_index.json) every page view downloads."""
    _write_common(project, _base_config([{"search": {"lang": "sv"}}]))
    return project
