"""Jargon explained where it stands (issue 12): every glossary term in a page's text is an
``<abbr>`` with its expansion, its first occurrence links to the Ordlista with the expansion in
the link's text, never inside a word, link, heading or code; and the glossary drives it all."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString
from site_fixtures import PROJECT, copy_project, mkdocs_build, read_html, resolve_href

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


def _in_unmarked_context(node) -> bool:
    return any(parent.name in NOT_MARKED_INSIDE for parent in node.parents)


def _spelled_out_beside(text: str, term: str, spellings) -> bool:
    """"OSA (Offentligt skyddad anställning)", "Individuellt stöd i arbete (ISA)": the text explains
    the term itself, so it stays unmarked (a screen reader would say the expansion twice)."""
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
                found = [t for t in pattern.findall(str(text)) if not _spelled_out_beside(str(text), t, spellings)]
                assert not found, f"{url}: unmarked {found} in {str(text)[:80]!r}"
        for abbr in article.select("abbr.kb-term"):
            entry = spellings[abbr.get_text()]
            assert abbr["title"] == entry["expansion"], url
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
            first_seen.setdefault(spellings[abbr.get_text()]["term"], abbr)
        links = article.select("a.kb-term-link")
        linked_terms = [spellings[a.abbr.get_text()]["term"] for a in links]
        assert sorted(linked_terms) == sorted(first_seen), f"{url}: one link per term, for every term"
        for link in links:
            abbr = link.abbr
            term = spellings[abbr.get_text()]["term"]
            assert first_seen[term] is abbr, f"{url}: {term} is linked at a later occurrence"
            target, _, fragment = link["href"].partition("#")
            assert resolve_href(url, target) == "ordlista/"
            assert unquote(fragment) in anchors, link["href"]
            # The link's text, as a screen reader or a touch reader gets it, includes the expansion.
            assert link.get_text() == f"{abbr.get_text()} ({spellings[abbr.get_text()]['expansion']})"
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


def test_a_glossary_change_changes_the_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    glossary_file = project / "content" / "glossary.yml"
    glossary = _glossary(project)
    for entry in glossary:
        if entry["term"] == "LSS":
            entry["expansion"] = "En ändrad förklaring av LSS"
    glossary = [g for g in glossary if g["term"] != "SIUS"]
    glossary_file.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    article = _article(site, "kommuner/hudiksvall/")
    titles = {a.get_text(): a["title"] for a in article.select("abbr.kb-term")}
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


def test_a_term_spelled_out_beside_it_is_not_explained_again():
    """"Hudiksvalls Resurscentrum (HRC)" already says what HRC is: a screen reader would otherwise
    read the expansion twice. The next bare occurrence is the one linked to the Ordlista."""
    soup = _mark("<p>Hudiksvalls Resurscentrum (HRC) och SoL (Socialtjänstlagen). Sedan HRC och SoL.</p>")
    links = soup.select("a.kb-term-link")
    assert [a.get_text() for a in links] == ["HRC (Hudiksvalls Resurscentrum)", "SoL (Socialtjänstlagen)"]
    assert soup.get_text().count("Socialtjänstlagen") == 2 and soup.get_text().count("Resurscentrum") == 2
