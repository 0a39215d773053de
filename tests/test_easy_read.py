"""Lättläst (issue 12): every municipality, project and method has an easy-to-read text that
passes the limits, ``validate`` reports a missing or too hard one at its line, and the site
shows it first on each record page and collects them on a page of their own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import validate
from kunskapsbanken.data.kinds import RECORD_KINDS
from browser_support import axe_violations, checked_page, describe_violations
from site_fixtures import PROJECT, read_html, resolve_href

RECORD_FOLDERS = tuple(k.folder for k in RECORD_KINDS)
PAGE_FOLDERS = {k.folder: k.url_folder for k in RECORD_KINDS}


# An implementation of its own, not the validator's: LIX = words per sentence + the percentage of
# words longer than six letters; a sentence ends at . ! ? or at the end of a paragraph or list item.
def _sentences_and_words(markdown: str) -> tuple[int, list[str]]:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.M)
    sentences, words = 0, []
    for block in re.split(r"\n", text):
        for sentence in re.split(r"[.!?:]+(?=\s|$)", block):
            found = re.findall(r"[^\W_]+(?:[-–/][^\W_]+)*", sentence)
            if found:
                sentences += 1
                words += found
    return sentences, words


def lix_and_words_per_sentence(markdown: str) -> tuple[float, float]:
    sentences, words = _sentences_and_words(markdown)
    long_words = sum(1 for w in words if len(re.sub(r"[-–/]", "", w)) > 6)
    return len(words) / sentences + 100 * long_words / len(words), len(words) / sentences


def _records() -> list[Path]:
    return sorted(p for folder in RECORD_FOLDERS for p in (PROJECT / "content" / folder).glob("*.yml"))


@pytest.mark.parametrize("path", _records(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_record_has_an_easy_read_text_within_the_limits(path):
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = record.get("easy_read")
    assert isinstance(text, str) and text.strip(), f"{path.name}: no easy_read"
    lix, per_sentence = lix_and_words_per_sentence(text)
    assert lix <= 35, f"{path.name}: LIX {lix:.1f}"
    assert per_sentence <= 12, f"{path.name}: {per_sentence:.1f} words per sentence"
    keys = list(record)
    before = "description" if path.parent.name == "methods" else "summary"
    assert keys.index("easy_read") == keys.index(before) + 1, f"{path.name}: easy_read stands after {before}"


# A sentence about what the sources leave out ("Det står inte …", "Det finns inga uppgifter om …").
# A reader learns little from several; one may say it all (issue 22, part 5).
NOT_SAID = re.compile(r"\b(står inte|står det inte|står inget|säger inte|säger inget|sägs inte|vet inte|"
                      r"vet vi inte|ingen vet|framgår inte|anges inte|nämns inte|berättar inte|skriver inte|"
                      r"redovisas inte|inga uppgifter|inga siffror)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", _records(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_at_most_one_sentence_on_what_the_sources_do_not_say(path):
    text = yaml.safe_load(path.read_text(encoding="utf-8"))["easy_read"]
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    silent = [s for s in sentences if NOT_SAID.search(s)]
    assert len(silent) <= 1, f"{path.name}: {silent}"


def test_the_not_said_pattern_finds_such_sentences():
    assert NOT_SAID.search("Det står inte vem som äger projektet.")
    assert NOT_SAID.search("Det finns inga uppgifter om resultatet.")
    assert not NOT_SAID.search("Projektet har inte börjat än.")


def test_om_kunskapsbanken_in_easy_swedish_is_within_the_limits():
    text = (PROJECT / "docs" / "lattlast-om.md").read_text(encoding="utf-8").split("---", 2)[2]
    prose = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "<")))
    lix, per_sentence = lix_and_words_per_sentence(prose)
    assert lix <= 35 and per_sentence <= 12, (lix, per_sentence)


def test_the_independent_measure_agrees_with_the_validator_on_a_known_text():
    # Counted by hand: 4 sentences, 27 words, 6 of them longer than six letters.
    from kunskapsbanken.data.readability import measure

    text = ("Kommunen hjälper personer att hitta ett arbete. Handledaren följer med till jobbet. "
            "Sedan får personen stöd på arbetsplatsen varje vecka. Det går ofta mycket bra för alla.")
    ours = measure(text)
    lix, per_sentence = lix_and_words_per_sentence(text)
    assert _sentences_and_words(text) == (4, text.replace(".", "").split())
    assert per_sentence == pytest.approx(27 / 4) == pytest.approx(ours.words_per_sentence, abs=0.01)
    assert lix == pytest.approx(27 / 4 + 100 * 6 / 27) == pytest.approx(ours.lix, abs=0.01)


def test_every_sentence_counts_also_a_short_one():
    """Nine two-word sentences are two words per sentence (textstat left such sentences out and
    reported 18), and a text of only markup has no words at all."""
    from kunskapsbanken.data.readability import easy_read_problems, measure

    text = "Hon går. " * 9
    assert measure(text).words_per_sentence == 2
    assert easy_read_problems("f.yml", text, (1, 1)) == []
    assert [p.code for p in easy_read_problems("f.yml", "** _ _ ** # [](https://example.org)", (1, 1))] == \
        ["readability.empty"]


# --- validate --------------------------------------------------------------------------------


def _set_easy_read(file: Path, text: str | None) -> int:
    """Replace (or with None remove) the record's one-line easy_read; returns its line number."""
    lines = file.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("easy_read:"))
    if text is None:
        del lines[index]
    else:
        lines[index] = f"easy_read: {json.dumps(text, ensure_ascii=False)}"
    file.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize("folder, name", [("methods", "ips"), ("municipalities", "skelleftea"),
                                          ("projects", "kraft")])
def test_a_record_without_easy_read_fails_validate(tmp_path, mini_content, folder, name):
    _set_easy_read(mini_content / folder / f"{name}.yml", None)
    result = validate(tmp_path)
    assert result.returncode == 1
    assert re.fullmatch(rf"content/{folder}/{name}\.yml:\d+:\d+: easy_read: fältet 'easy_read' saknas;.*\n",
                        result.stdout), result.stdout


HARD = ("Samordningsförbundets verksamhetsplanering förutsätter myndighetsgemensamma rehabiliteringsinsatser. "
        "Arbetsförmedlingen medfinansierar utvecklingsinsatserna.")
LONG = ("Det här är en mening som har många små ord i rad och som aldrig tar slut för den som läser den "
        "och den går på och på.")


@pytest.mark.parametrize("text, code, message", [
    (HARD, "readability.lix", "texten är för svår för att vara lättläst"),
    (LONG, "readability.sentence_length", "meningarna är för långa för lättläst"),
])
def test_a_text_over_the_limits_fails_validate_at_its_line(tmp_path, mini_content, text, code, message):
    line = _set_easy_read(mini_content / "methods" / "ips.yml", text)
    result = validate(tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith(f"content/methods/ips.yml:{line}:12: easy_read: {message}"), result.stdout
    problems = json.loads(validate(tmp_path, "--format", "json").stdout)
    assert [(p["code"], p["line"], p["path"]) for p in problems] == [(code, line, "easy_read")]


def test_a_text_just_within_the_limits_passes(tmp_path, mini_content):
    _set_easy_read(mini_content / "projects" / "kraft.yml", "Kraft var ett projekt i Lund. Det hjälpte folk till jobb.")
    assert validate(tmp_path).returncode == 0


# --- the site --------------------------------------------------------------------------------


def test_easy_read_comes_first_on_every_record_page(built_site, knowledge_base):
    for record in knowledge_base.records:
        folder = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}[record.record_type]
        article = read_html(built_site, f"{folder}/{record.id}/").select_one("article")
        first = article.find("h2")
        assert first.get("id") == "lattlast" and first.get_text(strip=True).startswith("Lättläst"), record
        section = first.find_parent("section")
        assert "kb-easy-read" in section["class"] and section["aria-labelledby"] == "lattlast"
        # Nothing of the record's own text comes before it.
        assert not [p for p in section.find_all_previous("p") if "kb-kind" not in p.get("class", [])
                    and p.find_parent("nav") is None and p.find_parent("article") is article]


FOLDERS = {"municipality": "kommuner", "project": "projekt", "method": "metoder"}


def test_the_lattlast_page_lists_every_text_with_a_link_to_its_own_page(built_site, knowledge_base):
    page = read_html(built_site, "lattlast/")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True) == "Lättläst"
    # The contents list: one link per record, under a heading per kind, and nothing else.
    listed = [resolve_href("lattlast/", a["href"]) for a in article.select("ul.kb-easy-read-list a")]
    assert sorted(listed) == sorted(f"lattlast/{FOLDERS[r.record_type]}/{r.id}/" for r in knowledge_base.records)
    assert [h2.get_text(strip=True) for h2 in article.find_all("h2")] == ["Kommuner", "Projekt", "Metoder"]
    assert len(page.get_text()) < 20_000, "the texts themselves are on their own pages"
    assert any(resolve_href("lattlast/", a["href"]) == "lattlast-om/" for a in article.select("a[href]"))


def _text_lines(node) -> list[str]:
    return [line.strip() for line in node.get_text().split("\n") if line.strip()]


def test_each_text_has_a_page_of_its_own_with_the_writers_lines(built_site, knowledge_base):
    titles = set()
    for record in knowledge_base.records:
        url = f"lattlast/{FOLDERS[record.record_type]}/{record.id}/"
        page = read_html(built_site, url)
        titles.add(page.title.get_text())
        article = page.select_one("article")
        assert article.h1.get_text(" ", strip=True).startswith(record.name), url
        assert "lättläst" in article.h1.get_text(), url
        text = article.select_one(".kb-easy-read-text")
        expected = " ".join(record["easy_read"].split())
        # The words exactly as written (glossary marks add explanations only in hidden text).
        for hidden in text.select(".kb-visually-hidden"):
            hidden.decompose()
        assert " ".join(text.get_text().split()) == expected.replace("*", ""), url
        # A writer's line break stays a line break; a one-line paragraph gets one per sentence.
        for line in record["easy_read"].split("\n"):
            if line.strip() and not re.search(r"[.!?]\s+\S", line.strip()):
                assert any(" ".join(line.split()) == " ".join(shown_line.split()) for shown_line in
                           [" ".join(t.split()) for t in _text_lines(text)]), (url, line)
        links = {resolve_href(url, a["href"]) for a in article.select("a[href]")}
        assert f"{FOLDERS[record.record_type]}/{record.id}/" in links and "lattlast/" in links, url
        record_page = read_html(built_site, f"{FOLDERS[record.record_type]}/{record.id}/")
        assert any(resolve_href(f"{FOLDERS[record.record_type]}/{record.id}/", a["href"]) == url
                   for a in record_page.select("section.kb-easy-read a[href]")), f"{url}: not linked from the record"
    assert len(titles) == len(knowledge_base.records), "every easy-read page has a title of its own"


def test_a_one_line_text_is_shown_a_sentence_per_line(built_site, knowledge_base):
    record = knowledge_base.projects["kraft"]
    assert "\n" not in record["easy_read"].strip()  # written as one paragraph
    text = read_html(built_site, "lattlast/projekt/kraft/").select_one("article .kb-easy-read-text")
    lines = _text_lines(text)
    sentences = re.split(r"(?<=[.!?])\s+", record["easy_read"].strip())
    assert len(lines) == len(sentences) > 5


def test_the_prestanda_page_reports_the_real_records(tmp_path):
    """The Lättläst table on docs/prestanda.md is this checkout's content: `python -m bench --easy-read` renews it."""
    import shutil

    from bench.run import ROOT, update_easy_read_section

    report = tmp_path / "prestanda.md"
    shutil.copy2(ROOT / "docs" / "prestanda.md", report)
    update_easy_read_section(report, ROOT / "content")
    assert report.read_text(encoding="utf-8") == (ROOT / "docs" / "prestanda.md").read_text(encoding="utf-8"), \
        "docs/prestanda.md is out of date: run python -m bench --easy-read"


# --- Chromium --------------------------------------------------------------------------------

MAX_LINE = 60

# The characters on each rendered line of the easy-read text, measured letter by letter.
LINE_LENGTHS = """() => {
  const lines = new Map();
  const walker = document.createTreeWalker(document.querySelector("article .kb-easy-read-text"), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".kb-visually-hidden")) continue;
    for (let i = 0; i < node.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (!rect.height) continue;
      const top = Math.round(rect.top + window.scrollY);
      lines.set(top, (lines.get(top) || 0) + 1);
    }
  }
  return [...lines.values()];
}"""


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("url", ["lattlast/", "lattlast/projekt/kraft/", "lattlast/metoder/ips/",
                                 "kommuner/skelleftea/", "lattlast-om/"])
def test_easy_read_lines_are_short_and_the_page_passes_axe(site_url, browser, width, url):
    with checked_page(browser, viewport={"width": width, "height": 900}, is_mobile=width < 600,
                      locale="sv-SE") as page:
        page.goto(site_url + url)
        page.evaluate("() => document.fonts.ready")
        lengths = page.evaluate(LINE_LENGTHS)
        assert lengths and max(lengths) <= MAX_LINE, (url, width, sorted(lengths)[-5:])
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)


def test_the_skip_link_leads_to_the_heading_of_an_easy_read_page(site_url, browser):
    with checked_page(browser, viewport={"width": 1280, "height": 900}, locale="sv-SE") as page:
        page.goto(site_url + "lattlast/kommuner/tyreso/")
        page.keyboard.press("Tab")
        skip = page.evaluate("() => document.activeElement.getAttribute('href')")
        assert skip == "#sidrubrik"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.id === 'sidrubrik'")
        assert page.evaluate("() => document.activeElement.tagName") == "H1"
