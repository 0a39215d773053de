"""How well the search answers: the kept queries of ``search_queries.yml`` on the real built site,
scored top-1, top-3 and mean reciprocal rank, for our engine and for Pagefind on the same pages.

Both run in Debian's Chromium, one page, every query with a fresh engine and the browser's cache
off, so each query pays for the files it needs as a first query would. Bytes are the fetched files
as a compressing server sends them (search_bytes.wire_bytes); time is from the call to the first
ten results' data. Pagefind indexes a copy of the site where our indexed part of each page
(``data-search-body``) is its ``data-pagefind-body``, so it sees the same text. It has no
glossary entries of its own: an expected ``ordlista/#lss`` counts as ``ordlista/`` for it.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from bench.search_bytes import CHROMIUM, wire_bytes

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
CLASS_LABELS = {"name": "namn", "name+word": "namn med andra ord", "no-diacritics": "utan å, ä och ö",
                "inflection": "böjda former", "compound": "sammansättningar och deras delar",
                "abbreviation": "förkortningar", "concept": "begrepp", "typo": "felstavningar",
                "question": "hela frågor"}
"""The report's words for the query classes of search_queries.yml."""
TOP = 10
"""Results looked at per query: a query whose page is not among them scores 0."""


def load_queries(path: Path = QUERIES_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rank(found: list[str], expected: list[str]) -> int | None:
    """1-based rank of the first expected page among ``found``, None if it is not there."""
    for position, url in enumerate(found, 1):
        if url in expected:
            return position
    return None


def scores(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {"top1": sum(r == 1 for r in ranks) / n, "top3": sum(r is not None and r <= 3 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


_OURS = """async ({root, query, run, top}) => {
  const start = performance.now();
  const module = await import(root + "assets/javascripts/search-engine.js?run=" + run);
  const engine = module.createEngine(new URL(root));
  const results = await engine.search(query);
  const pages = await Promise.all(results.slice(0, top).map((r) => r.data()));
  return {urls: pages.map((p) => p.url), ms: performance.now() - start, suggestion: results.suggestion || null};
}"""

_PAGEFIND = """async ({root, query, run, top}) => {
  const start = performance.now();
  const pagefind = await import(root + "pagefind/pagefind.js?run=" + run);
  await pagefind.options({basePath: root + "pagefind/"});
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.slice(0, top).map((r) => r.data()));
  return {urls: pages.map((p) => p.url), ms: performance.now() - start};
}"""
"""Each in a fresh module instance (``?run=``), so nothing is kept from the query before; the
requests are counted in Python, where those of Pagefind's web worker are seen too."""


def _relative(url: str, root_path: str) -> str:
    path = url.split("://", 1)[-1]
    path = path[path.find("/"):] if "://" in url else url
    return path[len(root_path):] if path.startswith(root_path) else path.lstrip("/")


def _pagefind_copy(site: Path, work: Path) -> Path:
    """The built site with our indexed part marked for Pagefind, indexed by Pagefind."""
    copy = work / "pagefind-site"
    shutil.copytree(site, copy)
    for html in copy.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if "data-search-body" in text:
            text = text.replace("data-search-body", "data-pagefind-body")
            html.write_text(text.replace("data-search-ignore", "data-pagefind-ignore"), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy), "--force-language", "sv", "--quiet"],
                   check=True, capture_output=True)
    return copy


def _run(site: Path, prefix: str, script: str, queries: list[dict], page=None) -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from browser_support import CHROMIUM_ARGS, serve

    def evaluate(browser_page, root):
        client = browser_page.context.new_cdp_session(browser_page)
        client.send("Network.enable")
        client.send("Network.setCacheDisabled", {"cacheDisabled": True})
        requested: list[str] = []
        browser_page.on("request", lambda r: requested.append(r.url))
        out = []
        for run, query in enumerate(queries):
            requested.clear()
            found = browser_page.evaluate(script, {"root": root, "query": query["q"], "run": run, "top": TOP})
            out.append({**found, "fetched": list(requested)})
        return out

    with serve(site, prefix) as root:
        if page is not None:
            page.goto(root)
            raw = evaluate(page, root)
        else:
            from playwright.sync_api import sync_playwright
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
                browser_page = browser.new_page()
                browser_page.goto(root)
                raw = evaluate(browser_page, root)
                browser.close()
    results = []
    for query, found in zip(queries, raw):
        urls = [_relative(u, prefix) for u in found["urls"]]
        kb = sum(wire_bytes((site / _relative(u, prefix).split("?")[0]).read_bytes())
                 for u in set(found["fetched"])
                 if "/snowball/" not in u and (site / _relative(u, prefix).split("?")[0]).is_file()) / 1000
        results.append({**query, "found": urls, "ms": found["ms"], "kb": kb, "suggestion": found.get("suggestion")})
    return results


def evaluate_ours(site: Path, prefix: str = "/", queries: list[dict] | None = None, page=None) -> list[dict]:
    """Each query with ``found`` (our top pages), ``rank``, ``ms`` and ``kb``."""
    queries = queries if queries is not None else load_queries()
    results = _run(site, prefix, _OURS, queries, page)
    # The stemmer's modules are imported once per page, not per fresh engine: count them every time.
    stemmer = sum(wire_bytes(p.read_bytes()) for p in (site / "assets" / "javascripts" / "snowball").glob("*.js")) / 1000
    for r in results:
        r["rank"] = rank(r["found"], r["expect"])
        r["kb"] += stemmer
    return results


def evaluate_pagefind(site: Path, prefix: str = "/", queries: list[dict] | None = None) -> list[dict]:
    queries = queries if queries is not None else load_queries()
    with tempfile.TemporaryDirectory(prefix="kb-pagefind-") as tmp:
        copy = _pagefind_copy(site, Path(tmp))
        results = _run(copy, prefix, _PAGEFIND, queries)
    for r in results:
        r["rank"] = rank(r["found"], [e.split("#")[0] for e in r["expect"]])
    return results


def summary(results: list[dict]) -> dict:
    return {**scores([r["rank"] for r in results]),
            "median_kb": statistics.median(r["kb"] for r in results), "max_kb": max(r["kb"] for r in results),
            "median_ms": statistics.median(r["ms"] for r in results)}


def by_class(results: list[dict]) -> dict[str, dict]:
    classes: dict[str, list] = {}
    for r in results:
        classes.setdefault(r["class"], []).append(r["rank"])
    return {name: scores(ranks) for name, ranks in classes.items()}


def report_section(ours: list[dict], pagefind: list[dict] | None) -> list[str]:
    """The Prestanda page's section on search quality."""
    lines = ["## Sökkvalitet", "",
             f"{len(ours)} sökningar skrivna ur innehållet innan rankningen ställdes in "
             "(`bench/search_queries.yml`): namn, namn med andra ord, utan å ä ö, böjda former, sammansättningar "
             "och deras delar, förkortningar, begrepp, felstavningar och hela frågor som en handläggare skriver dem. "
             "Varje sökning har den eller de sidor som svarar på den. *Topp 1* och *topp 3*: andel sökningar där en "
             "sådan sida kommer först eller bland de tre första; *MRR*: medelvärdet av 1/plats (0 om sidan inte är "
             "bland de tio första). Båda motorerna körs i samma körning på samma byggda sidor, i Chromium utan "
             "cache, varje fråga som om den vore den första.", "",
             "| Sökmotor | Topp 1 | Topp 3 | MRR | Hämtat per fråga, median (kB) | Högst (kB) | Tid per fråga, median (ms) |",
             "| --- |" + " ---: |" * 6]
    rows = [("Vår sökning", summary(ours))] + ([("Pagefind", summary(pagefind))] if pagefind else [])
    for name, s in rows:
        lines.append(f"| {name} | {s['top1']:.0%} | {s['top3']:.0%} | {s['mrr']:.2f} | {s['median_kb']:.0f} | "
                     f"{s['max_kb']:.0f} | {s['median_ms']:.0f} |")
    lines += ["", "Per slag av sökning (topp 3, vår sökning" + (" / Pagefind" if pagefind else "") + "):", ""]
    theirs = by_class(pagefind) if pagefind else {}
    for name, s in by_class(ours).items():
        other = f" / {theirs[name]['top3']:.0%}" if name in theirs else ""
        lines.append(f"- {CLASS_LABELS.get(name, name)}: {s['top3']:.0%}{other}")
    return lines


def missed(results: list[dict]) -> list[str]:
    """The queries without their answer in the top three, for the console: the report leaves them
    out, since the Prestanda page is indexed and would then match them."""
    return [f"{r['q']!r}: {('plats ' + str(r['rank'])) if r['rank'] else 'inte bland de tio första'}, "
            f"först {r['found'][:3]}" for r in results if not r["rank"] or r["rank"] > 3]
