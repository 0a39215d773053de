"""What ``python -m kunskapsbanken diff`` writes for the pull request comment (issue 20): news posts,
a verdict's new justification, and contributor text that GitHub renders inert.

Every test commits to a real git repository and runs the real command. The comment is rendered
with cmarkgfm, the Python binding of GitHub's own Markdown parser (cmark-gfm with its autolink,
table, strikethrough and tag-filter extensions), and what GitHub links after rendering (mentions,
issue and commit references) is looked for in the rendered text outside code.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from cmarkgfm.cmark import Options
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from helpers import ROOT, mini_repo, commit
from test_diff import diff, edit

from kunskapsbanken.data.kinds import NEWS_POSTS

SKELLEFTEA = Path("content") / "municipalities" / "skelleftea.yml"
KRAFT = Path("content") / "projects" / "kraft.yml"
# What GitHub links in a comment's text after rendering it (outside code and links).
GITHUB_AUTOLINKS = {
    "mention": re.compile(r"(?<![\w`])@[A-Za-z0-9]"),
    "issue": re.compile(r"(?<![\w&])#\d"),
    "GH- reference": re.compile(r"\bGH-\d", re.IGNORECASE),
    "commit SHA": re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{7,40}(?![0-9A-Za-z])"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return mini_repo(tmp_path)


def posts_dir(repo: Path) -> Path:
    return repo / "docs" / NEWS_POSTS


def write_post(repo: Path, name: str, title: str, description: str, body: str = "Text om nyheten.\n",
               date: str = "2026-05-04", categories: str = "[Projekt]") -> Path:
    path = posts_dir(repo) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ndate: {date}\nauthors: [redaktionen]\ncategories: {categories}\n"
                    f"description: {description}\n---\n\n{body}", encoding="utf-8")
    return path


def summary(repo: Path) -> str:
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    return result.stdout


def rendered(markdown: str) -> BeautifulSoup:
    """The comment as GitHub's parser renders it (unsafe mode off: raw HTML is dropped as on GitHub)."""
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return BeautifulSoup(html, "html.parser")


def plain_text(soup: BeautifulSoup) -> str:
    """The rendered text that GitHub's reference filters read: everything outside code and links."""
    copy = BeautifulSoup(str(soup), "html.parser")
    for element in copy.select("code, pre, a"):
        element.decompose()
    return copy.get_text(" ")


# News posts.

def test_new_news_post_shows_its_title_date_and_description(repo):
    commit(repo, "nothing yet")
    write_post(repo, "2026-ny-rapport.md", "Ny rapport från Lund", "Rapporten om Kraft är klar.")
    commit(repo, "post")
    out = summary(repo)
    file = f"docs/{NEWS_POSTS}/2026-ny-rapport.md"
    assert "### Nyheter" in out
    assert f"- Ny nyhet: **Ny rapport från Lund** · 2026-05-04 (`{file}`)\n  - Sammanfattning: ”Rapporten om Kraft är klar.”" \
        in out, out
    assert "Inga ändringar" not in out


def test_changed_news_post_names_the_front_matter_fields_that_changed(repo):
    post = write_post(repo, "2026-nyhet.md", "Gammal rubrik", "En mening.", body="Första stycket om projektet.\n")
    commit(repo, "post")
    edit(post, "title: Gammal rubrik", "title: Ny rubrik")
    edit(post, "categories: [Projekt]", "categories: [Projekt, Kommuner]")
    edit(post, "Första stycket", "Andra stycket")
    commit(repo, "edit post")
    out = summary(repo)
    item = out[out.index("### Nyheter"):]
    assert f"- Nyhet: **Ny rubrik** · 2026-05-04 (`docs/{NEWS_POSTS}/2026-nyhet.md`)" in item
    assert "  - Rubrik: ”Gammal rubrik” → ”Ny rubrik”" in item
    assert "  - Kategorier › nr 2: – → ”Kommuner”" in item
    assert "  - Inläggets text: ändrad text: … ~~Första~~ **Andra** stycket om projektet. …" in item
    assert "Datum" not in item and "Sammanfattning" not in item  # unchanged fields are not listed


def test_removed_news_post_and_a_post_with_a_changed_date(repo):
    write_post(repo, "a.md", "Inlägg A", "A.")
    dated = write_post(repo, "b.md", "Inlägg B", "B.")
    commit(repo, "posts")
    (posts_dir(repo) / "a.md").unlink()
    edit(dated, "date: 2026-05-04", "date: {created: 2026-05-04, updated: 2026-06-01}")
    commit(repo, "remove and update")
    out = summary(repo)
    assert f"- Nyhet borttagen: **Inlägg A** · 2026-05-04 (`docs/{NEWS_POSTS}/a.md`)" in out
    assert "- Nyhet: **Inlägg B** · 2026-05-04, uppdaterad 2026-06-01" in out
    assert "  - Datum: 2026-05-04 → 2026-05-04, uppdaterad 2026-06-01\n" in out


def test_broken_news_post_gives_the_validators_error(repo):
    commit(repo, "nothing yet")
    path = write_post(repo, "trasig.md", "Rubrik", "Mening.")
    edit(path, "title: Rubrik\n", "")
    commit(repo, "broken post")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout
    assert f"docs/{NEWS_POSTS}/trasig.md:" in result.stderr and "title" in result.stderr
    assert "Traceback" not in result.stderr


# A verdict's justification.

def test_changed_justification_shows_the_new_text(repo):
    path = repo / SKELLEFTEA
    text = path.read_text(encoding="utf-8")
    block = "- criterion: anstallning-i-kommunen\n    rating: "
    start = text.index(block)
    end = text.index("justification: Testmotivering.", start) + len("justification: Testmotivering.")
    path.write_text(text[:start] + text[start:end].replace("Testmotivering.", "'Kommunen anställer *själv* "
                                                           "enligt rapporten, se #4.'") + text[end:], encoding="utf-8")
    commit(repo, "new reasons")
    out = summary(repo)
    assert "- Skellefteå · 7 Anställer själv: bedömningen oförändrad\n" \
           "  - Ny motivering: ”Kommunen anställer \\*själv\\* enligt rapporten, se #\u20604.”" in out, out
    assert "motiveringen ändrad" not in out  # the text itself is shown, not only that it changed


def test_very_long_justification_is_cut_between_words(repo):
    long_text = " ".join(f"ord{i}" for i in range(400))
    edit(repo / SKELLEFTEA, "justification: Testmotivering.", f"justification: {long_text}")
    commit(repo, "long reasons")
    out = summary(repo)
    line = next(line for line in out.splitlines() if "Ny motivering" in line)
    shown = line.split("”")[1]
    assert shown.startswith("ord0 ord1 ord2") and shown.endswith(" …"), shown
    assert 300 < len(shown) <= 410
    assert all(re.fullmatch(r"ord\d+", word) for word in shown.removesuffix(" …").split())  # cut between words


def test_re_rated_verdict_shows_its_new_justification(repo):
    path = repo / SKELLEFTEA
    text = path.read_text(encoding="utf-8")
    verdict = re.search(r"  - criterion: spridning\n    rating: (\w+)\n    justification: Testmotivering\.\n", text)
    assert verdict, "the fixture rates criterion 10"
    rating = "met" if verdict.group(1) != "met" else "not_met"
    path.write_text(text.replace(verdict.group(0), f"  - criterion: spridning\n    rating: {rating}\n"
                                 "    justification: Sprider arbetssättet till andra kommuner.\n"), encoding="utf-8")
    commit(repo, "re-rated")
    out = summary(repo)
    assert re.search(r"- Skellefteå · 10 [^\n]+: \w+ → \w+\n  - Ny motivering: ”Sprider arbetssättet till andra "
                     r"kommuner\.”\n", out), out
    assert "ändrad)" not in out


# Contributor text rendered inert.

HOSTILE = ("Se #12, GH-3 och owner/repo#4; fråga @someone eller mail@example.org om 1f3e5d7c9b. "
           "https://evil.example/x?a=1 och www.evil.example. [länk](https://evil.example) "
           "<b>fet</b> <!-- dolt --> &#64;admin &#35;5 `kod` | cell | ~~bort~~ **fet** "
           "\n\n### Falsk rubrik\n- Falsk rad")


def test_contributor_text_renders_inert_on_github(repo):
    edit(repo / KRAFT, "Testprojekt för validatorns tester.", "|-\n  " + HOSTILE.replace("\n", "\n  "))
    commit(repo, "hostile text")
    out = summary(repo)
    soup = rendered(out)
    assert not soup.select("a"), soup.select("a")  # no link at all: neither autolinks nor Markdown links
    assert not soup.find_all(["b", "em", "del", "table", "h1", "h4", "img"]), soup
    assert [s.get_text() for s in soup.select("strong")] == ["Kraft"]  # the summary's own bold only
    assert [h.get_text() for h in soup.select("h3")] == ["Andra fält"]  # no forged heading
    assert "<!--" not in out.replace("\\<!--", "")
    text = plain_text(soup)
    for name, pattern in GITHUB_AUTOLINKS.items():
        assert not pattern.search(text), f"{name}: {pattern.search(text)} in {text!r}"
    # The reader still sees the text: the addresses in code, the rest as written.
    codes = [c.get_text() for c in soup.select("code")]
    assert "https://evil.example/x?a=1" in codes and "www.evil.example" in codes, codes
    visible = soup.get_text().replace("\u2060", "")
    for words in ("#12", "GH-3", "owner/repo#4", "@someone", "1f3e5d7c9b", "<b>fet</b>", "&#64;admin", "| cell |",
                  "**fet**", "### Falsk rubrik - Falsk rad"):
        assert words in visible, (words, visible)


def test_no_control_character_reaches_the_comment(repo):
    commit(repo, "nothing yet")
    # A file name is the one contributor text validate does not refuse control characters in.
    write_post(repo, "a\x1b[31m`b\u202e.md", "Rubrik", "Mening.")
    commit(repo, "odd name")
    out = summary(repo)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), repr(out)
    assert "a\\x1b[31m`b\\u202e.md" in out
    code = rendered(out).select("code")
    assert any(c.get_text() == f"docs/{NEWS_POSTS}/a\\x1b[31m`b\\u202e.md" for c in code), code


# The comment workflow's own last line of defence.

def _workflow_inert_function() -> str:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr-comment.yml").read_text(encoding="utf-8"))
    script = next(step["with"]["script"] for step in workflow["jobs"]["comment"]["steps"]
                  if "github-script" in step.get("uses", ""))
    assert re.search(r'text = inert\(fs\.readFileSync\("change-summary/summary\.md"', script), "posted text passes inert()"
    function = re.search(r"^ *function inert\(text\) \{\n.*?\n *\}\n", script, re.S | re.M)
    assert function, script
    return function.group(0)


def run_workflow_inert(text: str) -> str:
    """The workflow's ``inert`` function, run by Node on ``text``."""
    program = _workflow_inert_function() + "process.stdout.write(inert(require('fs').readFileSync(0, 'utf8')));"
    result = subprocess.run(["node", "-e", program], input=text, capture_output=True, text=True, timeout=60,
                            check=True)
    return result.stdout


def test_comment_workflow_breaks_mentions_and_references_in_a_forks_text():
    # pr.yml runs the pull request's code: a fork can upload any text in place of the summary.
    forged = ("## Vad ändringen gör med kunskapsbanken\n\nHej @maintainer och @org/team, se #1, owner/repo#2, "
              "&#64;admin, &#x40;x, &commat;y, &#35;3 och &num;4.\n")
    out = run_workflow_inert(forged)
    soup = rendered(out)
    text = plain_text(soup)
    for name in ("mention", "issue"):
        assert not GITHUB_AUTOLINKS[name].search(text), (name, text)
    assert [h.get_text() for h in soup.select("h2")] == ["Vad ändringen gör med kunskapsbanken"]  # headings kept
    assert text.replace("\u2060", "").count("@") == 2 and "&#64;admin" in text.replace("\u2060", "")


def test_comment_workflow_leaves_the_real_summary_as_it_reads(repo):
    edit(repo / KRAFT, "Testprojekt för validatorns tester.", "|-\n  " + HOSTILE.replace("\n", "\n  "))
    commit(repo, "hostile text")
    out = summary(repo)
    posted = run_workflow_inert(out)
    assert run_workflow_inert(posted) == posted  # idempotent
    assert rendered(posted).get_text().replace("\u2060", "") == rendered(out).get_text().replace("\u2060", "")


def test_verdict_added_to_a_project_shows_its_justification(repo):
    edit(repo / KRAFT, "\nsources:\n", "\ncriteria:\n  - criterion: spridning\n    rating: met\n"
         "    justification: Projektet spreds till två kommuner till.\n"
         "    source: {document: kraft-slutrapport-2013, section: Resultat}\nsources:\n")
    commit(repo, "a verdict")
    out = summary(repo)
    assert re.search(r"- Kraft · 10 [^\n]+: – → Ja\n  - Motivering: ”Projektet spreds till två kommuner till\.”\n", out), out
    assert "motiveringen" not in out


def test_new_record_lists_its_verdicts_and_figures(repo):
    text = (repo / KRAFT).read_text(encoding="utf-8")
    (repo / KRAFT).with_name("nytt.yml").write_text(
        text.replace("id: kraft", "id: nytt").replace("name: Kraft", "name: Nytt").replace(
            "\nsources:\n", "\ncriteria:\n  - criterion: spridning\n    rating: not_known\n"
            "    justification: Källan säger inget om spridning.\n"
            "    source: {document: kraft-slutrapport-2013, section: Resultat}\nsources:\n"), encoding="utf-8")
    commit(repo, "new project")
    out = summary(repo)
    assert "- Projekt **Nytt** (`content/projects/nytt.yml`)" in out
    assert re.search(r"- Nytt · 10 [^\n]+: – → Okänt\n  - Motivering: ”Källan säger inget om spridning\.”\n", out), out
    assert "- Nytt · Deltagare som fått arbete: ny siffra 10 personer" in out


# Any text at all, straight through the function the summary uses for contributor text.

_hostile_words = st.sampled_from(["@a", "#1", "GH-2", "o/r#3", "a@b.se", "deadbeef0", "1234567", "https://x.se/a(b)",
                                  "www.x.se", "http://", "[a](b)", "![i](x)", "<b>", "<!--", "-->", "&#64;", "&#35;",
                                  "&amp;", "`", "``", "|", "*", "_", "~~", "\\", "\n", "\n- ", "\n# ", "\n> ", "1. ",
                                  "\x1b", "\u202e", "\u2028", "\x85", ":)", "[^1]", "]", "("])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_hostile_words, st.text(max_size=6)), max_size=12).map("".join))
def test_any_contributor_text_is_one_inert_line(text):
    from kunskapsbanken.contributor.inert_markdown import inert

    shown = inert(text)
    assert "\n" not in shown and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", shown)
    soup = rendered(f"- Fält: ”{shown}”\n- Nästa rad\n")
    items = soup.select("li")
    assert len(items) == 2 and items[1].get_text() == "Nästa rad", (text, str(soup))  # nothing forged or broken
    assert {tag.name for tag in soup.find_all(True)} <= {"ul", "li", "code"}, (text, str(soup))
    plain = plain_text(soup)
    for name, pattern in GITHUB_AUTOLINKS.items():
        assert not pattern.search(plain), (name, text, plain)


def test_news_post_in_the_working_tree_is_summarised(repo):
    write_post(repo, "utkast.md", "Ett utkast", "Inte sparat än.")
    result = diff(repo, "HEAD")  # against the files as they are now
    assert result.returncode == 0, result.stderr
    assert f"- Ny nyhet: **Ett utkast** · 2026-05-04 (`docs/{NEWS_POSTS}/utkast.md`)" in result.stdout


def test_committed_symbolic_link_among_the_posts_is_refused(repo):
    posts_dir(repo).mkdir(parents=True)
    (posts_dir(repo) / "lank.md").symlink_to("/etc/passwd")
    commit(repo, "a link")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1, result.stdout
    assert f"docs/{NEWS_POSTS}/lank.md:1:1:" in result.stderr and "symbolisk länk" in result.stderr
    assert "root:" not in result.stdout + result.stderr
