"""Every browser context and page in the tests goes through browser_support (issue 19): a context
opened anywhere else would not be watched, so a 404 or a script error on its pages would pass
unseen; an axe run of its own could check other rules than the one runner does."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SUPPORT = TESTS / "browser_support.py"
OPENS_A_CONTEXT = {"new_context", "launch_persistent_context"}
AXE_RUN = "axe" ".run("  # split, so this file does not match itself


def direct_browser_calls(source: str) -> list[str]:
    """The calls in ``source`` that open a context, or a page outside a context (``browser.new_page()``
    makes a context of its own); ``context.new_page()`` is fine where every context is checked."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = ast.unparse(node.func.value)
        if node.func.attr in OPENS_A_CONTEXT or (node.func.attr == "new_page" and not receiver.endswith("context")):
            found.append(f"line {node.lineno}: {receiver}.{node.func.attr}(")
    if AXE_RUN in source:
        found.append(f"text: {AXE_RUN} (use browser_support.axe_violations)")
    return found


def test_only_browser_support_opens_contexts_and_runs_axe():
    modules = [p for p in TESTS.rglob("*.py") if "node_modules" not in p.parts and p != SUPPORT]
    assert len(modules) > 40
    found = {p.relative_to(TESTS).as_posix(): calls for p in modules
             if (calls := direct_browser_calls(p.read_text(encoding="utf-8")))}
    assert not found, f"use browser_support.checked_context / checked_page / axe_violations instead: {found}"


def test_the_scan_finds_what_it_forbids():
    # Without this, a scan that matched nothing would pass every module.
    assert direct_browser_calls(SUPPORT.read_text(encoding="utf-8"))
    bad = ("page = browser.new_page()\nctx = browser.new_context(locale='sv-SE')\n"
           "p.chromium.launch_persistent_context('x')\npage.evaluate('" + AXE_RUN + "document)')\n")
    assert [c.split(": ")[1] for c in direct_browser_calls(bad)] == [
        "browser.new_page(", "browser.new_context(", "p.chromium.launch_persistent_context(",
        AXE_RUN + " (use browser_support.axe_violations)"]
    assert direct_browser_calls("with checked_context(browser) as context:\n    other = context.new_page()\n"
                                "tab = page.context.new_page()\n") == []
