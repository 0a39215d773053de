"""News posts through the same walls as record text (the blog plugin renders them, not us).

* Their front matter and body are checked like records before anything is built (data/news_posts.py).
* Their title and description are contributor text that Material prints without escaping (the
  page's ``<title>``, meta description, the excerpt's heading): the meta keeps them escaped, the
  raw text is kept for our own autoescaped templates (feed, start page).
* Their HTML, on the post's page and in the news list's excerpts, goes through the site's nh3
  policy (render/markdown.py), as every record field does.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from kunskapsbanken.data.news_posts import BlogSettings, blog_settings, read_posts
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.render.markdown import plain_text_markdown, sanitise_page

_EXCERPT_SANITISER = "kunskapsbanken_sanitise"


def blog_posts_dir(config) -> str | None:
    """The posts folder's path below ``docs/`` (``blog/posts/``), or None without the blog plugin."""
    blog = config.plugins.get("material/blog")
    if blog is None:
        return None
    return f"{blog.config.blog_dir.strip('/')}/posts/".lstrip("/")


def post_problems(config, root: Path, schema_dir: Path) -> list[Problem]:
    """Every problem in the blog's posts, checked as ``python -m kunskapsbanken validate`` does."""
    posts = blog_posts_dir(config)
    if posts is None:
        return []
    blog = config.plugins.get("material/blog")
    settings = BlogSettings(tuple(blog.config.categories_allowed or ()), blog_settings(root).authors)
    return read_posts(root, schema_dir, settings, posts_dir=Path(config.docs_dir) / posts)[1]


class NewsPosts:
    """What the plugin needs to remember about posts between MkDocs events."""

    def __init__(self, config):
        self.posts_dir = blog_posts_dir(config)
        blog = config.plugins.get("material/blog")
        self.separator = blog.config.post_excerpt_separator if blog else "<!-- more -->"
        self.titles: dict[str, str] = {}
        """src_uri → the title as written (text, not HTML)."""
        self.descriptions: dict[str, str] = {}

    def is_post(self, page) -> bool:
        return bool(self.posts_dir) and page.file.src_uri.startswith(self.posts_dir)

    def markdown(self, markdown: str, page) -> str:
        """Escape the meta Material prints raw; give the post its title as an h1 (plain text)."""
        if not self.is_post(page):
            return markdown
        title, description = page.meta.get("title"), page.meta.get("description")
        if isinstance(title, str):
            self.titles[page.file.src_uri] = title
            page.meta["title"] = str(escape(title))
        if isinstance(description, str):
            self.descriptions[page.file.src_uri] = description
            page.meta["description"] = str(escape(description))
        # The h1 keeps the table of contents and the skip link starting at the title, as on
        # every other page; as plain-text Markdown, so the title can only ever be text.
        if isinstance(title, str) and title and not re.search(r"^# ", markdown, re.M):
            return f"# {plain_text_markdown(title)}\n\n{markdown}"
        return markdown

    def content(self, html: str, page) -> str:
        """The post's HTML through the site's sanitiser; its excerpt (the news list) too."""
        if not self.is_post(page):
            return html
        excerpt = getattr(page, "excerpt", None)
        md = getattr(excerpt, "md", None)
        if md is not None and _EXCERPT_SANITISER not in md.postprocessors:
            md.postprocessors.register(_ExcerptSanitiser(self.separator), _EXCERPT_SANITISER, 0)
        return sanitise_page(html)

    def title(self, page) -> str:
        return self.titles.get(page.file.src_uri) or page.title or page.file.name

    def description(self, page) -> str:
        return self.descriptions.get(page.file.src_uri, "")


class _ExcerptSanitiser:
    """Last Markdown postprocessor of an excerpt: the blog plugin cuts the HTML at its separator
    (an HTML comment, which the sanitiser would drop), so each side is sanitised on its own."""

    def __init__(self, separator: str):
        self.separator = separator

    def run(self, text: str) -> str:
        return self.separator.join(sanitise_page(part) for part in text.split(self.separator, 1))
