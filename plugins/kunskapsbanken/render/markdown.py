"""Markdown from contributors → safe HTML: the site's own Markdown, then the nh3 sanitiser.

Sanitising after rendering is what makes it safe: Markdown passes raw HTML through and
``attr_list`` can add attributes, so only the sanitiser's allow-list decides what reaches a page.
"""

from __future__ import annotations

import re
from html import escape as html_escape

import markdown
import nh3
from markupsafe import Markup

from kunskapsbanken.data.html_policy import (  # noqa: F401 (re-exported: the policy's one home)
    _ANCHOR_WITHOUT_HREF, ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, sanitise,
)


# A whole Markdown page (a news post) also has its title and sections, with the ids and
# permalinks the toc extension gives them; everything else is the record-text policy.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PAGE_TAGS = ALLOWED_TAGS | {"h1", "h2"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, **{h: {"id"} for h in _HEADINGS}}
PAGE_CLASSES = {"a": {"headerlink"}}


def sanitise_page(html: str) -> str:
    """:func:`sanitise` for a whole page body written in Markdown (a news post, its excerpt)."""
    clean = nh3.clean(html, tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, allowed_classes=PAGE_CLASSES,
                      url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
    return _ANCHOR_WITHOUT_HREF.sub(r"\2", clean)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
"""Python-Markdown's escapable characters (markdown.Markdown.ESCAPED_CHARS)."""


def plain_text_markdown(text: str) -> str:
    """``text`` as Markdown that renders to exactly that text: no markup, no HTML, no attributes."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html_escape(" ".join(text.split()), quote=False))


_RENDERED: dict[tuple[str, str], Markup] = {}
"""(Markdown configuration, text) → safe HTML, for the life of the process: ``mkdocs serve``
makes a new renderer for every rebuild, and nearly every text is unchanged since the last one."""
_RENDERED_MAX = 100_000


class MarkdownRenderer:
    def __init__(self, extensions: list | None = None, extension_configs: dict | None = None):
        # Header ids and permalinks make no sense inside a field; everything else the site uses does.
        extensions = [e for e in (extensions or []) if e not in ("toc", "markdown.extensions.toc")]
        self._md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs or {})
        self._config = repr((extensions, extension_configs))

    @staticmethod
    def forget_rendered() -> None:
        """Empty the process-wide cache (the benchmark measures rendering from cold)."""
        _RENDERED.clear()

    def render(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        key = (self._config, text)
        cached = _RENDERED.get(key)
        if cached is None:
            if len(_RENDERED) >= _RENDERED_MAX:
                _RENDERED.clear()
            html = self._md.reset().convert(text)
            cached = _RENDERED[key] = Markup(sanitise(html))
        return cached

    def render_inline(self, text: str | None) -> Markup:
        """For short texts inside a sentence or table cell: no surrounding paragraph."""
        html = str(self.render(text))
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)
