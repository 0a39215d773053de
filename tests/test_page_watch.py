"""The browser tests' watch (browser_support.checked_context / checked_page) catches what it
promises to catch: a missing file, a failing script and a console error, each named, on every page
of the context (a second tab, a popup), and lets through only the failures a test allows by name.
Without this, a watch that saw nothing would pass every page."""

from __future__ import annotations

import pytest
from browser_support import allow_failures, checked_context, checked_page, serve


@pytest.fixture
def site(tmp_path):
    (tmp_path / "ok.html").write_text('<!doctype html><html lang="sv"><title>ok</title><p>ok</p>', encoding="utf-8")
    (tmp_path / "missing.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><link rel="stylesheet" href="finns-inte.css"><p>x</p>',
        encoding="utf-8")
    (tmp_path / "console.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><script>console.error("trasigt")</script>', encoding="utf-8")
    (tmp_path / "popup.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><script>window.open("missing.html")</script>', encoding="utf-8")
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


def test_a_page_opened_later_in_the_context_is_watched_too(browser, site):
    with pytest.raises(AssertionError) as failed:
        with checked_context(browser) as context:
            context.new_page().goto(site + "ok.html")
            context.new_page().goto(site + "missing.html", wait_until="load")
    assert "HTTP 404: " in str(failed.value) and "finns-inte.css" in str(failed.value), str(failed.value)


def test_a_popup_is_watched_too(browser, site):
    with pytest.raises(AssertionError) as failed:
        with checked_page(browser) as page:
            with page.expect_popup() as popup:
                page.goto(site + "popup.html")
            popup.value.wait_for_load_state("load")
    assert "finns-inte.css" in str(failed.value), str(failed.value)


def test_an_allowed_failure_passes_and_nothing_else_does(browser, site):
    with checked_page(browser, allow=[r"/finns-inte\.css\b"]) as page:
        page.goto(site + "missing.html", wait_until="load")
    with pytest.raises(AssertionError) as failed:
        with checked_page(browser, allow=[r"/finns-inte\.css\b"]) as page:
            page.goto(site + "missing.html", wait_until="load")
            page.goto(site + "console.html", wait_until="load")
    assert "console error on " in str(failed.value) and "HTTP 404" not in str(failed.value), str(failed.value)


def test_a_failure_allowed_part_way_through_passes_from_then_on(browser, site):
    with checked_page(browser) as page:
        allow_failures(page, r"^console error on \S*/console\.html: trasigt$")
        page.goto(site + "console.html", wait_until="load")
    with pytest.raises(AssertionError) as failed:
        with checked_page(browser) as page:
            page.goto(site + "console.html", wait_until="load")
            allow_failures(page, r"^console error on \S*/console\.html: trasigt$")
    assert "trasigt" in str(failed.value), str(failed.value)
