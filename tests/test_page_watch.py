"""The browser tests' watch (browser_support.checked_page) catches what it promises to catch:
a missing file, a failing script and a console error, each named. Without this, a watch that
saw nothing would pass every page."""

from __future__ import annotations

import pytest
from browser_support import checked_page, serve


@pytest.fixture
def site(tmp_path):
    (tmp_path / "ok.html").write_text('<!doctype html><html lang="sv"><title>ok</title><p>ok</p>', encoding="utf-8")
    (tmp_path / "missing.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><link rel="stylesheet" href="finns-inte.css"><p>x</p>',
        encoding="utf-8")
    (tmp_path / "console.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><script>console.error("trasigt")</script>', encoding="utf-8")
    (tmp_path / "throws.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><script>null.x</script>', encoding="utf-8")
    with serve(tmp_path) as url:
        yield url


def test_a_clean_page_passes(browser, site):
    with checked_page(browser) as page:
        page.goto(site + "ok.html")


@pytest.mark.parametrize(("name", "reported"), [
    ("missing.html", "HTTP 404: "),
    ("console.html", "console error on "),
    ("throws.html", "uncaught error: "),
])
def test_a_failure_is_reported(browser, site, name, reported):
    with pytest.raises(AssertionError) as failed:
        with checked_page(browser) as page:
            page.goto(site + name, wait_until="load")
    assert reported in str(failed.value), str(failed.value)
