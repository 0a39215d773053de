"""The front end's conventions (issue 19), kept by reading its sources: one stylesheet per
component listed once, every colour a token (tokens.css), two ways for a script to start (with a
reason for the second), and no fetch whose response goes unchecked."""

from __future__ import annotations

import re

import yaml

from helpers import ROOT
from kunskapsbanken.site import matrix_cards

ASSETS = ROOT / "docs" / "assets"
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")


def _config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_every_stylesheet_is_listed_once_and_exists():
    listed = _config()["extra_css"]
    assert len(listed) == len(set(listed)), [name for name in listed if listed.count(name) > 1]
    on_disk = {f"assets/stylesheets/{p.name}" for p in (ASSETS / "stylesheets").glob("*.css")}
    assert set(listed) == on_disk | {matrix_cards.PATH}, (set(listed) ^ on_disk)  # one is made by the build
    assert listed[0].endswith("tokens.css"), "the tokens come first"


def test_colours_are_set_only_in_the_tokens():
    found = []
    for path in sorted((ASSETS / "stylesheets").glob("*.css")):
        if path.name == "tokens.css":
            continue
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.name}:{text[:m.start()].count(chr(10)) + 1}: {m.group(0)}" for m in _COLOUR.finditer(text)]
    assert found == [], "colours outside tokens.css:\n" + "\n".join(found)


def _code(path) -> str:
    """The script without its comments."""
    text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M).strip()


THEME_READY = ("scroll-regions.js", "table-filter.js", "matrix.js")
"""Scripts that work on what the theme's own script makes (the scroll wrappers around tables):
they start when the theme says the page is ready (``document$``), every other script when it loads."""


def test_every_script_starts_one_of_two_ways():
    for name in _config()["extra_javascript"]:
        code = _code(ROOT / "docs" / name)
        if name.rsplit("/", 1)[-1] in THEME_READY:
            assert code.startswith("document$.subscribe(function () {") and code.endswith("});"), name
        else:
            assert code.startswith("(function () {\n  \"use strict\";"), f"{name}: not a function run once it loads"
            assert code.endswith("})();"), name
            assert "document$" not in code, f"{name}: waits for the theme without working on what it makes"


def test_every_fetch_checks_its_response():
    for path in sorted((ASSETS / "javascripts").glob("*.js")):
        code = _code(path)
        if "fetch(" in code:
            assert re.search(r"\.ok\b", code), f"{path.name}: a fetch whose response is not checked"
            assert ".catch(" in code, f"{path.name}: a failed fetch is not caught"
