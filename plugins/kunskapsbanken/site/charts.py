"""Bar charts of a record's structured results, as plain data: what to draw and where.

Geometry is computed here; ``templates/_chart.html`` draws it as SVG (autoescaped), so no
markup is ever built in Python. Charts come from three kinds of data:

- figures with a baseline or a target (before → after, target → outcome), one chart per unit;
- figures that are changes in percent (``kind: change``), drawn diverging from zero: a decrease
  to the left, an increase to the right;
- datasets (tables from the sources): numeric columns as bars, or, where the cells are only
  marks such as "X", how many rows carry a mark in each column.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field

from kunskapsbanken.data.model import Record
from kunskapsbanken.data.slugs import ascii_slug
from kunskapsbanken.render import figures as words
from kunskapsbanken.render.csv_text import csv_text
from kunskapsbanken.render.numbers import format_number, unit_for

WIDTH = 360
"""viewBox width: narrow, so that the text stays readable when a phone shows the chart at ~340 px."""
LABEL_LINE = 17
VALUE_LINE = 15
BAR_HEIGHT = 12
BAR_GAP = 8
GROUP_GAP = 12
LABEL_CHARS = 46
MAX_SERIES_IN_ONE_CHART = 3
CHART_DIR = "data/diagram"
PERCENT_AXIS = 100
"""A percentage is drawn on a 0–100 axis (−100–100 for changes), so 23 % never looks like all."""
CSV_FACTS = ("Sorts siffra", "Precision", "Vems siffra", "Kommentar")
"""Columns after the numbers in every chart CSV: what the record says about each row's figure."""


@dataclass
class Bar:
    series: int
    """Index into ``Chart.series``: decides the fill pattern."""
    value: float
    text: str
    """What the bar says in words, e.g. "efter ett år: 193 000 kronor"."""
    text_y: float
    y: float
    x: float
    width: float


@dataclass
class Group:
    label: str
    lines: list[tuple[float, str]]
    """(baseline y, text) for each line of the wrapped label."""
    bars: list[Bar]
    cells: list[str]
    """The table row: one display text per series ("–" where the source gives none)."""


@dataclass
class Chart:
    id: str
    """Unique on the site; also the CSV file's name."""
    title: str
    summary: str
    """The finding in words: the chart's text alternative."""
    unit: str
    group_heading: str
    series: list[str]
    groups: list[Group] = field(default_factory=list)
    height: float = 0
    zero_x: float = 0
    negative: bool = False
    source: dict | None = None
    csv_rows: list[list] = field(default_factory=list)
    csv_facts: list[list[str]] = field(default_factory=list)
    """Per row: the figure's kind, qualifier, scope and note (empty for a table from the source)."""

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def csv_path(self) -> str:
        return f"{CHART_DIR}/{self.id}.csv"

    def csv_text(self) -> str:
        """UTF-8 with BOM and CRLF (as the matrix CSV), raw numbers for a spreadsheet."""
        rows = [[*row, *(self.csv_facts[index] if index < len(self.csv_facts) else [""] * len(CSV_FACTS))]
                for index, row in enumerate(self.csv_rows)]
        return csv_text([[self.group_heading, *self.series, *CSV_FACTS], *rows], bom=True)


def amount(value: float, unit: str = "") -> str:
    """Swedish number with a real minus sign, and the unit: "−260 000 kronor"."""
    text = format_number(abs(value) if value < 0 else value)
    text = ("\u2212" if value < 0 else "") + text
    return f"{text} {unit_for(value, unit)}".strip()


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _fraction(value: float, low: float, high: float) -> float:
    """Where ``value`` stands between ``low`` and ``high``, 0–1. Halved first, so that extreme values
    (±1e308) cannot overflow to infinity and tiny ones (1e-320) cannot divide to it: either would
    draw ``nan`` into the SVG."""
    span = high / 2 - low / 2
    if not span > 0:
        return 0.0
    return min(max((value / 2 - low / 2) / span, 0.0), 1.0)


def _layout(chart: Chart, rows: list[tuple[str, list[float | None], list[str]]]) -> Chart:
    """Place each group's label lines and bars; ``rows`` = (label, value per series, cell texts)."""
    values = [v for _, vals, _ in rows for v in vals if v is not None]
    low, high = min(0, *values), max(0, *values)
    if chart.unit == "procent":
        high = max(high, PERCENT_AXIS)
        if low < 0:
            low = min(low, -PERCENT_AXIS)
    if high == low:
        high = low + 1
    chart.zero_x = round(1 + _fraction(0, low, high) * (WIDTH - 2), 1)
    chart.negative = low < 0
    y = 4.0
    for label, vals, cells in rows:
        lines = []
        for line in textwrap.wrap(label, LABEL_CHARS) or [label]:
            y += LABEL_LINE
            lines.append((y, line))
        bars = []
        for index, value in enumerate(vals):
            if value is None:
                continue
            text = cells[index] if index < len(cells) and cells[index] != "–" else amount(value, chart.unit)
            if len(chart.series) > 1:
                text = f"{chart.series[index]}: {text}"
            text_y = y + VALUE_LINE
            bar_y = text_y + 4
            end = 1 + _fraction(value, low, high) * (WIDTH - 2)
            x = min(end, chart.zero_x)
            bars.append(Bar(index, value, text, text_y, bar_y, round(x, 1), round(max(abs(end - chart.zero_x), 1), 1)))
            y = bar_y + BAR_HEIGHT + BAR_GAP / 2
        chart.groups.append(Group(label, lines, bars, cells))
        chart.csv_rows.append([label, *("" if v is None else v for v in vals)])
        y += GROUP_GAP
    chart.height = round(y, 1)
    return chart


def _cell(value, unit: str) -> str:
    if value is None:
        return "–"
    return amount(value, unit) if _number(value) else str(value)


# Figures with a baseline or a target.

SERIES_PROGRESS = (("baseline", "Utgångsläge"), ("target", "Mål"), ("value", "Utfall"))


def _facts(figure: dict) -> list[str]:
    """The figure's kind, qualifier, scope and note, for the chart's CSV."""
    return [words.kind_label(figure), figure.get("qualifier", ""), words.scope_label(figure),
            " ".join(str(figure.get("note", "")).split())]


def _value_cell(figure: dict, value: float | None) -> str:
    """The drawn value as the source says it: its qualifier, and "prognos" for a forecast."""
    text = words.amount(figure, value)
    return f"{text} (prognos)" if figure.get("kind") == "forecast" else text


def _progress_sentence(figure: dict) -> str:
    unit, value = figure["unit"], figure["value"]
    said = _value_cell(figure, value)
    parts = []
    if _number(figure.get("baseline")):
        parts.append(f"från {amount(figure['baseline'], unit)} till {said}")
    if _number(figure.get("target")):
        target = figure["target"]
        relation = "högre än" if value > target else "lägre än" if value < target else "lika med"
        parts.append(f"utfallet {said} är {relation} målet {amount(target, unit)}")
    notes = [t for t in words.tags(figure, target=False) if t not in words.DIRECTIONS.values()]
    return f"{figure['label']}: {' och '.join(parts)}" + (f" ({'; '.join(notes)})." if notes else ".")


def progress_charts(record: Record) -> list[Chart]:
    figures = [f for f in (record.get("results") or {}).get("figures", [])
               if _number(f["value"]) and (_number(f.get("baseline")) or _number(f.get("target")))]
    by_unit: dict[str, list[dict]] = {}
    for f in figures:
        by_unit.setdefault(f["unit"], []).append(f)
    charts = []
    for unit, group in by_unit.items():
        keys = [(k, name) for k, name in SERIES_PROGRESS if any(_number(f.get(k)) for f in group)]
        chart = Chart(id=f"{record.id}-utfall-{ascii_slug(unit)}", title=f"{record.name}: utgångsläge, mål och utfall ({unit})",
                      summary=" ".join(_progress_sentence(f) for f in group), unit=unit, group_heading="Vad",
                      series=[name for _, name in keys], source=group[0]["source"])
        rows = []
        for f in group:
            vals = [f.get(k) if _number(f.get(k)) else None for k, _ in keys]
            cells = [_value_cell(f, v) if k == "value" else _cell(v, unit) for (k, _), v in zip(keys, vals)]
            rows.append((f["label"], vals, cells))
            chart.csv_facts.append(_facts(f))
        charts.append(_layout(chart, rows))
    return charts


# Changes in percent.

def _change_cell(figure: dict) -> str:
    """ "−36 procent (minskning)": the sign the direction gives, and the source's qualifier."""
    value = words.signed(figure)
    assert value is not None  # a change chart holds numeric changes only
    qualifier = words.qualifier(figure)
    text = ("\u2212" if value < 0 else "+") + format_number(abs(value)) + " procent"
    return f"{qualifier} {text}".strip() + f" ({words.DIRECTIONS[figure['direction']]})"


def change_chart(record: Record) -> list[Chart]:
    figures = [f for f in (record.get("results") or {}).get("figures", [])
               if f.get("kind") == "change" and f["unit"] == "procent" and _number(f["value"])]
    if len(figures) < 2:
        return []
    sentences = []
    for direction, most in (("decrease", "Störst minskning"), ("increase", "Störst ökning")):
        moved = [f for f in figures if f["direction"] == direction]
        if moved:
            top = max(moved, key=lambda f: f["value"])
            sentence = f"{most}: {top['label'][0].lower() + top['label'][1:]}, {words.amount(top)}"
            if len(moved) > 1:
                low = min(moved, key=lambda f: f["value"])
                sentence += f"; minst: {low['label'][0].lower() + low['label'][1:]}, {words.amount(low)}"
            sentences.append(sentence + ".")
    scopes = sorted({f["scope"]["text"] for f in figures if f.get("scope")})
    if scopes:
        sentences.append("Siffrorna gäller " + " och ".join(scopes) + ".")
    chart = Chart(id=f"{record.id}-forandringar", title=f"{record.name}: förändringar i procent",
                  summary=" ".join(sentences), unit="procent", group_heading="Vad", series=["Förändring"],
                  source=figures[0]["source"])
    chart.csv_facts = [_facts(f) for f in figures]
    return [_layout(chart, [(f["label"], [words.signed(f)], [_change_cell(f)]) for f in figures])]


# Datasets.

def _extremes(named: Sequence[tuple[str, float]], unit: str) -> str:
    top = max(named, key=lambda item: item[1])
    bottom = min(named, key=lambda item: item[1])
    if top == bottom:
        return f"{top[0]}: {amount(top[1], unit)}."
    return f"Högst: {top[0]}, {amount(top[1], unit)}. Lägst: {bottom[0]}, {amount(bottom[1], unit)}."


def _extremes_by_horizon(named: list[tuple[str, float, bool]], unit: str) -> str:
    """Highest and lowest, never ranking a forecast against a measured value: the values after one
    year and the forecasts after five are ranked apart."""
    measured = [(label, value) for label, value, forecast in named if not forecast]
    forecasts = [(label, value) for label, value, forecast in named if forecast]
    if not (measured and forecasts):
        return _extremes([(label, value) for label, value, _ in named], unit)
    lower = lambda text: text[0].lower() + text[1:]  # noqa: E731
    return f"Utfall: {lower(_extremes(measured, unit))} Prognoser: {lower(_extremes(forecasts, unit))}"


def dataset_charts(record: Record, ds: dict) -> list[Chart]:
    first, *others = ds["columns"]
    others = [{**c, "label": words.column_label(c["label"], ds)} for c in others]
    rows = ds["rows"]
    numeric = [c for c in others if any(_number(r.get(c["key"])) for r in rows)]
    value = lambda r, c: r.get(c["key"]) if _number(r.get(c["key"])) else None  # noqa: E731
    if numeric:
        unit = numeric[0].get("unit", "")
        if len(numeric) <= MAX_SERIES_IN_ONE_CHART:
            series = [c["label"][0].lower() + c["label"][1:] if len(numeric) > 1 else c["label"] for c in numeric]
            chart = Chart(id=f"{record.id}-{ds['id']}", title=ds["title"], summary="", unit=unit,
                          group_heading=first["label"], series=series, source=ds["source"])
            table_rows = [(str(r.get(first["key"])), [value(r, c) for c in numeric],
                           [_cell(r.get(c["key"]), unit) for c in numeric]) for r in rows]
            sentences = []
            for c in numeric:
                named = [(str(r.get(first["key"])), v) for r in rows if (v := value(r, c)) is not None]
                if named:
                    sentences.append((f"{c['label']}. " if len(numeric) > 1 else "") + _extremes(named, unit))
            chart.summary = " ".join(sentences)
            return [_layout(chart, table_rows)]
        charts = []
        for index, r in enumerate(rows, start=1):
            horizons: list[tuple[str, float, bool]] = [
                (c["label"], v, "prognos" in c["label"].lower()) for c in numeric if (v := value(r, c)) is not None]
            if not horizons:
                continue
            name = str(r.get(first["key"]))
            chart = Chart(id=f"{record.id}-{ds['id']}-{index}", title=f"{ds['title']}: {name}",
                          summary=f"{name}. " + _extremes_by_horizon(horizons, unit), unit=unit, group_heading="Vad",
                          series=[name], source=ds["source"])
            charts.append(_layout(chart, [(c["label"], [value(r, c)], [_cell(r.get(c["key"]), unit)])
                                          for c in numeric if value(r, c) is not None]))
        return charts
    marks = [c for c in others if all(r.get(c["key"]) is None or isinstance(r.get(c["key"]), str) for r in rows)]
    if len(marks) < 2:
        return []
    counts = [(c["label"], sum(1 for r in rows if r.get(c["key"]) not in (None, ""))) for c in marks]
    # In the reader's words: each row is one of something (a participant in Kraft, named by the
    # first column) and a mark says that the column's statement holds for it.
    row = str(first["label"]).lower()
    chart = Chart(id=f"{record.id}-{ds['id']}-antal", title=f"{ds['title']}: hur många varje uppgift gäller",
                  summary=f"Tabellen har en rad per {row}, {len(rows)} i allt. " + _extremes(counts, ""),
                  unit="", group_heading="Uppgift", series=["Antal som uppgiften gäller"],
                  source=ds["source"])
    return [_layout(chart, [(label, [count], [str(count)]) for label, count in counts])]


def record_charts(record: Record) -> list[Chart]:
    """Every chart of a record's results, in page order."""
    if record.record_type not in ("municipality", "project"):
        return []
    charts = [*progress_charts(record), *change_chart(record)]
    for ds in (record.get("results") or {}).get("datasets", []):
        charts.extend(dataset_charts(record, ds))
    return charts


def chart_files(records: list[Record]) -> dict[str, str]:
    """Site path → CSV, for every chart."""
    return {chart.csv_path: chart.csv_text() for record in records for chart in record_charts(record)}

