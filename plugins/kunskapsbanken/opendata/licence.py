"""The open data's licence, written once: the JSON exports, the data package and the catalogue name it."""

URL = "https://creativecommons.org/licenses/by/4.0/"
SPDX = "CC-BY-4.0"
SHORT = "CC BY 4.0"
"""As a reader writes it; in every JSON export."""
TITLE = f"Creative Commons Erkännande 4.0 Internationell ({SHORT})"
PACKAGE_LICENCE = {"name": SPDX, "path": URL, "title": TITLE}
"""As a Frictionless data package lists it."""
