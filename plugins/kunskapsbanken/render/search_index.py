"""Writes the site's search index with Pagefind, into ``<site>/pagefind/``.

Pagefind reads the built HTML (only the part marked ``data-pagefind-body``), stems Swedish words
and splits the index into small fragments: a reader's browser fetches only the fragments its
query needs, and nothing at all until the reader starts to search.

The glossary entries are added as records of their own, which only Pagefind's service mode can
do. Its Python package (``pagefind``) speaks that protocol but polls for each answer every 0.1 s,
seconds for sixty entries; this module speaks the same small protocol (base64 JSON messages,
each ended by a comma) to the binary that the ``pagefind[bin]`` package ships, one request and
its answer at a time.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
from pathlib import Path

from kunskapsbanken.render.search_records import SearchRecord

BUNDLE_DIR = "pagefind"
LANGUAGE = "sv"
EXCLUDED = [".headerlink", ".kb-visually-hidden", ".kb-title", ".kb-kind"]
"""Not indexed: permalinks, separators for screen readers, a generated page's heading and its kind
line (name, kind and place are meta fields of their own, searched and shown apart) so that
snippets begin with what the page says."""


class SearchIndexFailed(Exception):
    pass


def write_search_index(site_dir: Path, records: list[SearchRecord] = ()) -> int:
    """Index every page of ``site_dir`` plus ``records``; returns the number of pages indexed."""
    output = site_dir / BUNDLE_DIR
    shutil.rmtree(output, ignore_errors=True)
    with _Service() as service:
        # One language for the whole site: Swedish stemming everywhere, one index to fetch from.
        index = service.send({"type": "NewIndex", "config": {"force_language": LANGUAGE,
                                                              "exclude_selectors": EXCLUDED}})["index_id"]
        pages = service.send({"type": "AddDir", "index_id": index, "path": str(site_dir.resolve())})["page_count"]
        for record in records:
            service.send({"type": "AddRecord", "index_id": index, "url": record.url, "content": record.content,
                          "language": LANGUAGE, "meta": record.meta,
                          "filters": None, "sort": None})
        service.send({"type": "WriteFiles", "index_id": index, "output_path": str(output.resolve())})
    if not (output / "pagefind.js").is_file():
        raise SearchIndexFailed(f"Sökindexet skrevs inte: {output / 'pagefind.js'} saknas")
    return pages


class _Service:
    """``pagefind --service``: requests on stdin, answers on stdout."""

    def __enter__(self) -> "_Service":
        try:
            from pagefind_bin import get_executable

            binary = get_executable()
        except (ImportError, FileNotFoundError) as exc:
            raise SearchIndexFailed(f"Pagefind saknas (paketet pagefind[bin]): {exc}") from None
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.message_id = 0
        return self

    def send(self, payload: dict) -> dict:
        self.message_id += 1
        message = json.dumps({"message_id": self.message_id, "payload": payload}).encode("utf-8")
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            self.process.stdin.flush()
            answer = self._read_answer()
        except (BrokenPipeError, ValueError) as exc:
            raise SearchIndexFailed(f"Pagefind avbröts: {exc}") from None
        if answer["type"] == "Error":
            raise SearchIndexFailed(f"Pagefind: {answer.get('message')}")
        return answer

    def _read_answer(self) -> dict:
        chunk = bytearray()
        while not chunk.endswith(b","):
            byte = self.process.stdout.read(1)
            if not byte:
                raise SearchIndexFailed("Pagefind avslutades utan svar: "
                                        + self.process.stderr.read().decode("utf-8", "replace"))
            chunk += byte
        return json.loads(base64.b64decode(bytes(chunk[:-1])))["payload"]

    def __exit__(self, *exc_info) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
