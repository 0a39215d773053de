"""Source coverage: every citation names a section its document has, and the Källtäckning page
and the ``coverage`` command list every section with what cites it."""

from __future__ import annotations

import json

import yaml
from helpers import ROOT, SCHEMA, run_cli, validate
from site_fixtures import read_html, resolve_href

from kunskapsbanken.data.coverage import citations_in, source_coverage

# Excerpts of the source documents, checked in (scripts/source_excerpts.py): a clone of the
# repository alone has no ../shared/seeds.
EXCERPTS = json.loads((ROOT / "tests" / "fixtures" / "source_excerpts.json").read_text(encoding="utf-8"))


def _all_citations(kb):
    for record in (*kb.records, *kb.criteria.values(), *kb.success_keys.values()):
        for c in citations_in(record.data):
            yield record.file, c
    for term in kb.glossary:
        for c in citations_in(term):
            yield "content/glossary.yml", c


def test_every_citation_names_a_section_of_its_document(knowledge_base):
    citations = list(_all_citations(knowledge_base))
    assert len(citations) > 1000
    wrong = [(file, c.field, c.document, c.section) for file, c in citations
             if c.section not in knowledge_base.sources[c.document]["sections"]]
    assert not wrong, wrong


def test_every_source_document_lists_its_sections_in_the_order_of_its_text(knowledge_base):
    """The headings come from the source text: each is found in its excerpt, after the one before it."""
    for source in knowledge_base.sources.values():
        sections = source["sections"]
        assert len(sections) == len(set(sections)) >= 5, source.id
        excerpt = EXCERPTS["sections"][source.id]
        assert excerpt["file"] == source["files"][0], source.id
        text = " … ".join(excerpt["snippets"])
        position = 0
        for section in sections:
            # Repeated headings carry their parent's name first ("Tyresö – Hinder").
            heading = section.split(" – ", 1)[1] if source.id == "rss-rapport-2012" and " – " in section else section
            found = text.find(heading, position)
            assert found >= 0, f"{source.id}: '{section}' not found after position {position}"
            position = found


def test_coverage_counts_every_citation_once(knowledge_base):
    coverage = source_coverage(knowledge_base)
    counted = sum(s.count for d in coverage for s in d.sections)
    assert counted == len(list(_all_citations(knowledge_base)))
    assert [d.source.id for d in coverage] == list(knowledge_base.sources)


def test_coverage_page_lists_every_section_and_what_cites_it(built_site, knowledge_base):
    page = read_html(built_site, "kalltackning/")
    assert page.select_one("h1").get_text(strip=True) == "Källtäckning"
    for explained in page.select("a.kb-term-link"):  # a glossary term, with its expansion for screen readers
        explained.replace_with(explained.abbr.get_text())
    coverage = source_coverage(knowledge_base)
    for document in coverage:
        heading = page.find(id=f"tackning-{document.source.id}")
        assert heading is not None and heading.get_text(strip=True) == document.source["title"]
        items = heading.find_parent("section").select("ol.kb-coverage > li")
        assert [" ".join(li.select_one(".kb-coverage__section").get_text().split()) for li in items] == \
            [" ".join(s.split()) for s in document.source["sections"]]
        for li, section in zip(items, document.sections):
            if section.entries:
                assert "kb-coverage--uncited" not in li.get("class", [])
                names = [a.get_text(" ", strip=True) for a in li.select("ul > li > a")]
                assert names == [e.name for e in section.entries]
                fields = [code.get_text() for code in li.select("code")]
                assert fields == [f for e in section.entries for f in e.fields]
            else:
                assert "kb-coverage--uncited" in li["class"]
                assert "ingen post hänvisar hit" in li.get_text()


def test_coverage_page_links_reach_the_citing_records(built_site):
    page = read_html(built_site, "kalltackning/")
    hrefs = {resolve_href("kalltackning/", a["href"]) for a in page.select("ol.kb-coverage a")}
    assert "projekt/kraft/" in hrefs and "kommuner/tyreso/" in hrefs
    for url in hrefs:
        target = built_site / url / "index.html" if url.endswith("/") else built_site / url
        assert target.exists(), url


def test_the_page_is_reachable_from_the_navigation(built_site):
    page = read_html(built_site, "")
    assert any(resolve_href("", a["href"]) == "kalltackning/" for a in page.select("nav a"))


def test_coverage_command_lists_sections_and_uncited_ones(knowledge_base):
    result = run_cli("coverage")
    assert result.returncode == 0, result.stderr
    coverage = source_coverage(knowledge_base)
    for document in coverage:
        assert f"{document.source.id}: {document.source['title']}" in result.stdout
        for section in document.uncited:
            assert f"  {section.title}: ingen hänvisning\n" in result.stdout
    assert "content/projects/kraft.yml (Kraft): " in result.stdout
    uncited = run_cli("coverage", "--uncited")
    assert "hänvisningar\n" not in uncited.stdout and "ingen hänvisning" in uncited.stdout
    as_json = json.loads(run_cli("coverage", "--format", "json").stdout)
    assert [d["document"] for d in as_json] == [d.source.id for d in coverage]
    assert [s["section"] for s in as_json[0]["sections"]] == coverage[0].source["sections"]


def test_a_section_the_document_lacks_fails_validate_with_file_line_field(tmp_path, mini_content):
    path = mini_content / "projects" / "kraft.yml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, text_line in enumerate(lines, 1) if "section: Resultat}" in text_line)
    lines[line - 1] = lines[line - 1].replace("section: Resultat}", "section: Resultaten}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(tmp_path)
    assert result.returncode == 1
    problems = [p for p in result.stdout.splitlines() if p.strip()]
    assert len(problems) == 1, result.stdout
    column = lines[line - 1].index("Resultaten") + 1
    assert problems[0].startswith(f"content/projects/kraft.yml:{line}:{column}: "), problems[0]
    assert ".section: avsnittet 'Resultaten' finns inte i kraft-slutrapport-2013" in problems[0]
    assert "Menade du 'Resultat'?" in problems[0]
    as_json = json.loads(validate(tmp_path, "--format", "json").stdout)
    assert [p["code"] for p in as_json] == ["reference.unknown_section"]


def test_a_source_without_sections_fails_validate(tmp_path, mini_content):
    path = mini_content / "sources.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8").replace("  sections: [Sammanfattning, Metod, Mål, Resultat, Test]\n", "")
    assert text != path.read_text(encoding="utf-8") and len(data) == 2
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", "--content", mini_content, "--schema", SCHEMA, "--root", tmp_path)
    assert result.returncode == 1
    assert "content/sources.yml:" in result.stdout and "sections" in result.stdout
