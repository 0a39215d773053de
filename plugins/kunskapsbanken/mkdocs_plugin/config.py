from mkdocs.config import base
from mkdocs.config import config_options as c


class KunskapsbankenConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """Folder with the YAML records, relative to mkdocs.yml."""
    schema_dir = c.Type(str, default="schema")
    """Folder with the JSON Schemas, relative to mkdocs.yml; also published at /schema/."""
    templates_dir = c.Optional(c.Type(str))
    """Optional folder whose templates override the plugin's page templates."""
    publish_schemas = c.Type(bool, default=True)
    open_data_contact_email = c.Type(str, default="")
    """E-mail address of the open data's contact point in the DCAT catalogue (data/katalog.rdf)."""
