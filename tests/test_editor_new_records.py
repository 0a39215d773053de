"""A new record of every kind made with the web editor's form alone (issue 20).

As a federation editor without git or YAML would: Decap CMS in Chromium against its local backend
(``decap-server`` in git mode, the fixtures of test_editor.py), a new record filled in with only
what the form asks for, choosing municipalities, source documents and sections from the choices
offered and writing or ticking "okänt" where the sources are silent. Saved as the editorial
workflow's branch ``cms/<collection>/<id>``, the branch then passes what the pull request's check
runs (``format --check``, ``validate``) and ``mkdocs build --strict``, and the built site shows
the new record. The file written is compared whole: nothing the editor left untouched (an empty
optional group, a list or checkbox only defaulted) is in it, and every required key is.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml
import test_editor
from site_fixtures import mkdocs_build, read_html
from test_editor import _checkout_and_format, _field, _git, _retype, _save_and_wait, expect_refused_saves

# test_editor.py's fixtures: a git copy of the project with decap-server on it and its site built
# (one per module), and a logged-in editor page that may not leave 127.0.0.1.
editor_env = test_editor.editor_env
editor = test_editor.editor

MODELINE = "# yaml-language-server: $schema=../../schema/{kind}.schema.json\n"
SOURCE_TITLE = "Rätt stöd till arbete – rapport om fem modellkommuner"
"""content/sources.yml's title of rss-rapport-2012, as the form offers it."""


def _pick(page, label: str, text: str, index: int = 0) -> None:
    """Choose ``text`` in a select or relation field, as a keyboard user does: type, wait until the
    choice is offered, Enter."""
    _field(page, label, index).click()
    page.keyboard.type(text)
    page.locator("[id*='-option-']").filter(has_text=text).first.wait_for()
    page.keyboard.press("Enter")


def _count(page, label: str) -> int:
    return page.locator("label").filter(has_text=re.compile(rf"^{re.escape(label)}( \(frivillig\))?$")).count()


def _add_source(page, list_button: str, section: str) -> None:
    """Add an item to the list whose button is ``list_button`` and choose its source reference
    (the newest item's «Källdokument» and «Avsnitt» are the last ones on the form)."""
    page.get_by_role("button", name=list_button, exact=True).click()
    page.wait_for_timeout(300)
    last = _count(page, "Källdokument") - 1
    _pick(page, "Källdokument", SOURCE_TITLE, last)
    _pick(page, "Avsnitt", section, last)


def _today_window() -> set[str]:
    """Today's date, and tomorrow's in case midnight passes during the test."""
    today = datetime.date.today()
    return {today.isoformat(), (today + datetime.timedelta(days=1)).isoformat()}


def _new_file(repo: Path, branch: str, path: str, kind: str) -> dict:
    """The branch's one change is the new file ``path``, which starts with the schema modeline."""
    assert _git(repo, "diff", "--name-status", "main", branch).split() == ["A", path]
    text = (repo / path).read_text(encoding="utf-8")
    assert text.startswith(MODELINE.format(kind=kind)), text
    return yaml.safe_load(text)


def _build(repo: Path, name: str) -> Path:
    site = repo.parent / name
    result = mkdocs_build(repo, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _heading(site: Path, url: str) -> str:
    heading = read_html(site, url).select_one("h1")
    for permalink in heading.select(".headerlink"):
        permalink.decompose()
    return heading.get_text(" ", strip=True)


def test_a_new_project_made_in_the_form_alone_is_valid_and_builds(editor, editor_env):
    repo, page = editor_env["repo"], editor
    branch, path = "cms/projects/stod-i-tyreso", "content/projects/stod-i-tyreso.yml"
    page.goto(editor_env["url"] + "admin/#/collections/projects/new")
    expect_refused_saves(page)
    _field(page, "Id").wait_for()
    _field(page, "Id").fill("stod-i-tyreso")
    _field(page, "Namn").fill("Stöd i Tyresö")
    _pick(page, "Typ", "Projekt")
    _pick(page, "Kommuner", "Tyresö")
    _field(page, "Sammanfattning").fill("Ett projekt för personer med funktionsnedsättning i Tyresö.")
    _field(page, "Lättläst").fill("Det här är ett projekt i Tyresö. Det ger stöd till personer som vill ha ett jobb.")
    _field(page, "Projektägare").fill("okänt")
    _field(page, "Start").fill("okänt")
    _field(page, "Slut").fill("okänt")
    _pick(page, "Status", "Okänd status")
    _field(page, "Status enligt källa från").fill("2012")
    _pick(page, "Implementering", "Okänt om det infördes")
    _field(page, "Beskrivning", 0).fill("okänt")
    _field(page, "Målgrupp").fill("okänt")
    _field(page, "Resultat i text").fill("okänt")
    _add_source(page, "Lägg till framgångsfaktorer", "Tyresö – Samverkan")
    _field(page, "Text", 0).fill("Kommunen och Arbetsförmedlingen arbetar tillsammans.")
    _add_source(page, "Lägg till källor", "Tyresö – Samverkan")
    # Left as the form offers them: «Arbetsgång» and its «Källhänvisning», the lists, «Uppdaterad».
    # «Samarbetspartner» and «Finansiärer» left unanswered are asked for, not saved as empty lists.
    page.get_by_role("button", name="Spara", exact=True).click()
    notice = page.get_by_text("Posten sparades inte", exact=False).first
    notice.wait_for(timeout=10000)
    asked = notice.inner_text()
    for group in ("Samarbetspartner", "Finansiärer"):
        assert f"«{group}»: måste fyllas i. Kryssa i Okänt om källorna inte säger något." in asked, asked
    assert "Arbetsgång" not in asked and not _git(repo, "branch", "--list", branch).strip(), asked
    notice.click()  # closes the notice, as a click on any of Decap's notices does
    notice.wait_for(state="detached")
    _field(page, "Okänt", 0).check()  # Samarbetspartner
    _field(page, "Okänt", 1).check()  # Finansiärer
    _save_and_wait(page, repo, branch)
    _checkout_and_format(repo, branch)
    try:
        data = _new_file(repo, branch, path, "project")
        assert data.pop("updated") in _today_window()
        source = {"document": "rss-rapport-2012", "section": "Tyresö – Samverkan"}
        assert data == {
            "id": "stod-i-tyreso", "name": "Stöd i Tyresö", "kind": "project", "municipalities": ["tyreso"],
            "summary": "Ett projekt för personer med funktionsnedsättning i Tyresö.",
            "easy_read": "Det här är ett projekt i Tyresö. Det ger stöd till personer som vill ha ett jobb.",
            "owner": "not_known", "partners": "not_known", "funders": "not_known",
            "period": {"start": "not_known", "end": "not_known"}, "status": "not_known", "status_as_of": "2012",
            "implementation": {"status": "not_known", "text": "not_known"}, "target_group": "not_known",
            "goals": [], "methods": [], "participants": [], "results": {"text": "not_known"},
            "success_factors": [{"text": "Kommunen och Arbetsförmedlingen arbetar tillsammans.", "source": source}],
            "obstacles": [], "evaluations": [], "sources": [source],
        }
        site = _build(repo, "site-new-project")
        assert _heading(site, "projekt/stod-i-tyreso/").startswith("Stöd i Tyresö")
        tyreso = read_html(site, "kommuner/tyreso/")
        assert any(a.get_text(" ", strip=True).startswith("Stöd i Tyresö") for a in tyreso.select("a[href*='stod-i-tyreso']"))
    finally:
        _git(repo, "checkout", "-q", "-f", "main")


def _source(page, index: int, section: str) -> None:
    """The ``index``-th source reference on the form: the document, then one of its sections."""
    _pick(page, "Källdokument", SOURCE_TITLE, index)
    _pick(page, "Avsnitt", section, index)


def test_a_new_municipality_made_in_the_form_alone_is_valid_and_builds(editor, editor_env):
    repo, page = editor_env["repo"], editor
    branch, path = "cms/municipalities/testby", "content/municipalities/testby.yml"
    page.goto(editor_env["url"] + "admin/#/collections/municipalities/new")
    _field(page, "Id").wait_for()
    _field(page, "Id").fill("testby")
    _field(page, "Namn").fill("Testby")
    _field(page, "Län eller landskap").fill("okänt")
    _field(page, "Antal").fill("okänt")  # Invånare
    _pick(page, "Precision", "exakt")
    _field(page, "År").fill("okänt")
    _source(page, 0, "Tyresö – Samverkan")  # the population's
    _field(page, "Sammanfattning").fill("Testby samordnar stödet till personer med funktionsnedsättning.")
    _field(page, "Lättläst").fill("Testby hjälper personer som vill ha ett jobb.")
    _field(page, "Okänt", 0).check()  # Största arbetsgivare; its optional source (1) stays empty
    _field(page, "Beskrivning", 0).fill("Kommunen och Arbetsförmedlingen samordnar stödet.")  # Samordning
    _source(page, 2, "Tyresö – Samverkan")
    page.get_by_role("button", name="Lägg till steg", exact=True).click()
    _field(page, "Steg", 1).fill("Kartläggning")  # 0 is the list's own label
    _field(page, "Beskrivning", 1).fill("Personen och handläggaren går igenom vad personen vill göra.")
    _source(page, 3, "Tyresö – Samverkan")  # the process's
    _field(page, "Resultat i text").fill("okänt")
    _add_source(page, "Lägg till källor", "Tyresö – Samverkan")
    # Left as offered: «Modellkommun» unticked, the results' optional source, the lists, «Uppdaterad».
    _save_and_wait(page, repo, branch)
    _checkout_and_format(repo, branch)
    try:
        data = _new_file(repo, branch, path, "municipality")
        assert data.pop("updated") in _today_window()
        source = {"document": "rss-rapport-2012", "section": "Tyresö – Samverkan"}
        assert data == {
            "id": "testby", "name": "Testby", "county": "not_known",
            "population": {"value": "not_known", "qualifier": "exakt", "year": "not_known", "source": source},
            "model_municipality": False,
            "summary": "Testby samordnar stödet till personer med funktionsnedsättning.",
            "easy_read": "Testby hjälper personer som vill ha ett jobb.",
            "largest_employers": "not_known",
            "coordination": {"text": "Kommunen och Arbetsförmedlingen samordnar stödet.", "source": source},
            "methods": [],
            "process": {"steps": [{"title": "Kartläggning",
                                   "text": "Personen och handläggaren går igenom vad personen vill göra."}],
                        "source": source},
            "results": {"text": "not_known"}, "success_factors": [], "obstacles": [], "criteria": [],
            "sources": [source],
        }
        site = _build(repo, "site-new-municipality")
        assert _heading(site, "kommuner/testby/").startswith("Testby")
        listing = read_html(site, "kommuner/")
        assert listing.select("a[href*='testby']"), "the municipality list does not link the new municipality"
    finally:
        _git(repo, "checkout", "-q", "-f", "main")


def test_a_new_method_made_in_the_form_alone_is_valid_and_builds(editor, editor_env):
    repo, page = editor_env["repo"], editor
    branch, path = "cms/methods/stegvis-stod", "content/methods/stegvis-stod.yml"
    page.goto(editor_env["url"] + "admin/#/collections/methods/new")
    _field(page, "Id").wait_for()
    _field(page, "Id").fill("stegvis-stod")
    _field(page, "Namn").fill("Stegvis stöd")
    _field(page, "Beskrivning").fill("Stöd i steg från kartläggning till arbete.")
    _field(page, "Lättläst").fill("Du får hjälp ett steg i taget. Till sist får du ett jobb.")
    _add_source(page, "Lägg till källor", "Tyresö – Samverkan")
    _save_and_wait(page, repo, branch)
    _checkout_and_format(repo, branch)
    try:
        data = _new_file(repo, branch, path, "method")
        assert data.pop("updated") in _today_window()
        assert data == {
            "id": "stegvis-stod", "name": "Stegvis stöd",
            "description": "Stöd i steg från kartläggning till arbete.",
            "easy_read": "Du får hjälp ett steg i taget. Till sist får du ett jobb.",
            "sources": [{"document": "rss-rapport-2012", "section": "Tyresö – Samverkan"}],
        }
        site = _build(repo, "site-new-method")
        assert _heading(site, "metoder/stegvis-stod/").startswith("Stegvis stöd")
    finally:
        _git(repo, "checkout", "-q", "-f", "main")


def test_a_new_glossary_term_made_in_the_form_alone_is_valid_and_builds(editor, editor_env):
    """A vocabulary is one list: the new term is added at its end, with nothing but what was
    filled in (no empty «Skrivs också», no empty «Källhänvisning»), and every other line is kept.
    A term already in the list is refused before saving."""
    repo, page = editor_env["repo"], editor
    branch, path = "cms/glossary/glossary", "content/glossary.yml"
    page.goto(editor_env["url"] + "admin/#/collections/glossary/entries/glossary")
    expect_refused_saves(page)
    page.get_by_role("button", name="Spara", exact=True).wait_for()
    terms = re.compile(r"^Förkortning eller begrepp$")
    page.locator("label").filter(has_text=terms).first.wait_for()
    before = page.locator("label").filter(has_text=terms).count()
    page.get_by_role("button", name="Lägg till ordlista", exact=True).click()
    page.locator("label").filter(has_text=terms).nth(before).wait_for()
    term = _field(page, "Förkortning eller begrepp", before)
    term.fill("sius")  # already in the list (as SIUS): refused before saving, in Swedish
    _field(page, "Utskrivet", before).fill("Testbyns stöd till arbete")
    _field(page, "Lättläst förklaring", before).fill("Ett stöd i Testby för dig som vill ha ett jobb.")
    page.get_by_role("button", name="Spara", exact=True).click()
    notice = page.get_by_text("Posten sparades inte", exact=False).first
    notice.wait_for(timeout=10000)
    assert f"rad {before + 1} › Förkortning eller begrepp»: «sius» står redan i listan" in notice.inner_text()
    assert not _git(repo, "branch", "--list", branch).strip()
    notice.click()
    notice.wait_for(state="detached")
    _retype(term, "TSB")
    _save_and_wait(page, repo, branch)
    _checkout_and_format(repo, branch)
    try:
        assert _git(repo, "diff", "--name-only", "main", branch).split() == [path]
        diff = _git(repo, "diff", "--unified=0", "main", branch, "--", path)
        changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert changed == ["+- term: TSB", "+  expansion: Testbyns stöd till arbete",
                           "+  easy_read: Ett stöd i Testby för dig som vill ha ett jobb."], changed
        site = _build(repo, "site-new-term")
        glossary = read_html(site, "ordlista/")
        entry = glossary.select_one("dt#tsb")
        assert entry is not None and entry.get_text(" ", strip=True).startswith("TSB")
        assert "Testbyns stöd till arbete" in glossary.get_text(" ", strip=True)
    finally:
        _git(repo, "checkout", "-q", "-f", "main")
