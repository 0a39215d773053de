"""Open data: CSV tables, the Frictionless data package and the DCAT-AP-SE catalogue."""
