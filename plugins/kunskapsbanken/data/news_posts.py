"""News posts (``docs/blog/posts/*.md``) are records too: their front matter is checked against
``schema/news_post.schema.json`` and, like every record text, for code and control characters.

The web editor writes these files, so they are contributor text just like ``content/``. The
categories and authors a post may name are not copied into the schema: they come from the one
place the site reads them (``categories_allowed`` in ``mkdocs.yml``, ``docs/blog/.authors.yml``).
"""

from __future__ import annotations

import functools
import os
import json
from dataclasses import dataclass
from pathlib import Path

import fastjsonschema
import jsonschema
import yaml

from kunskapsbanken.data.control_chars import FORBIDDEN_IN_FILE, describe_char
from kunskapsbanken.data.html_policy import removed_markup
from kunskapsbanken.data.kinds import NEWS_POST_SCHEMA, NEWS_POSTS
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.scalar_checks import scalar_problems
from kunskapsbanken.data.schema_errors import SchemaErrorTranslator
from kunskapsbanken.data.schemas import COMMON, FORMATS, KindSchema, _format_checker, bundle, \
    with_ref_siblings_for_draft7
from kunskapsbanken.data.unsafe_text import unsafe_match
from kunskapsbanken.data.yamlsource import MAX_FILE_BYTES, YamlError, load_yaml

POSTS_DIR = f"docs/{NEWS_POSTS}"
SCHEMA_FILE = NEWS_POST_SCHEMA
_FENCE = "---"


@dataclass(frozen=True)
class BlogSettings:
    """What a post may name: the blog's allowed categories and its authors ('' = anything)."""

    categories: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` tags are only names here, never imported."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def blog_settings(root: Path) -> BlogSettings:
    """The categories ``mkdocs.yml`` allows and the authors ``docs/blog/.authors.yml`` lists."""
    categories: tuple[str, ...] = ()
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("blog"), dict):
                categories = tuple(map(str, plugin["blog"].get("categories_allowed") or ()))
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    authors: tuple[str, ...] = ()
    try:
        listed = yaml.safe_load((root / "docs/blog/.authors.yml").read_text(encoding="utf-8")) or {}
        authors = tuple(map(str, (listed.get("authors") or {})))
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    return BlogSettings(categories, authors)


@functools.lru_cache(maxsize=8)
def _schema(schema_dir: str, settings: BlogSettings, stamp: tuple) -> KindSchema:
    folder = Path(schema_dir)
    common = json.loads((folder / COMMON).read_text(encoding="utf-8"))
    raw = json.loads((folder / SCHEMA_FILE).read_text(encoding="utf-8"))
    for key, allowed in (("categories", settings.categories), ("authors", settings.authors)):
        if allowed:
            raw["properties"][key]["items"]["enum"] = list(allowed)
    bundled = bundle(raw, common)
    return KindSchema(kind="news_post", file=SCHEMA_FILE, schema=bundled,
                      fast=fastjsonschema.compile(with_ref_siblings_for_draft7(bundled), formats=FORMATS),
                      detailed=jsonschema.validators.validator_for(bundled)(bundled, format_checker=_format_checker()))


def news_post_schema(schema_dir: Path, settings: BlogSettings) -> KindSchema:
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in (schema_dir / SCHEMA_FILE, schema_dir / COMMON))
    return _schema(str(schema_dir), settings, stamp)


@dataclass
class Post:
    """One post file split into its front matter and its Markdown body."""

    file: str
    front: dict | None
    body: str
    body_line: int
    """The file line on which the body starts (1-based)."""


def split_post(text: str) -> tuple[str, str, int] | None:
    """``(front matter, body, body's first line)``; the front matter keeps the file's line numbers
    (its opening ``---`` becomes an empty line). None without a front matter block."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != _FENCE:
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r") == _FENCE:
            return "\n".join([""] + lines[1:i]) + "\n", "\n".join(lines[i + 1:]), i + 2
    return None


def post_problems(path: Path, file: str, schema: KindSchema) -> tuple[Post | None, list[Problem]]:
    """Every problem of one post file, and the post if it could be read."""
    def problem(line, message, *, code, column=1, path="", **extra):
        return Problem(file, line, column, path, message, code=code, **extra)

    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        return None, [problem(1, "filen är för stor", code="file.too_large",
                              found=f"{len(raw)} byte", expected=f"högst {MAX_FILE_BYTES} byte")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return None, [problem(line, "filen är inte kodad som UTF-8", code="file.encoding",
                              expected="UTF-8", tip="Spara filen som UTF-8 i din editor.")]
    parts = split_post(text.removeprefix("\ufeff"))
    if parts is None:
        return None, [problem(1, "inlägget saknar uppgifter överst", code="post.front_matter",
                              expected="en rad ---, fälten title, date, categories, description och authors, "
                                       "och en rad --- till",
                              tip=f"Kopiera början av ett annat inlägg i {POSTS_DIR}/.")]
    front_text, body, body_line = parts
    problems: list[Problem] = []
    try:
        doc = load_yaml(front_text.encode("utf-8"), file)
    except YamlError as exc:
        problems.append(exc.problem)
        doc = None
    front: dict | None = None
    if doc is not None:
        problems += doc.problems + scalar_problems(file, doc)
        if not schema.is_valid(doc.data):
            reported = {p.path for p in problems if p.is_error}
            problems += SchemaErrorTranslator(file, doc, schema.schema, reported).problems(schema.errors(doc.data))
        elif not any(p.is_error for p in problems):
            front = doc.data if isinstance(doc.data, dict) else None
    for offset, text_line in enumerate(body.split("\n")):
        match = FORBIDDEN_IN_FILE.search(text_line.rstrip("\r"))
        if match:
            problems.append(problem(body_line + offset, "texten innehåller ett osynligt tecken",
                                    column=match.start() + 1, code="text.control_char",
                                    found=describe_char(match.group()), expected="vanlig text utan styrtecken",
                                    tip="Ta bort tecknet; det syns inte men kan dölja eller vända texten."))
    unsafe = unsafe_match(body)
    if unsafe is not None:
        name, start = unsafe
        before = body[:start]
        problems.append(problem(body_line + before.count("\n"), "texten innehåller kod som kan köras i webbläsaren",
                                column=start - (before.rfind("\n") + 1) + 1, code="reference.unsafe_html",
                                found=name, expected="vanlig text eller Markdown",
                                tip="Ta bort HTML-koden. Länkar skrivs [text](https://adress)."))
    elif removed := removed_markup(body):
        problems.append(problem(body_line, "webbplatsen tar bort en del av texten", code="text.sanitised",
                                severity="warning", found=", ".join(removed), expected="vanlig text eller Markdown",
                                tip="Det som tas bort syns inte på sidan. Skriv om det med Markdown."))
    return Post(file, front, body, body_line), problems


def post_files(posts_dir: Path) -> list[Path]:
    """The post files the blog reads (Material reads ``**/*.md`` below its posts folder)."""
    if not posts_dir.is_dir():
        return []
    return sorted(Path(folder) / name for folder, dirs, files in os.walk(posts_dir, followlinks=False)
                  for name in dirs + files if name.endswith(".md"))


def read_posts(root: Path, schema_dir: Path, settings: BlogSettings | None = None,
               posts_dir: Path | None = None) -> tuple[list[Post], list[Problem]]:
    """Every post below ``root/docs/blog/posts`` and every problem in them."""
    root = Path(root)
    posts_dir = Path(posts_dir) if posts_dir else root / POSTS_DIR
    schema_dir = Path(schema_dir)
    if not (schema_dir / SCHEMA_FILE).is_file():
        return [], []  # a project without news posts' schema has no news to check
    schema = news_post_schema(schema_dir, settings if settings is not None else blog_settings(root))
    posts, problems = [], []
    for path in post_files(posts_dir):
        try:
            file = (posts_dir.resolve() / path.relative_to(posts_dir)).relative_to(root.resolve()).as_posix()
        except ValueError:
            file = path.as_posix()
        if path.is_symlink() or not path.is_file():  # never followed, never read: only what is here
            problems.append(Problem(file, 1, 1, "", "en symbolisk länk i stället för en vanlig fil" if path.is_symlink()
                                    else "ingen vanlig fil", code="file.not_regular",
                                    expected=f"en vanlig Markdown-fil i {POSTS_DIR}/"))
            continue
        post, found = post_problems(path, file, schema)
        problems += found
        if post is not None:
            posts.append(post)
    return posts, problems

