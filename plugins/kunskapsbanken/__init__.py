"""Kunskapsbanken Rätt stöd till arbete: records, validation and the MkDocs plugin.

The ``data`` package (load, validate, resolve, model) knows nothing of MkDocs; the
``mkdocs_plugin`` package is a thin adapter on top of it.
"""
