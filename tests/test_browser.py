"""Quality gates in a real browser (issue 5): axe-core WCAG 2.1 AA on every page, keyboard use,
no off-site requests, screenshots. Every page any test opens must load without a failed request
(status 400 or more) and without a console error (issue 14; browser_support.checked_page).
Uses Debian's chromium; never downloads a browser."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_support import SCREENSHOT_DIR, axe_violations, checked_page, page_urls


def guard_requests(page, site_url: str) -> list[str]:
    """Abort and record every request that would leave 127.0.0.1."""
    off_site: list[str] = []
    host = urlparse(site_url).netloc

    def handle(route):
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob") or parsed.netloc == host:
            route.continue_()
        else:
            off_site.append(url)
            route.abort()

    page.route("**/*", handle)
    return off_site


def test_every_page_passes_axe_and_stays_on_site(built_site, site_url, page):
    # The web editor at admin/ is an application, not a page of the site: test_editor.py runs axe
    # on its screens, against its local backend.
    urls = [u for u in page_urls(built_site) if not u.startswith("admin/")]
    assert len(urls) > 20
    off_site = guard_requests(page, site_url)
    failures = []
    for url in urls:
        response = page.goto(site_url + url, wait_until="load")
        assert response is not None and response.ok or url == "404.html", url
        for violation in axe_violations(page):
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
            failures.append(f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    assert not failures, "axe-core violations:\n" + "\n".join(failures)
    assert not off_site, "requests that left 127.0.0.1:\n" + "\n".join(sorted(set(off_site)))


# Only what is rendered can take focus: not a link in a closed <details> (its summary can), nor
# the phone-only contents list on a wide screen.
MARK_FOCUSABLE = """() => Array.from(document.querySelectorAll(
    'article a[href], article [tabindex="0"], article button, article select, article input, article summary'))
    .filter(el => el.checkVisibility())
    .map((el, i) => { el.dataset.kbOrder = String(i); return String(i); })"""


def _tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab until focus returns to the start; describe each focused element."""
    stops = []
    page.keyboard.press("Tab")
    for _ in range(limit):
        info = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const rect = el.getBoundingClientRect();
            return {
              tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), role: el.getAttribute('role'),
              label: el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') &&
                     document.getElementById(el.getAttribute('aria-labelledby'))?.textContent) || '',
              text: (el.textContent || '').trim().slice(0, 60),
              inMain: !!el.closest('article'), cls: el.className || '',
              outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
              shadow: style.boxShadow !== 'none',
              visible: rect.width > 0 && rect.height > 0,
              order: el.dataset.kbOrder ?? null,
              key: el.dataset.kbOrder ?? (el.tagName + (el.id || '') + (el.getAttribute('href') || '') + (el.className || '')),
            };
        }""")
        if info is None or (stops and info["key"] == stops[0]["key"]):
            break
        stops.append(info)
        page.keyboard.press("Tab")
    return stops


def test_keyboard_reaches_every_matrix_link_in_order_with_visible_focus(site_url, page):
    page.goto(site_url + "jamforelse/")
    expected = page.evaluate(MARK_FOCUSABLE)
    stops = _tab_through(page)
    in_article = [s for s in stops if s["inMain"]]
    assert [s["order"] for s in in_article] == expected, "matrix page: tab order differs from reading order"
    regions = [s for s in in_article if s["role"] == "region"]
    assert regions and all(r["label"].strip() for r in regions), "matrix scroll region not focusable/named"
    assert all(s["visible"] for s in in_article)
    assert all(s["outline"] or s["shadow"] for s in in_article), [s["key"] for s in in_article
                                                                   if not (s["outline"] or s["shadow"])]


def test_keyboard_on_a_record_page(site_url, page, knowledge_base):
    municipality = next(iter(knowledge_base.model_municipalities()))
    page.goto(site_url + f"kommuner/{municipality.id}/")
    expected = page.evaluate(MARK_FOCUSABLE)
    stops = _tab_through(page, limit=800)
    in_article = [s for s in stops if s["inMain"]]
    assert [s["order"] for s in in_article] == expected
    assert all(s["outline"] or s["shadow"] for s in in_article)
    # The skip link comes first, so keyboard users can jump past the header.
    assert stops[0]["href"] == "#kunskapsbanken-ratt-stod-till-arbete" or "md-skip" in stops[0]["cls"]


def test_matrix_is_cards_on_a_phone(site_url, browser):
    """At 375 px the matrix is one card per row with its ten verdicts: nothing scrolls sideways."""
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        page.goto(site_url + "jamforelse/")
        page_overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        region = page.eval_on_selector(".kb-matrix-wrap", "el => [el.scrollWidth, el.clientWidth]")
        display = page.eval_on_selector("table.kb-matrix tbody tr", "tr => getComputedStyle(tr).display")
    assert page_overflow <= 1, "the page itself scrolls sideways on a phone"
    assert region[0] <= region[1], "the matrix still scrolls sideways"
    assert display == "grid"


def test_matrix_works_without_javascript_and_prints(site_url, browser):
    with checked_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + "jamforelse/")
        rows = page.locator("table.kb-matrix tbody tr").count()
        page.emulate_media(media="print")
        header_hidden = page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).display")
        overflow = page.evaluate("() => getComputedStyle(document.querySelector('.kb-matrix-wrap')).overflowX")
        pdf = page.pdf(format="A4", landscape=True)
    assert rows >= 5
    assert header_hidden == "none" and overflow == "visible"
    assert pdf[:4] == b"%PDF"


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(site_url, browser, knowledge_base, width):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    municipality = next(iter(knowledge_base.model_municipalities()))
    with checked_page(browser, viewport={"width": width, "height": 900}) as page:
        for name, url in (("start", ""), ("kommun", f"kommuner/{municipality.id}/"), ("jamforelse", "jamforelse/")):
            page.goto(site_url + url)
            path = SCREENSHOT_DIR / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True, animations="disabled")
            assert path.stat().st_size > 5000


def test_matrix_cells_show_symbol_and_word(site_url, page):
    """Never colour alone: each cell shows its rating's symbol (drawn by CSS) and its word."""
    from kunskapsbanken.render import labels

    page.goto(site_url + "jamforelse/")
    cells = page.eval_on_selector_all(
        "table.kb-matrix td[class^='c-']",
        "els => els.map(td => [td.className, getComputedStyle(td, '::before').content, td.textContent])")
    assert cells
    by_code = {code: (symbol, short) for _, short, symbol, code in labels.RATINGS.values()}
    for class_name, before, text in cells:
        symbol, short = by_code[class_name[2:]]
        assert symbol in before and text == short, (class_name, before, text)


def test_index_table_filter_keeps_rows_with_every_word(site_url, page, knowledge_base):
    """The filter above the project index narrows the table and says how many rows it shows."""
    municipality = max(knowledge_base.municipalities.values(),
                       key=lambda m: len(knowledge_base.projects_by_municipality[m.id]))
    expected = sorted(p.name for p in knowledge_base.projects_by_municipality[municipality.id])
    page.goto(site_url + "projekt/")
    field = page.get_by_label("Filtrera tabellen")
    field.fill(municipality.name.lower())
    rows = page.eval_on_selector_all("table.kb-index tbody tr:not([hidden])",
                                     "els => els.map(e => [e.querySelector('th').textContent, e.textContent])")
    assert set(expected) <= {name for name, _ in rows}
    assert all(municipality.name.lower() in text.lower() for _, text in rows)
    assert len(rows) < len(knowledge_base.projects)
    status = page.locator(".kb-filter__status")
    assert status.get_attribute("role") == "status"
    assert status.text_content() == f"Visar {len(rows)} av {len(knowledge_base.projects)} rader."
    field.fill("")
    assert page.locator("table.kb-index tbody tr:not([hidden])").count() == len(knowledge_base.projects)
