"""Under ``mkdocs serve``: a generated page whose theme inputs did not change is not rendered again.

MkDocs renders every page through the theme's templates at every rebuild; on the real knowledge
base that was the largest single share of the time until an edit shows. A saved record changes a
handful of pages, so the theme's HTML of the others is kept from the previous rebuild and used
again when *everything* the theme reads for that page is the same: the page's body, table of
contents, title, metadata, addresses and neighbours, the navigation, the configuration file, the
theme's template files and the build date. The key is a digest of all of them; anything else a
template could read (the Python code itself) cannot change while the server runs.

Only the plugin's own pages take part (mkdocs_plugin/generated_pages.py); hand-written pages and
news posts, which other plugins shape, are always rendered. tests/test_serve_reuse.py checks that a
rebuild after an edit writes exactly what a fresh build writes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jinja2

from kunskapsbanken.mkdocs_plugin.generated_pages import GeneratedPage

KEY = "kb_theme_key"
"""Where on_page_context leaves a page's key in the template context."""


class ThemeReuse:
    def __init__(self):
        self._html: dict[str, tuple[str, str]] = {}
        """Page URL → (key, theme HTML) from the last rebuild."""
        self._used: set[str] = set()
        self._build_key = ""
        reuse = self

        class ReusingTemplate(jinja2.Template):
            def render(self, *args, **kwargs) -> str:
                context = args[0] if args and isinstance(args[0], dict) else kwargs
                key = context.get(KEY)
                if key is None:
                    return super().render(*args, **kwargs)
                return reuse._render(f"{self.name}\n{key}", context["page"].url,
                                     lambda: super(ReusingTemplate, self).render(*args, **kwargs))

        self.template_class = ReusingTemplate

    def begin(self, config, nav, env: jinja2.Environment) -> None:
        """At ``on_env``: the key parts that are the same for every page of this build."""
        self._used = set()
        env.template_class = self.template_class
        digest = hashlib.sha256()
        if config.config_file_path:
            digest.update(Path(config.config_file_path).read_bytes())
        for folder in config.theme.dirs:
            for path in sorted(Path(folder).rglob("*.html")):
                digest.update(f"{path}\0{path.stat().st_mtime_ns}\0".encode())
        digest.update(json.dumps(_nav_signature(nav.items), ensure_ascii=False).encode())
        self._build_key = digest.hexdigest()

    def key(self, context: dict, page) -> str | None:
        """At ``on_page_context``: the page's key, or None for a page that is always rendered."""
        if not isinstance(page, GeneratedPage) or not self._build_key:
            return None
        digest = hashlib.sha256(self._build_key.encode())
        # The body is most of the bytes: hashed as it is, the small parts as JSON.
        digest.update((page.content or "").encode())
        digest.update(json.dumps([
            page.url, page.title, _toc_signature(page.toc), page.meta, page.edit_url, page.canonical_url,
            page.update_date, context["build_date_utc"].strftime("%Y-%m-%d"),
            [(p.title, p.url) if p else None for p in (page.previous_page, page.next_page)],
            [a.title for a in page.ancestors], context["base_url"],
        ], ensure_ascii=False, sort_keys=True, default=str).encode())
        return digest.hexdigest()

    def _render(self, key: str, url: str, render) -> str:
        self._used.add(url)
        kept = self._html.get(url)
        if kept is not None and kept[0] == key:
            return kept[1]
        html = render()
        self._html[url] = (key, html)
        return html

    def finish(self) -> None:
        """At the end of a build: forget pages this build did not have (a record removed)."""
        for url in set(self._html) - self._used:
            del self._html[url]
        self._build_key = ""


def _nav_signature(items) -> list:
    return [(type(item).__name__, item.title, getattr(item, "url", None), _nav_signature(item.children or []))
            for item in items]


def _toc_signature(toc) -> list:
    return [(item.title, item.url, item.level, _toc_signature(item.children)) for item in toc]
