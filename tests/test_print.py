"""Every record page, comparison and the economy page print as a handout (issue 24): printed to
PDF by Chromium (page.pdf, the browser's own print path, which fires beforeprint), then read back
with pypdf: the site's name, the page's address, the print date and a source line are on paper,
the justifications are open, no control is printed, and the pages are few enough for a meeting."""

from __future__ import annotations

import datetime
import io
import re

import pypdf
import pytest

CONTROLS = ["Skriv ut eller spara som PDF", "Rätta en uppgift", "Tipsa om ett projekt", "Redigera posten",
            "Tillgänglighetsproblem", "Sök kommun", "Sortera efter", "Visa rader", "Gå till innehållet",
            "Vad vill du jämföra", "– ingen –"]


def print_pdf(page, url: str) -> tuple[int, str, list]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.emulate_media(media="screen")
    # Words broken over lines and ligatures ("ﬂ") as pypdf reads them, in one line of text.
    text = " ".join(p.extract_text() for p in pdf.pages).replace("ﬂ", "fl").replace("ﬁ", "fi")
    return len(pdf.pages), " ".join(text.split()), [p.mediabox for p in pdf.pages]


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_handout(text: str, path: str) -> None:
    today = datetime.date.today().isoformat()
    assert "Kunskapsbanken Rätt stöd till arbete" in text
    assert f"https://handikappforbunden.github.io/kunskapsbanken/{path}" in text, "page address missing"
    assert f"Utskriven {today}" in text, "print date missing"
    assert "Källa: Kunskapsbanken Rätt stöd till arbete" in text, "source line missing"
    printed = [c for c in CONTROLS if c in text]
    assert not printed, f"{path}: controls on paper: {printed}"


def _justification_words(knowledge_base, record, n: int = 8) -> list[str]:
    """The first words of each justification, as they stand on the page (Markdown stripped)."""
    found = []
    for verdict in record.get("criteria", []):
        plain = re.sub(r"[*_`\[\]]|\(http[^)]*\)", "", str(verdict["justification"]))
        found.append(_words(plain).split(". ")[0][:60].rsplit(" ", 1)[0])
    return found[:n]


def test_a_pair_comparison_is_a_handout_of_at_most_six_pages(site_url, page, knowledge_base):
    pages, text, _ = print_pdf(page, site_url + "jamfor/partille-tyreso/")
    assert pages <= 6, f"Partille–Tyresö prints on {pages} A4 pages"
    assert_handout(text, "jamfor/partille-tyreso/")
    for record in (knowledge_base.municipalities["partille"], knowledge_base.municipalities["tyreso"]):
        for words in _justification_words(knowledge_base, record):
            assert _words(words) in text, f"justification not printed: {words!r}"


def test_the_picker_prints_the_chosen_names_and_its_full_address(site_url, page):
    _, text, _ = print_pdf(page, site_url + "jamfor/?kommuner=hudiksvall,skelleftea")
    assert "Jämförelse: Hudiksvall och Skellefteå" in text
    assert "kunskapsbanken/jamfor/?kommuner=hudiksvall,skelleftea" in text
    assert_handout(text, "jamfor/")


@pytest.mark.parametrize("path", ["kommuner/tyreso/", "projekt/kraft/", "metoder/ips/", "samhallsekonomi/"])
def test_record_and_economy_pages_are_handouts(site_url, page, path, knowledge_base):
    pages, text, boxes = print_pdf(page, site_url + path)
    assert_handout(text, path)
    assert all(round(float(b.width)) == 595 and round(float(b.height)) == 842 for b in boxes), "not A4 portrait"
    if path == "kommuner/tyreso/":
        for words in _justification_words(knowledge_base, knowledge_base.municipalities["tyreso"]):
            assert _words(words) in text, f"justification not printed: {words!r}"


def test_the_matrix_fits_a4_landscape(site_url, browser):
    from browser_support import checked_page

    # The width of A4 landscape less the margins (277 mm at 96 px per inch): what print lays out.
    with checked_page(browser, viewport={"width": 1047, "height": 700}, locale="sv-SE") as page:
        pages, text, boxes = print_pdf(page, site_url + "jamforelse/")
        assert all(round(float(b.width)) == 842 and round(float(b.height)) == 595 for b in boxes), "not landscape"
        assert pages <= 4
        assert_handout(text, "jamforelse/")
        page.emulate_media(media="print")
        overflow = page.eval_on_selector_all(".kb-matrix-wrap", "ws => ws.map(w => w.scrollWidth - w.clientWidth)")
        page.emulate_media(media="screen")
    assert overflow and max(overflow) <= 0, f"the matrix is wider than the page: {overflow}"


def test_print_button_appears_with_javascript_and_opens_the_print_dialog(site_url, page):
    page.goto(site_url + "jamfor/partille-tyreso/")
    button = page.get_by_role("button", name="Skriv ut eller spara som PDF")
    assert button.is_visible()
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    button.click()
    assert page.evaluate("() => window.__printed") == 1
    # Closed justifications open for the paper and close again after it.
    closed = page.locator("article details:not([open])").count()
    assert closed >= 20
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("article details:not([open])").count() == 0
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("article details:not([open])").count() == closed
