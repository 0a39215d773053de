"""Renders a page body from its Jinja template (autoescaped) and the model."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup
from kunskapsbanken.data.kinds import KINDS
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.results import headline_figure, reports_results_in_text
from kunskapsbanken.render import figures as figure_words
from kunskapsbanken.render import labels, urls
from kunskapsbanken.site import compare, economy, facets
from kunskapsbanken.site.charts import record_charts
from kunskapsbanken.site.derived import Derived
from kunskapsbanken.data.slugs import glossary_anchor
from kunskapsbanken.render.easy_read import sentence_lines
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.render.numbers import count, format_number, unit_for
from kunskapsbanken.site.pages import PageSpec

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept for the life of the process.

    ``mkdocs serve`` makes a new plugin, and so a new Environment, for every rebuild; compiling
    the templates again was a large part of the time until an edit shows. Jinja keys each entry
    on the template's source checksum, so an edited template is compiled anew. Not on the
    Environment's options, though: give each kind of Environment its own instance.
    """

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_BYTECODE = MemoryBytecodeCache()


class RenderedPage:
    def __init__(self, html: str, toc: list[tuple[int, str, str]], reads: frozenset = frozenset()):
        self.html = html
        self.toc = toc
        """(level, anchor id, title) for every section heading, in order."""
        self.reads = reads
        """What the rendering read of the model, when it was tracked (site/body_reuse.py)."""


class PageRenderer:
    def __init__(self, kb: KnowledgeBase, markdown: MarkdownRenderer, *, use_directory_urls: bool = True,
                 override_dirs: list[Path] | None = None, site_info: dict | None = None,
                 derived: Derived | None = None):
        self.kb = kb
        self.markdown = markdown
        self.use_directory_urls = use_directory_urls
        loader = jinja2.ChoiceLoader([
            *(jinja2.FileSystemLoader(str(d)) for d in (override_dirs or []) if d.is_dir()),
            jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        ])
        self.env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                                      trim_blocks=True, lstrip_blocks=True, bytecode_cache=TEMPLATE_BYTECODE)
        self.env.filters["md"] = markdown.render
        self.env.filters["md_inline"] = markdown.render_inline
        self.env.filters["easy_read"] = lambda text: markdown.render(sentence_lines(text))
        self.env.filters["num"] = format_number
        self.env.filters["unit_for"] = lambda unit, value: unit_for(value, unit)
        self.env.filters["count"] = count
        self.env.filters["glossary_anchor"] = glossary_anchor
        self.env.globals.update(labels=labels, kb=kb, site={"name": "", "url": "", "repo_url": "", **(site_info or {})},
                                history={},
                                last_updated=lambda record: record.get("updated", ""),
                                NOT_KNOWN=labels.NOT_KNOWN_TEXT, FOLDERS=urls.FOLDERS, kinds=KINDS,
                                economy_effects=economy.record_effects,
                                easy_read_src=lambda record: urls.easy_read_src(record.record_type, record.id),
                                describe=lambda record: facets.describe(kb, record),
                                record_charts=derived.charts_of if derived else record_charts,
                                headline_figure=headline_figure,
                                reports_results_in_text=reports_results_in_text, figure_value=figure_words.value_text,
                                figure_tags=figure_words.tags, figure_kind=figure_words.kind_label,
                                figure_amount=figure_words.amount, compare_sections=compare.SECTIONS,
                                compare_criteria_title=compare.CRITERIA_TITLE,
                                compare_pairs=lambda: compare.model_pairs(kb),
                                pairs_with=lambda record: compare.pairs_with(kb, record),
                                pair_src=lambda records: compare.pair_src(list(records)),
                                target_group_names=lambda record: compare.target_group_names(kb, record))

    def url_of(self, target: Record | str) -> str:
        """A record, a source file (``x.md``) or an already site-relative URL."""
        if isinstance(target, Record):
            return urls.src_to_url(urls.record_src(target.record_type, target.id), self.use_directory_urls)
        return urls.src_to_url(target, self.use_directory_urls) if target.endswith(".md") else target

    def render(self, spec: PageSpec, page_url: str | None = None) -> RenderedPage:
        page_url = urls.src_to_url(spec.src_uri, self.use_directory_urls) if page_url is None else page_url
        body = self.render_template(spec.template, page_url, page=spec, record=spec.record, **spec.extra)
        sections = [entry for entry in body.toc if entry[0] == 2]
        # The "På sidan" list is known only once the body is rendered: its headings register as they render.
        page = self.render_template("_page.html", page_url, page=spec, record=spec.record, body=Markup(body.html),
                                    on_this_page=sections if spec.record is not None and len(sections) > 1 else [])
        return RenderedPage(page.html, page.toc + body.toc)

    def add_globals(self, **values) -> None:
        """Names every template sees, known only to the caller (e.g. the records' git history)."""
        self.env.globals.update(values)

    def render_file(self, template_name: str, **context) -> str:
        """A file that is not a page (a feed, a catalogue, the editor's page): no links, no contents."""
        return self.env.get_template(template_name).render(**context)

    def render_template(self, template_name: str, page_url: str, **context) -> RenderedPage:
        toc: list[tuple[int, str, str]] = []

        def link(target, anchor: str = "") -> str:
            href = urls.relative_url(self.url_of(target), page_url)
            return href + (f"#{anchor}" if anchor else "")

        def toc_add(level: int, anchor: str, title: str) -> str:
            # Called by the ``heading`` macro so that MkDocs' table of contents lists each section.
            toc.append((level, anchor, title))
            return ""

        html = self.env.get_template(template_name).render(link=link, toc_add=toc_add, **context)
        return RenderedPage(html, toc)
