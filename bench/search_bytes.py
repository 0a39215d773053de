"""What the search costs a reader: the bytes a browser fetches for one query, on a built site.

Drives Debian's Chromium through the real search box, each query in a fresh browser (nothing
cached), and adds up every file of the search fetched after the page has loaded (the search
program ``search-engine.js``, its stemmer under ``snowball/`` and the index under ``sok/``), as a server that
compresses would send
them (GitHub Pages gzips text). Also checks that loading the page fetched none of them.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

QUERIES = ["arbetsgivare", "funktionsnedsättning", "lönebidrag", "kommun 0042", "projekt 00077", "IPS",
           "supported employment", "SIUS", "försäkringskassan", "samordningsförbundet"]
"""Typical queries: frequent words (on nearly every synthetic page), names, methods, abbreviations."""
CHROMIUM = Path("/usr/bin/chromium")


def wire_bytes(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6)))


def _searching(url: str, bundle: str) -> bool:
    """The search's files: the index, the engine and the Snowball stemmer it imports."""
    return f"/{bundle}/" in url or url.endswith("/search-engine.js") or "/javascripts/snowball/" in url


def measure(site: Path, prefix: str, queries: list[str] = QUERIES) -> dict | None:
    """Per query: kB fetched (all, and without the search program itself); None without Chromium."""
    if not CHROMIUM.exists():
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    import sys

    from kunskapsbanken.search.index import BUNDLE_DIR

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browser_support import CHROMIUM_ARGS, serve

    per_query, data_only, on_load = {}, {}, 0
    with serve(site, prefix) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            fetched: list = []
            page.on("response", lambda r, fetched=fetched: fetched.append(r) if _searching(r.url, BUNDLE_DIR) else None)
            page.goto(url, wait_until="networkidle")
            on_load += len(fetched)
            fetched.clear()
            field = page.locator("header .kb-search__input")
            field.press_sequentially(query, delay=30)
            page.wait_for_function(
                "q => document.querySelector('header .kb-search__status').textContent.includes('”' + q + '”')",
                arg=query, timeout=60000)
            page.wait_for_load_state("networkidle")
            sizes = {r.url: wire_bytes(r.body()) for r in fetched if r.ok}
            per_query[query] = sum(sizes.values()) / 1000
            data_only[query] = sum(v for k, v in sizes.items() if not k.endswith(".js")) / 1000
            context.close()
        browser.close()
    return {"per_query_kb": per_query, "data_kb": data_only, "fetched_on_load": on_load,
            "max_kb": max(per_query.values()), "median_kb": statistics.median(per_query.values())}
