"""MkDocs events, each placed where MkDocs needs it:

* ``on_pre_build`` loads and validates every record. It runs before MkDocs cleans ``site_dir``,
  so an invalid record stops the build and the previous site stays as it was.
* ``on_files`` adds one generated page per record and index (``File.generated``), with
  ``edit_uri`` pointing at the YAML file, plus the published JSON Schemas.
* ``on_page_content`` replaces a generated page's body with its rendered template. Back-links
  and the matrix need no late ``on_env`` pass: every relation is derived by the model up front.
* ``on_serve`` watches the records, schemas and templates so ``mkdocs serve`` reloads on edits.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from kunskapsbanken.data import ValidationFailed, load_knowledge_base
from kunskapsbanken.mkdocs_plugin.config import KunskapsbankenConfig
from kunskapsbanken.render.markdown import MarkdownRenderer
from kunskapsbanken.render.pages import PageSpec, site_pages
from kunskapsbanken.render.renderer import TEMPLATE_DIR, PageRenderer

log = get_plugin_logger(__name__)


class KunskapsbankenPlugin(BasePlugin[KunskapsbankenConfig]):
    supports_multiple_instances = False

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.root = root
        self.content_dir = root / self.config.content_dir
        self.schema_dir = root / self.config.schema_dir
        self.override_dir = root / self.config.templates_dir if self.config.templates_dir else None
        self.kb = None
        self.specs: dict[str, PageSpec] = {}
        return config

    def on_pre_build(self, config):
        try:
            self.kb = load_knowledge_base(self.content_dir, self.schema_dir, self.root)
        except ValidationFailed as exc:
            raise PluginError(str(exc)) from None
        markdown = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        self.renderer = PageRenderer(self.kb, markdown, use_directory_urls=config.use_directory_urls,
                                     override_dirs=[self.override_dir] if self.override_dir else [],
                                     site_info={"name": config.site_name, "url": config.site_url or ""})

    def on_files(self, files: Files, config):
        self.specs = {}
        for spec in site_pages(self.kb):
            if files.get_file_from_path(spec.src_uri):
                log.warning(f"docs/{spec.src_uri} finns redan; den genererade sidan hoppas över")
                continue
            front = f"---\ntitle: {_yaml_string(spec.title)}\ndescription: {_yaml_string(spec.description)}\n---\n"
            file = File.generated(config, spec.src_uri, content=front)
            # edit_uri is relative to the docs folder's edit URL; the records live beside docs/.
            file.edit_uri = f"../{spec.edit_path}" if spec.edit_path else None
            files.append(file)
            self.specs[spec.src_uri] = spec
        if self.config.publish_schemas:
            for path in sorted(self.schema_dir.glob("*.schema.json")):
                files.append(File.generated(config, f"schema/{path.name}", abs_src_path=str(path)))
        return files

    def on_page_content(self, html, page, config, files):
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        rendered = self.renderer.render(spec, page.url)
        page.toc = get_toc(_toc_tokens(rendered.toc))
        return rendered.html

    def on_serve(self, server, config, builder):
        for folder in (self.content_dir, self.schema_dir, TEMPLATE_DIR, self.override_dir):
            if folder and folder.is_dir():
                server.watch(str(folder))
        return server


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _toc_tokens(entries: list[tuple[int, str, str]]) -> list[dict]:
    """Nest (level, id, title) entries the way Python-Markdown's toc extension reports them."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, title in entries:
        token = {"level": level, "id": anchor, "name": title, "html": title, "data-toc-label": "", "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
