"""MkDocs events, each placed where MkDocs needs it. The plugin only hands MkDocs what one
function computes once per build, without MkDocs (outputs.py: pages, open data, finder and compare
data, editor, schemas); what needs MkDocs' own results (feeds, start page, search) is made here.

* ``on_pre_build`` builds the outputs, which loads and validates every record. It runs before
  MkDocs cleans ``site_dir``, so an invalid record stops the build and the previous site stays.
* ``on_files`` adds one generated page per record and index (``File.generated``), with
  ``edit_uri`` pointing at the YAML file, plus the open-data files, the editor and the JSON Schemas.
* ``on_nav`` makes each generated page render its template in place of Markdown
  (generated_pages.py). Back-links and the matrix need no late pass: every relation is derived by
  the model up front. ``on_page_content`` marks the glossary's terms on every page.
* ``on_env`` runs once every page exists: it collects the news posts (their URLs come from the
  blog plugin), which the start page (``on_page_context``) and the news feed need.
* ``on_post_page`` hands each finished page to the search indexer (search/index.py), and
  ``on_post_build`` writes the index, under ``mkdocs build`` and ``mkdocs serve`` alike.
* Under ``mkdocs serve``, work on what did not change is kept from one rebuild to the next: the
  glossary marks and search documents of unchanged pages, and the theme's HTML of generated pages
  whose inputs are all the same (theme_reuse.py).
* ``on_serve`` watches the records, schemas and templates so ``mkdocs serve`` reloads on edits,
  and looks for saved files every 0.1 s instead of MkDocs' 0.5 s (watching.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from kunskapsbanken.data import ValidationFailed, repository
from kunskapsbanken.mkdocs_plugin import generated_pages, theme_reuse, watching
from kunskapsbanken.mkdocs_plugin.config import KunskapsbankenConfig
from kunskapsbanken.mkdocs_plugin.news_posts import NewsPosts, post_problems
from kunskapsbanken.mkdocs_plugin.staging import StagedSite
from kunskapsbanken.mkdocs_plugin.theme_reuse import ThemeReuse
from kunskapsbanken.outputs import FEED_PATHS, BuildOutputs, BuildSettings, build_outputs
from kunskapsbanken.site import home
from kunskapsbanken.site.feedback import FeedbackAddressInvalid, feedback_link
from kunskapsbanken.search.index import PARALLEL_FROM_PAGES, SearchIndexer, SearchIndexFailed
from kunskapsbanken.search.records import alias_names, glossary_records
from kunskapsbanken.site import feeds
from kunskapsbanken.site.pages import PageSpec
from kunskapsbanken.site.body_reuse import BodyReuse, ReusingBodies
from kunskapsbanken.site.render_ahead import RenderAhead
from kunskapsbanken.site.renderer import TEMPLATE_DIR, MemoryBytecodeCache

log = get_plugin_logger(__name__)

_THEME_BYTECODE = MemoryBytecodeCache()


class KunskapsbankenPlugin(BasePlugin[KunskapsbankenConfig]):
    supports_multiple_instances = False
    serving = False
    reused: dict[str, dict] = {}

    def on_startup(self, *, command, dirty):
        # Defining on_startup keeps this instance from one rebuild to the next under mkdocs serve,
        # so the work on what did not change can be reused (parsed records, glossary marks, search
        # documents, the theme's HTML of unchanged pages).
        self.serving = command == "serve"
        repository.keep_reads(self.serving)
        self.reused = {"glossary": {}, "search": {}}
        self.theme_reuse = ThemeReuse()
        self.body_reuse = BodyReuse()
        self.staged = StagedSite(reuse_folders=self.serving)

    def on_shutdown(self):
        # MkDocs keeps this instance for the life of the process (it defines on_startup): a build
        # after the server stopped, in the same process, starts from nothing.
        self.serving = False
        repository.keep_reads(False)
        self.staged.close()

    def on_config(self, config):
        # Every build writes into a fresh folder; the old site is replaced only by a good build.
        if "staged" not in self.__dict__:  # the benchmark builds without on_startup
            self.staged = StagedSite()
        self.staged.begin(config)
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.content_dir = root / self.config.content_dir
        self.schema_dir = root / self.config.schema_dir
        self.override_dir = root / self.config.templates_dir if self.config.templates_dir else None
        self.outputs: BuildOutputs | None = None
        self.bodies: RenderAhead | ReusingBodies | None = None
        self.specs: dict[str, PageSpec] = {}
        self.posts: list[feeds.FeedEntry] = []
        self.search_indexer: SearchIndexer | None = None
        self.news = NewsPosts(config)
        try:
            self.feedback = feedback_link(self.config.feedback_address)
        except FeedbackAddressInvalid as exc:
            raise PluginError(str(exc)) from None
        # Read by overrides/partials/actions.html on every page (the theme's templates see config).
        config.extra["kb_feedback"] = self.feedback
        if not self.feedback["kind"]:
            log.info("feedback_address saknas i mkdocs.yml: sidorna erbjuder bara GitHub för att rapportera fel")
        return config

    def _settings(self, config) -> BuildSettings:
        blog = config.plugins.get("material/blog")
        return BuildSettings(
            root=self.root, content_dir=self.content_dir, schema_dir=self.schema_dir,
            docs_dir=Path(config.docs_dir), site_name=config.site_name, site_url=config.site_url or "",
            repo_url=config.repo_url or "", use_directory_urls=config.use_directory_urls,
            markdown_extensions=config.markdown_extensions, mdx_configs=config.mdx_configs,
            override_dirs=[self.override_dir] if self.override_dir else [],
            publish_schemas=self.config.publish_schemas,
            open_data_contact_email=self.config.open_data_contact_email, editor=self.config.editor,
            editor_branch=self.config.editor_branch, editor_auth_url=self.config.editor_auth_url,
            editor_local_port=self.config.editor_local_port, editor_local_backend=self.config.editor_local_backend,
            blog_categories=list(blog.config.categories_allowed) if blog else [], feedback=self.feedback)

    def on_pre_build(self, config):
        problems = []
        try:
            self.outputs = build_outputs(self._settings(config),
                                         glossary_reuse=self.reused["glossary"] if self.serving else None)
        except ValidationFailed as exc:
            problems = exc.problems
        problems += [p for p in post_problems(config, self.root, self.schema_dir) if p.is_error]  # news posts too
        if problems:
            raise PluginError(str(ValidationFailed(problems))) from None
        assert self.outputs is not None
        for warning in self.outputs.warnings:
            log.warning(warning)
        self.staged.before_clean()  # MkDocs cleans site_dir next

    def on_files(self, files: Files, config):
        assert self.outputs is not None
        self.staged.after_clean()  # before anything is written
        self.specs = {}
        for spec in self.outputs.pages:
            if files.get_file_from_path(spec.src_uri):
                log.warning(f"docs/{spec.src_uri} finns redan; den genererade sidan hoppas över")
                continue
            file = File.generated(config, spec.src_uri, content=self.outputs.front_matter(spec))
            # edit_uri is relative to the docs folder's edit URL; the records live beside docs/.
            file.edit_uri = f"../{spec.edit_path}" if spec.edit_path else None
            files.append(file)
            self.specs[spec.src_uri] = spec
        for path, content in self.outputs.files.items():
            files.append(File.generated(config, path, content=content))
        for path, source in self.outputs.copies.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        # The feeds' content needs the blog's post URLs, known only in on_env; registering the
        # files now lets Markdown links to them validate, and on_env runs before files are copied.
        self.feed_files = {path: File.generated(config, path, content="") for path in FEED_PATHS}
        for file in self.feed_files.values():
            files.append(file)
        return files

    def on_page_markdown(self, markdown, page, config, files):
        # A news post keeps its title in the front matter, where the web editor reads and writes it.
        return self.news.markdown(markdown, page)

    def on_nav(self, nav, config, files):
        # MkDocs has made a Page for every file by now; the generated ones render their template
        # in place of Markdown (generated_pages.py).
        assert self.outputs is not None
        self.nav = nav
        pages = [(file.page, self.specs[file.src_uri]) for file in files.documentation_pages()
                 if file.src_uri in self.specs and file.page is not None]
        # In the order MkDocs will render them, so the second process starts from the other end.
        ordered = [(spec, page.url) for page, spec in pages]
        if self.serving:
            self.body_reuse.begin(self.outputs.kb, self.outputs.derived, self.outputs.history, self._page_inputs(config))
            self.bodies = ReusingBodies(self.body_reuse, ordered, self.outputs.render_page)
        else:
            self.bodies = RenderAhead(ordered, self.outputs.render_page)
        for page, spec in pages:
            generated_pages.adopt(page, spec, self.outputs.page_meta(spec), self.bodies)
        return nav

    def _page_inputs(self, config) -> list[Path]:
        """The files every generated page depends on: templates, schemas (labels), mkdocs.yml."""
        folders = [TEMPLATE_DIR, self.override_dir, self.schema_dir]
        found = [path for folder in folders if folder and folder.is_dir() for path in folder.rglob("*") if path.is_file()]
        return found + ([Path(config.config_file_path)] if config.config_file_path else [])

    def on_page_content(self, html, page, config, files):
        assert self.outputs is not None
        html = self.news.content(html, page)
        # Generated and hand-written pages alike.
        return self.outputs.mark_glossary(html, page.url, page.file.src_uri)

    def on_env(self, env, config, files):
        assert self.outputs is not None
        self._close_bodies()  # every page's body is rendered by now
        # The theme's templates are compiled anew for every rebuild under mkdocs serve; keep
        # them compiled for the life of the process (keyed on each template's source).
        env.bytecode_cache = _THEME_BYTECODE
        if self.serving:
            self.theme_reuse.begin(config, self.nav, env)
        self.search_indexer = SearchIndexer(parallel=len(files.documentation_pages()) >= PARALLEL_FROM_PAGES,
                                            reuse=self.reused["search"] if self.serving else None)
        self.posts = []
        site_url = config.site_url or ""
        for file in files.documentation_pages():
            page = file.page
            if page is None or not self.news.is_post(page):
                continue
            date = page.meta.get("date")
            created = date.get("created") if isinstance(date, dict) else date
            self.posts.append(feeds.FeedEntry(
                title=self.news.title(page), url=feeds.absolute(site_url, page.url),
                id=feeds.absolute(site_url, page.url), date=str(created)[:10],
                summary=self.news.description(page), categories=tuple(page.meta.get("categories", [])),
                path=page.url))
        self.posts.sort(key=lambda p: (p.date, p.url), reverse=True)
        for path, text in self.outputs.feed_files(self.posts).items():
            self.feed_files[path].content_string = text
        return env

    def on_page_context(self, context, page, config, nav):
        if self.serving and (key := self.theme_reuse.key(context, page)) is not None:
            context[theme_reuse.KEY] = key
        if page.file.src_uri == "index.md" and self.outputs is not None:
            results = self.outputs.renderer.render_template(
                "home_results.html", page.url, results=home.home_results(self.outputs.kb)).html
            content = page.content or ""
            content = content.replace(home.MARKER, results) if home.MARKER in content else content + results
            page.content = content + self.outputs.home_updates(page.url, self.posts)
        return context

    def on_post_page(self, output, page, config):
        if self.search_indexer is not None:
            self.search_indexer.add(page.url, output)
        return output

    @event_priority(-100)  # last: the staged site replaces the old one only when every step is done
    def on_post_build(self, config):
        assert self.search_indexer is not None and self.outputs is not None
        try:
            pages = self.search_indexer.write(Path(config.site_dir),
                                              glossary_records(self.outputs.kb, config.use_directory_urls),
                                              alias_names(self.outputs.kb, config.use_directory_urls))
        except SearchIndexFailed as exc:
            raise PluginError(str(exc)) from None
        finally:
            self.search_indexer = None
            if self.serving:
                self.theme_reuse.finish()
                self.body_reuse.finish()
                log.debug(f"sidor vars innehåll renderades om: {self.body_reuse.rendered}")
        log.debug(f"sökindex: {pages} sidor")
        self.staged.finish(config)

    def _close_bodies(self) -> None:
        if self.bodies is not None:
            self.bodies.close()
            self.bodies = None

    def on_build_error(self, error):
        self._close_bodies()
        if self.search_indexer is not None:
            self.search_indexer.close()
            self.search_indexer = None
        self.staged.abandon()

    def on_serve(self, server, config, builder):
        watching.poll_more_often(server)
        for folder in (self.content_dir, self.schema_dir, TEMPLATE_DIR, self.override_dir):
            if folder and folder.is_dir():
                server.watch(str(folder))
        return server
