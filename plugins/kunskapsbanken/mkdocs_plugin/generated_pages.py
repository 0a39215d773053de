"""The plugin's pages in MkDocs: their body comes from a template, not from Markdown.

MkDocs parses every page's front matter and converts its Markdown with a new Python-Markdown
instance, a few milliseconds a page; a generated page's Markdown is front matter only, and its body
was then replaced by the rendered template anyway. A :class:`GeneratedPage` takes its metadata as
data and renders the template in place of those steps. (Its file still holds the same front matter,
for any plugin that reads files.)

MkDocs makes the Page objects itself while it builds the navigation (with the titles the
navigation gives them), so the plugin changes their class once they exist (``adopt``), rather than
making them earlier and losing those titles. GeneratedPage adds no state of its own that
``Page.__init__`` would have had to set, so the change of class is safe.
"""

from __future__ import annotations

import re

from markupsafe import escape
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kunskapsbanken.site.body_reuse import ReusingBodies
from kunskapsbanken.site.pages import PageSpec
from kunskapsbanken.site.render_ahead import RenderAhead

_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
"""Our templates and Python-Markdown always write ids double-quoted."""


class GeneratedPage(Page):
    spec: PageSpec
    bodies: RenderAhead | ReusingBodies
    spec_meta: dict

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", dict(self.spec_meta)

    def render(self, config, files) -> None:
        rendered = self.bodies.render(self.spec, self.url)
        self.content = rendered.html
        self.toc = get_toc(toc_tokens(rendered.toc))  # type: ignore[arg-type]  # the toc extension's dicts
        # MkDocs validates links to anchors against the ids it saw in a page; declare this page's
        # (e.g. kallor.md#kalla-…), since no Markdown of it was read.
        self.present_anchor_ids = set(_ID_ATTRIBUTE.findall(rendered.html))


def adopt(page: Page, spec: PageSpec, meta: dict, bodies: RenderAhead | ReusingBodies) -> GeneratedPage:
    """``page`` (made by MkDocs for a generated file) as a GeneratedPage of ``spec``, whose front
    matter is ``meta``."""
    page.__class__ = GeneratedPage
    assert isinstance(page, GeneratedPage)
    page.spec = spec
    page.spec_meta = meta
    page.bodies = bodies
    return page


def toc_tokens(entries: list[tuple[int, str, str]]) -> list[dict]:
    """Nest (level, id, title) entries the way Python-Markdown's toc extension reports them."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, title in entries:
        safe = str(escape(title))  # the theme prints TOC names as HTML
        token = {"level": level, "id": anchor, "name": safe, "html": safe, "data-toc-label": "", "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
