"""MkDocs events, each placed where MkDocs needs it:

* ``on_pre_build`` loads and validates every record. It runs before MkDocs cleans ``site_dir``,
  so an invalid record stops the build and the previous site stays as it was.
* ``on_files`` adds one generated page per record and index (``File.generated``), with
  ``edit_uri`` pointing at the YAML file, plus the open-data files and the JSON Schemas.
* ``on_page_content`` replaces a generated page's body with its rendered template. Back-links
  and the matrix need no late pass: every relation is derived by the model up front.
* ``on_env`` runs once every page exists: it collects the news posts (their URLs come from the
  blog plugin), which the start page (``on_page_context``) and the news feed need.
* ``on_post_page`` hands each finished page to the search indexer (search/index.py), and
  ``on_post_build`` writes the index, under ``mkdocs build`` and ``mkdocs serve`` alike.
* ``on_serve`` watches the records, schemas and templates so ``mkdocs serve`` reloads on edits.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from kunskapsbanken.data import ValidationFailed, load_knowledge_base
from kunskapsbanken.git.history import git_history, last_updated
from kunskapsbanken.data.matrix import build_matrix
from kunskapsbanken.data.repository import schemas_for
from kunskapsbanken.mkdocs_plugin.config import KunskapsbankenConfig
from kunskapsbanken.editor import config as editor_config
from kunskapsbanken.opendata import datapackage, dcat
from kunskapsbanken.render import urls
from kunskapsbanken.site import compare, facets, feeds
from kunskapsbanken.opendata.exports import export_files
from kunskapsbanken.render.glossary_terms import GlossaryMarker
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.site.pages import PageSpec, site_pages
from kunskapsbanken.site.renderer import TEMPLATE_DIR, MemoryBytecodeCache, PageRenderer
from kunskapsbanken.search.index import PARALLEL_FROM_PAGES, SearchIndexer, SearchIndexFailed
from kunskapsbanken.search.records import glossary_records

log = get_plugin_logger(__name__)

RECENT_RECORDS = 8
_THEME_BYTECODE = MemoryBytecodeCache()
LATEST_POSTS = 5


class KunskapsbankenPlugin(BasePlugin[KunskapsbankenConfig]):
    supports_multiple_instances = False
    serving = False
    reused: dict[str, dict] = {}

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance from one rebuild to the next under mkdocs serve,
        # so the work on pages that did not change can be reused (glossary marks, search documents).
        self.serving = command == "serve"
        self.reused: dict[str, dict] = {"glossary": {}, "search": {}}

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.content_dir = root / self.config.content_dir
        self.schema_dir = root / self.config.schema_dir
        self.override_dir = root / self.config.templates_dir if self.config.templates_dir else None
        self.kb = None
        self.specs: dict[str, PageSpec] = {}
        self.posts: list[feeds.FeedEntry] = []
        self.search_indexer: SearchIndexer | None = None
        return config

    def on_pre_build(self, config):
        try:
            self.kb = load_knowledge_base(self.content_dir, self.schema_dir, self.root)
        except ValidationFailed as exc:
            raise PluginError(str(exc)) from None
        self.history = git_history(self.root, self.config.content_dir)
        markdown = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        self.renderer = PageRenderer(self.kb, markdown, use_directory_urls=config.use_directory_urls,
                                     override_dirs=[self.override_dir] if self.override_dir else [],
                                     site_info={"name": config.site_name, "url": config.site_url or ""})
        self.renderer.env.globals.update(history=self.history,
                                         last_updated=lambda record: last_updated(record, self.history))
        self.glossary_marker = GlossaryMarker(self.kb.glossary, self.reused["glossary"] if self.serving else None)

    def on_files(self, files: Files, config):
        self.specs = {}
        for spec in site_pages(self.kb):
            if files.get_file_from_path(spec.src_uri):
                log.warning(f"docs/{spec.src_uri} finns redan; den genererade sidan hoppas över")
                continue
            # Material prints title and description without escaping them, and both come from
            # contributor text: escape them here, once, so they can only ever be text.
            meta = {"title": str(escape(spec.title)), "description": str(escape(spec.description)),
                    "search_name": str(escape(spec.heading or spec.title)),
                    "search_kind": str(escape(spec.search_kind)), "search_place": str(escape(spec.search_place))}
            if spec.hide:
                meta["hide"] = list(spec.hide)
            for key in ("edit_label", "add_path", "add_label"):  # read by overrides/partials/actions.html
                if getattr(spec, key):
                    meta[key] = getattr(spec, key)
            if spec.search_exclude:
                meta["search"] = {"exclude": True}
            # JSON is valid YAML: front matter without any hand-made quoting.
            front = "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n"
            file = File.generated(config, spec.src_uri, content=front)
            # edit_uri is relative to the docs folder's edit URL; the records live beside docs/.
            file.edit_uri = f"../{spec.edit_path}" if spec.edit_path else None
            files.append(file)
            self.specs[spec.src_uri] = spec
        for path, content in export_files(self.kb, build_matrix(self.kb)).items():
            files.append(File.generated(config, path, content=content))
        for path, content in self._open_data_package(config).items():
            files.append(File.generated(config, path, content=content))
        # What "Hitta exempel" filters in the browser (site/facets.py).
        files.append(File.generated(config, facets.DATA_FILE, content=facets.facet_data(
            self.kb, facets.build_facets(self.kb), config.use_directory_urls)))
        for path, content in compare.column_files(self.renderer, self.kb).items():
            files.append(File.generated(config, path, content=content))
        # The feeds' content needs the blog's post URLs, known only in on_env; registering the
        # files now lets Markdown links to them validate, and on_env runs before files are copied.
        self.feed_files = {path: File.generated(config, path, content="") for path in
                           (feeds.NEWS_FEED, feeds.CHANGES_FEED)}
        for file in self.feed_files.values():
            files.append(file)
        if self.config.editor:
            self._add_editor(files, config)
        if self.config.publish_schemas:
            for path in sorted(self.schema_dir.glob("*.schema.json")):
                files.append(File.generated(config, f"schema/{path.name}", abs_src_path=str(path)))
        return files

    def _open_data_package(self, config) -> dict[str, str]:
        """The Frictionless data package and, with an absolute site_url, its DCAT-AP-SE catalogue."""
        schemas = {kind: schema.schema for kind, schema in schemas_for(self.schema_dir).items()}
        site_url = config.site_url or ""
        day = datapackage.content_date(self.kb, self.history)
        files = datapackage.package_files(self.kb, schemas, site_url=site_url, version=day.replace("-", "."),
                                          created=f"{day}T00:00:00Z")
        if site_url.startswith(("http://", "https://")):
            context = dcat.catalogue_context(
                site_url, tables=datapackage.tables(site_url), modified=day,
                contact_email=self.config.open_data_contact_email,
                contact_url=f"{config.repo_url.rstrip('/')}/issues" if config.repo_url else "")
            files[dcat.CATALOGUE_PATH] = self.renderer.env.get_template(dcat.TEMPLATE).render(**context)
        else:
            log.warning("site_url saknas i mkdocs.yml: katalogen för Sveriges dataportal (data/katalog.rdf) skrivs inte")
        return files

    def _add_editor(self, files: Files, config) -> None:
        """The web editor at /admin/: Decap's own files, a page that loads them, the generated config."""
        dist = editor_config.decap_dist(self.root)
        if dist is None:
            log.warning("Webbredigeraren saknas: kör `make setup` (npm ci i editor/) och bygg igen")
            return
        for name, path in editor_config.decap_files(dist).items():
            files.append(File.generated(config, f"admin/{name}", abs_src_path=str(path)))
        blog = config.plugins.get("material/blog")
        editor = editor_config.EditorConfig(self.schema_dir, self.content_dir, content_path=self.config.content_dir,
                                            docs_path=Path(config.docs_dir).relative_to(self.root).as_posix())
        settings = editor.config(
            backend=editor_config.github_backend(config.repo_url, self.config.editor_branch,
                                                 self.config.editor_auth_url),
            local_backend=editor_config.local_backend(self.config.editor_local_backend,
                                                      self.config.editor_local_port),
            blog_categories=list(blog.config.categories_allowed) if blog else [],
            blog_authors=editor_config.blog_authors(Path(config.docs_dir)))
        files.append(File.generated(config, "admin/config.yml", content=editor_config.config_yaml(settings)))
        files.append(File.generated(config, editor_config.EDITOR_DATA, content=json.dumps(
            editor_config.editor_data(self.schema_dir, self.content_dir), ensure_ascii=False)))
        page = self.renderer.env.get_template("editor_admin.html").render(
            site_name=config.site_name, repo_url=config.repo_url or "")
        files.append(File.generated(config, "admin/index.html", content=page))

    def on_page_markdown(self, markdown, page, config, files):
        # A news post keeps its title in the front matter, where the web editor reads and writes it;
        # the page still needs it as its h1 in the Markdown, so that the table of contents starts
        # there and the skip link lands on it, as on every other page.
        if page.file.src_uri.startswith("blog/posts/") and page.meta.get("title") \
                and not re.search(r"^# ", markdown, re.M):
            return f"# {page.meta['title']}\n\n{markdown}"
        return markdown

    def on_page_content(self, html, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            rendered = self.renderer.render(spec, page.url)
            page.toc = get_toc(_toc_tokens(rendered.toc))
            # MkDocs validates links to anchors against the ids it saw in the page's Markdown; this
            # page's body comes from a template, so declare its ids (e.g. kallor.md#kalla-…).
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(_ID_ATTRIBUTE.findall(rendered.html))
            html = rendered.html
        # Generated and hand-written pages alike; the Ordlista itself is where the terms lead.
        if page.file.src_uri != urls.GLOSSARY:
            html = self.glossary_marker.mark(html, page.url)
        return html

    def on_env(self, env, config, files):
        # The theme's templates are compiled anew for every rebuild under mkdocs serve; keep
        # them compiled for the life of the process (keyed on each template's source).
        env.bytecode_cache = _THEME_BYTECODE
        self.search_indexer = SearchIndexer(parallel=len(files.documentation_pages()) >= PARALLEL_FROM_PAGES,
                                            reuse=self.reused["search"] if self.serving else None)
        self.posts = []
        for file in files.documentation_pages():
            page = file.page
            if page is None or not file.src_uri.startswith("blog/posts/"):
                continue
            date = page.meta.get("date")
            created = date.get("created") if isinstance(date, dict) else date
            self.posts.append(feeds.FeedEntry(
                title=page.title or file.name, url=feeds.absolute(config.site_url or "", page.url),
                id=feeds.absolute(config.site_url or "", page.url), date=str(created)[:10],
                summary=page.meta.get("description", ""), categories=tuple(page.meta.get("categories", [])),
                path=page.url))
        self.posts.sort(key=lambda p: (p.date, p.url), reverse=True)
        site_url = config.site_url or ""
        atom = self.renderer.env.get_template("atom.xml")
        for path, feed in ((feeds.NEWS_FEED, feeds.news_feed(self.posts, site_url)),
                           (feeds.CHANGES_FEED, feeds.changes_feed(self.kb, self.history, site_url))):
            self.feed_files[path].content_string = atom.render(feed=feed)
        return env

    def on_page_context(self, context, page, config, nav):
        if page.file.src_uri == "index.md" and self.kb is not None:
            recent = sorted(self.kb.records, key=lambda r: (last_updated(r, self.history), r.name),
                            reverse=True)[:RECENT_RECORDS]
            updates = self.renderer.render_template(
                "home_updates.html", page.url, posts=self.posts[:LATEST_POSTS], recent=recent,
                news_feed=feeds.NEWS_FEED, changes_feed=feeds.CHANGES_FEED)
            page.content = (page.content or "") + updates.html
        return context

    def on_post_page(self, output, page, config):
        if self.search_indexer is not None:
            self.search_indexer.add(page.url, output)
        return output

    def on_post_build(self, config):
        try:
            pages = self.search_indexer.write(Path(config.site_dir), glossary_records(self.kb, config.use_directory_urls))
        except SearchIndexFailed as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.search_indexer = None
        log.debug(f"sökindex: {pages} sidor")

    def on_build_error(self, error):
        if self.search_indexer is not None:
            self.search_indexer.close()
            self.search_indexer = None

    def on_serve(self, server, config, builder):
        for folder in (self.content_dir, self.schema_dir, TEMPLATE_DIR, self.override_dir):
            if folder and folder.is_dir():
                server.watch(str(folder))
        return server


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')
"""Our templates and Python-Markdown always write ids double-quoted."""


def _toc_tokens(entries: list[tuple[int, str, str]]) -> list[dict]:
    """Nest (level, id, title) entries the way Python-Markdown's toc extension reports them."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, title in entries:
        safe = str(escape(title))  # the theme prints TOC names as HTML
        token = {"level": level, "id": anchor, "name": safe, "html": safe, "data-toc-label": "", "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
