"""Under ``mkdocs serve`` a rebuild keeps the work on what did not change (parsed records, the
editor's configuration, glossary marks, search documents, the theme's HTML of unchanged pages).
What it writes must be exactly what a fresh ``mkdocs build`` writes: a page that should change and
was kept from the previous rebuild would show a reader stale facts without any error.

The rebuilds run the way ``mkdocs serve`` runs them (one process, the plugin started once with
``command="serve"``, the configuration read again for every rebuild); the fresh build is a separate
``mkdocs build`` process.
"""

from __future__ import annotations

import filecmp
import logging
import os
from pathlib import Path

import yaml

from site_fixtures import ENV, copy_project, mkdocs_build


def _serve_build(config_file: Path, site: Path, plugin_started: list) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site))
    if not plugin_started:  # MkDocs keeps a plugin with on_startup from one rebuild to the next
        config.plugins.on_startup(command="serve", dirty=False)
        plugin_started.append(True)
    build(config, serve_url="http://127.0.0.1:8000/kunskapsbanken/")


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _differences(left: Path, right: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(left, right)
    found += [f"only in the served site: {compared.left}/{n}" for n in compared.left_only]
    found += [f"only in the fresh build: {compared.right}/{n}" for n in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [f"differs: {left / name}" for name in mismatch + errors]
    for name in compared.common_dirs:
        found += _differences(left / name, right / name)
    return found


def test_a_rebuild_under_serve_writes_what_a_fresh_build_writes(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.chdir(project)
    for key, value in ENV.items():
        if key not in os.environ or os.environ[key] != value:
            monkeypatch.setenv(key, value)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    served, started = tmp_path / "served", []
    try:
        _serve_and_compare(project, served, started, tmp_path)
    finally:
        if started:  # as mkdocs serve does when it stops
            from mkdocs.config import load_config

            load_config(str(project / "mkdocs.yml")).plugins.on_shutdown()
    # The rebuilds wrote over the site before last, kept beside the served one; it goes at the end.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def _serve_and_compare(project: Path, served: Path, started: list, tmp_path: Path) -> None:
    _serve_build(project / "mkdocs.yml", served, started)
    _serve_build(project / "mkdocs.yml", served, started)  # everything kept: nothing changed
    plugin = _plugin(project)
    assert plugin.body_reuse.rendered == 0, "a rebuild without an edit rendered page bodies again"

    municipality = sorted((project / "content" / "municipalities").glob("*.yml"))[0]
    project_record = sorted((project / "content" / "projects").glob("*.yml"))[0]
    marker = "Ändrad under ombyggnadstestet"
    # A summary (its own page, the lists), a project's name (every page that links to the
    # project) and a glossary term's explanation (the marks on every page that uses the term).
    _edit(municipality, lambda d: d.update(summary=f"{marker}. {d['summary']}"))
    _edit(project_record, lambda d: d.update(name=f"{d['name']} (nytt namn)"))
    glossary = project / "content" / "glossary.yml"
    _edit(glossary, lambda entries: entries[0].update(expansion=f"{entries[0]['expansion']} ({marker})",
                                                     description=f"{marker}. {entries[0]['description']}"))
    _serve_build(project / "mkdocs.yml", served, started)
    generated = len(plugin.specs)
    assert 0 < plugin.body_reuse.rendered < generated / 2, \
        f"{plugin.body_reuse.rendered} of {generated} bodies rendered again for three edits"
    page = served / "kommuner" / municipality.stem / "index.html"
    assert marker in page.read_text(encoding="utf-8"), "the edit did not reach the served site at all"
    assert _differences(served, _fresh_build(project, tmp_path / "fresh")) == []

    # Edits that change what pages list and in what order, not only what they say: a project
    # gains a municipality (that municipality's page and the lists of its projects), a
    # municipality drops a method (the method's users), a method is renamed to the end of the
    # alphabet, and a new method appears (its page, every list of methods).
    municipalities = sorted(p.stem for p in (project / "content" / "municipalities").glob("*.yml"))
    _edit(project_record, lambda d: d.update(
        municipalities=d["municipalities"] + [m for m in municipalities if m not in d["municipalities"]][:1]))
    dropped = {}
    _edit(municipality, lambda d: dropped.update(method=d["methods"].pop()))
    methods = sorted((project / "content" / "methods").glob("*.yml"))
    _edit(methods[0], lambda d: d.update(name=f"Ö {d['name']}"))
    new_method = yaml.safe_load(methods[1].read_text(encoding="utf-8"))
    new_method.update(id="ny-metod-i-testet", name="Ny metod i testet")
    (methods[1].parent / "ny-metod-i-testet.yml").write_text(
        yaml.safe_dump(new_method, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _serve_build(project / "mkdocs.yml", served, started)
    assert (served / "metoder" / "ny-metod-i-testet" / "index.html").exists()
    assert _differences(served, _fresh_build(project, tmp_path / "fresh-2")) == []

    # The new method goes again: its page goes from the served site too.
    (methods[1].parent / "ny-metod-i-testet.yml").unlink()
    _serve_build(project / "mkdocs.yml", served, started)
    assert _differences(served, _fresh_build(project, tmp_path / "fresh-3")) == []


def _plugin(project: Path):
    """The plugin instance the serve-style rebuilds share (MkDocs keeps one with on_startup)."""
    from mkdocs.config import load_config

    return load_config(str(project / "mkdocs.yml")).plugins["kunskapsbanken"]


def _fresh_build(project: Path, site: Path) -> Path:
    result = mkdocs_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return site
