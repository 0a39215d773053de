"""The baseline: the same pages as plain Markdown files, for stock MkDocs with the same theme."""

from __future__ import annotations

from pathlib import Path

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import urls
from kunskapsbanken.site.pages import site_pages


def _md_value(value, depth: int = 0) -> list[str]:
    """A record's fields as Markdown: headings for sections, paragraphs, bullet lists."""
    indent = "  " * depth
    if isinstance(value, dict):
        lines = []
        for key, sub in value.items():
            if isinstance(sub, (dict, list)):
                lines.append(f"{indent}- **{key}**")
                lines += _md_value(sub, depth + 1)
            else:
                lines.append(f"{indent}- **{key}**: {sub}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, (dict, list)):
                lines += _md_value(item, depth)
            else:
                lines.append(f"{indent}- {item}")
        return lines
    return [f"{indent}{value}"]


def record_markdown(record: Record, kb: KnowledgeBase) -> str:
    lines = [f"# {record.name}", ""]
    for key, value in record.data.items():
        if key in ("id", "name"):
            continue
        lines += [f"## {key}", ""]
        lines += _md_value(value) if isinstance(value, (dict, list)) else [str(value)]
        lines.append("")
    # The back-links our pages show, as plain links.
    if record.record_type == "municipality":
        lines += ["## Projekt", ""] + [f"- [{p.name}](../projekt/{p.id}.md)" for p in kb.projects_by_municipality[record.id]]
    return "\n".join(lines) + "\n"


def index_markdown(title: str, kind: str, records) -> str:
    rows = [f"| [{r.name}]({r.id}.md) | {r.id} |" for r in records]
    return f"# {title}\n\n| Namn | Id |\n| --- | --- |\n" + "\n".join(rows) + "\n" if rows else f"# {title}\n"


def matrix_markdown(kb: KnowledgeBase) -> str:
    criteria = list(kb.criteria.values())
    head = "| Kommun | " + " | ".join(f"[{c['number']}](kriterier/{c.id}.md)" for c in criteria) + " |"
    sep = "| --- |" + " --- |" * len(criteria)
    rows = []
    for record in kb.verdict_records():
        folder = urls.FOLDERS[record.record_type]
        cells = []
        for c in criteria:
            verdict = kb.verdict(record, c.id)
            cells.append(f"[{verdict['rating']}]({folder}/{record.id}.md)" if verdict else "–")
        rows.append(f"| [{record.name}]({folder}/{record.id}.md) | " + " | ".join(cells) + " |")
    return "# Jämförelse\n\n" + "\n".join([head, sep, *rows]) + "\n"


def write_baseline_docs(kb: KnowledgeBase, docs: Path) -> int:
    """Write one Markdown file per page our plugin generates; returns the number of pages."""
    count = 0
    groups = {"municipality": kb.municipalities, "project": kb.projects, "method": kb.methods,
              "criterion": kb.criteria, "target_group": kb.target_groups}
    for spec in site_pages(kb):
        path = docs / spec.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec.record is not None:
            text = record_markdown(spec.record, kb)
        elif spec.src_uri == urls.MATRIX:
            text = matrix_markdown(kb)
        elif spec.src_uri in {urls.index_src(kind) for kind in groups}:
            kind = next(k for k in groups if spec.src_uri == urls.index_src(k))
            text = index_markdown(spec.title, kind, groups[kind].values())
        else:
            text = f"# {spec.title}\n"
        path.write_text(text, encoding="utf-8")
        count += 1
    return count
