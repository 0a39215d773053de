"""Command line: ``python -m kunskapsbanken validate``, ``new``, ``diff``, ``coverage`` and ``format``.

Exit codes: 0 = everything valid / file written, 1 = problems found / refused,
2 = wrong use of the command (unknown option, missing folder).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kunskapsbanken.data.control_chars import escaped
from kunskapsbanken.data.news_posts import POSTS_DIR, blog_settings, read_posts
from kunskapsbanken.data.repository import read_content

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_problems(problems, fmt: str, *, colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    lines = []
    for p in problems:
        if fmt == "github":
            level = "error" if p.is_error else "warning"
            lines.append(f"::{level} file={_github_escape(escaped(p.file), property_value=True)},line={p.line},"
                         f"col={p.column},title={_github_escape(escaped(p.code), property_value=True)}::"
                         f"{_github_escape(p.describe())}")
        elif colour:
            lines.append(f"\033[1m{p.location()}\033[0m: \033[31m{p.describe()}\033[0m")
        else:
            lines.append(str(p))
    return "\n".join(lines)


def cmd_validate(args) -> int:
    content_dir, schema_dir = Path(args.content), Path(args.schema)
    for folder in (content_dir, schema_dir):
        if not folder.is_dir():
            print(f"Mappen finns inte: {escaped(str(folder))}", file=sys.stderr)
            return EXIT_USAGE
    root = Path(args.root) if args.root else Path.cwd()
    content = read_content(content_dir, schema_dir, root)
    posts, post_problems = read_posts(root, schema_dir, blog_settings(Path.cwd()), posts_dir=Path(args.posts))
    problems = sorted(content.problems + post_problems)
    if args.format == "json":
        print(format_problems(problems, "json"))
    elif problems:
        print(format_problems(problems, args.format, colour=_colour(sys.stdout)))
    counts = {kind: len(records) for kind, records in content.records.items()}
    summary = (f"{counts['municipality']} kommuner, {counts['project']} projekt, {counts['method']} metoder, "
               f"{counts['criterion']} kriterier, {counts['source']} källor, {counts['glossary']} ord i ordlistan, "
               f"{counts['success_key']} framgångsnycklar, {len(posts)} nyheter")
    refused = [p for p in problems if p.is_error]
    if args.format != "json":
        warned = len(problems) - len(refused)
        warnings = f" och {warned} {'varning' if warned == 1 else 'varningar'}" if warned else ""
        if refused:
            print(f"{len(refused)} problem{warnings} hittades ({summary} godkända).", file=sys.stderr)
        else:
            print(f"Allt giltigt{warnings}: {summary}.", file=sys.stderr)
    return EXIT_PROBLEMS if refused else EXIT_OK


def cmd_diff(args) -> int:
    from kunskapsbanken.contributor.diff import InvalidVersion, RevisionError, diff_revisions
    from kunskapsbanken.contributor.change_summary import summarise

    try:
        diff = diff_revisions(Path(args.root), args.base, args.head)
    except RevisionError as exc:
        print(f"Kan inte jämföra: {escaped(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidVersion as exc:
        print(f"Versionen {escaped(exc.revision)} har problem som validate hittar:", file=sys.stderr)
        print(format_problems(exc.problems, "text"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(escaped_report(summarise(diff)), end="")
    return EXIT_OK


def cmd_coverage(args) -> int:
    from kunskapsbanken.data.coverage import source_coverage
    from kunskapsbanken.data.problems import ValidationFailed
    from kunskapsbanken.data.repository import load_knowledge_base

    content_dir, schema_dir = Path(args.content), Path(args.schema)
    for folder in (content_dir, schema_dir):
        if not folder.is_dir():
            print(f"Mappen finns inte: {escaped(str(folder))}", file=sys.stderr)
            return EXIT_USAGE
    try:
        kb = load_knowledge_base(content_dir, schema_dir, Path.cwd())
    except ValidationFailed as exc:
        print(format_problems(sorted(exc.problems), "text"))
        print("Rätta problemen först: python -m kunskapsbanken validate", file=sys.stderr)
        return EXIT_PROBLEMS
    coverage = source_coverage(kb)
    if args.format == "json":
        print(json.dumps([{"document": d.source.id, "title": d.source["title"], "sections": [
            {"section": s.title, "citations": [{"file": e.file, "name": e.name, "fields": e.fields} for e in s.entries]}
            for s in d.sections]} for d in coverage], ensure_ascii=False, indent=2))
        return EXIT_OK
    # Every text below is record text: escaped, so a newline in a section title cannot start a
    # line of its own, and an escape sequence cannot reach the terminal.
    for document in coverage:
        print(f"{escaped(document.source.id)}: {escaped(str(document.source['title']))}")
        for section in document.sections:
            if args.uncited and section.entries:
                continue
            title = escaped(str(section.title))
            if not section.entries:
                print(f"  {title}: ingen hänvisning")
                continue
            print(f"  {title}: {section.count} {'hänvisning' if section.count == 1 else 'hänvisningar'}")
            for entry in section.entries:
                print(f"    {escaped(entry.file)} ({escaped(str(entry.name))}): "
                      f"{', '.join(escaped(str(f)) for f in entry.fields)}")
    uncited = sum(len(d.uncited) for d in coverage)
    total = sum(len(d.sections) for d in coverage)
    print(f"{total - uncited} av {total} avsnitt har minst en hänvisning; {uncited} har ingen.", file=sys.stderr)
    return EXIT_OK


def cmd_format(args) -> int:
    from kunskapsbanken.contributor.formatting import content_files, format_content

    content_dir, schema_dir = Path(args.content), Path(args.schema)
    for folder in (content_dir, schema_dir):
        if not folder.is_dir():
            print(f"Mappen finns inte: {escaped(str(folder))}", file=sys.stderr)
            return EXIT_USAGE
    paths = [Path(p) for p in args.paths]
    known = {p.resolve() for p in content_files(content_dir)}
    unknown = [p for p in paths if p.resolve() not in known]
    if unknown:
        print("Inte en post i " + escaped(str(content_dir)) + ": " + ", ".join(escaped(str(p)) for p in unknown),
              file=sys.stderr)
        return EXIT_USAGE
    try:
        changed = format_content(content_dir, schema_dir, paths=paths or None,
                                 base_rev=None if args.no_base else args.base, write=not args.check)
    except Exception as exc:  # a file that is not YAML at all: validate explains it better
        print(f"Kunde inte formatera: {escaped(str(exc))}. Kör `python -m kunskapsbanken validate`.", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in changed:
        print(escaped(path.as_posix()))
    if args.check:
        if changed:
            print(f"{len(changed)} filer är inte formaterade; kör `python -m kunskapsbanken format`.",
                  file=sys.stderr)
            return EXIT_PROBLEMS
        print("Alla filer är formaterade.", file=sys.stderr)
    elif changed:
        print(f"{len(changed)} filer formaterades.", file=sys.stderr)
    return EXIT_OK


def cmd_export_pages(args) -> int:
    from kunskapsbanken.data import ValidationFailed
    from kunskapsbanken.export import export_pages

    config = Path(args.config)
    if not config.is_file():
        print(f"Filen finns inte: {escaped(str(config))}", file=sys.stderr)
        return EXIT_USAGE
    try:
        count = export_pages(config, Path(args.dest))
    except ValidationFailed as exc:
        print(format_problems(sorted(exc.problems), "text", colour=_colour(sys.stderr)), file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{count} genererade sidor skrevs till {escaped(args.dest)}.", file=sys.stderr)
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse echoes a wrong argument as given: escaped here, as every other output is."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fel: {escaped(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kunskapsbanken",
                                     description="Verktyg för kunskapsbankens YAML-poster.")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="kontrollera alla poster och visa varje problem",
                              description="Kontrollerar alla poster i content/. Slutkod 0: allt giltigt; "
                                          "1: problem hittades; 2: fel användning av kommandot.")
    validate.add_argument("--content", default="content", help="mappen med posterna (standard: content)")
    validate.add_argument("--schema", default="schema", help="mappen med JSON-scheman (standard: schema)")
    validate.add_argument("--posts", default=POSTS_DIR,
                          help=f"mappen med nyheterna (standard: {POSTS_DIR}); kategorierna läses ur mkdocs.yml")
    validate.add_argument("--root", help="filvägar i meddelanden räknas från denna mapp (standard: aktuell mapp)")
    validate.add_argument("--format", choices=["text", "github", "json"], default="text",
                          help="text (standard), github (anteckningar i GitHub Actions) eller json")
    validate.set_defaults(func=cmd_validate)
    diff = sub.add_parser("diff", help="beskriv på svenska vad en ändring gör med kunskapsbanken",
                          description="Jämför posterna i två git-versioner och skriver ut ändringarna som "
                                      "Markdown: nya, borttagna och omdöpta poster, ändrade fält, bedömningar "
                                      "och siffror. Slutkod 0: klart; 1: en version har ogiltiga poster; "
                                      "2: en version går inte att läsa.")
    diff.add_argument("base", metavar="BAS", help="versionen att jämföra från, t.ex. origin/main")
    diff.add_argument("head", metavar="NY", nargs="?",
                      help="versionen att jämföra med, t.ex. HEAD (standard: filerna som de är nu)")
    diff.add_argument("--root", default=".", help="git-arkivets mapp (standard: aktuell mapp)")
    diff.set_defaults(func=cmd_diff)
    coverage = sub.add_parser("coverage", help="visa vilka avsnitt i källorna som posterna hänvisar till",
                              description="Listar varje källdokuments avsnitt och de poster och fält som hänvisar "
                                          "till vart och ett; avsnitt utan hänvisning sägs ut. Slutkod 0: listan "
                                          "skrevs; 1: posterna har problem; 2: fel användning av kommandot.")
    coverage.add_argument("--content", default="content", help="mappen med posterna (standard: content)")
    coverage.add_argument("--schema", default="schema", help="mappen med JSON-scheman (standard: schema)")
    coverage.add_argument("--uncited", action="store_true", help="visa bara avsnitt som ingen post hänvisar till")
    coverage.add_argument("--format", choices=["text", "json"], default="text", help="text (standard) eller json")
    coverage.set_defaults(func=cmd_coverage)
    fmt = sub.add_parser("format", help="skriv posterna i husets stil (nyckelordning, modeline, kommentarer)",
                         description="Skriver om posterna i husets stil: schemats modeline först, nycklarna i "
                                     "schemats ordning, långa texter radbrutna, och kommentarer och citattecken "
                                     "från den incheckade versionen där uppgifterna är oförändrade. "
                                     "Slutkod med --check: 0 om allt redan är formaterat, annars 1.")
    fmt.add_argument("paths", nargs="*", help="filer att formatera (standard: alla poster i content/)")
    fmt.add_argument("--check", action="store_true", help="ändra inget, lista filer som inte är formaterade")
    fmt.add_argument("--base", default="HEAD",
                     help="git-version vars kommentarer och stil återställs (standard: HEAD), t.ex. origin/main")
    fmt.add_argument("--no-base", action="store_true", help="använd inte git")
    fmt.add_argument("--content", default="content", help="mappen med posterna (standard: content)")
    fmt.add_argument("--schema", default="schema", help="mappen med JSON-scheman (standard: schema)")
    fmt.set_defaults(func=cmd_format)
    export = sub.add_parser("export-pages", help="skriv webbplatsens sidor som Markdown, utan MkDocs",
                            description="Skriver alla sidor (de handskrivna och de som byggs ur posterna), öppna "
                                        "data, redigeraren och schemana till en mapp med en egen mkdocs.yml utan "
                                        "kunskapsbankens tillägg, så att en annan motor kan bygga webbplatsen. "
                                        "Slutkod 0: klart; 1: posterna har problem; 2: fel användning.")
    export.add_argument("dest", metavar="MAPP", help="mappen att skriva till (töms först)")
    export.add_argument("--config", default="mkdocs.yml", help="webbplatsens mkdocs.yml (standard: mkdocs.yml)")
    export.set_defaults(func=cmd_export_pages)
    from kunskapsbanken.contributor.scaffold import add_new_command

    add_new_command(sub)
    return parser


def escaped_report(text: str) -> str:
    """A multi-line report (Markdown) with each line's record text escaped; its own newlines kept."""
    return "\n".join(escaped(line) for line in text.split("\n"))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on misuse, 0 on --help
        return int(exc.code or 0)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # a file or folder that vanished, cannot be read or written
        name = f" ({escaped(str(exc.filename))})" if exc.filename else ""
        print(f"Kunde inte läsa eller skriva en fil{name}: {escaped(exc.strerror or type(exc).__name__)}.",
              file=sys.stderr)
        return EXIT_PROBLEMS
