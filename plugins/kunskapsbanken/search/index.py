"""Writes the site's search index into ``<site>/sok/``, split so that one query fetches little.

The index is read from the pages as MkDocs writes them (SearchIndexer.add, from the plugin's
``on_post_page``): only the part of a page marked ``data-search-body``, with
its name, kind and place from ``data-search-meta`` (partials/content.html). Every word becomes a
Swedish term (search_terms.py). The files, all JSON:

- ``index.json``: the number of pages, the dictionary shards that exist, a version for caches,
  and each page's group (kommun, projekt, metod, ord, nyhet, annat, översikt) as one character,
  so results can be filtered by kind and generated overviews ranked below the records they
  repeat without fetching a page file.
- ``ord/<shard>.json``: every term beginning with the shard's two letters, with the number of
  pages it is on and their postings (page, weight), or the number of a ``post/`` file where a
  term is on many pages. Also the name keys (``=ung vuxn``: the terms of a page's name, of the
  names in its title's parentheses and of its record's aliases) with the name as written and its
  pages, so a page named in a query comes first and a misspelt name can be suggested; and, for
  words whose terms differ only in diacritics ("når", "när"), the exact terms, so the form the
  reader typed can be preferred.
- ``post/<n>.json``: the postings of one frequent term.
- ``sidor/<k>.json``: title, kind, place, address and opening words of ``PAGES_PER_FILE`` pages.

A query fetches ``index.json``, one dictionary shard per word, the postings of its most frequent
terms and the page files of the results it shows: about 20 kB typically and at most about 120 kB
at 5 000 projects (measured with the name keys, December 2026; 52 kB without them), where Pagefind, the anchor we
measured first, needed 220–360 kB (its program alone is
83 kB). Postings are delta-coded page numbers with a weight each; a gzipping server sends a term
on every page in a few kB.

The weights are BM25's term-frequency part (k1 1.2, b 0.75), with a word in a page's name counted
5 more times and one in a heading, fact label or table header once more; the browser multiplies them by the term's
rarity (idf), which it works out from the page counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import hashlib
import json
import multiprocessing
import os
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from kunskapsbanken.search.records import SearchRecord, name_key, names_of
from kunskapsbanken.search.terms import exact_word_counts, fold_word, term

BUNDLE_DIR = "sok"
FORMAT = 2
INDEX_FOLDERS = ("ord", "post", "sidor")
EXCLUDED_CLASSES = ("headerlink", "kb-visually-hidden", "kb-title", "kb-kind", "kb-source", "kb-on-this-page")
"""Not indexed: permalinks, separators for screen readers, a generated page's heading and kind line
(name, kind and place are meta fields of their own, searched and shown apart, so snippets begin
with what the page says), the "Källa: …" line under each fact (the same report on nearly every
page) and the page's own list of headings."""
BODY_START = "<div data-search-body"
"""How partials/content.html opens the indexed part of a page."""
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "dt", "th")
"""Words in headings, fact labels and table headers count twice."""
NAME_WEIGHT = 5
INLINE_POSTINGS = 24
"""A term on more pages than this gets a ``post/`` file of its own, fetched only if a query needs it."""
PAGES_PER_FILE = 16
EXCERPT_WORDS = 30
BM25_K1, BM25_B = 1.2, 0.75
KIND_GROUPS = {"kommun": "kommun", "projekt": "projekt", "permanent verksamhet": "projekt",
               "förstudie": "projekt", "metod": "metod", "förkortning": "ord", "nyhet": "nyhet",
               "översikt": "översikt"}
"""The kinds a reader filters results by; every other kind is "annat". "översikt" pages (lists,
compare pairs, target groups) repeat records and rank below them; the results page shows them
under "annat"."""
GROUPS = ["kommun", "projekt", "metod", "ord", "nyhet", "annat", "översikt"]
RESULTS_SRC = "sok.md"
"""The results page (templates/search_results.html): at sok/, beside the index's files and folders."""
RESULT_FILTERS = [("", "Allt"), ("kommun", "Kommuner"), ("projekt", "Projekt"), ("metod", "Metoder"),
                  ("ord", "Ord"), ("nyhet", "Nyheter"), ("annat", "Annat")]
"""The results page's kinds to filter by (value of ``typ``, label); "annat" includes "översikt"."""
PARALLEL_FROM_PAGES = 100
"""From this many pages on, a worker process reads them (SearchIndexer)."""
PAGES_PER_BATCH = 50
MAX_WORKERS = 4


class SearchIndexFailed(Exception):
    pass


@dataclass
class Document:
    url: str
    title: str
    kind: str
    place: str = ""
    excerpt: str = ""
    counts: Counter = field(default_factory=Counter)
    """Weighted occurrences per term."""
    exact: dict = field(default_factory=dict)
    """Term → {exact term: weighted occurrences} for words written with diacritics."""
    length: int = 0
    names: list = field(default_factory=list)


class SearchIndexer:
    """Collects the pages as MkDocs writes them (``add``), then writes the index (``write``).

    On a large site the pages are read in a worker process while the build goes on: MkDocs renders
    on one core, so the reading (a few ms a page) costs next to no time. The worker is forked: it
    needs nothing but this module, and a spawned one would run the program's main module again.
    On a small site, starting a worker would cost more than it saves.
    """

    def __init__(self, parallel: bool = False, reuse: dict | None = None):
        """``reuse``: documents of an earlier build in this process (``mkdocs serve``), by address
        and body; a page that has not changed is not read again. Holds this build's afterwards."""
        self._previous = dict(reuse) if reuse is not None else {}
        self._reuse = reuse
        if reuse is not None:
            reuse.clear()
        self._pool = None
        if parallel and (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            self._pool = ProcessPoolExecutor(max(1, min((os.cpu_count() or 2) - 1, MAX_WORKERS)),
                                             mp_context=multiprocessing.get_context("fork"))
        self._pending: list[tuple[str, str]] = []
        self._read: list = []
        """(batch of pages, their documents not kept from an earlier build: a list or a future of one)."""

    def add(self, url: str, html: str) -> None:
        """A page as written, at its site-relative ``url`` (``kommuner/tyreso/``)."""
        start = html.find(BODY_START)
        if start == -1:
            return
        # Only the marked part is read: the header and navigation before it are most of a page.
        end = html.find("</article>", start)
        self._pending.append((url, html[start:end if end != -1 else len(html)]))
        if len(self._pending) >= PAGES_PER_BATCH:
            self._flush()

    def _flush(self) -> None:
        batch, self._pending = self._pending, []
        if not batch:
            return
        unread = [page for page in batch if page not in self._previous]
        self._read.append((batch, unread, self._pool.submit(read_bodies, unread) if self._pool and unread
                           else read_bodies(unread)))

    def _documents(self) -> list[Document]:
        documents = []
        for batch, unread, part in self._read:
            read = dict(zip(unread, part if isinstance(part, list) else part.result()))
            for page in batch:
                document = self._previous.get(page) or read[page]
                documents.append(document)
                if self._reuse is not None:
                    self._reuse[page] = document
        return documents

    def write(self, site_dir: Path, records: Sequence[SearchRecord] = (), aliases: dict | None = None) -> int:
        """Write ``<site_dir>/sok/`` from the pages added and ``records``; returns the number indexed.
        ``aliases``: site-relative URL → other names of the page (records.alias_names)."""
        self._flush()
        try:
            documents = self._documents()
        finally:
            self.close()
        documents += [record_document(record) for record in records]
        for doc in documents:
            doc.names = names_of(doc.title) + list((aliases or {}).get(doc.url, ()))
            if doc.place:  # "IPS Lund", "Horisont Kristinehamn": a project by name and place
                doc.names.append(f"{doc.names[min(1, len(doc.names) - 1)]} {doc.place}")
        files = index_files(documents)
        output = site_dir / BUNDLE_DIR
        for folder in sorted({(output / name).parent for name in files}):
            folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (output / name).write_bytes(data.encode("utf-8"))
        # An index file of an earlier build in the same folder (a reused or dirty site_dir) goes;
        # only the index's own folders: the results page (sok/index.html) is a page of the site.
        written = {output / name for name in files}
        for name in INDEX_FOLDERS:
            for path in (output / name).rglob("*"):
                if path.is_file() and path not in written:
                    path.unlink()
        return len(documents)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        self._read = []


def read_bodies(batch: list[tuple[str, str]]) -> list[Document]:
    return [read_body(url, body) for url, body in batch]


def read_body(url: str, html: str) -> Document:
    """One page's document, from its ``data-search-body`` element onwards."""
    try:
        body = lxml.html.fragment_fromstring(html, create_parent="div")[0]
    except (ValueError, lxml.etree.ParserError) as exc:
        raise SearchIndexFailed(f"{url}: kunde inte läsas för sökindexet: {exc}") from None
    meta = dict(m.get("data-search-meta").split(":", 1) for m in body.xpath(".//*[@data-search-meta]"))
    doc = Document(url=url, title=meta.get("title", ""), kind=meta.get("kind", "sida"), place=meta.get("place", ""))
    for element in _EXCLUDED(body):
        if _excluded(element):
            element.drop_tree()  # keeps the text that follows the element
    headings = " ".join(t for h in _HEADINGS(body) for t in h.itertext())
    opening = " ".join(t for p in body.iter("p") for t in p.itertext()).split()[:EXCERPT_WORDS]
    _count(doc, " ".join(body.itertext()), headings)
    doc.excerpt = " ".join(opening)
    return doc


def record_document(record: SearchRecord) -> Document:
    doc = Document(url=record.url.lstrip("/"), title=record.title, kind=record.kind)
    _count(doc, record.content, "")
    doc.excerpt = " ".join(record.content.split()[:EXCERPT_WORDS])
    return doc


_EXCLUDED = lxml.etree.XPath(".//*[@hidden or @data-search-ignore or {} or (@class and ({}))]".format(
    " or ".join(f"self::{tag}" for tag in SKIPPED_TAGS), " or ".join(f"contains(@class, '{c}')" for c in EXCLUDED_CLASSES)))
"""Candidates, in one pass: contains() also finds "kb-title__context"; _excluded checks the classes."""


def _excluded(element) -> bool:
    if element.tag in SKIPPED_TAGS or element.get("hidden") is not None or element.get("data-search-ignore") is not None:
        return True
    return any(c in EXCLUDED_CLASSES for c in element.get("class", "").split())
_HEADINGS = lxml.etree.XPath(" | ".join(f".//{tag}" for tag in HEADING_TAGS))


def _count(doc: Document, text: str, headings: str) -> None:
    """Weighted occurrences: a word counts once, once more in a heading, NAME_WEIGHT times in the name."""
    weighted = exact_word_counts(text)
    doc.length = sum(weighted.values())
    weighted.update(exact_word_counts(headings))
    weighted.update(exact_word_counts(f"{doc.kind} {doc.place}"))
    for word, count in exact_word_counts(doc.title).items():
        weighted[word] += NAME_WEIGHT * count
    for word, count in weighted.items():
        folded = term(fold_word(word))
        doc.counts[folded] += count
        if not word.isascii():
            exact = term(word)
            variants = doc.exact.setdefault(folded, {})
            variants[exact] = variants.get(exact, 0) + count


def index_files(documents: list[Document]) -> dict[str, str]:
    """File name (under ``sok/``) → JSON text."""
    average = sum(d.length for d in documents) / len(documents) if documents else 1.0
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    names: dict[str, list[int]] = defaultdict(list)
    written: dict[str, str] = {}
    exact_postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    variants: dict[str, set] = defaultdict(set)
    for number, doc in enumerate(documents):
        norm = BM25_K1 * (1 - BM25_B + BM25_B * doc.length / max(average, 1.0))
        for word, count in doc.counts.items():
            weight = count * (BM25_K1 + 1) / (count + norm)
            postings[word].append((number, max(1, round(weight * 10))))
            for exact, exact_count in doc.exact.get(word, {}).items():
                variants[word].add(exact)
                if exact_count < count:
                    variants[word].add(word)  # also written without diacritics on this page
                exact_weight = exact_count * (BM25_K1 + 1) / (exact_count + norm)
                exact_postings[exact].append((number, max(1, round(exact_weight * 10))))
        for name in doc.names:
            if (key := name_key(name)) and number not in names[key]:
                names[key].append(number)
                written.setdefault(key, name)
    # Exact terms only where diacritics tell words apart: "når" and "när" are both "nar".
    for word, forms in variants.items():
        if len(forms) > 1:
            for exact in forms - {word}:
                postings.setdefault(exact, exact_postings[exact])
    files: dict[str, str] = {}
    shards: dict[str, dict] = defaultdict(dict)
    frequent = 0
    for word in sorted(postings):
        entries = postings[word]
        flat = _delta(entries)
        if len(entries) > INLINE_POSTINGS:
            files[f"post/{frequent}.json"] = _json(flat)
            shards[shard_id(word)][word] = [len(entries), frequent]
            frequent += 1
        else:
            shards[shard_id(word)][word] = [len(entries), flat]
    for key in sorted(names):
        shards[shard_id(key)]["=" + key] = [written[key], *_delta([(n, None) for n in names[key]])]
    for shard, shard_entries in shards.items():
        files[f"ord/{shard}.json"] = _json(shard_entries)
    for start in range(0, len(documents), PAGES_PER_FILE):
        files[f"sidor/{start // PAGES_PER_FILE}.json"] = _json(
            [[d.url, d.title, d.kind, d.place, d.excerpt] for d in documents[start:start + PAGES_PER_FILE]])
    version = hashlib.sha256("".join(files[name] for name in sorted(files)).encode("utf-8")).hexdigest()[:12]
    files["index.json"] = _json({"format": FORMAT, "version": version, "pages": len(documents),
                                 "pages_per_file": PAGES_PER_FILE, "shards": sorted(shards), "groups": GROUPS,
                                 "page_groups": "".join(str(GROUPS.index(group_of(d.kind))) for d in documents)})
    return files


def group_of(kind: str) -> str:
    return KIND_GROUPS.get(kind, "annat")


def shard_id(word: str) -> str:
    """The dictionary file of a term: its first two characters, hex-coded unless a–z or 0–9
    (search-engine.js shardId does the same)."""
    prefix = word[:2]
    if prefix.isascii() and prefix.isalnum():
        return prefix
    return "_" + "-".join(f"{ord(c):x}" for c in prefix)


def _delta(entries: Sequence[tuple[int, int | None]]) -> list[int]:
    flat, previous = [], 0
    for number, weight in entries:
        flat.append(number - previous)
        previous = number
        if weight is not None:
            flat.append(weight)
    return flat


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
