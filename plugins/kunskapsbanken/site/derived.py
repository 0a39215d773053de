"""What several outputs are drawn from, computed once per build: the matrix, the facets, the charts.

The matrix page and the open data share one matrix; the finder page, its static pages and its
JSON share one set of facets; record pages and the charts' CSV files share one set of charts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kunskapsbanken.data.matrix import Matrix, build_matrix
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.site.charts import Chart, record_charts
from kunskapsbanken.site.facets import Facet, build_facets


@dataclass
class Derived:
    matrix: Matrix
    facets: list[Facet]
    charts: dict[tuple[str, str], list[Chart]]
    """(record kind, id) → the record's charts, in page order."""

    def charts_of(self, record: Record) -> list[Chart]:
        return self.charts.get((record.record_type, record.id), [])

    def all_charts(self) -> list[Chart]:
        return [chart for charts in self.charts.values() for chart in charts]


def derive(kb: KnowledgeBase) -> Derived:
    return Derived(build_matrix(kb), build_facets(kb),
                   {(r.record_type, r.id): record_charts(r) for r in kb.records})
