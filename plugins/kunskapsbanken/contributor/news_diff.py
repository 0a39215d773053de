"""News posts in a knowledge-base diff: two versions of the posts folder compared file by file.

A post is told apart by its file (the blog's address comes from it or from its slug); its front
matter is compared field by field like a record, its Markdown body as one text. The posts are read
with the same reader as ``validate``; which categories and authors a post may name is left to
``validate`` (it reads ``mkdocs.yml``), since a diff only has to read and describe them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kunskapsbanken.contributor.diff import FieldChange, compare_fields
from kunskapsbanken.data.news_posts import POSTS_DIR, SCHEMA_FILE, BlogSettings, Post, news_post_schema, read_posts
from kunskapsbanken.data.problems import Problem

BODY = "body"
"""The path of a post's Markdown body among its front-matter fields (never a front-matter key:
the schema allows no additional properties)."""


@dataclass
class PostChange:
    file: str
    status: str
    """added, removed or changed."""
    front: dict
    """The newer front matter (the older one of a removed post)."""
    old_front: dict = field(default_factory=dict)
    fields: list[FieldChange] = field(default_factory=list)
    """Changed front-matter fields, then the body as ``(BODY,)`` if its text changed."""


@dataclass
class NewsVersion:
    posts: dict[str, Post]
    problems: list[Problem]
    schema: dict
    """The bundled front-matter schema (for the fields' titles); empty without one."""


def read_news(base: Path) -> NewsVersion:
    """The posts below ``base``'s posts folder, read as ``validate`` reads them."""
    schema_dir = base / "schema"
    if not (schema_dir / SCHEMA_FILE).is_file():
        return NewsVersion({}, [], {})
    settings = BlogSettings()  # any category or author: validate checks them against mkdocs.yml
    posts, problems = read_posts(base, schema_dir, settings, base / POSTS_DIR)
    schema = news_post_schema(schema_dir, settings).schema
    return NewsVersion({p.file: p for p in posts if p.front is not None}, problems, schema)


def compare_posts(old: dict[str, Post], new: dict[str, Post]) -> list[PostChange]:
    """Added, changed and removed posts, in file order."""
    changes = []
    for file in sorted(set(old) | set(new)):
        before, after = old.get(file), new.get(file)
        if before is None and after is not None:
            changes.append(PostChange(file, "added", after.front or {}))
        elif after is None and before is not None:
            changes.append(PostChange(file, "removed", before.front or {}))
        elif before is not None and after is not None:
            fields = compare_fields(before.front or {}, after.front or {})
            if before.body.strip() != after.body.strip():
                fields.append(FieldChange((BODY,), before.body, after.body))
            if fields:
                changes.append(PostChange(file, "changed", after.front or {}, before.front or {}, fields))
    return changes


__all__ = ["BODY", "NewsVersion", "PostChange", "compare_posts", "read_news"]
