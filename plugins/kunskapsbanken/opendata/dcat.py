"""A DCAT-AP-SE catalogue of the open data (RDF/XML), for Sweden's data portal to harvest.

This module decides what the catalogue says; ``templates/catalogue.rdf`` (autoescaped) writes it,
in a fixed order, so the same knowledge base gives the same file byte for byte (rdflib's
serialisers order namespaces and subjects differently from run to run). Every node has an IRI
below the site's address: no blank nodes. The tests parse the file with rdflib.
"""

from __future__ import annotations

from dataclasses import dataclass

from kunskapsbanken.opendata.datapackage import DATA_DIR, LICENCE, Table

EU = "http://publications.europa.eu/resource/authority/"
CATALOGUE_PATH = f"{DATA_DIR}/katalog.rdf"
TEMPLATE = "catalogue.rdf"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NonProfitOrganisation"
CATALOGUE_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"
"""The catalogue's own metadata: public domain, so the portal may republish it as it likes."""
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json")}
KEYWORDS = ("arbete", "funktionsnedsättning", "kommuner", "Supported Employment", "samordningsförbund")


@dataclass(frozen=True)
class Distribution:
    url: str
    file_type: str
    media_type: str
    title_sv: str
    title_en: str
    description_sv: str
    description_en: str


def distributions(base: str, tables: tuple[Table, ...]) -> list[Distribution]:
    listed = [
        (f"{DATA_DIR}/datapackage.json", "json", "Datapaket (Frictionless Data Package)",
         "Data package (Frictionless)", "Beskriver tabellerna och varje kolumn, med licens och källor.",
         "Describes the tables and every column, with licence and sources."),
        (f"{DATA_DIR}/kunskapsbanken.json", "json", "Alla poster (JSON)", "All records (JSON)",
         "Kommuner, projekt, metoder, kriterier, källor och ordlista i en fil.",
         "Municipalities, projects, methods, criteria, sources and glossary in one file."),
        *((t.path, "csv", f"{t.title_sv} (CSV)", f"{t.title_en} (CSV)", t.description_sv, t.description_en)
          for t in tables),
        (f"{DATA_DIR}/jamforelse.csv", "csv", "Jämförelsen mot kriterierna (CSV)",
         "Comparison against the criteria (CSV)", "En rad per kommun eller projekt, en kolumn per kriterium.",
         "One row per municipality or project, one column per criterion."),
        (f"{DATA_DIR}/jamforelse.json", "json", "Jämförelsen mot kriterierna (JSON)",
         "Comparison against the criteria (JSON)", "Bedömningarna med motiveringar, källor och summor.",
         "The ratings with justifications, sources and totals."),
    ]
    return [Distribution(base + path, *FORMATS[kind], *texts) for path, kind, *texts in listed]


def catalogue_context(site_url: str, *, tables: tuple[Table, ...], modified: str, contact_email: str = "",
                      contact_url: str = "") -> dict:
    """What ``templates/catalogue.rdf`` needs. ``site_url`` must be absolute: IRIs are built from it."""
    if not site_url.startswith(("http://", "https://")):
        raise ValueError("the catalogue needs an absolute site_url (mkdocs.yml) to build its IRIs")
    base = site_url if site_url.endswith("/") else site_url + "/"
    return {
        "base": base,
        "catalog": base + CATALOGUE_PATH,
        "dataset": base + f"{DATA_DIR}/#dataset",
        "publisher": base + "om/#handikappforbunden",
        "contact": base + "om/#kontakt",
        "publisher_type": PUBLISHER_TYPE,
        "contact_email": contact_email,
        "contact_url": contact_url,
        "modified": modified,
        "eu": EU,
        "catalogue_licence": CATALOGUE_LICENCE,
        "licence": LICENCE["path"],
        "keywords": KEYWORDS,
        "distributions": distributions(base, tables),
    }
