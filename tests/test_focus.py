"""A keyboard user always sees where they are (issue 24): every focusable element of the page
types, at 1280 and 375 px, shows a focus ring of at least 3:1 against the background behind it
(the WCAG contrast formula, computed in Chromium from the styles the page really has); targets
that are not links in a sentence are at least 24 × 24 px; and on a record page no two links share
a name but lead to different places."""

from __future__ import annotations

import pytest
from browser_support import checked_page
from site_fixtures import read_html, resolve_href

PAGE_TYPES = ["", "kommuner/tyreso/", "projekt/kraft/", "jamforelse/", "hitta-exempel/", "jamfor/partille-tyreso/",
              "samhallsekonomi/", "rapportera/"]
"""Search has no page of its own: its results open under the header's box (measured below)."""

# For each element that can take focus and is rendered: focus it (after a Tab press, so Chromium
# treats focus as keyboard focus and :focus-visible applies), read the outline's colour, width and
# style, and compose the backgrounds under the ring on each side (the ring lies outside the
# element), with the element's and its ancestors' opacity; the lowest contrast counts.
AUDIT = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  // What lies under the ring: at a point just outside each side of the element (the ring lies
  // outside it), every element painted there, top to bottom, composed until one is opaque.
  // A positioned element such as the skip link sits on the header, not on its parent.
  const fill = stack => {
    const layers = [];
    for (const n of stack) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((col, layer) => over(layer, col), [255, 255, 255, 1]);
  };
  const behind = (el, gap) => {
    const r = el.getBoundingClientRect();
    const points = [[r.left - gap, r.top + r.height / 2], [r.right + gap, r.top + r.height / 2],
                    [r.left + r.width / 2, r.top - gap], [r.left + r.width / 2, r.bottom + gap]];
    const fills = [];
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      const stack = document.elementsFromPoint(x, y).filter(n => n !== el && !el.contains(n));
      if (stack.length) fills.push(fill(stack));
    }
    if (!fills.length) {
      const chain = [];
      for (let n = el.parentElement; n; n = n.parentElement) chain.push(n);
      fills.push(fill(chain));
    }
    return fills;
  };
  const opacity = el => { let o = 1; for (let n = el; n; n = n.parentElement) o *= parseFloat(getComputedStyle(n).opacity); return o; };
  const found = [];
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')) {
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true}) || el.closest('[hidden]')) continue;
    el.focus();
    if (document.activeElement !== el || !el.matches(':focus-visible')) continue;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const ring = parse(style.outlineColor);
    const width = style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth);
    const gap = Math.max(parseFloat(style.outlineOffset), 0) + width / 2;
    const contrast = Math.min(...behind(el, gap).map(bg =>
      width >= 2 && ring ? ratio(over([ring[0], ring[1], ring[2], ring[3] * opacity(el)], bg), bg) : 0));
    found.push({
      what: el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
            + ' ' + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40),
      contrast, width: rect.width, height: rect.height,
      // A link in a sentence or a list line is as high as its text (WCAG 2.5.8, inline exception).
      inline: style.display === 'inline',
    });
  }
  document.activeElement.blur();
  return found;
}"""


def audit(page, url: str) -> list[dict]:
    page.goto(url)
    page.keyboard.press("Tab")
    return page.evaluate(AUDIT)


@pytest.mark.parametrize("width", [1280, 375])
def test_focus_ring_contrast_and_target_size_on_every_page_type(site_url, browser, width):
    with checked_page(browser, viewport={"width": width, "height": 900}, locale="sv-SE") as page:
        for path in PAGE_TYPES:
            found = audit(page, site_url + path)
            assert len(found) > 3, path
            faint = [(f["what"], round(f["contrast"], 2)) for f in found if f["contrast"] < 3]
            assert not faint, f"{path} at {width} px: focus ring below 3:1: {faint}"
            small = [(f["what"], round(f["width"], 1), round(f["height"], 1)) for f in found
                     if not f["inline"] and (f["width"] < 24 or f["height"] < 24)]
            assert not small, f"{path} at {width} px: targets under 24 × 24 px: {small}"


def test_header_ring_is_white_and_search_results_ring_is_dark(site_url, page):
    """The ring changes with its background: measured on the header and in the white results box."""
    found = {f["what"]: f for f in audit(page, site_url)}
    tabs = [f for what, f in found.items() if what.startswith("a.md-tabs__link")]
    assert len(tabs) >= 8 and all(f["contrast"] >= 3 for f in tabs)
    page.get_by_role("searchbox").first.fill("Tyresö")
    page.locator(".kb-search__result a").first.wait_for()
    results = [f for f in page.evaluate(AUDIT) if f["what"].startswith("a.kb-search__link")]
    assert results and all(f["contrast"] >= 3 for f in results), results


def test_matrix_sort_buttons_are_finger_sized(site_url, page):
    page.goto(site_url + "jamforelse/")
    sizes = page.eval_on_selector_all("button.kb-sort", "bs => bs.map(b => [b.offsetWidth, b.offsetHeight])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def _accessible_name(link) -> str:
    return " ".join((link.get("aria-label") or link.get_text(" ")).split())


def test_no_two_links_on_a_record_page_share_a_name_but_not_a_target(built_site, knowledge_base):
    folders = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}
    bad = []
    for record in knowledge_base.records:
        url = f"{folders[record.record_type]}/{record.id}/"
        article = read_html(built_site, url).select_one("article")
        targets: dict[str, set[str]] = {}
        for link in article.select("a[href]"):
            href = link["href"]
            target = href if href.startswith(("http", "mailto:")) else resolve_href(url, href) + "#" + href.partition("#")[2]
            targets.setdefault(_accessible_name(link), set()).add(target)
        shared = {name: sorted(t) for name, t in targets.items() if len(t) > 1}
        if shared:
            bad.append((url, shared))
    assert not bad, bad


def test_every_source_link_names_its_section(built_site):
    article = read_html(built_site, "projekt/kraft/").select_one("article")
    sources = article.select(".kb-source a")
    assert len(sources) > 20
    assert all("avsnitt ”" in a.get_text() for a in sources)
    assert len({a.get_text() for a in sources}) > 5


def test_repository_link_says_what_it_is(built_site):
    link = read_html(built_site, "").select_one(".md-header a.md-source")
    name = " ".join(link.get_text(" ").split())
    assert name.startswith("kunskapsbanken") and "GitHub" in name and "källkod" in name
