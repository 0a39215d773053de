"""Under ``mkdocs serve``: a generated page's body is rendered again only when something it read
changed.

A saved record changes a few of the knowledge base's pages, but every rebuild rendered every
page's template again. Here each rendering records what it read of the model, and the next rebuild
keeps a page's body when every one of those reads gives the same value again, the way a build
system tracks the inputs a step actually used:

* a field of a record (``record.summary`` in a template, ``record["name"]`` in Python), or the
  whole record when code takes its ``data``;
* an attribute of the knowledge base (``kb.municipalities``: which records exist and in what order,
  ``kb.projects_by_municipality``, ``kb.evidence`` …);
* the matrix, the facets, or one record's charts.

Besides those, a page depends on its own spec and address and on what every page depends on: the
template and schema files, ``mkdocs.yml`` and the records' git history. Everything else a template
can reach is the Python code, which cannot change while the server runs.

The model records its reads only while a page renders under ``mkdocs serve``: its objects change
class to subclasses that note each read (:func:`track`); a plain build pays nothing.
tests/test_serve_reuse.py checks that rebuilds after edits write exactly what a fresh build writes.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable
from pathlib import Path

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.site.derived import Derived
from kunskapsbanken.site.pages import PageSpec
from kunskapsbanken.site.render_ahead import RenderAhead
from kunskapsbanken.site.renderer import RenderedPage

Read = tuple
"""("field", kind, id, field), ("record", kind, id), ("kb", attribute), ("derived", attribute)
or ("charts", kind, id)."""

_reads: set[Read] | None = None
"""What the page being rendered has read so far; None when no page is being tracked."""

_MISSING = "\0absent"
_UNSTABLE = itertools.count()
_ADDRESS = " at 0x"
"""In a repr: an object without a value of its own, which cannot be compared between rebuilds."""


class _TrackedRecord(Record):
    @property  # a data descriptor: wins over the instance's own ``data``
    def data(self) -> dict:  # type: ignore[override]
        if _reads is not None:
            _reads.add(("record", self.record_type, self.id))
        return self.__dict__["data"]

    def __getitem__(self, key: str):
        if _reads is not None:
            _reads.add(("field", self.record_type, self.id, key))
        return self.__dict__["data"][key]

    def get(self, key: str, default=None):
        if _reads is not None:
            _reads.add(("field", self.record_type, self.id, key))
        return self.__dict__["data"].get(key, default)

    @property
    def name(self) -> str:
        data = self.__dict__["data"]
        if _reads is not None:
            _reads.update((("field", self.record_type, self.id, "name"), ("field", self.record_type, self.id, "label")))
        return data.get("name") or data.get("label") or self.id


class _TrackedKnowledgeBase(KnowledgeBase):
    _DATA: frozenset[str] = frozenset()
    """The attributes that hold data (not methods), set by :func:`track`."""

    def __getattribute__(self, name: str):
        if _reads is not None and name in type(self)._DATA:
            _reads.add(("kb", name))
        return object.__getattribute__(self, name)


class _TrackedDerived(Derived):
    def __getattribute__(self, name: str):
        if _reads is not None and name in ("matrix", "facets", "charts"):
            _reads.add(("derived", name))
        return object.__getattribute__(self, name)

    def charts_of(self, record: Record):
        if _reads is not None:
            _reads.add(("charts", record.record_type, record.id))
        return object.__getattribute__(self, "charts").get((record.record_type, record.id), [])


def track(kb: KnowledgeBase, derived: Derived) -> None:
    """Make the model note what is read of it while a page renders (the objects change class)."""
    _TrackedKnowledgeBase._DATA = frozenset([*vars(kb), "records"])
    kb.__class__ = _TrackedKnowledgeBase
    derived.__class__ = _TrackedDerived
    for record in _records(kb).values():
        record.__class__ = _TrackedRecord


def tracked(render: Callable[[PageSpec, str], RenderedPage]) -> Callable[[PageSpec, str], RenderedPage]:
    """``render`` that also returns what the page read (``RenderedPage.reads``); works in a forked
    worker too, whose reads travel back with the page."""
    def render_tracked(spec: PageSpec, url: str) -> RenderedPage:
        global _reads
        _reads = set()
        try:
            page = render(spec, url)
        finally:
            reads, _reads = _reads, None
        page.reads = frozenset(reads)
        return page
    return render_tracked


def _records(kb: KnowledgeBase) -> dict[tuple[str, str], Record]:
    found = {}
    for value in vars(kb).values():
        if isinstance(value, dict):
            for record in value.values():
                if isinstance(record, Record):
                    found[(record.record_type, record.id)] = record
    return found


class BodyReuse:
    def __init__(self):
        self._kept: dict[str, tuple[str, dict[Read, str], RenderedPage]] = {}
        """Page URL → (page key, digest of each read, body) from the last rebuild."""
        self._used: set[str] = set()
        self._digests: dict[Read, str] = {}
        self._build_key = ""
        self._kb: KnowledgeBase | None = None
        self._derived: Derived | None = None
        self._records: dict[tuple[str, str], Record] = {}
        self.rendered = 0
        """Bodies rendered in this rebuild (the others were kept)."""

    def begin(self, kb: KnowledgeBase, derived: Derived, history: dict, files: list[Path]) -> None:
        """At the start of a rebuild's pages: ``files`` are what every page depends on (templates,
        schemas, mkdocs.yml)."""
        track(kb, derived)
        self._kb, self._derived, self._records = kb, derived, _records(kb)
        self._digests, self._used, self.rendered = {}, set(), 0
        digest = hashlib.blake2b(digest_size=16)
        for path in sorted(files):
            digest.update(f"{path}\0".encode())
            digest.update(path.read_bytes())
        digest.update(repr(sorted(history.items())).encode())
        digest.update(repr(sorted((key, r.file, r.location) for key, r in self._records.items())).encode())
        self._build_key = digest.hexdigest()

    def kept(self, spec: PageSpec, url: str) -> RenderedPage | None:
        """The body from the last rebuild, if nothing it read has changed."""
        self._used.add(url)
        kept = self._kept.get(url)
        if kept is None or kept[0] != self._page_key(spec, url):
            return None
        if any(self._digest(read) != digest for read, digest in kept[1].items()):
            return None
        return kept[2]

    def store(self, spec: PageSpec, url: str, page: RenderedPage) -> None:
        """Keep a body just rendered, with the value of everything it read."""
        self.rendered += 1
        key = self._page_key(spec, url)
        if key is None:
            self._kept.pop(url, None)
            return
        self._kept[url] = (key, {read: self._digest(read) for read in page.reads}, RenderedPage(page.html, page.toc))

    def finish(self) -> None:
        """Forget the pages this rebuild did not have, and the model."""
        for url in set(self._kept) - self._used:
            del self._kept[url]
        self._kb = self._derived = None
        self._records, self._digests = {}, {}

    def _page_key(self, spec: PageSpec, url: str) -> str | None:
        text = repr((self._build_key, url, spec))
        return None if _ADDRESS in text else hashlib.blake2b(text.encode(), digest_size=16).hexdigest()

    def _digest(self, read: Read) -> str:
        digest = self._digests.get(read)
        if digest is None:
            digest = self._digests[read] = _hash(self._value(read))
        return digest

    def _value(self, read: Read) -> str:
        assert self._kb is not None and self._derived is not None
        if read[0] in ("field", "record"):
            record = self._records.get((read[1], read[2]))
            if record is None:
                return _MISSING
            data = record.__dict__["data"]
            value = data if read[0] == "record" else data.get(read[3], _MISSING)
            return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
        if read[0] == "kb":
            return _stable_repr(object.__getattribute__(self._kb, read[1]))
        charts = object.__getattribute__(self._derived, "charts")
        if read[0] == "charts":
            return _stable_repr(charts.get((read[1], read[2]), []))
        return _stable_repr(object.__getattribute__(self._derived, read[1]))


def _stable_repr(value) -> str:
    text = repr(value)
    # An object shown by its address has no value to compare with the next rebuild's: never kept.
    return f"\0unstable {next(_UNSTABLE)}" if _ADDRESS in text else text


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


class ReusingBodies:
    """What a generated page asks for its body under ``mkdocs serve``: the kept one, or one rendered
    now (ahead in a second process, as for a build: site/render_ahead.py) and kept for the next."""

    def __init__(self, reuse: BodyReuse, pages: list[tuple[PageSpec, str]],
                 render: Callable[[PageSpec, str], RenderedPage]):
        self._reuse = reuse
        self._kept = {url: body for spec, url in pages if (body := reuse.kept(spec, url)) is not None}
        self._ahead = RenderAhead([(spec, url) for spec, url in pages if url not in self._kept], tracked(render))

    def render(self, spec: PageSpec, url: str) -> RenderedPage:
        body = self._kept.pop(url, None)
        if body is None:
            body = self._ahead.render(spec, url)
            self._reuse.store(spec, url, body)
        return body

    def close(self) -> None:
        self._ahead.close()
