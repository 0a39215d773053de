"""Turning the model into HTML pages: page list, URLs, Jinja templates, safe Markdown.

Nothing here imports MkDocs, so another generator could use the same pages.
"""
