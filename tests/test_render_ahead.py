"""Page bodies rendered ahead in a forked worker (site/render_ahead.py) are the bodies this
process would render: same HTML, same table of contents, at the address asked for."""

from __future__ import annotations

import os

import pytest

from helpers import ROOT, SCHEMA
from kunskapsbanken.data.repository import load_knowledge_base
from kunskapsbanken.render import urls
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.site.pages import site_pages
from kunskapsbanken.site.render_ahead import RenderAhead
from kunskapsbanken.site.renderer import PageRenderer


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the worker is only started with a second core")
def test_pages_from_the_worker_are_the_pages_rendered_here():
    kb = load_knowledge_base(ROOT / "content", SCHEMA, ROOT)
    renderer = PageRenderer(kb, MarkdownRenderer(["tables", "attr_list", "toc"]))
    pages = [(spec, urls.src_to_url(spec.src_uri, True)) for spec in site_pages(kb)]
    ahead = RenderAhead(pages, renderer.render)
    try:
        got = [ahead.render(spec, url) for spec, url in pages]
    finally:
        ahead.close()
    assert ahead.from_worker > 0, "the worker rendered no page"
    for (spec, url), page in zip(pages, got):
        expected = renderer.render(spec, url)
        assert (page.html, page.toc) == (expected.html, expected.toc), spec.src_uri
