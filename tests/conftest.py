"""Fixtures shared by the test modules (the built-site fixtures are in site_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_mini_content


@pytest.fixture
def mini_content(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini_content at ``tmp_path/content``; returns that folder.

    Validate it with ``helpers.validate(tmp_path)`` (messages then name ``content/…`` files).
    """
    return copy_mini_content(tmp_path)
