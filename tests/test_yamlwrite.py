"""data/yamlwrite.py writes every generated YAML file: what it writes reads back as the data it
was given, by our reader and by MkDocs' own (the draft and ``format`` sharing the records' house
style is tested in test_scaffold.py and test_formatting.py)."""

from __future__ import annotations

import yaml
from mkdocs.utils import yaml_load
from site_fixtures import PROJECT

from kunskapsbanken.data.slugs import ascii_slug
from kunskapsbanken.data.yamlwrite import config_yaml, front_matter
from kunskapsbanken.export import _ConfigLoader, read_config


def _blog(config: dict) -> dict:
    return next(p["blog"] for p in config["plugins"] if isinstance(p, dict) and "blog" in p)


def test_a_generated_mkdocs_yml_reads_back_as_the_configuration_it_was_made_from():
    config = read_config(PROJECT / "mkdocs.yml")
    text = config_yaml(config, "Written by the test.\nDo not edit.")
    assert text.startswith("# Written by the test.\n# Do not edit.\n")
    assert "site_name: Kunskapsbanken Rätt stöd till arbete\n" in text  # Unicode as it is
    again = yaml.load(text, Loader=_ConfigLoader)
    assert again == config and list(again) == list(config)  # same data, keys in the same order
    # MkDocs itself resolves the kept !!python/name: tag to the slug function.
    assert _blog(yaml_load(text))["categories_slugify"] is ascii_slug


def test_front_matter_keeps_any_text_as_text():
    meta = {"title": 'Kraft: "ja" # no', "description": "yes", "hide": ["toc"], "search": {"exclude": True},
            "edit_url": "", "number": "2012-09"}
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text.split("---\n")[1]) == meta
