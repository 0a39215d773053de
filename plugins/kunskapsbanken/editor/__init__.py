"""The web editor: Decap CMS configuration derived from the JSON Schemas."""
