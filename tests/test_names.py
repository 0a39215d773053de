"""Names that cannot collide (issue 21): two records whose charts would write one CSV file are
refused, and the validator's list of chart file names follows the site's own naming."""

from __future__ import annotations

from kunskapsbanken.data.model import Record
from kunskapsbanken.data.names import _chart_file_names, name_problems
from kunskapsbanken.site.charts import record_charts


def _project(record_id: str, dataset: str) -> Record:
    data = {"id": record_id, "results": {"datasets": [{"id": dataset, "rows": [{"a": 1}]}]}}
    return Record("project", record_id, data, f"content/projects/{record_id}.yml")


def test_two_records_whose_charts_share_a_file_are_refused():
    first, second = _project("lund", "ips-typfall"), _project("lund-ips", "typfall")
    problems = name_problems({"project": {first.id: first, second.id: second}}, {})
    assert [(p.file, p.path, p.code, p.found) for p in problems] == \
        [("content/projects/lund-ips.yml", "id", "identity.duplicate", "data/diagram/lund-ips-typfall.csv")]


def test_every_chart_of_the_real_site_is_among_the_names_checked(knowledge_base):
    charts = [(record, chart) for record in knowledge_base.records for chart in record_charts(record)]
    assert len(charts) > 10
    for record, chart in charts:
        assert chart.id in _chart_file_names(record), (record.id, chart.id)
