"""The pages the knowledge base generates, as plain data: where, which template, what record."""

from __future__ import annotations

from dataclasses import dataclass, field

from kunskapsbanken.data.coverage import source_coverage
from kunskapsbanken.data.kinds import KINDS, RECORD_KINDS
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.render import titles, urls
from kunskapsbanken.search import index as search_index
from kunskapsbanken.site import compare, economy, facets
from kunskapsbanken.site.derived import Derived, derive
from kunskapsbanken.site.feedback import feedback_link


@dataclass
class PageSpec:
    src_uri: str
    title: str
    template: str
    record: Record | None = None
    edit_path: str | None = None
    """Repository path of the file to edit for this page (the YAML record)."""
    add_path: str | None = None
    """For a page listing a folder of records: the folder, so the page offers to add one."""
    add_label: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)
    """More template context."""
    edit_label: str = ""
    """The edit link's visible text, if not the theme's "Redigera sidan"."""
    hide: tuple = ()
    """Theme parts to hide on this page (Material's ``hide`` front matter), e.g. the side navigation."""
    search_exclude: bool = False
    """Leave the page out of the search index: it only lists records that have pages of their own."""
    heading: str = ""
    """The name in the page's h1 (the title when empty)."""
    context: str = ""
    """A line in the h1 under the name that says what and where the page is ("Projekt i Lund")."""
    search_kind: str = titles.OVERVIEW
    """What the page is, in a search result ("metod", "projekt", "översikt")."""
    search_place: str = ""
    """Where it is, in a search result ("Lund"); empty when it has no place."""
    handout: bool = False
    """The page is worth printing for a meeting: it offers "Skriv ut eller spara som PDF"."""


WIDE_TABLE = ("navigation", "toc")
"""Pages that are one wide table: no side columns, so the table has the page's width."""


def _summary_line(record: Record) -> str:
    text = record.get("summary") or record.get("description") or record.get("text") or ""
    first = " ".join(str(text).split())
    return first[:157] + "…" if len(first) > 160 else first


def site_pages(kb: KnowledgeBase, derived: Derived | None = None, feedback: dict | None = None) -> list[PageSpec]:
    """Every generated page; ``feedback`` is where readers report without an account (feedback_link)."""
    derived = derived or derive(kb)
    pages = [
        PageSpec(urls.index_src("municipality"), "Kommuner", "municipality_index.html",
                 add_path=KINDS["municipality"].content_path, add_label="Lägg till en kommun",
                 description="Alla kommuner i kunskapsbanken med nyckeltal.",
                 hide=WIDE_TABLE),
        PageSpec(urls.index_src("project"), "Projekt", "project_index.html", add_path=KINDS["project"].content_path,
                 add_label="Lägg till ett projekt",
                 description="Alla projekt, förstudier och verksamheter med kommun, period, status och metoder.",
                 hide=WIDE_TABLE),
        PageSpec(urls.index_src("method"), "Metoder", "method_index.html", add_path=KINDS["method"].content_path,
                 add_label="Lägg till en metod",
                 description="Arbetsmetoder och vilka kommuner och projekt som använder dem.", hide=WIDE_TABLE),
        PageSpec(urls.index_src("criterion"), "Kriterier", "criterion_index.html", edit_path=KINDS["criterion"].content_path,
                 description="De tio kriterierna som modellkommunerna valdes efter."),
        # The matrix is drawn from every record's verdicts: there is no one file to edit (each row
        # links to its record, whose page has the edit link).
        PageSpec(urls.MATRIX, "Jämförelse mot kriterierna", "matrix.html",
                 description="Modellkommunerna och projekten bedömda mot de tio kriterierna.",
                 extra={"matrix": derived.matrix}, hide=WIDE_TABLE, handout=True),
        PageSpec(urls.GLOSSARY, "Ordlista", "glossary.html", edit_path=KINDS["glossary"].content_path,
                 description="Förkortningar som används i kunskapsbanken.", search_kind=titles.PAGE),
        PageSpec(urls.SOURCES, "Källor", "sources.html", edit_path=KINDS["source"].content_path,
                 description="Dokumenten som kunskapsbanken bygger på.", search_kind=titles.PAGE),
        PageSpec(urls.SUCCESS_KEYS, "Framgångsnycklar", "success_keys.html", edit_path=KINDS["success_key"].content_path,
                 description="Rapportens sexton nyckelord för rätt stöd till arbete, och var de syns i praktiken."),
        PageSpec(urls.COVERAGE, "Källtäckning", "coverage.html", edit_path=KINDS["source"].content_path,
                 description="Varje källdokuments avsnitt och de poster och fält som hänvisar till dem.",
                 extra={"coverage": source_coverage(kb)}),
    ]
    pages += easy_read_pages(kb)
    pages.append(PageSpec(economy.PAGE, "Samhällsekonomiska effekter", "economy.html",
                          description="Samhällsekonomi: vad insatserna kostar och sparar för kommunen, regionen, "
                                      "staten och samhället, med utvärderarnas förbehåll.",
                          extra={"effects": economy.all_effects(kb)}, handout=True,
                          # A page of its own in search, not an overview ranked below its records:
                          # it sets the records' economic figures side by side with their caveats.
                          search_kind=titles.PAGE))
    pages.append(PageSpec(compare.PICKER, "Jämför kommuner och projekt", "compare_picker.html",
                          description="Välj två till fyra kommuner eller projekt och se dem sida vid sida.", hide=WIDE_TABLE,
                          handout=True))
    for pair in compare.model_pairs(kb):
        records = list(pair)
        pages.append(PageSpec(compare.pair_src(records), compare.title(records), "compare.html",
                              description=f"{records[0].name} och {records[1].name} sida vid sida: resultat, "
                                          "framgångsfaktorer, hinder och de tio kriterierna.",
                              extra={"records": records, "picker_query": compare.picker_query(records)},
                              hide=WIDE_TABLE, handout=True))
    for kind in (*(k.id for k in RECORD_KINDS), "criterion"):
        for record in kb.of_kind(kind).values():
            title = titles.page_title(record, kb)
            named = kind != "criterion"
            pages.append(PageSpec(urls.record_src(kind, record.id), title, f"{kind}.html", record=record,
                                  edit_path=record.file, description=_summary_line(record),
                                  edit_label="Redigera posten",
                                  heading=record.name if named else title,
                                  context=titles.context(record, kb) if named else "",
                                  search_kind=titles.kind_word(record), search_place=titles.place(record, kb),
                                  handout=True))
    pages.append(PageSpec(urls.REPORT, "Rapportera ett fel eller problem", "report.html",
                          description="Så rapporterar du ett fel, ett tillgänglighetsproblem eller ett tips, "
                                      "med eller utan konto.",
                          extra={"feedback": feedback or feedback_link("")}, search_kind=titles.PAGE))
    pages += target_group_pages(kb)
    pages += finder_pages(derived.facets)
    pages.append(PageSpec(search_index.RESULTS_SRC, "Sök", "search_results.html",
                          description="Sök bland kommuner, projekt, metoder, ord och nyheter.",
                          extra={"kinds": search_index.RESULT_FILTERS}, search_exclude=True, hide=("toc",),
                          search_kind=titles.PAGE))
    return pages


EASY_READ_GROUPS = (("municipality", "Kommuner"), ("project", "Projekt"), ("method", "Metoder"))
"""The kinds of record with an easy-read text, in the order the Lättläst contents list shows them."""


def easy_read_pages(kb: KnowledgeBase) -> list[PageSpec]:
    """Lättläst: a contents list of every easy-read text, and one short page per text."""
    by_kind = {"municipality": kb.municipalities, "project": kb.projects, "method": kb.methods}
    groups = [(kind, title, urls.FOLDERS[kind], list(by_kind[kind].values())) for kind, title in EASY_READ_GROUPS]
    pages = [PageSpec(urls.EASY_READ, "Lättläst", "easy_read_index.html",
                      description="Alla kommuner, projekt och metoder på lättläst svenska.",
                      extra={"groups": groups})]
    for _kind, _title, _folder, records in groups:
        for record in records:
            pages.append(PageSpec(urls.easy_read_src(record.record_type, record.id),
                                  f"Lättläst: {titles.page_title(record, kb)}", "easy_read_page.html", record=record,
                                  edit_path=record.file, edit_label="Redigera posten",
                                  description=f"{record.name} på lättläst svenska.",
                                  heading=record.name, context=f"{titles.context(record, kb)}, på lättläst svenska",
                                  # The record's page holds the same text and is the one search finds.
                                  search_exclude=True))
    return pages


def target_group_pages(kb: KnowledgeBase) -> list[PageSpec]:
    """The vocabulary of target groups: an index and one page per group with its records."""
    pages = [PageSpec(urls.index_src("target_group"), "Målgrupper", "target_group_index.html",
                      edit_path=KINDS["target_group"].content_path,
                      description="Målgrupperna som kommunerna och projekten vänder sig till.")]
    for group in kb.target_groups.values():
        pages.append(PageSpec(urls.record_src("target_group", group.id), f"{group.name} – målgrupp",
                              "target_group.html", record=group, edit_path=group.file,
                              description=_summary_line(group)))
    return pages


def finder_pages(built: list[facets.Facet]) -> list[PageSpec]:
    """"Hitta exempel": the filter page, and a static page per facet value for readers without JavaScript."""
    pages = [PageSpec(facets.FINDER, "Hitta exempel", "finder.html",
                      description="Filtrera kommuner och projekt efter målgrupp, metod, typ, status, kriterier, "
                                  "period, län och kommun.", extra={"facets": built}, hide=("toc",))]
    for facet in built:
        for value in facet.values.values():
            if not value.static_src.startswith(facets.FINDER_DIR + "/"):
                continue  # a municipality's or target group's own page lists its records
            pages.append(PageSpec(value.static_src, facet.title.format(value.label), "facet_page.html",
                                  description=f"{len(value.records)} kommuner och projekt.",
                                  extra={"facet": facet, "value": value}, search_exclude=True))
    return pages
