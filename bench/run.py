"""Measure, at several sizes in one run: our full build, the plain-Markdown baseline, the YAML
floor, our own phases, peak memory and output sizes; then check the budgets and report."""

from __future__ import annotations

import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bench import baseline, generator, projects, search_bytes, search_quality
from bench.serve_process import mkdocs_serve
from kunskapsbanken.data.matrix import build_matrix
from kunskapsbanken.data.model import KnowledgeBase
from kunskapsbanken.data.readability import MAX_LIX, MAX_WORDS_PER_SENTENCE, measure
from kunskapsbanken.data.repository import read_content, schemas_for
from kunskapsbanken.data.yamlsource import load_yaml
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.site.pages import site_pages
from kunskapsbanken.site.renderer import PageRenderer
from kunskapsbanken.search.index import BUNDLE_DIR

ROOT = Path(__file__).resolve().parent.parent
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

BUDGETS = {
    "build_ratio": 1.1,     # our build / plain-Markdown baseline, at the largest size (issue 19)
    "real_build_ratio": 1.5,  # the same for the real knowledge base (issue 19)
    "load_ratio": 3.0,      # load + validate + resolve / YAML floor, at the largest size
    "linearity": 1.5,       # per-record time at the largest size / at the middle size, per phase
    "peak_mib": 1024.0,     # peak memory of our build
    "matrix_kb": 300.0,     # matrix page HTML
    "serve_seconds": 1.5,   # an edited YAML visible under mkdocs serve, real knowledge base (issue 19)
    "query_kb": 150.0,      # bytes the browser fetches for one search query, cold, at the largest size
}


@dataclass
class SizeResult:
    label: str
    municipalities: int
    projects: int
    records: int
    pages: int = 0
    phases: dict = field(default_factory=dict)
    builds: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    search: dict | None = None
    """Bytes per query (bench/search_bytes.py); None where Chromium is missing."""
    quality: dict | None = None
    """The kept queries' results, ours and Pagefind's (bench/search_quality.py), on the real content."""


SHORT_BUILD_RECORDS = 500
"""Below this many records a build takes seconds, and is timed three times."""


def _timed(func, *args):
    start = time.perf_counter()
    value = func(*args)
    return value, time.perf_counter() - start


def _best_of(runs: int, func, *args):
    """The last value and the shortest of ``runs`` timings: one timing can be off by 15 % or
    more, and ``validate`` is a difference of two timings, which doubles the noise."""
    best = float("inf")
    for _ in range(runs):
        value, seconds = _timed(func, *args)
        best = min(best, seconds)
    return value, best


def yaml_files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*.yml"))


def measure_phases(content: Path) -> tuple[dict, KnowledgeBase]:
    files = yaml_files(content)
    schemas_for(ROOT / "schema")  # compile once, as a serve session would

    # Both keep what they parse, as loading the knowledge base does: holding thousands of
    # documents costs time too, and must not be counted as validation.
    def floor():
        return [yaml.load(path.read_bytes(), Loader=FAST_LOADER) for path in files]

    def load():
        return [load_yaml(path.read_bytes(), path.name) for path in files]

    phases = {}
    _, phases["floor"] = _best_of(3, floor)
    _, phases["load"] = _best_of(3, load)
    parsed, read_seconds = _best_of(3, read_content, content, ROOT / "schema", content.parent)
    assert not parsed.problems, parsed.problems[:5]
    phases["validate"] = max(read_seconds - phases["load"], 0.0)
    r = parsed.records
    # Best of three from a collected heap, as the other phases: a single timing of a tenth of a
    # second caught whichever garbage collection of the large heap fell into it.
    gc.collect()
    kb, phases["resolve"] = _best_of(3, lambda: KnowledgeBase(
        municipalities=r["municipality"].values(), projects=r["project"].values(), methods=r["method"].values(),
        criteria=r["criterion"].values(), sources=r["source"].values(),
        glossary=[g.data for g in r["glossary"].values()], success_keys=r["success_key"].values(),
        target_groups=r["target_group"].values()))
    MarkdownRenderer.forget_rendered()  # another size's texts must not make this one look fast
    renderer = PageRenderer(kb, MarkdownRenderer(["tables", "attr_list"]))
    specs = site_pages(kb)

    def generate():
        for spec in specs:
            if spec.template != "matrix.html":
                renderer.render(spec)

    _, phases["generate_pages"] = _timed(generate)
    matrix_spec = next(s for s in specs if s.template == "matrix.html")
    _, phases["matrix"] = _timed(lambda: renderer.render(matrix_spec) and build_matrix(kb))
    return phases, kb


def run_build(project: Path, site: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.measure_build", str(project / "mkdocs.yml"), str(site)],
                         cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure_size(label: str, content: Path, work: Path, queries: list[str] | None = None,
                 quality: bool = False) -> SizeResult:
    files = yaml_files(content)
    result = SizeResult(label, len(list((content / "municipalities").glob("*.yml"))),
                        len(list((content / "projects").glob("*.yml"))), len(files))
    result.phases, kb = measure_phases(content)
    ours = projects.our_project(work / "ours", content)
    base = projects.baseline_project(work / "baseline")
    result.pages = baseline.write_baseline_docs(kb, base / "docs") + 1
    for name, project in (("ours", ours), ("baseline", base)):
        site = work / f"site-{name}"
        # A build of a few seconds varies by a third from one run to the next: the shortest of three.
        runs = [run_build(project, site) for _ in range(3 if len(files) < SHORT_BUILD_RECORDS else 1)]
        result.builds[name] = min(runs, key=lambda r: r["seconds"])
        result.sizes[f"{name}_output_mib"] = dir_size(site) / 2**20
        if name == "ours":
            result.sizes["matrix_kb"] = (site / "jamforelse" / "index.html").stat().st_size / 1000
            result.sizes["matrix_rows"] = sum(len(s.rows) for s in build_matrix(kb).sections)
            result.sizes["search_index_mib"] = dir_size(site / BUNDLE_DIR) / 2**20
            if queries:
                result.search = search_bytes.measure(site, projects.site_path(), queries)
            if quality:
                result.quality = measure_quality(site)
        else:
            # Material's lunr index of the same pages, which every page view used to download whole.
            result.sizes["lunr_index_kb"] = (site / "search" / "search_index.json").stat().st_size / 1000
        shutil.rmtree(site)
    return result


def measure_quality(site: Path) -> dict | None:
    """Our search and Pagefind over the kept queries on one built site; None without Chromium."""
    if not search_bytes.CHROMIUM.exists():
        return None
    return {"ours": search_quality.evaluate_ours(site, projects.site_path()),
            "pagefind": search_quality.evaluate_pagefind(site, projects.site_path())}


def update_quality_section(report: Path) -> dict | None:
    """Build the real knowledge base, score the kept queries and rewrite only the report's
    Sökkvalitet section (`python -m bench --search`, a few minutes)."""
    with tempfile.TemporaryDirectory(prefix="kb-bench-search-") as tmp:
        project = projects.our_project(Path(tmp) / "ours", ROOT / "content")
        site = Path(tmp) / "site"
        run_build(project, site)
        quality = measure_quality(site)
    if quality is None:
        print("Chromium saknas: sökkvaliteten mättes inte.")
        return None
    for name, results in quality.items():
        print(name, json.dumps(search_quality.summary(results)), *search_quality.missed(results), sep="\n  ")
    section = search_quality.report_section(quality["ours"], quality["pagefind"])
    lines = report.read_text(encoding="utf-8").split("\n")
    if "## Sökkvalitet" in lines:
        start = lines.index("## Sökkvalitet")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    else:
        start = end = next(i for i, line in enumerate(lines) if line.startswith("## ") and i > lines.index("## Sökningen"))
    note = f"Avsnittet mättes om för sig den {time.strftime('%Y-%m-%d')} (`python -m bench --search`)."
    report.write_text("\n".join(lines[:start] + section + ["", note, ""] + lines[end:]), encoding="utf-8")
    return quality


SERVE_EDITS = 3
"""Edits timed under one ``mkdocs serve``; the median counts (one edit can wait for most of the
watcher's 0.5 s poll, the next for almost none of it)."""


def measure_serve_reload(work: Path) -> float:
    """Seconds from saving an edited record until ``mkdocs serve`` serves the change (the median
    of SERVE_EDITS edits, each a second after the last one showed)."""
    project = projects.our_project(work / "serve", ROOT / "content")
    record = sorted((project / "content" / "municipalities").glob("*.yml"))[0]
    times = []
    with mkdocs_serve(project, ENV, "/kunskapsbanken/") as server:
        url = f"{server.base}kommuner/{record.stem}/"
        server.wait_for(url, lambda body: True, 120, "serving the record's page")
        for _ in range(SERVE_EDITS):
            time.sleep(1.0)
            marker = f"Mätmarkör {time.time_ns()}"
            text = with_summary(record.read_text(encoding="utf-8"), marker)
            start = time.perf_counter()
            record.write_text(text, encoding="utf-8")
            server.wait_for(url, lambda body, marker=marker: marker in body, 60, "showing the edited record")
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def with_summary(text: str, summary: str) -> str:
    """``text`` (a record) with its ``summary`` replaced, whatever YAML style the summary has."""
    doc = load_yaml(text.encode("utf-8"), "record")
    keys = list(doc.data)
    first = doc.position(("summary",), key=True)[0]
    following = keys[keys.index("summary") + 1]
    end = doc.position((following,), key=True)[0]
    lines = text.split("\n")
    return "\n".join(lines[:first - 1] + [f"summary: {json.dumps(summary, ensure_ascii=False)}"] + lines[end - 1:])


def evaluate(results: list[SizeResult], serve_seconds: float | None) -> list[tuple[str, str, bool]]:
    """(budget, measured, met?) for each budget, on the largest and middle synthetic sizes."""
    largest, middle = results[-1], results[-2] if len(results) > 2 else results[-1]
    checks = []
    build_ratio = largest.builds["ours"]["seconds"] / largest.builds["baseline"]["seconds"]
    checks.append((f"bygge ≤ {BUDGETS['build_ratio']} × baslinjen ({largest.label})", f"{build_ratio:.2f} ×",
                   build_ratio <= BUDGETS["build_ratio"]))
    real = results[0]
    if real is not largest and real.builds.get("baseline", {}).get("seconds"):
        real_ratio = real.builds["ours"]["seconds"] / real.builds["baseline"]["seconds"]
        checks.append((f"bygge ≤ {BUDGETS['real_build_ratio']} × baslinjen ({real.label})", f"{real_ratio:.2f} ×",
                       real_ratio <= BUDGETS["real_build_ratio"]))
    p = largest.phases
    load_ratio = (p["load"] + p["validate"] + p["resolve"]) / p["floor"]
    checks.append((f"läsa + validera + koppla ihop ≤ {BUDGETS['load_ratio']} × YAML-golvet ({largest.label})",
                   f"{load_ratio:.2f} ×", load_ratio <= BUDGETS["load_ratio"]))
    worst_name, worst = "", 0.0
    for phase in ("load", "validate", "resolve", "generate_pages", "matrix"):
        per_large = largest.phases[phase] / largest.records
        per_middle = middle.phases[phase] / middle.records
        growth = per_large / per_middle if per_middle > 0 else 1.0
        if growth > worst:
            worst_name, worst = phase, growth
    build_growth = (largest.builds["ours"]["seconds"] / largest.pages) / (middle.builds["ours"]["seconds"] / middle.pages)
    checks.append((f"ingen fas växer mer än linjärt ({middle.label} → {largest.label}, tid per post)",
                   f"värst {worst_name} {worst:.2f} ×, bygget {build_growth:.2f} ×",
                   max(worst, build_growth) <= BUDGETS["linearity"]))
    peak = largest.builds["ours"]["peak_mib"]
    checks.append((f"högsta minnesanvändning ≤ {BUDGETS['peak_mib']:.0f} MiB ({largest.label})", f"{peak:.0f} MiB",
                   peak <= BUDGETS["peak_mib"]))
    matrix = largest.sizes["matrix_kb"]
    checks.append((f"jämförelsesidan ≤ {BUDGETS['matrix_kb']:.0f} kB HTML ({largest.sizes['matrix_rows']} rader)",
                   f"{matrix:.0f} kB", matrix <= BUDGETS["matrix_kb"]))
    if largest.search is not None:
        cost = largest.search["max_kb"]
        checks.append((f"en sökning hämtar ≤ {BUDGETS['query_kb']:.0f} kB ({largest.label}, kall webbläsare, "
                       f"{len(largest.search['per_query_kb'])} typiska sökningar)",
                       f"högst {cost:.0f} kB, median {largest.search['median_kb']:.0f} kB "
                       f"(hela lunr-indexet: {largest.sizes['lunr_index_kb']:.0f} kB)",
                       cost <= BUDGETS["query_kb"] and largest.search["fetched_on_load"] == 0))
    if serve_seconds is not None:
        checks.append(serve_check(serve_seconds))
    return checks


def machine() -> str:
    mem = ""
    try:
        kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")).split()[1])
        mem = f", {kib / 2**20:.0f} GiB minne"
    except (OSError, StopIteration, ValueError):
        pass
    import mkdocs
    import material

    return (f"{platform.machine()}, {os.cpu_count()} kärnor{mem}, Python {platform.python_version()}, "
            f"MkDocs {mkdocs.__version__}, Material {getattr(material, '__version__', '?')}")


def run(sizes: list[tuple[str, int, int]], *, serve: bool, report: Path | None, command: str,
        queries: list[str] = search_bytes.QUERIES, search_all_sizes: bool = True, quality: bool = True) -> int:
    results = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        work = Path(tmp)
        for label, municipalities, project_count in sizes:
            print(f"== {label}", flush=True)
            if municipalities == 0:
                content = ROOT / "content"
            else:
                content = generator.generate(work / f"content-{label.replace('/', '-')}", municipalities,
                                             project_count)
            last = (label, municipalities, project_count) == sizes[-1]
            result = measure_size(label, content, work / "run", queries if search_all_sizes or last else None,
                                  quality=quality and municipalities == 0)
            results.append(result)
            print(json.dumps(result.__dict__, ensure_ascii=False, indent=1), flush=True)
        serve_seconds = measure_serve_reload(work) if serve else None
    checks = evaluate(results, serve_seconds)
    for budget, measured, met in checks:
        print(f"{'OK  ' if met else 'MISS'} {budget}: {measured}")
    readability = easy_read_distribution(ROOT / "content")
    print(json.dumps([{k: r[k] for k in ("kind", "records", "measured")} for r in readability], ensure_ascii=False))
    text = render_report(results, checks, command, readability)
    if report:
        report.write_text(text, encoding="utf-8")
        print(f"Resultaten skrevs till {report}")
    return 0 if all(met for _, _, met in checks) else 1


KIND_NAMES = {"municipality": "Kommuner", "project": "Projekt", "method": "Metoder"}


def easy_read_distribution(content: Path) -> list[dict]:
    """LIX and words per sentence of every real record's lättläst text: min, median, max per kind."""
    records = read_content(content, ROOT / "schema", content.parent).records
    rows = []
    for kind, name in KIND_NAMES.items():
        texts = [r.get("easy_read") for r in records[kind].values()]
        scores = [measure(t) for t in texts if isinstance(t, str) and t.strip()]
        rows.append({"kind": name, "records": len(texts), "measured": len(scores),
                     "lix": [s.lix for s in scores], "words_per_sentence": [s.words_per_sentence for s in scores]})
    return rows


def _spread(values: list[float]) -> str:
    if not values:
        return "– | – | –"
    return f"{min(values):.1f} | {statistics.median(values):.1f} | {max(values):.1f}"


def easy_read_section(readability: list[dict]) -> list[str]:
    return [
        "## Lättläst", "",
        f"Hur lätta de lättlästa texterna i de riktiga posterna är. Gränserna är LIX högst {MAX_LIX} och högst "
        f"{MAX_WORDS_PER_SENTENCE} ord per mening i snitt; `validate` godkänner ingen text över dem. "
        "De syntetiska posterna har korta påhittade texter inom gränserna.", "",
        "| Poster | Antal | Med text | LIX min | LIX median | LIX max | Ord per mening min | median | max |",
        "| --- |" + " ---: |" * 8,
        *[f"| {r['kind']} | {r['records']} | {r['measured']} | {_spread(r['lix'])} | "
          f"{_spread(r['words_per_sentence'])} |" for r in readability],
        "",
    ]


def serve_check(seconds: float) -> tuple[str, str, bool]:
    return (f"ändrad YAML syns i mkdocs serve inom {BUDGETS['serve_seconds']:g} s (riktiga kunskapsbanken, "
            f"median av {SERVE_EDITS} ändringar)",
            f"{seconds:.2f} s", seconds <= BUDGETS["serve_seconds"])


def update_serve_row(report: Path) -> bool:
    """Measure only the serve budget again and rewrite its row of an existing report (a minute,
    not the whole run); the report says so under the table. Returns whether the budget is met."""
    with tempfile.TemporaryDirectory(prefix="kb-bench-serve-") as tmp:
        seconds = measure_serve_reload(Path(tmp))
    budget, measured, met = serve_check(seconds)
    print(f"{'OK  ' if met else 'MISS'} {budget}: {measured}")
    lines = report.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith(f"| {budget} |"))
    lines[row] = f"| {budget} | {measured} | {'Ja' if met else '**Nej**'} |"
    note = f"Raden om mkdocs serve mättes om för sig den {time.strftime('%Y-%m-%d')} (`python -m bench --serve`)."
    end = next(i for i in range(row, len(lines)) if not lines[i].startswith("|"))
    if lines[end + 1:end + 2] and lines[end + 1].startswith("Raden om mkdocs serve"):
        lines[end + 1] = note
    else:
        lines[end:end] = ["", note]
    report.write_text("\n".join(lines), encoding="utf-8")
    return met


def update_easy_read_section(report: Path, content: Path = ROOT / "content") -> None:
    """Rewrite only the Lättläst section of an existing report, from the real content (seconds, not minutes)."""
    lines = report.read_text(encoding="utf-8").split("\n")
    section = easy_read_section(easy_read_distribution(content))
    if "## Lättläst" in lines:
        start = lines.index("## Lättläst")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    else:
        start = end = next(i for i, line in enumerate(lines) if line == "## Så hålls bygget linjärt")
    report.write_text("\n".join(lines[:start] + section + lines[end:]), encoding="utf-8")


def search_report(results: list[SizeResult]) -> list[str]:
    """The search's cost per query against the whole lunr index it replaced, size by size."""
    lines = ["## Sökningen", "",
             "Sökrutan använder ett eget index (`search/index.py`), delat i små filer efter termernas två "
             "första bokstäver. Sidan hämtar ingenting av sökningen när den laddas; först när läsaren "
             "börjar söka hämtas sökprogrammet (`search-engine.js`) och de filer som frågan behöver: en "
             "ordlistefil per ord, de vanligaste termernas träfflistor och de visade träffarnas sidfiler. "
             "Pagefind, som vi mätte först, hämtade 220–360 kB per fråga vid 290/5000. Tidigare hämtade "
             "varje sidvisning hela sökindexet (Materials lunr-index, `search_index.json`); här är det byggt "
             "av baslinjen i samma körning, över samma sidor. Varje fråga mäts i en ny webbläsare utan cache, "
             "i byte som en server som komprimerar skickar dem.", "",
             "| Storlek | Hela lunr-indexet (kB) | Fråga, median (kB) | Fråga, högst (kB) | Utan sökprogrammet, "
             "högst (kB) | Hämtat vid sidladdning |", "| --- |" + " ---: |" * 5]
    for r in results:
        if r.search is None:
            lines.append(f"| {r.label} | {r.sizes['lunr_index_kb']:.0f} | ej mätt | | | |")
            continue
        lines.append(f"| {r.label} | {r.sizes['lunr_index_kb']:.0f} | {r.search['median_kb']:.0f} | "
                     f"{r.search['max_kb']:.0f} | {max(r.search['data_kb'].values()):.0f} | "
                     f"{r.search['fetched_on_load']} filer |")
    largest = results[-1]
    if largest.search is not None:
        lines += ["", f"Frågorna vid {largest.label}:", "",
                  *[f"- `{q}`: {kb:.0f} kB" for q, kb in largest.search["per_query_kb"].items()]]
    return lines


def render_report(results: list[SizeResult], checks, command: str, readability: list[dict] | None = None) -> str:
    lines = [
        "---", "title: Prestanda", "---", "", "# Prestanda", "",
        "Hur snabbt kunskapsbanken byggs när den växer från dagens poster till alla Sveriges 290 kommuner "
        "med tusentals projekt. Alla tider är uppmätta i **en och samma körning**, och jämförs med en baslinje "
        "från samma körning: samma sidor skrivna som vanliga Markdown-filer och byggda av MkDocs utan vårt "
        "tillägg, med samma tema och samma navigering.", "",
        f"- **Maskin:** {machine()}",
        f"- **Datum:** {time.strftime('%Y-%m-%d')}",
        f"- **Kommando:** `{command}`", "",
        "## Budgetar", "", "| Budget | Uppmätt | Uppfylld |", "| --- | --- | --- |",
        *[f"| {b} | {m} | {'Ja' if ok else '**Nej**'} |" for b, m, ok in checks], "",
        "## Mätvärden", "",
        "| Storlek (kommuner/projekt) | Poster | Sidor | Vårt bygge (s) | Baslinje (s) | Kvot | YAML-golv (s) | "
        "Läsa (s) | Validera (s) | Koppla ihop (s) | Sidor (s) | Matris (s) | Minne (MiB) | Utdata (MiB) | "
        "Sökindex (MiB) | Matris (kB) |",
        "| --- |" + " ---: |" * 15,
    ]
    for r in results:
        ours, base, p, s = r.builds["ours"], r.builds["baseline"], r.phases, r.sizes
        lines.append(
            f"| {r.label} | {r.records} | {r.pages} | {ours['seconds']:.1f} | {base['seconds']:.1f} | "
            f"{ours['seconds'] / base['seconds']:.2f} | {p['floor']:.2f} | {p['load']:.2f} | {p['validate']:.2f} | "
            f"{p['resolve']:.3f} | {p['generate_pages']:.2f} | {p['matrix']:.3f} | {ours['peak_mib']:.0f} | "
            f"{s['ours_output_mib']:.1f} | {s['search_index_mib']:.2f} | {s['matrix_kb']:.0f} |")
    lines += ["", *search_report(results)]
    real = next((r for r in results if r.quality), None)
    if real is not None:
        lines += ["", *search_quality.report_section(real.quality["ours"], real.quality["pagefind"])]
    if readability:
        lines += ["", *easy_read_section(readability)[:-1]]
    lines += [
        "", "## Så hålls bygget linjärt", "",
        "- Postsidorna nås via indexsidorna och står inte en och en i sidnavigeringen. MkDocs skriver hela "
        "navigeringen på varje sida, så en navigering med alla sidor skulle växa kvadratiskt.",
        "- YAML läses med PyYAML:s C-parser, och varje post kontrolleras först av ett kompilerat schema "
        "(fastjsonschema). Bara poster med fel går igenom den långsammare kontrollen som listar alla fel.",
        "- Alla samband (kommun ↔ projekt ↔ metod ↔ kriterium) räknas fram en gång i modellen, inte sida för sida.",
        "- Jämförelsesidan har en rad per kommun med korta celler, så att 290 rader ryms inom budgeten.", "",
    ]
    return "\n".join(lines)
