"""Where every generated page lives, and relative links between pages."""

from __future__ import annotations

import posixpath

# Folder (Swedish, part of the public URL) per record kind.
FOLDERS = {"municipality": "kommuner", "project": "projekt", "method": "metoder", "criterion": "kriterier",
           "target_group": "malgrupper"}
MATRIX = "jamforelse.md"
GLOSSARY = "ordlista.md"
SOURCES = "kallor.md"
COVERAGE = "kalltackning.md"
SUCCESS_KEYS = "framgangsnycklar.md"
EASY_READ = "lattlast.md"
REPORT = "rapportera.md"
"""How to report an error or a problem, with or without an account (site/feedback.py)."""
EASY_READ_ABOUT = "lattlast-om.md"
"""Hand-written: Om kunskapsbanken in easy-to-read Swedish."""


def record_src(kind: str, record_id: str) -> str:
    return f"{FOLDERS[kind]}/{record_id}.md"


def index_src(kind: str) -> str:
    return f"{FOLDERS[kind]}/index.md"


def src_to_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """``kommuner/tyreso.md`` → ``kommuner/tyreso/`` (as MkDocs does)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target: str, base: str) -> str:
    """Link from the page at URL ``base`` to URL ``target`` (both site-relative)."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
