"""Target groups as a vocabulary, and "Hitta exempel" (issue 10, parts 2 and 3).

Expected results are computed here from the records themselves, with this file's own reading of
each facet, so that the site's facet code (site/facets.py) is checked, not repeated.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import parse_qs

import pytest
from browser_support import axe_violations, checked_page, describe_violations
from helpers import validate
from site_fixtures import PROJECT, read_html, resolve_href

from kunskapsbanken.site.facets import county_id

KIND_IDS = {"project": "projekt", "pilot_study": "forstudie", "permanent_activity": "permanent-verksamhet"}
STATUS_IDS = {"planned": "planerat", "ongoing": "pagar", "completed": "avslutat", "not_known": "okand"}
# The levels themselves are checked against the records in test_evidence.py.
LEVEL_IDS = {"external_evaluation": "extern-utvardering", "own_follow_up": "egen-uppfoljning",
             "results_in_words": "resultat-i-ord", "target_only": "bara-mal", "plan_only": "bara-planer",
             "nothing_reported": "inget-redovisat"}

# Words one of which a record's own text must contain for it to name the group. A necessary
# condition, not a sufficient one: each assignment was also checked by hand against the sources.
EVIDENCE = {
    "unga-vuxna": ["ung"],
    "funktionsnedsattning": ["funktionsnedsättning"],
    "psykisk-funktionsnedsattning": ["psykisk", "psykiatri", "depression"],
    "intellektuell-funktionsnedsattning": ["LSS", "utvecklingsstörning", "intellektuell"],
    "neuropsykiatrisk-funktionsnedsattning": ["neuropsykiatrisk", "autism", "asperger"],
    "daglig-verksamhet": ["daglig verksamhet", "dagliga verksamhet"],
    "forsorjningsstod": ["försörjningsstöd", "ekonomiskt bistånd"],
    "noll-placerade": ["0-placerade"],
    "sjukskrivna": ["sjukskriv", "sjukpenning", "sjukersättning"],
    "langtidsarbetslosa": ["långtidsarbetslösa"],
    "langt-fran-arbetsmarknaden": ["långt från arbetsmarknaden", "längst från arbetsmarknaden"],
    "utrikesfodda": ["utrikesfödda", "invandrare"],
    "missbruk": ["missbruk", "riskbruk"],
    "arbetsgivare-och-personal": ["arbetsgivare", "personal"],
}


# --- what the records say, read independently of the site's code --------------------------------


def _year(value):
    return int(value[:4]) if isinstance(value, str) and value[:4].isdigit() else None


def expected_values(kb, record) -> dict[str, set[str]]:
    """Facet key → this record's value ids."""
    if record.record_type == "municipality":
        places, kind, status, decades = [record], "kommun", set(), set()
    else:
        places = [kb.municipalities[m] for m in record["municipalities"]]
        kind, status = KIND_IDS[record["kind"]], {STATUS_IDS[record["status"]]}
        start = _year(record["period"]["start"])
        end = _year(record["period"]["end"]) or _year(record["status_as_of"]) or start
        decades = set() if start is None else {f"{y // 10 * 10}-talet" for y in range(start, max(start, end) + 1)}
    return {
        "kommun": {m.id for m in places},
        "lan": {county_id(m["county"]) for m in places if m["county"] != "not_known"},
        "typ": {kind},
        "status": status,
        "metod": set(record.get("methods", [])),
        "malgrupp": set(record.get("target_groups", [])),
        "kriterium": {v["criterion"] for v in record.get("criteria", []) if v["rating"] == "met"},
        "delvis": {v["criterion"] for v in record.get("criteria", []) if v["rating"] == "partly_met"},
        "period": decades,
        "evidens": {LEVEL_IDS[kb.evidence_of(record).level]},
    }


def facet_records(kb):
    return [*kb.municipalities.values(), *kb.projects.values()]


def matching(kb, chosen: dict[str, set[str]]) -> list:
    """AND across facets, OR within one."""
    return [r for r in facet_records(kb)
            if all(expected_values(kb, r)[key] & values for key, values in chosen.items() if values)]


def matching_all(kb, chosen: dict[str, set[str]], all_of: set[str] = frozenset()) -> list:
    """As matching, but a facet in ``all_of`` needs every chosen value ("alla valda")."""
    return [r for r in facet_records(kb)
            if all((values <= expected_values(kb, r)[key]) if key in all_of else (expected_values(kb, r)[key] & values)
                   for key, values in chosen.items() if values)]


def expected_count(kb, chosen: dict[str, set[str]], key: str, value: str, all_of: set[str] = frozenset()) -> int:
    """How many hits the reader gets by ticking ``value`` (for a ticked one: the hits now)."""
    after = {**chosen, key: chosen.get(key, set()) | {value}}
    return len(matching_all(kb, after, all_of))


# --- the vocabulary and the records -------------------------------------------------------------


def test_every_target_group_reference_resolves_and_is_derived_both_ways(knowledge_base):
    kb = knowledge_base
    assert len(kb.target_groups) >= 8
    named = 0
    for record in facet_records(kb):
        for group in record.get("target_groups", []):
            named += 1
            assert group in kb.target_groups, (record.file, group)
            members = kb.target_group_members[group]
            assert record in (members.municipalities if record.record_type == "municipality" else members.projects)
    assert named == sum(len(m.municipalities) + len(m.projects) for m in kb.target_group_members.values())
    assert named > 40


def test_every_assignment_is_backed_by_the_records_own_text(knowledge_base):
    unsupported = []
    for record in facet_records(knowledge_base):
        text = " ".join(str(record.get(f, "")) for f in ("target_group", "summary")).lower()
        for group in record.get("target_groups", []):
            if not any(word.lower() in text for word in EVIDENCE[group]):
                unsupported.append(f"{record.file}: {group}")
    assert not unsupported, unsupported
    assert set(EVIDENCE) == set(knowledge_base.target_groups)


def test_target_groups_stand_after_their_anchor_field(knowledge_base):
    for record in facet_records(knowledge_base):
        if "target_groups" in record.data:
            keys = list(record.data)
            anchor = "target_group" if record.record_type == "project" else "model_municipality"
            assert keys[keys.index("target_groups") - 1] == anchor, record.file


def test_unknown_target_group_fails_validate_with_file_line_and_field(tmp_path):
    project = tmp_path / "kb"
    shutil.copytree(PROJECT / "content", project / "content")
    path = project / "content" / "projects" / "kraft.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line_no = next(i for i, line in enumerate(lines) if line.startswith("target_groups:"))
    lines[line_no] = "target_groups: [forsorjningsstod, nollplacerade]\n"
    path.write_text("".join(lines), encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert re.search(rf"content/projects/kraft\.yml:{line_no + 1}:\d+: target_groups\[1\]: okänd hänvisning 'nollplacerade'",
                     output), output
    assert "Menade du 'noll-placerade'?" in output


# --- the built pages ---------------------------------------------------------------------------


def _record_hrefs(soup, page_url: str, selector: str) -> set[str]:
    return {resolve_href(page_url, a["href"]) for a in soup.select(selector)}


def _record_url(record) -> str:
    folder = {"municipality": "kommuner", "project": "projekt"}[record.record_type]
    return f"{folder}/{record.id}/"


def expected_static_pages(kb) -> dict[str, set[str]]:
    """Static page URL → the URLs of the records it must list.

    A municipality's own page and a target group's page (malgrupper/<id>/) are its facet's pages.
    """
    pages: dict[str, set[str]] = {}
    for record in facet_records(kb):
        for key, values in expected_values(kb, record).items():
            if key == "kommun":
                continue
            for value in values:
                url = f"malgrupper/{value}/" if key == "malgrupp" else f"hitta-exempel/{key}/{value}/"
                pages.setdefault(url, set()).add(_record_url(record))
    return pages


def test_static_single_facet_pages_list_exactly_the_right_records(built_site, knowledge_base):
    pages = expected_static_pages(knowledge_base)
    assert "malgrupper/unga-vuxna/" in pages and "hitta-exempel/metod/ips/" in pages
    built = {p.parent.relative_to(built_site).as_posix() + "/"
             for p in (built_site / "hitta-exempel").glob("*/*/index.html")}
    assert built == {url for url in pages if url.startswith("hitta-exempel/")}
    for url, records in pages.items():
        soup = read_html(built_site, url)
        assert _record_hrefs(soup, url, "article ul.kb-facet-list > li > a") == records, url


def test_filter_page_links_every_static_page_and_every_municipality(built_site, knowledge_base):
    url = "hitta-exempel/"
    soup = read_html(built_site, url)
    links = _record_hrefs(soup, url, "article .kb-facet-links a")
    assert set(expected_static_pages(knowledge_base)) <= links
    assert {_record_url(m) for m in knowledge_base.municipalities.values()} <= links
    # The form offers the same values, each once, with a fieldset and legend per facet.
    for fieldset in soup.select("form.kb-finder-form fieldset"):
        assert fieldset.legend and fieldset.legend.get_text(strip=True)
        for box in fieldset.select("input[type=checkbox]"):
            assert soup.find("label", attrs={"for": box["id"]})
    assert soup.select_one(".kb-finder-status")["role"] == "status"


def test_filter_data_describes_every_municipality_and_project(built_site, knowledge_base):
    data = json.loads((built_site / "hitta-exempel" / "data.json").read_text(encoding="utf-8"))
    keys = list(data["facets"])
    assert len(data["records"]) == len(facet_records(knowledge_base))
    by_url = {r[1]: r for r in data["records"]}
    for record in facet_records(knowledge_base):
        name, _url, line, values, summary = by_url[_record_url(record)]
        assert name == record.name
        assert summary and " ".join(str(record.get("summary")).split()).startswith(summary.removesuffix(" …"))
        if record.record_type == "project" and record.get("status_as_of"):
            assert line.endswith(f"enligt källa från {str(record['status_as_of'])[:4]}"), line
        expected = expected_values(knowledge_base, record)
        for key, indexes in zip(keys, values):
            assert {data["facets"][key][i] for i in indexes} == expected[key], (record.id, key)


def test_record_pages_link_their_target_groups(built_site, knowledge_base):
    for record in facet_records(knowledge_base):
        url = _record_url(record)
        soup = read_html(built_site, url)
        links = _record_hrefs(soup, url, "article .kb-target-groups a")
        links.discard("malgrupper/")
        assert links == {f"malgrupper/{g}/" for g in record.get("target_groups", [])}, url


def test_target_group_pages_list_their_records(built_site, knowledge_base):
    index = read_html(built_site, "malgrupper/")
    assert _record_hrefs(index, "malgrupper/", "article table th a") == {
        f"malgrupper/{g}/" for g in knowledge_base.target_groups}
    for group in knowledge_base.target_groups.values():
        url = f"malgrupper/{group.id}/"
        soup = read_html(built_site, url)
        expected = {_record_url(r) for r in facet_records(knowledge_base) if group.id in r.get("target_groups", [])}
        assert _record_hrefs(soup, url, "article ul.kb-facet-list > li > a") == expected, url
        assert soup.find("h1").get_text(strip=True).startswith(group.name)


def test_start_page_and_navigation_lead_to_the_filter_page(built_site):
    home = read_html(built_site, "")
    assert "hitta-exempel/" in _record_hrefs(home, "", "article a")
    assert "hitta-exempel/" in _record_hrefs(home, "", "nav a")
    for index in ("kommuner/", "projekt/"):
        assert "hitta-exempel/" in _record_hrefs(read_html(built_site, index), index, "article a"), index


# --- in Chromium ---------------------------------------------------------------------------------


def _open(page, url: str):
    page.goto(url)
    page.wait_for_selector("[data-kb-finder][data-kb-ready]")


def _state(page) -> dict:
    """The choice in the address bar (read in the page: Playwright learns of pushState later)."""
    return parse_qs(page.evaluate("location.search")[1:])


def _shown(page) -> tuple[set[str], str]:
    page.evaluate("() => { const b = document.querySelector('[data-kb-more]'); while (!b.hidden) b.click(); }")
    hrefs = page.eval_on_selector_all(".kb-finder-list a", "els => els.map(a => a.getAttribute('href'))")
    status = page.locator(".kb-finder-status").text_content()
    return {resolve_href("hitta-exempel/", h) for h in hrefs}, status


def _counts(page) -> dict[tuple[str, str], int]:
    rows = page.eval_on_selector_all(
        ".kb-finder-form input[type=checkbox]",
        "els => els.map(b => [b.name, b.value, b.parentNode.querySelector('.kb-facet-count').textContent])")
    return {(key, value): int(text.strip("()")) for key, value, text in rows}


def _combinations(kb):
    """Choices that combine facets and values within a facet, each giving a non-empty result."""
    groups = sorted(kb.target_groups, key=lambda g: -len(kb.target_group_members[g].projects))
    combos = [
        {"malgrupp": {groups[0]}},
        {"malgrupp": {groups[0], groups[1]}},
        {"malgrupp": {groups[1]}, "typ": {"projekt"}},
        {"typ": {"projekt", "forstudie"}, "status": {"avslutat"}},
    ]
    top_method = max(kb.method_users, key=lambda m: len(kb.method_users[m].projects))
    combos.append({"metod": {top_method}, "malgrupp": set(groups[:3])})
    return [c for c in combos if matching(kb, c)]


def _query(chosen: dict[str, set[str]]) -> str:
    return "?" + "&".join(f"{k}={v}" for k, values in chosen.items() for v in sorted(values))


def test_combined_facets_give_the_models_results_and_counts(site_url, page, knowledge_base):
    kb = knowledge_base
    combos = _combinations(kb)
    assert len(combos) >= 3
    for chosen in combos:
        _open(page, site_url + "hitta-exempel/" + _query(chosen))
        shown, status = _shown(page)
        expected = matching(kb, chosen)
        assert shown == {_record_url(r) for r in expected}, chosen
        assert status.startswith(f"{len(expected)} av {len(facet_records(kb))} "), status
        counts = _counts(page)
        wrong = {kv: n for kv, n in counts.items() if n != expected_count(kb, chosen, *kv)}
        assert not wrong, (chosen, wrong)


def test_clicking_updates_url_and_back_forward_restore_the_choice(site_url, page, knowledge_base):
    kb = knowledge_base
    group = max(kb.target_groups, key=lambda g: len(kb.target_group_members[g].projects))
    _open(page, site_url + "hitta-exempel/")
    all_shown, status = _shown(page)
    assert len(all_shown) == len(facet_records(kb)) and status.startswith("Alla")

    # Keyboard only: focus the box, tick it with Space.
    page.focus(f"#val-malgrupp-{group}")
    page.keyboard.press("Space")
    assert _state(page) == {"malgrupp": [group]}
    page.check("#val-typ-projekt")
    assert _state(page) == {"malgrupp": [group], "typ": ["projekt"]}
    both = {_record_url(r) for r in matching(kb, {"malgrupp": {group}, "typ": {"projekt"}})}
    assert _shown(page)[0] == both

    # The URL alone restores the state (a shared link), in another tab.
    other = page.context.new_page()
    _open(other, page.evaluate("location.href"))
    assert other.is_checked(f"#val-malgrupp-{group}") and other.is_checked("#val-typ-projekt")
    assert _shown(other)[0] == both
    other.close()

    page.go_back()
    page.wait_for_function("() => !document.querySelector('#val-typ-projekt').checked")
    assert page.is_checked(f"#val-malgrupp-{group}")
    assert _shown(page)[0] == {_record_url(r) for r in matching(kb, {"malgrupp": {group}})}
    page.go_forward()
    page.wait_for_function("() => document.querySelector('#val-typ-projekt').checked")
    assert _shown(page)[0] == both

    page.click("[data-kb-clear]")
    assert page.evaluate("location.search") == ""
    assert len(_shown(page)[0]) == len(facet_records(kb))


def test_without_javascript_the_page_is_the_list_of_static_pages(site_url, browser):
    with checked_page(browser, java_script_enabled=False) as page:
        page.goto(site_url + "hitta-exempel/")
        assert not page.is_visible(".kb-finder-form")
        assert page.locator(".kb-facet-links a").count() > 20
        page.click(".kb-facet-links a >> nth=0")
        assert page.locator("ul.kb-facet-list > li").count() >= 1


@pytest.mark.parametrize("url", ["hitta-exempel/?malgrupp=unga-vuxna", "hitta-exempel/metod/ips/",
                                 "hitta-exempel/kriterium/delaktighet/", "malgrupper/", "malgrupper/unga-vuxna/"])
def test_axe_finds_nothing(site_url, page, url):
    response = page.goto(site_url + url)
    assert response is not None and response.ok, url
    if url.startswith("hitta-exempel/?"):
        page.wait_for_selector("[data-kb-finder][data-kb-ready]")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_filter_page_fits_a_phone(site_url, browser):
    with checked_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True) as page:
        _open(page, site_url + "hitta-exempel/")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def _ordered(page) -> list[tuple[str, str]]:
    """The hits in their order, each with its "matchar k av n" text."""
    page.evaluate("() => { const b = document.querySelector('[data-kb-more]'); while (!b.hidden) b.click(); }")
    return [(resolve_href("hitta-exempel/", href), fit) for href, fit in page.eval_on_selector_all(
        ".kb-finder-list li", "els => els.map(li => [li.querySelector('a').getAttribute('href'),"
        " (li.querySelector('.kb-finder-fit') || {}).textContent || ''])")]


THREE_GROUPS = {"unga-vuxna", "psykisk-funktionsnedsattning", "forsorjningsstod"}


def test_the_three_group_question_lists_the_records_with_all_three_first(site_url, page, knowledge_base):
    """Young adults + psychiatric disability + försörjningsstöd (issue 23): with "alla valda" exactly
    the records tagged with all three; with "någon av dem" those first, then those with two."""
    kb = knowledge_base
    assert set(kb.target_groups) >= THREE_GROUPS
    have = {r: len(THREE_GROUPS & expected_values(kb, r)["malgrupp"]) for r in facet_records(kb)}
    all_three = {_record_url(r) for r, n in have.items() if n == 3}
    assert all_three, "the content has no record with all three groups: the test would prove nothing"
    chosen = {"malgrupp": THREE_GROUPS}
    _open(page, site_url + "hitta-exempel/" + _query(chosen))
    hits = _ordered(page)
    assert len(hits) == len(matching(kb, chosen))
    fits = [int(fit.split()[1]) for _, fit in hits]
    assert fits == sorted(fits, reverse=True)
    assert {url for url, fit in hits if fit.strip() == "matchar 3 av 3"} == all_three
    assert {url for url, _ in hits[:len(all_three)]} == all_three
    # "alla valda", chosen with the keyboard: exactly the records with all three.
    page.focus("#lage-malgrupp-nagon")
    page.keyboard.press("ArrowRight")
    assert _state(page)["alla"] == ["malgrupp"]
    assert {url for url, _ in _ordered(page)} == all_three
    status = page.locator(".kb-finder-status").text_content()
    assert status.startswith(f"{len(all_three)} av {len(facet_records(kb))} ")
    # Every count says what ticking it gives, in this mode: tick and compare.
    counts = _counts(page)
    wrong = {kv: n for kv, n in counts.items()
             if n != expected_count(kb, chosen, *kv, all_of={"malgrupp"})}
    assert not wrong, wrong
    for key, value in [("typ", "projekt"), ("malgrupp", "missbruk"), ("status", "avslutat")]:
        count = _counts(page)[(key, value)]
        page.check(f"#val-{key}-{value}")
        assert len(_ordered(page)) == count, (key, value)
        page.uncheck(f"#val-{key}-{value}")
    # No choice sits in a scroll box of its own.
    assert page.eval_on_selector_all(".kb-facet ul", "els => els.filter(e => e.scrollHeight > e.clientHeight + 1).length") == 0


def test_on_a_phone_the_hit_count_stays_in_view_after_a_tap(site_url, browser, knowledge_base):
    with checked_page(browser, viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True) as page:
        _open(page, site_url + "hitta-exempel/")
        box = page.locator("#val-malgrupp-forsorjningsstod")
        box.scroll_into_view_if_needed()
        box.tap()
        expected = len(matching(knowledge_base, {"malgrupp": {"forsorjningsstod"}}))
        show = page.locator("[data-kb-show]")
        assert show.text_content() == f"Visa {expected} träffar"
        assert page.evaluate("""() => { const r = document.querySelector('[data-kb-show]').getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight && r.height > 0; }""")
        show.tap()
        page.wait_for_function("document.activeElement && document.activeElement.id === 'resultat'")
        assert page.evaluate("""() => { const r = document.querySelector('.kb-finder-list li').getBoundingClientRect();
            return r.top >= 0 && r.top < innerHeight; }""")
