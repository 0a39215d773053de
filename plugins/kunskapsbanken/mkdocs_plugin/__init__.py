"""The MkDocs adapter: a thin layer over the data and render packages."""
