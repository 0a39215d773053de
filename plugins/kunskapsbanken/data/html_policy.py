"""What HTML may reach a page from contributor text (the site's nh3 policy), and what a text
loses to it.

The policy lives here, at the bottom, so that the validator can tell a contributor what the
sanitiser (render/markdown.py) will remove, by running the sanitiser itself and comparing: no
hand-made list of dangerous patterns to fall behind (``<svg/onload>``, ``java&#115;cript:``).
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html
import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "abbr", "del", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"

# nh3 removes a disallowed href but keeps the <a>; a link without href is invalid HTML, so its
# text is kept without the element. nh3's output is canonical (double-quoted attributes).
_ANCHOR_WITHOUT_HREF = re.compile(r'<a((?:\s+(?!href=)[a-z-]+="[^"]*")*)\s*>(.*?)</a>', re.S)


def sanitise(html: str) -> str:
    """Keep harmless formatting; drop scripts, event handlers, styles and javascript: URLs."""
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel=LINK_REL)
    return _ANCHOR_WITHOUT_HREF.sub(r"\2", clean)


_MAYBE_MARKUP = re.compile(r"[<&{]")
"""Without one of these, Markdown makes no element or attribute the policy could remove."""
_EXTENSIONS = ["abbr", "attr_list", "def_list", "md_in_html", "tables"]
"""The Markdown extensions of mkdocs.yml that record text is rendered with (toc aside)."""


def _parts(html: str) -> Counter:
    """Every element and every attribute (with its value) in ``html``."""
    found: Counter = Counter()
    if not html.strip():
        return found
    for root in lxml.html.fragments_fromstring(f"<div>{html}</div>"):
        if not isinstance(root, lxml.html.HtmlElement):
            continue
        for element in root.iter():
            if not isinstance(element.tag, str) or element is root:
                continue
            found[f"<{element.tag}>"] += 1
            for name, value in element.attrib.items():
                if name != "rel":
                    found[f"{name}={value}" if name in ("href", "src") else name] += 1
    return found


def removed_markup(text: str) -> list[str]:
    """What of ``text`` the site's sanitiser removes, e.g. ``['<svg>', 'onload']``; [] for most texts."""
    if not isinstance(text, str) or not _MAYBE_MARKUP.search(text):
        return []
    html = markdown.markdown(text, extensions=_EXTENSIONS)
    lost = _parts(html) - _parts(sanitise(html))
    names = []
    for part in lost:
        name = part.split("=", 1)[0] if "=" in part else part
        if name not in names:
            names.append(name)
    return names
