"""Bad input never reaches or breaks the site (issue 4): a broken record stops the build before
anything is written, hostile HTML is inert, and two builds of the same input are identical."""

from __future__ import annotations

import hashlib
import re

import yaml
from bs4 import BeautifulSoup
from site_fixtures import copy_project, mkdocs_build

from kunskapsbanken.render.markdown import MarkdownRenderer


def tree_digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def first_record(project, folder: str):
    return sorted((project / "content" / folder).glob("*.yml"))[0]


def test_broken_record_stops_the_build_and_keeps_the_site(tmp_path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = tree_digest(site)
    record = first_record(project, "projects")
    lines = record.read_text(encoding="utf-8").splitlines()
    status_line = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[status_line] = "status: kanske"
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"content/projects/{record.name}:{status_line + 1}:9: status: värdet är inte tillåtet" in output
    assert "Traceback" not in output
    assert tree_digest(site) == before, "the failed build changed the existing site"


HOSTILE = ('Text <iframe src="https://evil.example/"></iframe><img src=x><style>*{display:none}</style>'
           '<form action="https://evil.example/"><input name=q></form><object data=x></object>'
           '<svg><use href="#x"/></svg><meta http-equiv="refresh" content="0;url=https://evil.example/">'
           '<base href="https://evil.example/"><link rel=stylesheet href="https://evil.example/x.css">'
           ' [klick](data:image/svg+xml;base64,PHN2Zz4=) {: style="color:red" } *slut*')
FORBIDDEN_IN_CONTENT = ["iframe", "img", "style", "form", "input", "object", "svg", "meta", "base", "link", "embed"]


def _inject(node):
    """Append hostile HTML to every free-text string; ids, enums, dates and references stay valid."""
    if isinstance(node, dict):
        return {k: (_inject(v) if k in FREE_TEXT or isinstance(v, (dict, list)) else v) for k, v in node.items()}
    if isinstance(node, list):
        return [_inject(v) if isinstance(v, (dict, list)) else v for v in node]
    return node + " " + HOSTILE if isinstance(node, str) else node


FREE_TEXT = {"summary", "text", "justification", "description", "goal", "result", "note",
             "name", "title", "label", "county", "counts", "topic"}


def test_hostile_html_in_every_text_field_is_inert(tmp_path):
    project = copy_project(tmp_path / "project")
    targets = [first_record(project, "municipalities"), first_record(project, "projects"),
               first_record(project, "methods")]
    for path in targets:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = {k: (_inject({k: v})[k] if k in FREE_TEXT else _inject(v) if isinstance(v, (dict, list)) else v)
                for k, v in data.items()}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    # The record pages themselves (a facet page such as hitta-exempel/metod/<id>/ shares the name).
    folders = {"municipalities": "kommuner", "projects": "projekt", "methods": "metoder"}
    pages = {f"{folders[p.parent.name]}/{p.stem}" for p in targets}
    checked = 0
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "lxml")
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{html_file}: event handler {attr}"
                values = value if isinstance(value, list) else [value]
                assert not any(str(v).strip().lower().startswith(("javascript:", "data:")) for v in values), \
                    f"{html_file}: {tag.name} {attr}={value}"
        article = soup.select_one("article")
        if article and html_file.parent.relative_to(site).as_posix() in pages:
            checked += 1
            for theme_part in article.select(".md-content__button, .kb-actions"):
                theme_part.decompose()  # the edit and report links (<svg> icons), not contributor text
            assert "Text" in article.get_text()  # the harmless text survived
            # Shown as text at most (escaped), never as a URL an element would load or submit to.
            url_attrs = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href", "content"}
            assert not [t for t in article.find_all(True)
                        if any("evil.example" in str(v) for k, v in t.attrs.items() if k in url_attrs)]
            for name in FORBIDDEN_IN_CONTENT:
                assert not article.find(name), f"{html_file}: <{name}> from contributor text"
    assert checked == len(targets)


def test_sanitiser_removes_script_event_handlers_and_javascript_links():
    # The validator refuses these (see the bad-record corpus); the sanitiser is the second wall.
    renderer = MarkdownRenderer(["attr_list", "tables"])
    html = str(renderer.render('<script>alert(1)</script>Hej <img src=x onerror="alert(1)"> '
                               '[länk](javascript:alert(1)) <a href="JaVaScRiPt:alert(1)">a</a> '
                               '**fet**{onclick="alert(1)"} <svg onload=alert(1)>'))
    assert "<script" not in html
    assert not re.search(r"\son[a-z]+=", html)
    assert "javascript:" not in html.lower()
    assert "<svg" not in html and "<img" not in html
    assert "<strong>fet</strong>" in html and "Hej" in html and "länk" in html


def test_two_builds_of_the_same_input_are_identical(tmp_path, monkeypatch):
    # MkDocs dates the sitemap with the build time unless SOURCE_DATE_EPOCH is set; the
    # Makefile and the deploy workflow set it to the last commit's time.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    import site_fixtures

    monkeypatch.setattr(site_fixtures, "ENV", {**site_fixtures.ENV, "SOURCE_DATE_EPOCH": "1700000000"})
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(site_fixtures.PROJECT, first).returncode == 0
    assert mkdocs_build(site_fixtures.PROJECT, second).returncode == 0
    a, b = tree_digest(first), tree_digest(second)
    assert a.keys() == b.keys()
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, f"files that differ between two builds: {differing[:20]}"


def test_a_build_that_fails_late_leaves_the_previous_site_byte_identical(tmp_path):
    """Every build writes into a staging folder (mkdocs_plugin/staging.py); the old site is
    replaced only by a good build, also when --strict refuses the build after every file is written."""
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    site.mkdir()
    (site / "gammal.txt").write_text("från förra bygget", encoding="utf-8")
    assert mkdocs_build(project, site).returncode == 0
    assert not (site / "gammal.txt").exists(), "a good build replaces the whole site"
    before = tree_digest(site)

    page = project / "docs" / "om.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n[En trasig länk](finns-inte.md)\n", encoding="utf-8")
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "finns-inte.md" in output and "Traceback" not in output
    assert tree_digest(site) == before, "the build refused by --strict changed the existing site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "a staging folder was left"
    page.write_text(original, encoding="utf-8")

    method = first_record(project, "methods")
    text = method.read_text(encoding="utf-8").replace(f"id: {method.stem}\n", "id: index\n")
    (method.parent / "index.yml").write_text(text, encoding="utf-8")
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "content/methods/index.yml" in output and "reserverat" in output
    assert tree_digest(site) == before, "the build with a reserved id changed the existing site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


def test_a_failed_rebuild_under_serve_keeps_the_last_good_site(tmp_path):
    """`mkdocs serve` (what `make serve` runs for a contributor): a record saved broken makes the
    rebuild fail with its Swedish message and leaves the served folder byte for byte as it was
    (MkDocs then holds new requests until the next good build, never serving a half-built site);
    saved good again, the site is rebuilt and served."""
    import socket
    import subprocess
    import sys
    import threading
    import time
    import urllib.request
    from pathlib import Path

    from site_fixtures import ENV

    project = copy_project(tmp_path / "project")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True).start()

    def wait_for(condition, what: str, timeout: float = 240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            assert server.poll() is None, "mkdocs serve stopped:\n" + "".join(lines)
            time.sleep(0.3)
        raise AssertionError(f"no {what} within {timeout} s:\n" + "".join(lines[-40:]))

    def page(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/kunskapsbanken/{url}", timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except OSError:
            return 0, ""

    def builds() -> int:
        return sum("Documentation built in" in line for line in lines)

    try:
        wait_for(lambda: page("metoder/")[0] == 200, "first build")
        method = first_record(project, "methods")
        status, before = page(f"metoder/{method.stem}/")
        assert status == 200 and method.stem in before

        original = method.read_text(encoding="utf-8")
        method.write_text(original.replace("\nname: ", "\nname:\n  - trasig\nname_was: ", 1), encoding="utf-8")
        served = Path(next(m[1] for line in lines if (m := re.search(r"Bygget lyckades: webbplatsen finns i (\S+)", line))))
        good_site = tree_digest(served)
        wait_for(lambda: any(f"content/methods/{method.name}" in line for line in lines), "refused rebuild")
        wait_for(lambda: any("Bygget avbröts" in line for line in lines), "abandoned stage")
        assert tree_digest(served) == good_site, "a failed rebuild changed the served site"
        assert "Traceback" not in "".join(lines)

        good = builds()
        method.write_text(original.replace("\nname: ", "\nname: Omdöpt ", 1), encoding="utf-8")
        wait_for(lambda: builds() > good, "rebuild after the fix")
        status, after = page(f"metoder/{method.stem}/")
        assert status == 200 and "Omdöpt" in after
    finally:
        server.terminate()
        server.wait(timeout=30)
