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
    feedback_address = c.Type(str, default="")
    """Where readers report errors and accessibility problems without an account: an e-mail
    address, or the https address of a web form. Shown on every page and on the report page
    (rapportera/); when empty, only the GitHub forms are offered."""
    open_data_contact_email = c.Type(str, default="")
    """E-mail address of the open data's contact point in the DCAT catalogue (data/katalog.rdf)."""
    editor = c.Type(bool, default=True)
    """Build the web editor (Decap CMS) at /admin/, its configuration generated from the schemas."""
    editor_branch = c.Type(str, default="main")
    """The branch the editor's pull requests go to; the repository itself comes from ``repo_url``."""
    editor_auth_url = c.Optional(c.Type(str))
    """Address of the OAuth proxy that logs editors in to GitHub (see docs/bidra.md)."""
    editor_local_port = c.Type(int, default=8081)
    """Port of ``decap-server`` (``make edit``) for editing a local clone without GitHub."""
    editor_local_backend = c.Type(bool, default=False)
    """Point the editor at ``decap-server`` on 127.0.0.1 too. Only for a local build: ``make edit``
    sets it through the environment (KB_EDITOR_LOCAL=1); the published editor never calls the
    visitor's own machine."""
