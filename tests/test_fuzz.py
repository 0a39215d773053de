"""Property-based tests: mutated records never crash the validator, every problem is located,
and whatever the validator accepts builds with ``--strict`` and renders nothing active (issue 14).

The mutants start from valid records (the mini fixture and a few real ones) and are changed the
ways contributors and attackers change files: a field deleted, duplicated, retyped or perturbed,
random Unicode or YAML syntax inserted into the text. Most examples run the validator in-process
(``data.repository.read_content``: fast); a few run the real command, and a handful of accepted
mutants are built with the real ``mkdocs build --strict``.

Bounded for CI: fixed seeds (``derandomize``), a few hundred examples, no deadline per example.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import MINI_CONTENT, ROOT, SCHEMA, run_cli
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from site_fixtures import copy_project, mkdocs_build

from kunskapsbanken.data.repository import read_content

FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])

# (folder, file) of the records the mutants start from.
MINI_RECORDS = [("methods", "ips.yml"), ("municipalities", "skelleftea.yml"), ("projects", "kraft.yml")]
REAL_RECORDS = [("methods", "ips.yml"), ("municipalities", "tyreso.yml"), ("projects", "kraft.yml")]

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
WHOLE_FILE_CODES = ("yaml.", "file.")
"""Problems about the file as a whole (syntax, encoding), which name no field."""

YAML_SYNTAX = [": ", "- ", "? ", "&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ", "!x ",
               "{", "}", "[", "]", ",", "\t", "\n---\n", "\n...\n", "%YAML 1.1\n", '"', "'", "#", "|\n", ">-\n",
               "\\", "\ufeff", "\r", "@", "`", "!!float nan", ".inf", "-.inf", "1e999", "0x1F", "~", "null",
               "yes", "2011-13-45", "\u202e", "\x1b[2J", "\x00", "\u2028", "  ", "\n  x: 1\n"]
HOSTILE_TEXT = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[a](javascript:alert(1))",
                '<a href="JaVaScRiPt:alert(1)">a</a>', "<svg/onload=alert(1)>", '{: onclick="alert(1)" }',
                "<iframe src=//x>", "java&#115;cript:alert(1)", "<style>*{}</style>", "**fet** _kursiv_",
                "[länk](https://example.org/)", "`kod`", "> citat", "| a | b |\n|---|---|\n| 1 | 2 |",
                "<!-- kommentar -->", "&lt;script&gt;", "\\<script\\>", "[x]: javascript:alert(1)\n[y][x]"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["not_known", "open", "met", "FYLL I", "", " ", "2011", "2011-09-01", "ips", "skelleftea",
                     "rss-rapport-2012", "../x", "Ips", "a" * 600]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=3)),
                      max_leaves=6)


def _paths(node, path=()):
    """Every field path in a parsed record (the record itself first)."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_data(draw, data):
    """``data`` with one to three changes to its fields."""
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        node = _get(data, path)
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "perturb", "add"]))
        if path and action == "delete":
            parent = _get(data, path[:-1])
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(node, list) and node:
            node.append(copy.deepcopy(draw(st.sampled_from(node))))
        elif action == "add" and isinstance(node, dict):
            key = draw(st.one_of(st.text(max_size=12), st.sampled_from(sorted(map(str, node)) or ["x"])))
            node[key] = draw(values)
        elif path and action == "perturb" and isinstance(node, str):
            at = draw(st.integers(0, len(node)))
            insert = draw(st.one_of(st.text(min_size=1, max_size=20), st.sampled_from(HOSTILE_TEXT)))
            _get(data, path[:-1])[path[-1]] = node[:at] + insert + node[at:]
        elif path and action == "perturb" and isinstance(node, (int, float)) and not isinstance(node, bool):
            _get(data, path[:-1])[path[-1]] = draw(st.sampled_from([-node, -1, 0, 101, 10**20, node + 0.5]))
        elif path:
            _get(data, path[:-1])[path[-1]] = draw(values)
    return data


@st.composite
def mutated_text(draw, text):
    """``text`` with one to three fragments of YAML syntax or random Unicode inserted or removed."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["syntax", "unicode", "cut"]))
        if action == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 30)):]
        else:
            insert = draw(st.sampled_from(YAML_SYNTAX) if action == "syntax" else st.text(min_size=1, max_size=8))
            text = text[:at] + insert + text[at:]
    return text


def _dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """One copy of the mini fixture, reused by every example (each restores what it changed)."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(MINI_CONTENT, root / "content")
    return root


def _check_problems(root: Path, target: Path, raw: bytes):
    """Validate in-process; every problem must be located and printable. Returns the problems."""
    original = target.read_bytes() if target.exists() else None
    target.write_bytes(raw)
    try:
        content = read_content(root / "content", SCHEMA, root)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    files = {f"content/{p.relative_to(root / 'content').as_posix()}" for p in (root / "content").rglob("*.yml")}
    files.add(f"content/{target.relative_to(root / 'content').as_posix()}")
    lines = raw.count(b"\n") + 1
    for p in content.problems:
        assert p.file in files, p
        assert p.line >= 1 and p.column >= 1, p
        if p.file == f"content/{target.relative_to(root / 'content').as_posix()}":
            assert p.line <= lines + 1, (p, lines)
        assert isinstance(p.path, str) and p.message and p.code, p
        if not p.code.startswith(WHOLE_FILE_CODES):
            doc = content.docs.get(p.file)
            before_fields = p.message.endswith("före första fältet")  # e.g. in the opening comment
            if doc is not None and isinstance(doc.data, dict) and not before_fields:
                assert p.path, f"a problem without a field: {p}"
        shown = str(p) + repr(p.as_dict())
        assert not RAW_CONTROL.search(str(p)), f"printed raw: {shown}"
    return content.problems


@pytest.mark.parametrize(("folder", "name"), MINI_RECORDS)
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_mutated_fields_never_crash_and_every_problem_is_located(workspace, folder, name, data):
    target = workspace / "content" / folder / name
    original = yaml.safe_load(target.read_text(encoding="utf-8"))
    _check_problems(workspace, target, _dump(data.draw(mutated_data(original))))



@pytest.mark.parametrize(("folder", "name"), MINI_RECORDS)
@settings(FUZZ, max_examples=100)
@given(data=st.data())
def test_mutated_text_never_crashes_and_every_problem_is_located(workspace, folder, name, data):
    target = workspace / "content" / folder / name
    text = target.read_text(encoding="utf-8")
    raw = data.draw(mutated_text(text)).encode("utf-8", "surrogatepass")
    _check_problems(workspace, target, raw)



@pytest.mark.parametrize(("folder", "name"), REAL_RECORDS)
@settings(FUZZ, max_examples=40)
@given(data=st.data())
def test_mutated_real_records_never_crash(workspace, folder, name, data):
    """Real records are larger and use every part of the schema; checked within the mini fixture."""
    target = workspace / "content" / folder / name
    real = yaml.safe_load((ROOT / "content" / folder / name).read_text(encoding="utf-8"))
    if data.draw(st.booleans()):
        raw = _dump(data.draw(mutated_data(real)))
    else:
        raw = data.draw(mutated_text((ROOT / "content" / folder / name).read_text(encoding="utf-8"))).encode(
            "utf-8", "surrogatepass")
    _check_problems(workspace, target, raw)



@settings(FUZZ, max_examples=6)
@given(data=st.data())
def test_the_real_command_never_prints_a_traceback(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(MINI_CONTENT, root / "content")
    folder, name = data.draw(st.sampled_from(MINI_RECORDS))
    target = root / "content" / folder / name
    text = target.read_text(encoding="utf-8")
    if data.draw(st.booleans()):
        raw = _dump(data.draw(mutated_data(yaml.safe_load(text))))
    else:
        raw = data.draw(mutated_text(text)).encode("utf-8", "surrogatepass")
    target.write_bytes(raw)
    for fmt in ("text", "json"):
        result = run_cli("validate", "--content", root / "content", "--schema", SCHEMA, "--root", root, "--format", fmt)
        assert result.returncode in (0, 1), result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
        assert not RAW_CONTROL.search(result.stdout.replace("\n", "") + result.stderr.replace("\n", ""))


# --- accepted mutants build and render nothing active ---------------------------------------

TEXT_FIELDS = {"summary", "description", "text", "justification", "name", "label", "title", "goal", "note"}


def _text_paths(data):
    return [p for p in _paths(data) if p and p[-1] in TEXT_FIELDS and isinstance(_get(data, p), str)]


@st.composite
def accepted_candidate(draw, data):
    """A real record with hostile or random text in a few of its text fields."""
    data = copy.deepcopy(data)
    for path in draw(st.lists(st.sampled_from(_text_paths(data)), min_size=1, max_size=4, unique=True)):
        insert = draw(st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(min_size=1, max_size=30)))
        _get(data, path[:-1])[path[-1]] = _get(data, path) + " " + insert
    return data


_THEME_PATHS = re.compile(r'"(?:\.\.?/?)+"|"\.\."|"/[a-z-]+/"')


def _script_fingerprint(script) -> str:
    src = script.get("src")
    if src:
        return "src:" + src.rsplit("/", 1)[-1]
    return "inline:" + _THEME_PATHS.sub('"BASE"', script.string or "")


def _assert_inert(site: Path) -> None:
    """No script but the theme's, no on* attribute and no javascript: URL on any page."""
    theme = {_script_fingerprint(s) for s in BeautifulSoup((site / "404.html").read_text(encoding="utf-8"),
                                                            "lxml").find_all("script")}
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        editor = page.relative_to(site).parts[0] in ("admin", "admin-minimal")
        for script in soup.find_all("script"):
            if editor:
                continue  # the web editor's own page (templates/editor_admin.html) loads Decap; no record text
            if script.get("type") == "application/json" and script.get("id") == "__config":
                continue  # the theme's settings: data the browser never runs
            assert _script_fingerprint(script) in theme, f"{page}: a script not from the theme: {script}"[:500]
        for tag in soup.find_all(True):
            for attr, value in tag.attrs.items():
                assert not attr.lower().startswith("on"), f"{page}: <{tag.name} {attr}=…>"
                for v in value if isinstance(value, list) else [value]:
                    assert not re.match(r"\s*(java|vb)script\s*:", str(v), re.I), f"{page}: {tag.name} {attr}={v}"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("accepted") / "project")


@settings(FUZZ, max_examples=2, phases=[Phase.explicit, Phase.generate])  # no shrinking: builds are slow
@given(data=st.data())
def test_what_the_validator_accepts_builds_strict_and_is_inert(project, data):
    """Each example changes all three real records at once: three accepted mutants per build."""
    originals = {}
    try:
        for folder, name in REAL_RECORDS:
            target = project / "content" / folder / name
            originals[target] = target.read_bytes()
            target.write_bytes(_dump(data.draw(accepted_candidate(yaml.safe_load(originals[target])))))
        assume(not read_content(project / "content", project / "schema", project).problems)
        site = project / "site"
        result = mkdocs_build(project, site)
        assert result.returncode == 0, \
            f"accepted by validate but the strict build failed:\n{result.stdout}\n{result.stderr}"
        _assert_inert(site)
    finally:
        for target, raw in originals.items():
            target.write_bytes(raw)


# --- Vocabularies, news posts and the command line (issue 21) --------------------------------

MINI_VOCABULARIES = ["glossary.yml", "target_groups.yml", "success_keys.yml"]


@pytest.mark.parametrize("name", MINI_VOCABULARIES)
@settings(FUZZ, max_examples=60)
@given(data=st.data())
def test_mutated_vocabularies_never_crash_and_every_problem_is_located(workspace, name, data):
    target = workspace / "content" / name
    if data.draw(st.booleans()):
        raw = _dump(data.draw(mutated_data(yaml.safe_load(target.read_text(encoding="utf-8")))))
    else:
        raw = data.draw(mutated_text(target.read_text(encoding="utf-8"))).encode("utf-8", "surrogatepass")
    _check_problems(workspace, target, raw)


POSTS = sorted((ROOT / "docs" / "blog" / "posts").glob("*.md"))


@pytest.fixture(scope="module")
def posts_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-posts")


@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_mutated_news_posts_never_crash_and_what_passes_is_inert(posts_folder, data):
    from kunskapsbanken.data.news_posts import blog_settings, read_posts, split_post
    from kunskapsbanken.render.markdown import MarkdownRenderer, plain_text_markdown, sanitise_page

    source = data.draw(st.sampled_from(POSTS))
    text = source.read_text(encoding="utf-8")
    front, body, _ = split_post(text)
    if data.draw(st.booleans()):
        meta = yaml.safe_load(front)
        text = "---\n" + _dump(data.draw(mutated_data(meta))).decode("utf-8") + "---\n" + body
    else:
        text = data.draw(mutated_text(text))
    if data.draw(st.booleans()):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.sampled_from(HOSTILE_TEXT)) + text[at:]
    for old in posts_folder.iterdir():
        old.unlink()
    raw = text.encode("utf-8", "surrogatepass")
    (posts_folder / "inlagg.md").write_bytes(raw)
    posts, problems = read_posts(ROOT, ROOT / "schema", blog_settings(ROOT), posts_dir=posts_folder)
    lines = raw.count(b"\n") + 1
    for p in problems:
        assert 1 <= p.line <= lines + 1 and p.column >= 1 and p.message and p.code, p
        assert not RAW_CONTROL.search(str(p)), repr(str(p))
    if not any(p.is_error for p in problems):
        assert len(posts) == 1 and posts[0].front is not None
        post = posts[0]
        renderer = MarkdownRenderer(["attr_list", "tables", "md_in_html", "abbr", "def_list"])
        title = renderer._md.reset().convert("# " + plain_text_markdown(post.front["title"]))
        for html in (sanitise_page(renderer._md.reset().convert(post.body)), sanitise_page(title)):
            soup = BeautifulSoup(html, "lxml")
            assert not soup.find(["script", "iframe", "img", "svg", "style", "object", "form"]), html
            for tag in soup.find_all(True):
                assert not any(a.lower().startswith("on") for a in tag.attrs), html
                assert not str(tag.get("href", "")).strip().lower().startswith(("javascript:", "data:")), html
        assert BeautifulSoup(title, "lxml").get_text().strip() == " ".join(post.front["title"].split())


COMMANDS = ["validate", "diff", "coverage", "format", "new"]
OPTIONS = ["--content", "--schema", "--root", "--format", "--posts", "--check", "--base", "--no-base", "--uncited",
           "--help", "-h", "--", "-", "json", "github", "text", "HEAD", "HEAD~1", "HEAD^{tree}", "..", "@{-1}",
           "method", "project", "municipality", "content", "schema", "content/methods/ips.yml", "x.yml",
           "\x1b[2J", "\u202e", "a\nb", "", " ", "--content=", "--format=xml"]
safe_text = st.text(alphabet=st.characters(blacklist_characters="/\\.~", blacklist_categories=("Cs",)), max_size=10)


@pytest.fixture(scope="module")
def cli_workspace(tmp_path_factory):
    """A folder with content/ and schema/, not a git repository: the commands run inside it."""
    root = tmp_path_factory.mktemp("fuzz-cli")
    shutil.copytree(MINI_CONTENT, root / "content")
    shutil.copytree(SCHEMA, root / "schema")
    return root


@settings(FUZZ, max_examples=150)
@given(argv=st.lists(st.one_of(st.sampled_from(OPTIONS), safe_text), max_size=6),
       command=st.sampled_from(COMMANDS))
def test_any_command_line_gives_an_exit_code_never_a_traceback(cli_workspace, capsys, monkeypatch, argv, command):
    import io
    import os

    from kunskapsbanken import cli

    if command == "new" and "--help" not in argv and "-h" not in argv:
        argv = [*argv, "--help"] if len(argv) % 2 else argv  # the scaffold writes files: half of them only ask
    before = os.getcwd()
    os.chdir(cli_workspace)
    try:
        monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a prompt gets no answer
        code = cli.main([command, *argv])
    finally:
        os.chdir(before)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (command, argv, code)
    assert "Traceback" not in out + err
    assert not RAW_CONTROL.search(err.replace("\n", "")), (command, argv, err)
