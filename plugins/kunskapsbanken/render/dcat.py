"""A DCAT-AP-SE catalogue of the open data (RDF/XML), for Sweden's data portal to harvest.

Written with rdflib, never by hand. Every node has an IRI below the site's address (no blank
nodes), so the same knowledge base gives the same file byte for byte.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from kunskapsbanken.render.datapackage import DATA_DIR, LICENCE, Table

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
CATALOGUE_PATH = f"{DATA_DIR}/katalog.rdf"
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/NonProfitOrganisation")
CATALOGUE_LICENCE = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
"""The catalogue's own metadata: public domain, so the portal may republish it as it likes."""
FORMATS = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json"),
           "rdf": ("RDF_XML", "application/rdf+xml")}


def _texts(graph: Graph, subject, predicate, sv: str, en: str) -> None:
    graph.add((subject, predicate, Literal(sv, lang="sv")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def catalogue(site_url: str, *, tables: tuple[Table, ...], modified: str, contact_email: str = "",
              contact_url: str = "") -> str:
    """The catalogue as RDF/XML. ``site_url`` must be absolute: IRIs are built from it."""
    if not site_url.startswith(("http://", "https://")):
        raise ValueError("the catalogue needs an absolute site_url (mkdocs.yml) to build its IRIs")
    base = site_url if site_url.endswith("/") else site_url + "/"
    graph = Graph()
    graph.bind("dcat", DCAT)
    graph.bind("dcterms", DCTERMS)
    graph.bind("foaf", FOAF)
    graph.bind("vcard", VCARD)

    catalog = URIRef(base + CATALOGUE_PATH)
    dataset = URIRef(base + f"{DATA_DIR}/#dataset")
    publisher = URIRef(base + "om/#handikappforbunden")
    contact = URIRef(base + "om/#kontakt")
    date = Literal(modified, datatype=XSD.date)

    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, RDF.type, FOAF.Agent))
    _texts(graph, publisher, FOAF.name, "Handikappförbunden", "The Swedish Disability Federation")
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE))

    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal("Kunskapsbanken Rätt stöd till arbete, Handikappförbunden", lang="sv")))
    if contact_email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email}")))
    if contact_url:
        graph.add((contact, VCARD.hasURL, URIRef(contact_url)))

    graph.add((catalog, RDF.type, DCAT.Catalog))
    _texts(graph, catalog, DCTERMS.title, "Kunskapsbanken Rätt stöd till arbete – öppna data",
           "Knowledge bank Right support to work – open data")
    _texts(graph, catalog, DCTERMS.description,
           "Katalog över kunskapsbankens öppna data om hur kommuner hjälper personer med funktionsnedsättning "
           "till arbete.",
           "Catalogue of the knowledge bank's open data on how municipalities help people with disabilities "
           "into work.")
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, FOAF.homepage, URIRef(base)))
    graph.add((catalog, DCTERMS.language, URIRef(EU + "language/SWE")))
    graph.add((catalog, DCTERMS.license, CATALOGUE_LICENCE))
    graph.add((catalog, DCTERMS.modified, date))
    graph.add((catalog, DCAT.dataset, dataset))

    graph.add((dataset, RDF.type, DCAT.Dataset))
    _texts(graph, dataset, DCTERMS.title, "Kunskapsbanken Rätt stöd till arbete",
           "Knowledge bank Right support to work")
    _texts(graph, dataset, DCTERMS.description,
           "Fem modellkommuner och projekten i Finsam Lund: hur de arbetar för att personer med "
           "funktionsnedsättning ska få arbete på den öppna arbetsmarknaden, bedömda mot tio kriterier, med "
           "resultat i siffror och källa vid varje uppgift.",
           "Five model municipalities and the projects of Finsam Lund: how they work to get people with "
           "disabilities into ordinary jobs, rated against ten criteria, with results as figures and a source "
           "for every fact.")
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((dataset, DCAT.contactPoint, contact))
    graph.add((dataset, DCAT.landingPage, URIRef(base + "oppna-data/")))
    graph.add((dataset, DCTERMS.language, URIRef(EU + "language/SWE")))
    graph.add((dataset, DCTERMS.spatial, URIRef(EU + "country/SWE")))
    graph.add((dataset, DCAT.theme, URIRef(EU + "data-theme/SOCI")))
    graph.add((dataset, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC")))
    graph.add((dataset, DCTERMS.modified, date))
    for word in ("arbete", "funktionsnedsättning", "kommuner", "Supported Employment", "samordningsförbund"):
        graph.add((dataset, DCAT.keyword, Literal(word, lang="sv")))

    distributions = [
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
    for path, kind, title_sv, title_en, description_sv, description_en in distributions:
        node = URIRef(base + path + "#distribution")
        file_type, media_type = FORMATS[kind]
        graph.add((dataset, DCAT.distribution, node))
        graph.add((node, RDF.type, DCAT.Distribution))
        _texts(graph, node, DCTERMS.title, title_sv, title_en)
        _texts(graph, node, DCTERMS.description, description_sv, description_en)
        graph.add((node, DCAT.accessURL, URIRef(base + path)))
        graph.add((node, DCAT.downloadURL, URIRef(base + path)))
        graph.add((node, DCTERMS.format, URIRef(EU + "file-type/" + file_type)))
        graph.add((node, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media_type)))
        graph.add((node, DCTERMS.license, URIRef(LICENCE["path"])))
        graph.add((node, DCTERMS.modified, date))
    return graph.serialize(format="pretty-xml")
