"""ProperDocs, the maintained MkDocs 1.x fork, builds the same site as MkDocs (issue 14).

Material for MkDocs reaches its end of life and MkDocs 2 drops plugins; if the project has to move,
``properdocs build`` must give the same pages. It reads mkdocs.yml and runs MkDocs plugins and themes
(it answers their ``import mkdocs``). Only the generator named in each page's meta tag may differ,
and the sitemap's dates, which come from the clock unless SOURCE_DATE_EPOCH is set.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys

from site_fixtures import ENV, PROJECT

_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")


def _normalised(path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".html":
        data = _GENERATOR.sub(b'<meta name="generator">', data)
    if path.name.startswith("sitemap.xml"):
        data = _LASTMOD.sub(b"<lastmod/>", data)
    return data


def _files(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_pages(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(PROJECT / "mkdocs.yml"),
                             "-d", str(site)], cwd=PROJECT, env=ENV, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    assert b"ProperDocs" in (site / "index.html").read_bytes(), "not built by ProperDocs"

    ours, theirs = _files(built_site), _files(site)
    assert ours == theirs, f"only with MkDocs: {sorted(ours - theirs)[:20]}; only with ProperDocs: {sorted(theirs - ours)[:20]}"
    pages = sorted(f for f in ours if f.endswith(".html"))
    assert len(pages) > 20
    differ = [f for f in sorted(ours) if _normalised(built_site / f) != _normalised(site / f)]
    assert not differ, f"{len(differ)} files differ between MkDocs and ProperDocs: {differ[:20]}"
