"""Page bodies rendered ahead in a second process while the build works on the first ones.

MkDocs builds on one core; rendering the generated pages' templates is the largest share of our
part of a build. With a second core, a forked worker renders pages from the end of the list while
the build renders from the start, until they meet: each page is rendered exactly once, by the same
code from the same knowledge base (the worker is a fork of this process), so the result is the same
as rendering every page here.

The worker takes small batches, last ones first. When the build reaches a page, it uses the
worker's result if the worker has its batch, waiting for it if need be, and otherwise takes the
batch back and renders the page itself.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from kunskapsbanken.site.pages import PageSpec
from kunskapsbanken.site.renderer import RenderedPage

BATCH = 8
"""Pages per batch: small, so that the build seldom waits for a batch the worker has just begun."""
MIN_PAGES = 40
"""Below this, starting a worker costs more than it saves."""

_RENDER: Callable[[PageSpec, str], RenderedPage] | None = None
_PAGES: Sequence[tuple[PageSpec, str]] = ()
"""What the forked worker renders: set before the fork, inherited by the worker."""


def _render_batch(start: int, end: int) -> list:
    assert _RENDER is not None
    return [_RENDER(spec, url) for spec, url in _PAGES[start:end]]


class RenderAhead:
    def __init__(self, pages: Sequence[tuple[PageSpec, str]], render: Callable[[PageSpec, str], RenderedPage]):
        """``pages``: (spec, page URL) in the order the build will ask for them; ``render(spec, url)``."""
        self._render = render
        self._position = {(id(spec), url): i for i, (spec, url) in enumerate(pages)}
        self._futures: list[Future] = []
        self._pool: ProcessPoolExecutor | None = None
        self.from_worker = 0
        """Pages the worker rendered so far."""
        if len(pages) < MIN_PAGES or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return
        global _RENDER, _PAGES
        _RENDER, _PAGES = render, pages
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        batches = [(start, min(start + BATCH, len(pages))) for start in range(0, len(pages), BATCH)]
        self._futures = [Future() for _ in batches]
        for number in reversed(range(len(batches))):
            self._futures[number] = self._pool.submit(_render_batch, *batches[number])

    def render(self, spec: PageSpec, url: str) -> RenderedPage:
        position = self._position.get((id(spec), url))
        if self._pool is None or position is None:
            return self._render(spec, url)
        future = self._futures[position // BATCH]
        if future.cancel():  # the worker had not begun this batch: this process renders it
            return self._render(spec, url)
        batch = future.result()
        page = batch[position % BATCH]
        batch[position % BATCH] = None  # held once, by the page, not twice on a large site
        self.from_worker += 1
        return page

    def close(self) -> None:
        global _RENDER, _PAGES
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        _RENDER, _PAGES = None, ()
