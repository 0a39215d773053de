"""The pages the knowledge base generates, as plain data: where, which template, what record."""

from __future__ import annotations

from dataclasses import dataclass, field

from kunskapsbanken.data.matrix import build_matrix
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import compare, economy, urls


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    record: Record | None = None
    edit_path: str | None = None
    """Repository path of the file to edit for this page (the YAML record)."""
    description: str = ""
    extra: dict = field(default_factory=dict)
    """More template context."""
    hide: tuple = ()
    """Theme parts to hide on this page (Material's ``hide`` front matter), e.g. the side navigation."""


WIDE_TABLE = ("navigation", "toc")
"""Pages that are one wide table: no side columns, so the table has the page's width."""


def _summary_line(record: Record) -> str:
    text = record.get("summary") or record.get("description") or record.get("text") or ""
    first = " ".join(str(text).split())
    return first[:157] + "…" if len(first) > 160 else first


def site_pages(kb: KnowledgeBase) -> list[PageSpec]:
    pages = [
        PageSpec(urls.index_src("municipality"), "Kommuner", "municipality_index.html",
                 edit_path="content/municipalities/", description="Alla kommuner i kunskapsbanken med nyckeltal.",
                 hide=WIDE_TABLE),
        PageSpec(urls.index_src("project"), "Projekt", "project_index.html", edit_path="content/projects/",
                 description="Alla projekt, förstudier och verksamheter med kommun, period, status och metoder.",
                 hide=WIDE_TABLE),
        PageSpec(urls.index_src("method"), "Metoder", "method_index.html", edit_path="content/methods/",
                 description="Arbetsmetoder och vilka kommuner och projekt som använder dem.", hide=WIDE_TABLE),
        PageSpec(urls.index_src("criterion"), "Kriterier", "criterion_index.html", edit_path="content/criteria.yml",
                 description="De tio kriterierna som modellkommunerna valdes efter."),
        PageSpec(urls.MATRIX, "Jämförelse mot kriterierna", "matrix.html", edit_path="content/municipalities/",
                 description="Modellkommunerna och projekten bedömda mot de tio kriterierna.",
                 extra={"matrix": build_matrix(kb)}, hide=WIDE_TABLE),
        PageSpec(urls.GLOSSARY, "Ordlista", "glossary.html", edit_path="content/glossary.yml",
                 description="Förkortningar som används i kunskapsbanken."),
        PageSpec(urls.SOURCES, "Källor", "sources.html", edit_path="content/sources.yml",
                 description="Dokumenten som kunskapsbanken bygger på."),
    ]
    pages.append(PageSpec(economy.PAGE, "Samhällsekonomiska effekter", "economy.html", edit_path="content/projects/",
                          description="Samhällsekonomi: vad insatserna kostar och sparar för kommunen, regionen, "
                                      "staten och samhället, med utvärderarnas förbehåll.",
                          extra={"effects": economy.all_effects(kb)}))
    pages.append(PageSpec(compare.PICKER, "Jämför kommuner och projekt", "compare_picker.html",
                          description="Välj två till fyra kommuner eller projekt och se dem sida vid sida.", hide=WIDE_TABLE))
    for pair in compare.model_pairs(kb):
        records = list(pair)
        pages.append(PageSpec(compare.pair_src(records), compare.title(records), "compare.html",
                              description=f"{records[0].name} och {records[1].name} sida vid sida: resultat, "
                                          "framgångsfaktorer, hinder och de tio kriterierna.",
                              extra={"records": records, "picker_query": compare.picker_query(records)},
                              hide=WIDE_TABLE))
    for kind, records in (("municipality", kb.municipalities), ("project", kb.projects), ("method", kb.methods),
                          ("criterion", kb.criteria)):
        for record in records.values():
            title = record.name if kind != "criterion" else f"Kriterium {record['number']}: {record['label']}"
            pages.append(PageSpec(urls.record_src(kind, record.id), title, f"{kind}.html", record=record,
                                  edit_path=record.file, description=_summary_line(record)))
    return pages
