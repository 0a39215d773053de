"""Jargon explained where it stands (issues 12, 21, 24): every glossary term in a page's text is an
``<abbr>`` with its expansion (in an easy-read text: its easy-read explanation), also in inflected
forms ("0-placerade", "LSS:s", "kooperativen"), its first occurrence links to the Ordlista with the
explanation in the link's text, never inside a word, link, heading, code or web address; and the
glossary drives it all."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString
from site_fixtures import PROJECT, copy_project, mkdocs_build, read_html, resolve_href

from kunskapsbanken.data.slugs import glossary_anchor as anchor
from kunskapsbanken.render.glossary_terms import GlossaryMarker

NOT_MARKED_INSIDE = {"a", "abbr", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "nav", "summary", "script",
                     "style", "button", "label", "time", "svg", "select", "option", "textarea", "template", "th"}


def _glossary(project=PROJECT) -> list[dict]:
    return yaml.safe_load((project / "content" / "glossary.yml").read_text(encoding="utf-8"))


def _spellings(glossary) -> dict[str, dict]:
    return {s: g for g in glossary for s in (g["term"], *g.get("also_written", []))}


def _record_pages(built_site) -> list[str]:
    pages = []
    for folder in ("kommuner", "projekt", "metoder"):
        pages += [f"{folder}/{p.parent.name}/" for p in sorted((built_site / folder).glob("*/index.html"))]
    return pages


def _article(built_site, url):
    return read_html(built_site, url).select_one("article")


def _term_pattern(spellings) -> re.Pattern:
    # Written independently of the implementation: a term standing as a whole word.
    alternatives = "|".join(re.escape(t) for t in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_]|\d)(?:{alternatives})(?![^\W_]|\d)")


WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def _in_unmarked_context(node) -> bool:
    return any(parent.name in NOT_MARKED_INSIDE for parent in node.parents)


def _entry_of(marked: str, spellings) -> dict:
    """The glossary entry a marked form belongs to: the spelling itself, or the spelling with a
    Swedish ending ("0-placerade", "LSS:s", "Samordningsförbundets", "dagliga verksamheten")."""
    def same(form: str, spelling: str) -> bool:
        # A word ("Komvux", "lönebidrag", not "SoL" or "LSS") may start with either case.
        word = any(c.islower() for c in spelling) and not any(c.isupper() for c in spelling[1:])
        return form == spelling or (word and form[1:] == spelling[1:] and form[:1].lower() == spelling[:1].lower())
    for spelling in sorted(spellings, key=len, reverse=True):
        words, forms = spelling.split(), marked.split()
        if len(words) != len(forms):
            continue
        if all(same(f, w) or any(same(f[:-len(e)], w) for e in ENDINGS if f.endswith(e) and len(f) > len(e))
               for f, w in zip(forms, words)):
            return spellings[spelling]
    raise AssertionError(f"{marked!r} is no form of a glossary term")


ENDINGS = (":s", ":n", ":en", "s", "e", "a", "n", "en", "et", "er", "ar", "na", "ens", "ets", "erna", "arna", "orna")


def _in_easy_read(node) -> bool:
    return any(parent.get("data-kb-glossary") == "easy-read" for parent in node.parents if parent.name)


def _explanation(abbr, entry) -> str:
    """What the mark must say: the easy-read explanation inside an easy-read text, else the expansion."""
    return " ".join(entry["easy_read"].split()) if _in_easy_read(abbr) else entry["expansion"]


def _spelled_out_beside(text: str, term: str, spellings) -> bool:
    """"OSA (Offentligt skyddad anställning)", "Individuellt stöd i arbete (ISA)": the text explains
    the term itself, so it stays unmarked (a screen reader would say the expansion twice)."""
    if term not in spellings:
        return False
    expansion = spellings[term]["expansion"].casefold()
    folded = " ".join(text.split()).casefold()
    return f"{term.casefold()} ({expansion}" in folded or f"{expansion} ({term.casefold()}" in folded


# --- the real site ---------------------------------------------------------------------------


def test_every_term_in_a_record_page_is_explained(built_site):
    spellings = _spellings(_glossary())
    pattern = _term_pattern(spellings)
    checked = 0
    for url in _record_pages(built_site):
        article = _article(built_site, url)
        for text in article.find_all(string=True):
            if isinstance(text, NavigableString) and not _in_unmarked_context(text):
                found = [t for t in pattern.findall(WEB_ADDRESS.sub(" ", str(text)))
                         if not _spelled_out_beside(str(text), t, spellings)]
                assert not found, f"{url}: unmarked {found} in {str(text)[:80]!r}"
        for abbr in article.select("abbr.kb-term"):
            entry = _entry_of(abbr.get_text(), spellings)
            assert abbr["title"] == _explanation(abbr, entry), url
            checked += 1
    assert checked > 100  # the real records use many terms


def test_first_occurrence_links_to_the_ordlista_with_the_expansion_as_text(built_site):
    glossary = _glossary()
    spellings = _spellings(glossary)
    ordlista = read_html(built_site, "ordlista/")
    anchors = {dt["id"] for dt in ordlista.select("dl.kb-glossary dt[id]")}
    linked_pages = 0
    for url in _record_pages(built_site):
        article = _article(built_site, url)
        first_seen: dict[str, object] = {}
        for abbr in article.select("abbr.kb-term"):
            first_seen.setdefault(_entry_of(abbr.get_text(), spellings)["term"], abbr)
        links = article.select("a.kb-term-link")
        linked_terms = [_entry_of(a.abbr.get_text(), spellings)["term"] for a in links]
        assert sorted(linked_terms) == sorted(first_seen), f"{url}: one link per term, for every term"
        for link in links:
            abbr = link.abbr
            entry = _entry_of(abbr.get_text(), spellings)
            term = entry["term"]
            assert first_seen[term] is abbr, f"{url}: {term} is linked at a later occurrence"
            target, _, fragment = link["href"].partition("#")
            assert resolve_href(url, target) == "ordlista/"
            assert unquote(fragment) in anchors, link["href"]
            # The link's text, as a screen reader or a touch reader gets it, includes the expansion.
            assert link.get_text() == f"{abbr.get_text()} ({_explanation(abbr, entry)})"
        linked_pages += bool(links)
    assert linked_pages > 50


def test_no_term_is_marked_inside_a_word_link_or_heading(built_site):
    for url in _record_pages(built_site):
        article = _article(built_site, url)
        for abbr in article.select("abbr.kb-term"):
            outer = abbr.parent if abbr.parent.name == "a" and "kb-term-link" in abbr.parent.get("class", []) else abbr
            before = outer.previous_sibling
            after = outer.next_sibling
            assert not (isinstance(before, NavigableString) and re.search(r"\w\Z", str(before))), (url, abbr)
            assert not (isinstance(after, NavigableString) and re.match(r"\w", str(after))), (url, abbr)
            for parent in outer.parents:
                assert parent.name not in {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "nav", "summary"}, url
                assert parent.name != "a" or parent is outer, f"{url}: a term marked inside a link"


@pytest.mark.parametrize("url, word, term", [
    ("metoder/supported-employment/", "MISA", "ISA"),
    ("kommuner/hudiksvall/", "HRC", "HR"),
])
def test_a_longer_word_that_contains_a_term_is_left_alone(built_site, url, word, term):
    article = _article(built_site, url)
    # Marking the term inside the word would split the word over two text nodes.
    assert any(re.search(rf"(?<!\w){word}(?!\w)", str(text)) for text in article.find_all(string=True)), word


def test_hand_written_pages_are_marked_too(built_site):
    article = _article(built_site, "")  # the start page says Finsam Lund
    assert "Finsam" in [a.get_text() for a in article.select("abbr.kb-term")]
    ordlista = _article(built_site, "ordlista/")
    assert not ordlista.select("a.kb-term-link"), "the Ordlista does not link to itself"


@pytest.mark.parametrize("url, form, term", [
    ("projekt/kraft/", "0-placerade", "0-placerad"),  # plural of an adjective
    ("kommuner/hudiksvall/", "kooperativen", "kooperativ"),  # plural, definite
    ("projekt/kraft/", "Samordningsförbundet", "samordningsförbund"),  # definite, capital first letter
])
def test_inflected_forms_are_explained(built_site, url, form, term):
    article = _article(built_site, url)
    marks = {abbr.get_text(): abbr for abbr in article.select("abbr.kb-term")}
    assert form in marks, f"{url}: {form} not marked ({sorted(marks)[:20]})"
    entry = next(g for g in _glossary() if g["term"] == term)
    assert marks[form]["title"] == _explanation(marks[form], entry)


def test_easy_read_text_explains_terms_in_easy_swedish(built_site):
    glossary = _glossary()
    spellings = _spellings(glossary)
    checked = 0
    for url in ("lattlast/projekt/kraft/", "lattlast/metoder/ips/", "projekt/kraft/"):
        text = _article(built_site, url).select_one(".kb-easy-read-text")
        for abbr in text.select("abbr.kb-term"):
            entry = _entry_of(abbr.get_text(), spellings)
            assert abbr["title"] == " ".join(entry["easy_read"].split()) != entry["expansion"], (url, abbr)
            checked += 1
    assert checked >= 3
    # Outside the easy-read text the same page explains with the expansion.
    article = _article(built_site, "projekt/kraft/")
    outside = [a for a in article.select("abbr.kb-term") if not _in_easy_read(a)]
    assert outside and all(a["title"] == _entry_of(a.get_text(), spellings)["expansion"] for a in outside)


def test_the_ordlista_explains_every_word_in_easy_swedish(built_site):
    glossary = _glossary()
    ordlista = _article(built_site, "ordlista/")
    for entry in glossary:
        dd = ordlista.find("dt", id=anchor(entry["term"])).find_next_sibling("dd")
        easy = dd.select_one(".kb-glossary__easy-read").get_text(" ", strip=True)
        assert easy == "Lättläst: " + " ".join(entry["easy_read"].split()), entry["term"]
    for term in ("daglig verksamhet", "kooperativ", "sjukersättning", "samordningsförbund", "försörjningsstöd",
                 "lönebidrag"):
        assert ordlista.find("dt", id=anchor(term)) is not None, term


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The site built from a copy whose glossary changed (LSS explained anew, SIUS gone) and whose
    Kraft summary has a genitive and two web addresses written out as text."""
    tmp_path = tmp_path_factory.mktemp("changed")
    project = copy_project(tmp_path / "project")
    glossary_file = project / "content" / "glossary.yml"
    glossary = _glossary(project)
    for entry in glossary:
        if entry["term"] == "LSS":
            entry["expansion"] = "En ändrad förklaring av LSS"
    glossary = [g for g in glossary if g["term"] != "SIUS"]
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    kraft = project / "content" / "projects" / "kraft.yml"
    record = yaml.safe_load(kraft.read_text(encoding="utf-8"))
    record["summary"] += (" Se LSS:s regler på https://www.lund.se/LSS/IPS-stod?ord=SoL och"
                          " www.lund.se/0-placerad/ips.")
    kraft.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_a_genitive_is_marked_and_a_web_address_is_not(changed_site):
    article = _article(changed_site, "projekt/kraft/")
    paragraph = next(p for p in article.find_all("p") if "regler på https:" in p.get_text())
    marked = [a.get_text() for a in paragraph.select("abbr.kb-term")]
    assert "LSS:s" in marked
    # Each address is one unbroken text node: nothing inside it is marked or linked.
    for address in ("https://www.lund.se/LSS/IPS-stod?ord=SoL", "www.lund.se/0-placerad/ips."):
        assert any(address in str(text) for text in paragraph.find_all(string=True)), address
    assert not {"IPS", "SoL", "0-placerad"} & set(marked), marked


def test_a_glossary_change_changes_the_pages(changed_site):
    article = _article(changed_site, "kommuner/hudiksvall/")
    titles = {a.get_text(): a["title"] for a in article.select("abbr.kb-term") if not _in_easy_read(a)}
    assert titles["LSS"] == "En ändrad förklaring av LSS"
    assert "SIUS" not in titles
    assert "SIUS" in article.get_text()  # still in the text, now without an explanation


# --- the marker on its own -------------------------------------------------------------------

GLOSSARY = [{"term": "SoL", "expansion": "Socialtjänstlagen"}, {"term": "LSS", "expansion": "Lag om stöd"},
            {"term": "FINSAM", "expansion": "Finansiell samordning", "also_written": ["Finsam"]},
            {"term": "HR", "expansion": "Human resources"}, {"term": "HRC", "expansion": "Hudiksvalls Resurscentrum"}]


def _mark(html: str) -> BeautifulSoup:
    return BeautifulSoup(GlossaryMarker(GLOSSARY).mark(html, "kommuner/x/"), "html.parser")


def test_terms_match_whole_words_and_case():
    soup = _mark("<p>Sol, sola, SOL, LSSX, xLSS och Finsamförbund men SoL, HRC och HR-chefer.</p>")
    assert [a.get_text() for a in soup.select("abbr")] == ["SoL", "HRC", "HR"]


def test_links_headings_code_and_abbreviations_are_left_alone():
    soup = _mark('<h2>LSS</h2><p><a href="x">LSS</a> <code>LSS</code> <abbr title="t">LSS</abbr></p>'
                 '<nav><a href="#a">LSS</a></nav><p>Till sist LSS.</p>')
    abbrs = soup.select("abbr.kb-term")
    assert len(abbrs) == 1 and abbrs[0].find_parent("a")["href"] == "../../ordlista/#lss"
    assert soup.h2.get_text() == "LSS" and soup.code.get_text() == "LSS"


def test_only_the_first_occurrence_is_linked_and_a_spelling_counts_as_its_term():
    soup = _mark("<p>Finsam och FINSAM.</p><ul><li>LSS och <em>LSS</em></li></ul>")
    links = soup.select("a.kb-term-link")
    assert [a["href"] for a in links] == ["../../ordlista/#finsam", "../../ordlista/#lss"]
    assert len(soup.select("abbr.kb-term")) == 4
    assert links[0].get_text() == "Finsam (Finansiell samordning)"


def test_markup_and_text_are_kept_exactly():
    html = '<p class="x">Före <strong>fet</strong> efter &amp; SoL, sedan <em>slut</em>.</p>\n<p>Inget här.</p>'
    out = GlossaryMarker(GLOSSARY).mark(html, "")
    assert BeautifulSoup(out, "html.parser").get_text() == "Före fet efter & SoL (Socialtjänstlagen), sedan slut.\nInget här."
    assert out.startswith('<p class="x">Före <strong>fet</strong> efter &amp; <a class="kb-term-link" href="ordlista/#sol">')
    assert GlossaryMarker(GLOSSARY).mark("<p>Inga termer.</p>", "") == "<p>Inga termer.</p>"


def test_inflected_forms_and_web_addresses():
    glossary = GLOSSARY + [{"term": "0-placerad", "expansion": "Utan sjukpenning"},
                           {"term": "daglig verksamhet", "expansion": "Sysselsättning enligt LSS"}]
    html = ("<p>LSS:s regler för 0-placerade och Dagliga verksamheten, Finsams styrelse. "
            "Se https://example.se/LSS?x=SoL eller www.example.se/Finsam/0-placerad, och sedan SoL.</p>")
    soup = BeautifulSoup(GlossaryMarker(glossary).mark(html, ""), "html.parser")
    assert [a.get_text() for a in soup.select("abbr")] == ["LSS:s", "0-placerade", "Dagliga verksamheten", "Finsams",
                                                          "SoL"]
    assert "https://example.se/LSS?x=SoL" in soup.get_text() and "www.example.se/Finsam/0-placerad," in soup.get_text()


def test_easy_read_text_gets_the_easy_read_explanation():
    glossary = [{"term": "LSS", "expansion": "Lag om stöd och service", "easy_read": "En lag om stöd."}]
    html = '<div data-kb-glossary="easy-read"><p>LSS ger stöd.</p></div><p>LSS igen.</p>'
    soup = BeautifulSoup(GlossaryMarker(glossary).mark(html, ""), "html.parser")
    first, second = soup.select("abbr.kb-term")
    assert first["title"] == "En lag om stöd." and first.find_parent("a").get_text() == "LSS (En lag om stöd.)"
    assert second["title"] == "Lag om stöd och service"
