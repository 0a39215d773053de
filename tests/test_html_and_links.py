"""Valid HTML (Nu HTML Checker) and working internal links and anchors over the whole built site."""

from __future__ import annotations

import json
import re
import subprocess
from urllib.parse import unquote, urldefrag, urlparse

from browser_support import VNU
from bs4 import BeautifulSoup

# Material for MkDocs' own markup, not ours: its navigation toggles are checkboxes with
# autocomplete="off", its nav labels carry tabindex="" and point at hidden toggles. Overriding
# base.html and the nav partials would mean copying most of the theme. Each entry must match
# both the message and the Material element it is reported on; anything else fails.
ACCEPTED_MATERIAL_ERRORS = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
     re.compile(r'<input class="md-toggle[^"]*"[^>]*type="checkbox"')),
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control"),
     re.compile(r'<label class="md-nav__(title|link)[^"]*"[^>]*for="__(toc|nav_[0-9_]+)"')),
    (re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
     re.compile(r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+"[^>]*tabindex=""')),
]


def _accepted(message: dict) -> bool:
    extract = message.get("extract", "")
    return any(text.search(message["message"]) and element.search(extract)
               for text, element in ACCEPTED_MATERIAL_ERRORS)


def test_html_is_valid(built_site):
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(built_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    assert messages is not None
    errors = [m for m in messages if m.get("type") == "error" and not _accepted(m)]
    report = [f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']} | {m.get('extract', '')[:120]}"
              for m in errors]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(report[:60])


def _target_file(site, page_path, href):
    """The file a relative link points to, or None for external links."""
    parsed = urlparse(href)
    if parsed.scheme or parsed.netloc or href.startswith("//"):
        return None, None
    path, fragment = urldefrag(href)
    path = path.split("?", 1)[0]  # a query string (e.g. a choice in Hitta exempel) is not part of the file
    base = page_path.parent
    target = (base / unquote(path)).resolve() if path else page_path
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = sorted(built_site.rglob("*.html"))
    ids_cache: dict = {}

    def ids_of(path):
        if path not in ids_cache:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            ids_cache[path] = {el["id"] for el in soup.find_all(id=True)} | {
                a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return ids_cache[path]

    broken = []
    checked = 0
    for page in pages:
        if page.name == "404.html":
            continue  # uses absolute site_url paths by design
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for a in soup.find_all("a", href=True):
            target, fragment = _target_file(built_site, page, a["href"])
            if target is None:
                continue
            checked += 1
            rel = page.relative_to(built_site)
            if not target.exists():
                broken.append(f"{rel}: {a['href']} (no such file)")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids_of(target):
                broken.append(f"{rel}: {a['href']} (no #{fragment})")
    assert checked > 500
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:80])
