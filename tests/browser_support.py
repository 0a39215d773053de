"""Serving the built site on 127.0.0.1 and driving Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "tests" / "browser" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOT_DIR = ROOT / "test-output" / "screenshots"


def site_path_prefix(project: Path) -> str:
    """The path of ``site_url`` in mkdocs.yml (e.g. ``/kunskapsbanken/``): the 404 page uses it."""
    match = re.search(r"^site_url:\s*(\S+)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlparse(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path):
        # Serve the site under the same path as in production, so absolute links work too.
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextlib.contextmanager
def serve(directory: Path, prefix: str = "/"):
    """Serve ``directory`` at ``prefix`` on a free port of 127.0.0.1; yields the site's base URL."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"prefix": prefix}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


class PageWatch:
    """What went wrong on the pages it watches: responses of 400 or more, requests that failed and
    console errors (including uncaught exceptions). Attach with :func:`watch_page` or
    :meth:`watch`; end with :meth:`assert_clean`.

    ``allow`` is a list of regular expressions for failures a test provokes on purpose (say, a
    fetch that fails to show its message): a report that one matches (re.search; each report
    names the URL, and a failed load is reported twice: its status and Chromium's console line)
    is not counted. Keep each as narrow as the one failure it is for, with a comment on why."""

    def __init__(self, page=None, *, allow=()):
        self.failures: list[str] = []
        self.allow = [re.compile(pattern) for pattern in allow]
        if page is not None:
            self.watch(page)

    def watch(self, page) -> None:
        page.on("response", self._response)
        page.on("requestfailed", self._request_failed)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._fail(f"uncaught error: {error}"))

    def watch_context(self, context) -> None:
        """Every page of ``context``, from its first request: a popup's own "page" event can come
        after the popup has loaded its stylesheets, so listening per page missed them."""
        context.on("response", self._response)
        context.on("requestfailed", self._request_failed)
        context.on("console", self._console)
        context.on("weberror", lambda web_error: self._fail(f"uncaught error: {web_error.error}"))

    def _fail(self, failure: str) -> None:
        if not any(pattern.search(failure) for pattern in self.allow):
            self.failures.append(failure)

    def _response(self, response) -> None:
        if response.status >= 400:
            self._fail(f"HTTP {response.status}: {response.url} (requested by {response.frame.url})")

    def _request_failed(self, request) -> None:
        # Off-site requests fail here by design (no network); test_browser reports them on their own.
        # ERR_ABORTED is a request the browser cancelled itself, e.g. a script still loading when
        # the test moved on to the next page: nothing failed on the site.
        if request.failure != "net::ERR_ABORTED" and urlparse(request.url).netloc == urlparse(request.frame.url).netloc:
            self._fail(f"request failed ({request.failure}): {request.url}")

    def _console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self._fail(f"console error on {where}: {message.text}")

    def assert_clean(self) -> None:
        assert not self.failures, "failed requests or console errors:\n" + "\n".join(dict.fromkeys(self.failures))


def watch_page(page, *, allow=()) -> PageWatch:
    """Record every failed request and console error of ``page`` from now on (see PageWatch)."""
    return PageWatch(page, allow=allow)


@contextlib.contextmanager
def checked_context(browser, *, allow=(), **context_options):
    """A new browser context whose every page (opened with ``context.new_page()``, a popup, a
    link to a new tab) is watched; when the block ends without error, no request may have failed
    and no console error may have occurred on any of them. ``allow``: see PageWatch. The only
    place the tests open a context (test_browser_support_only checks)."""
    context = browser.new_context(**context_options)
    watch = _WATCHES[context] = PageWatch(allow=allow)
    watch.watch_context(context)
    try:
        yield context
        watch.assert_clean()
    finally:
        del _WATCHES[context]
        context.close()


_WATCHES: dict = {}
"""The watch of each open checked context (Playwright hands out one object per context)."""


def allow_failures(page, *patterns: str) -> None:
    """From now on, let the failures ``patterns`` match pass on ``page``'s checked context: for a
    failure a test provokes only part way through (see PageWatch on ``allow``)."""
    _WATCHES[page.context].allow += [re.compile(pattern) for pattern in patterns]


@contextlib.contextmanager
def checked_page(browser, *, allow=(), **context_options):
    """A new page in its own checked context (see checked_context)."""
    with checked_context(browser, allow=allow, **context_options) as context:
        yield context.new_page()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
"""The rules axe checks: WCAG 2.1 A and AA."""


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now (the one axe runner)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS)["violations"]


def describe_violations(violations: list[dict]) -> list[tuple[str, list]]:
    """(rule, first three elements) per violation: short enough for an assertion message."""
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built site, as a site-relative URL."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls
