"""Where every generated page lives, and relative links between pages."""

from __future__ import annotations

import functools
import posixpath

from kunskapsbanken.data.kinds import PAGE_KINDS

FOLDERS = {k.id: k.url_folder for k in PAGE_KINDS}
"""Folder (Swedish, part of the public URL) per record kind that has pages (from the registry)."""
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
EASY_READ_DIR = "lattlast"
"""One page per record's easy-read text: ``lattlast/kommuner/tyreso/``."""


def record_src(kind: str, record_id: str) -> str:
    return f"{FOLDERS[kind]}/{record_id}.md"


def easy_read_src(kind: str, record_id: str) -> str:
    return f"{EASY_READ_DIR}/{FOLDERS[kind]}/{record_id}.md"


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


@functools.lru_cache(maxsize=1 << 16)
def relative_url(target: str, base: str) -> str:
    """Link from the page at URL ``base`` to URL ``target`` (both site-relative).

    Cached: a build asks for the same few thousand links again and again (posixpath.relpath was
    a tenth of rendering the pages), and ``mkdocs serve`` asks for them again on every rebuild."""
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
