"""Everything one build makes, computed once and without MkDocs.

:func:`build_outputs` reads and validates the records, derives what several outputs share (the
matrix, the facets, the charts: :mod:`kunskapsbanken.site.derived`) and makes every output: the
generated pages (as :class:`~kunskapsbanken.site.pages.PageSpec` plus a renderer for their
bodies), the open data, the finder's and the compare view's JSON, the web editor's files and the
published schemas. The MkDocs plugin only hands these to MkDocs (mkdocs_plugin/plugin.py); the
``export-pages`` command writes them to a folder that any static-site engine can build
(export.py). The outputs that need MkDocs' results stay with the plugin: the feeds and the start
page need the blog's post URLs, the search index the finished pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from kunskapsbanken.data import load_knowledge_base
from kunskapsbanken.data.kinds import NEWS_POSTS
from kunskapsbanken.data import yamlwrite
from kunskapsbanken.data.repository import schemas_for
from kunskapsbanken.editor import config as editor_config
from kunskapsbanken.git.history import git_history, last_updated
from kunskapsbanken.opendata import datapackage, dcat
from kunskapsbanken.opendata.exports import export_files
from kunskapsbanken.render import labels, urls
from kunskapsbanken.render.glossary_terms import GlossaryMarker
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.site import compare, facets, feeds, matrix_cards
from kunskapsbanken.site.derived import Derived, derive
from kunskapsbanken.site.pages import PageSpec, site_pages
from kunskapsbanken.site.renderer import PageRenderer, RenderedPage

RECENT_RECORDS = 8
LATEST_POSTS = 5


@dataclass
class BuildSettings:
    """What a build needs to know about the site; the plugin fills it from mkdocs.yml."""

    root: Path
    content_dir: Path
    schema_dir: Path
    docs_dir: Path
    site_name: str = ""
    site_url: str = ""
    repo_url: str = ""
    use_directory_urls: bool = True
    markdown_extensions: list = field(default_factory=list)
    mdx_configs: dict = field(default_factory=dict)
    override_dirs: list[Path] = field(default_factory=list)
    publish_schemas: bool = True
    open_data_contact_email: str = ""
    editor: bool = True
    editor_branch: str = "main"
    editor_auth_url: str | None = None
    editor_local_port: int = 8081
    editor_local_backend: bool = False
    blog_categories: list[str] = field(default_factory=list)
    feedback: dict | None = None
    """Where readers report without an account (site/feedback.py)."""


@dataclass
class BuildOutputs:
    settings: BuildSettings
    renderer: PageRenderer
    derived: Derived
    history: dict
    pages: list[PageSpec]
    """The generated pages; their bodies are rendered on demand (:meth:`render_page`)."""
    files: dict[str, str] = field(default_factory=dict)
    """Site path → text of every generated file that is not a page."""
    copies: dict[str, Path] = field(default_factory=dict)
    """Site path → a file published as it is (the schemas, the editor's scripts)."""
    warnings: list[str] = field(default_factory=list)
    """Swedish, for the person building: what could not be made and how to fix it."""
    glossary_marker: GlossaryMarker | None = None

    @property
    def kb(self):
        return self.renderer.kb

    def front_matter(self, spec: PageSpec, *, edit_url: str | None = None) -> str:
        """The Markdown of a generated page: front matter only, its body comes from the template.

        ``edit_url``: the edit link, for an engine that cannot point a page's edit link at a file
        outside the docs folder ("": none); the plugin sets it on the MkDocs file instead."""
        return yamlwrite.front_matter(self.page_meta(spec, edit_url=edit_url))

    def page_meta(self, spec: PageSpec, *, edit_url: str | None = None) -> dict[str, object]:
        """A generated page's front matter, as data (see :meth:`front_matter`)."""
        # Material prints title and description without escaping them, and both come from
        # contributor text: escape them here, once, so they can only ever be text.
        meta: dict[str, object] = {
            "title": str(escape(spec.title)), "description": str(escape(spec.description)),
            "search_name": str(escape(spec.heading or spec.title)),
            "search_kind": str(escape(spec.search_kind)), "search_place": str(escape(spec.search_place))}
        if spec.hide:
            meta["hide"] = list(spec.hide)
        for key in ("edit_label", "add_path", "add_label", "handout"):  # read by overrides/partials/actions.html
            if getattr(spec, key):
                meta[key] = getattr(spec, key)
        if spec.search_exclude:
            meta["search"] = {"exclude": True}
        if edit_url is not None:
            meta["edit_url"] = edit_url
        return meta

    def render_page(self, spec: PageSpec, page_url: str | None = None) -> RenderedPage:
        return self.renderer.render(spec, page_url)

    def mark_glossary(self, html: str, page_url: str, src_uri: str) -> str:
        """A page body with the glossary's terms marked; the Ordlista itself is where they lead."""
        if self.glossary_marker is None or src_uri == urls.GLOSSARY:
            return html
        return self.glossary_marker.mark(html, page_url)

    def feed_files(self, posts: list[feeds.FeedEntry]) -> dict[str, str]:
        """The news feed (from the blog's posts) and the feed of changed records."""
        site_url = self.settings.site_url
        return {path: self.renderer.render_file("atom.xml", feed=feed) for path, feed in (
            (feeds.NEWS_FEED, feeds.news_feed(posts, site_url)),
            (feeds.CHANGES_FEED, feeds.changes_feed(self.kb, self.history, site_url)))}

    def home_updates(self, page_url: str, posts: list[feeds.FeedEntry]) -> str:
        """The start page's latest news and recently changed records."""
        recent = sorted(self.kb.records, key=lambda r: (last_updated(r, self.history), r.name),
                        reverse=True)[:RECENT_RECORDS]
        return self.renderer.render_template(
            "home_updates.html", page_url, posts=posts[:LATEST_POSTS], recent=recent,
            news_feed=feeds.NEWS_FEED, changes_feed=feeds.CHANGES_FEED).html


FEED_PATHS = (feeds.NEWS_FEED, feeds.CHANGES_FEED)
"""Made last, once the blog's posts are known; registered with the other files up front."""


def build_outputs(settings: BuildSettings, *, glossary_reuse: dict | None = None) -> BuildOutputs:
    """Every output of one build; raises :class:`~kunskapsbanken.data.ValidationFailed` on a bad record."""
    labels.use_schemas(settings.schema_dir)
    kb = load_knowledge_base(settings.content_dir, settings.schema_dir, settings.root)
    history = git_history(settings.root, settings.content_dir.relative_to(settings.root).as_posix())
    derived = derive(kb)
    renderer = PageRenderer(kb, MarkdownRenderer(settings.markdown_extensions, settings.mdx_configs),
                            use_directory_urls=settings.use_directory_urls, override_dirs=settings.override_dirs,
                            site_info={"name": settings.site_name, "url": settings.site_url, "repo_url": settings.repo_url},
                            derived=derived)
    renderer.add_globals(history=history, last_updated=lambda record: last_updated(record, history))
    outputs = BuildOutputs(settings, renderer, derived, history, site_pages(kb, derived, settings.feedback),
                           glossary_marker=GlossaryMarker(kb.glossary, glossary_reuse))
    outputs.files.update(export_files(kb, derived.matrix, derived.all_charts()))
    outputs.files.update(_open_data_package(outputs))
    # What "Hitta exempel" filters in the browser (site/facets.py).
    outputs.files[facets.DATA_FILE] = facets.facet_data(kb, derived.facets, settings.use_directory_urls)
    # The matrix's phone cards name each criterion (site/matrix_cards.py).
    outputs.files[matrix_cards.PATH] = matrix_cards.stylesheet(kb)
    outputs.files.update(compare.column_files(renderer, kb))
    if settings.editor:
        _add_editor(outputs)
    if settings.publish_schemas:
        for path in sorted(settings.schema_dir.glob("*.schema.json")):
            outputs.copies[f"schema/{path.name}"] = path
    return outputs


def _open_data_package(outputs: BuildOutputs) -> dict[str, str]:
    """The Frictionless data package and, with an absolute site_url, its DCAT-AP-SE catalogue."""
    settings, kb = outputs.settings, outputs.kb
    schemas = {kind: schema.schema for kind, schema in schemas_for(settings.schema_dir).items()}
    day = datapackage.content_date(kb, outputs.history)
    files = datapackage.package_files(kb, schemas, site_url=settings.site_url, version=day.replace("-", "."),
                                      created=f"{day}T00:00:00Z")
    if settings.site_url.startswith(("http://", "https://")):
        context = dcat.catalogue_context(
            settings.site_url, tables=datapackage.tables(settings.site_url), modified=day,
            contact_email=settings.open_data_contact_email,
            contact_url=f"{settings.repo_url.rstrip('/')}/issues" if settings.repo_url else "")
        files[dcat.CATALOGUE_PATH] = outputs.renderer.render_file(dcat.TEMPLATE, **context)
    else:
        outputs.warnings.append("site_url saknas i mkdocs.yml: katalogen för Sveriges dataportal "
                                "(data/katalog.rdf) skrivs inte")
    return files


def _add_editor(outputs: BuildOutputs) -> None:
    """The web editor at /admin/: Decap's own files, a page that loads them, the generated config."""
    settings = outputs.settings
    dist = editor_config.decap_dist(settings.root)
    if dist is None:
        outputs.warnings.append("Webbredigeraren saknas: kör `make setup` (npm ci i editor/) och bygg igen")
        return
    for name, path in editor_config.decap_files(dist).items():
        outputs.copies[f"admin/{name}"] = path
    outputs.files["admin/config.yml"] = editor_config.config_text(
        settings.schema_dir, settings.content_dir,
        content_path=settings.content_dir.relative_to(settings.root).as_posix(),
        docs_path=settings.docs_dir.relative_to(settings.root).as_posix(),
        backend=editor_config.github_backend(settings.repo_url, settings.editor_branch, settings.editor_auth_url),
        # Only a local build talks to decap-server: the published editor never calls the visitor's machine.
        local_backend=editor_config.local_backend(settings.editor_local_backend, settings.editor_local_port),
        blog_categories=settings.blog_categories,
        blog_authors=editor_config.blog_authors(settings.docs_dir))
    outputs.files[editor_config.EDITOR_DATA] = json.dumps(
        editor_config.editor_data(settings.schema_dir, settings.content_dir, outputs.kb), ensure_ascii=False)
    outputs.files["admin/index.html"] = outputs.renderer.render_file(
        "editor_admin.html", site_name=settings.site_name, repo_url=settings.repo_url)


def is_news_post(src_uri: str) -> bool:
    return src_uri.startswith(NEWS_POSTS + "/")
