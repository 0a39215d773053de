"""``python -m kunskapsbanken export-pages DIR``: the site as plain Markdown pages, without MkDocs.

Material for MkDocs reaches its end of life on 5 May 2027, MkDocs 2 has no plugins and Zensical
drops custom ones, so the generated pages must not exist only inside MkDocs events. This writes
``DIR/docs/`` (the hand-written pages, every generated page as front matter plus its rendered
HTML body, the open data, the editor, the schemas), the theme overrides and a ``DIR/mkdocs.yml``
without this plugin, so that any engine that reads MkDocs' format (MkDocs 1, ProperDocs) builds
the same generated pages; another engine needs only the Markdown and the files.

What needs the engine's own results is not in the folder: the search index (made from the built
pages), the news feed's posts and the start page's latest news (their URLs come from Material's
blog plugin), and the glossary marks on the hand-written pages.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import yaml

from kunskapsbanken.data.yamlwrite import PythonName, config_yaml
from kunskapsbanken.outputs import FEED_PATHS, BuildSettings, build_outputs
from kunskapsbanken.site.feedback import feedback_link

PLUGIN = "kunskapsbanken"


class _ConfigLoader(yaml.SafeLoader):
    pass


# A slug function in mkdocs.yml stays a tag, and is written back as one (data/yamlwrite.py).
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:",
                                    lambda loader, suffix, node: PythonName(suffix))


def read_config(config_file: Path) -> dict:
    return yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}


def _extensions(config: dict) -> tuple[list[str], dict]:
    """mkdocs.yml's ``markdown_extensions`` as Python-Markdown takes them: names, and configs by name."""
    names, configs = [], {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = options or {}
        else:
            names.append(entry)
    return names, configs


def _plugin_options(config: dict) -> dict:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}
    return {}


def settings_from_config(config_file: Path) -> BuildSettings:
    """What mkdocs.yml tells a build, read without MkDocs."""
    config = read_config(config_file)
    root = config_file.resolve().parent
    options = _plugin_options(config)
    names, configs = _extensions(config)
    blog = next((e["blog"] for e in config.get("plugins") or [] if isinstance(e, dict) and "blog" in e), None) or {}
    templates = options.get("templates_dir")
    return BuildSettings(
        root=root, content_dir=root / options.get("content_dir", "content"),
        schema_dir=root / options.get("schema_dir", "schema"), docs_dir=root / config.get("docs_dir", "docs"),
        site_name=config.get("site_name", ""), site_url=config.get("site_url") or "",
        repo_url=config.get("repo_url") or "", use_directory_urls=config.get("use_directory_urls", True),
        markdown_extensions=names, mdx_configs=configs, override_dirs=[root / templates] if templates else [],
        publish_schemas=options.get("publish_schemas", True),
        open_data_contact_email=options.get("open_data_contact_email", ""), editor=options.get("editor", True),
        editor_branch=options.get("editor_branch", "main"), editor_auth_url=options.get("editor_auth_url"),
        editor_local_port=options.get("editor_local_port", 8081),
        blog_categories=list(blog.get("categories_allowed") or []),
        feedback=feedback_link(options.get("feedback_address", "")))


def page_markdown(front_matter: str, html: str) -> str:
    """A generated page as Markdown: its front matter, then its body as raw HTML blocks.

    The body is a sequence of block elements, which Markdown keeps as they are (the export's
    test checks the built pages against the plugin's); the engine adds nothing but the theme."""
    return f"{front_matter}\n{html}\n"


def export_pages(config_file: Path, dest: Path) -> int:
    """Write the site's pages and files to ``dest``; returns the number of generated pages."""
    settings = settings_from_config(config_file)
    config = read_config(config_file)
    outputs = build_outputs(settings)
    docs = dest / "docs"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(settings.docs_dir, docs)
    # Snippets (pymdownx.snippets, base path ".") include files from the project's top folder.
    for top in settings.root.glob("*.md"):
        shutil.copy2(top, dest / top.name)
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        shutil.copytree(settings.root / theme["custom_dir"], dest / theme["custom_dir"])
    written = 0
    for spec in outputs.pages:
        target = docs / spec.src_uri
        if target.exists():
            continue  # a hand-written page of the same name wins, as in the MkDocs build
        page_url = None  # the renderer computes it from the source path, as MkDocs would
        rendered = outputs.render_page(spec, page_url)
        body = outputs.mark_glossary(rendered.html, rendered_url(spec.src_uri, settings.use_directory_urls),
                                     spec.src_uri)
        target.parent.mkdir(parents=True, exist_ok=True)
        front = outputs.front_matter(spec, edit_url=_edit_url(config, spec.edit_path))
        target.write_text(page_markdown(front, body), encoding="utf-8")
        written += 1
    files = {**outputs.files, **outputs.feed_files([])}
    for path, text in files.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, source in outputs.copies.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    config["plugins"] = [p for p in config.get("plugins") or []
                         if not (p == PLUGIN or (isinstance(p, dict) and PLUGIN in p))]
    config["docs_dir"] = "docs"
    # The header's report links read it from extra, where the plugin puts it in a MkDocs build.
    config["extra"] = {**(config.get("extra") or {}), "kb_feedback": settings.feedback}
    (dest / "mkdocs.yml").write_text(config_yaml(
        config, "Written by python -m kunskapsbanken export-pages: the site without the kunskapsbanken plugin."),
        encoding="utf-8")
    return written


def _edit_url(config: dict, edit_path: str | None) -> str:
    """The record's edit link as MkDocs makes it for the plugin's pages (``edit_uri`` + ``../path``)."""
    repo, edit_uri = config.get("repo_url"), config.get("edit_uri")
    if not (repo and edit_uri and edit_path):
        return ""
    return urljoin(urljoin(repo.rstrip("/") + "/", edit_uri), f"../{edit_path}")


def rendered_url(src_uri: str, use_directory_urls: bool) -> str:
    from kunskapsbanken.render.urls import src_to_url

    return src_to_url(src_uri, use_directory_urls)


__all__ = ["FEED_PATHS", "export_pages", "page_markdown", "settings_from_config"]
