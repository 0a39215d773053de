"""Read ``content/``: every file parsed, validated and cross-checked, every problem reported."""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kunskapsbanken.data.kinds import KINDS, LIST_KINDS, RECORD_KINDS, kind_of_list_file
from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.names import name_problems
from kunskapsbanken.data.placeholders import placeholder_problems
from kunskapsbanken.data.problems import Problem, ValidationFailed, errors
from kunskapsbanken.data.readability import EASY_READ_FIELD, easy_read_problems
from kunskapsbanken.data.references import ReferenceChecker
from kunskapsbanken.data.scalar_checks import scalar_problems
from kunskapsbanken.data.schema_errors import SchemaErrorTranslator
from kunskapsbanken.data.schemas import KindSchema, is_markdown, load_schemas
from kunskapsbanken.data.slugs import is_id
from kunskapsbanken.data.yamlsource import YamlDocument, YamlError, format_path, load_yaml



@dataclass
class Content:
    """What was read, before the model is built: useful to tools that need raw records too."""

    records: dict[str, dict[str, Record]]
    docs: dict[str, YamlDocument]
    problems: list[Problem]


@functools.lru_cache(maxsize=4)
def _schemas(schema_dir: str, stamp: tuple) -> dict[str, KindSchema]:
    return load_schemas(Path(schema_dir))


def schemas_for(schema_dir: Path) -> dict[str, KindSchema]:
    """Compiled schemas, cached while the schema files are unchanged (``mkdocs serve`` rebuilds)."""
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in schema_dir.glob("*.json")))
    return _schemas(str(schema_dir), stamp)


def read_content(content_dir: Path, schema_dir: Path, root: Path | None = None) -> Content:
    content_dir = Path(content_dir)
    root = Path(root) if root else content_dir.parent
    schemas = schemas_for(Path(schema_dir))
    content = Content(records={k: {} for k in KINDS}, docs={}, problems=[])
    this_read: dict[Path, _CheckedFile] = {}

    # Resolved once: resolving each of thousands of files was a measurable share of a build.
    resolved_root, resolved_content = root.resolve(), content_dir.resolve()

    def relative(path: Path) -> str:
        try:
            return (resolved_content / path.relative_to(content_dir)).relative_to(resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    def read(path: Path, kind: str) -> tuple[str, YamlDocument | None, bool]:
        """The file parsed and checked on its own: (file, document or None, valid by its schema)."""
        file = relative(path)
        try:
            data = path.read_bytes()
        except OSError as exc:  # removed or made unreadable while being read
            content.problems.append(Problem(file, 1, 1, "", "filen går inte att läsa", code="file.unreadable",
                                            found=exc.strerror or type(exc).__name__, expected="en läsbar YAML-fil"))
            return file, None, False
        kept = _LAST_READ.get(path) if _KEEP_READS else None
        if kept is not None and kept.data == data and kept.file == file and kept.schemas is schemas:
            checked = kept
        else:
            checked = _check_file(file, data, schemas[kind], schemas)
        this_read[path] = checked
        content.problems.extend(checked.problems)
        if checked.doc is not None:
            content.docs[file] = checked.doc
        return file, checked.doc, checked.valid

    stray, refused = _stray_files(content_dir, relative)
    content.problems.extend(stray)

    for record_kind in RECORD_KINDS:
        kind = record_kind.id
        folder_path = content_dir / record_kind.folder
        if folder_path in refused or folder_path.is_symlink():
            continue
        for path in sorted(p for p in folder_path.glob("*.yml") if p not in refused):
            file, doc, _ = read(path, kind)
            if doc is None:
                continue
            if not isinstance(doc.data, dict) or not isinstance(doc.data.get("id"), str):
                continue
            # Records with schema problems still take part in the reference checks, so that
            # one run reports everything; the model is only built when there are no problems.
            if not is_id(doc.data["id"]):
                # The schema check reports the malformed id; keeping the record under its file
                # name spares the contributor follow-on reports (mismatch, broken references).
                content.records[kind].setdefault(path.stem, Record(kind, path.stem, doc.data, file))
                continue
            record = Record(kind, doc.data["id"], doc.data, file)
            if _check_identity(content, record, path, doc):
                content.records[kind].setdefault(record.id, record)

    for list_kind in LIST_KINDS:
        kind, key = list_kind.id, list_kind.id_field
        path = content_dir / list_kind.list_file
        if path in refused:
            continue
        if not path.exists():
            content.problems.append(Problem(relative(path), 1, 1, "", "filen saknas", code="file.missing",
                                            expected=f"en lista enligt schema/{list_kind.schema}"))
            continue
        file, doc, valid = read(path, kind)
        if doc is None or not valid:
            continue
        assert isinstance(doc.data, list)  # the schema of every list file says so
        for i, item in enumerate(doc.data):
            if item[key] in content.records[kind]:
                line, column = doc.position((i, key))
                content.problems.append(Problem(file, line, column, format_path((i, key)),
                                                f"'{item[key]}' står två gånger", code="identity.duplicate",
                                                expected="varje post en gång"))
                continue
            content.records[kind][item[key]] = Record(kind, str(item[key]), item, file, (i,))

    index = {kind: records for kind, records in content.records.items() if kind not in ("glossary", "success_key")}
    checker = ReferenceChecker(index, content.docs)
    for record_kind in RECORD_KINDS:
        for record in content.records[record_kind.id].values():
            checker.check_record(record)
    for list_kind in LIST_KINDS:
        for record in content.records[list_kind.id].values():
            checker.check_source_documents(record, record.data, ())
    for record in content.records["success_key"].values():
        checker.check_examples(record)
    content.problems.extend(checker.problems)
    content.problems.extend(name_problems(content.records, content.docs))  # reserved and colliding names
    _LAST_READ.clear()
    if _KEEP_READS:
        _LAST_READ.update(this_read)
    return content


@dataclass
class _CheckedFile:
    """One file parsed and checked on its own (not against other files)."""

    file: str
    data: bytes
    schemas: dict
    doc: YamlDocument | None
    problems: list[Problem]
    valid: bool


_LAST_READ: dict[Path, _CheckedFile] = {}
"""The files of the last read, by path, while :func:`keep_reads` is on. Nothing changes a document
after it is read."""
_KEEP_READS = False


def keep_reads(enabled: bool) -> None:
    """Under ``mkdocs serve``: keep every file's parsed and checked document from one read to the
    next, so that a rebuild parses and checks again only the files whose bytes changed (what involves
    other files, ids, references and names, is always checked anew). Off for a single build, which
    would only hold the documents longer."""
    global _KEEP_READS
    _KEEP_READS = enabled
    if not enabled:
        _LAST_READ.clear()


def _check_file(file: str, data: bytes, schema: KindSchema, schemas: dict) -> _CheckedFile:
    try:
        doc = load_yaml(data, file)
    except YamlError as exc:
        return _CheckedFile(file, data, schemas, None, [exc.problem], False)
    problems = list(doc.problems)
    problems += scalar_problems(file, doc, functools.partial(is_markdown, schema.schema)) \
        + placeholder_problems(file, doc, schema.schema)
    valid = schema.is_valid(doc.data)
    if not valid:
        reported = {p.path for p in problems if p.is_error}
        problems += SchemaErrorTranslator(file, doc, schema.schema, reported).problems(schema.errors(doc.data))
    if isinstance(doc.data, dict) and EASY_READ_FIELD in doc.data:
        problems += easy_read_problems(file, doc.data[EASY_READ_FIELD], doc.position((EASY_READ_FIELD,)))
    elif isinstance(doc.data, list) and valid:
        for i, item in enumerate(doc.data):
            if EASY_READ_FIELD in item:  # a glossary entry's easy-read explanation
                problems += easy_read_problems(file, item[EASY_READ_FIELD], doc.position((i, EASY_READ_FIELD)),
                                               format_path((i, EASY_READ_FIELD)))
    return _CheckedFile(file, data, schemas, doc, problems, valid)


def _check_identity(content: Content, record: Record, path: Path, doc: YamlDocument) -> bool:
    """Report an id that is not the file's name, or is taken; True if the record may use its id.

    The file named after an id owns it: a copy saved as ``ips-kopia.yml`` with ``id: ips`` is one
    mistake (a duplicate id), reported once, in the copy, whichever file is read first.
    """
    line, column = doc.position(("id",))
    owner = path.with_name(f"{record.id}.yml")
    if record.id != path.stem and owner.exists():
        content.problems.append(Problem(record.file, line, column, "id", f"id '{record.id}' finns redan",
                                        found=f"samma id i {PurePosixPath(record.file).with_name(owner.name)}",
                                        expected="ett unikt id",
                                        tip=f"Ge posten ett eget id och samma namn på filen, t.ex. id: {path.stem}.",
                                        code="identity.duplicate"))
        return False
    if record.id != path.stem:
        content.problems.append(Problem(record.file, line, column, "id", "id stämmer inte med filnamnet",
                                        found=f"'{record.id}'", expected=f"'{path.stem}' (filnamnet utan .yml)",
                                        tip="Byt namn på filen eller ändra id så att de är lika.",
                                        code="identity.file_name"))
    existing = content.records[record.record_type].get(record.id)
    if existing is not None:
        content.problems.append(Problem(record.file, line, column, "id", f"id '{record.id}' finns redan",
                                        found=f"samma id i {existing.file}", expected="ett unikt id",
                                        code="identity.duplicate"))
        return False
    return True


def _entries(content_dir: Path):
    """Every entry below ``content_dir``, without following a symbolic link: (path, is_dir)."""
    for folder, dirs, files in os.walk(content_dir, followlinks=False):
        for name in sorted(dirs + files):
            yield Path(folder) / name, name in dirs


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file kunskapsbanken may read (in Swedish), or None."""
    if path.is_symlink():
        return "en symbolisk länk"
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "oläsbar"
    if stat.S_ISDIR(mode):
        return "en mapp"
    if not stat.S_ISREG(mode):
        return "en specialfil"
    return None


def _stray_files(content_dir: Path, relative) -> tuple[list[Problem], set[Path]]:
    """A record saved as .yaml or in the wrong folder would silently vanish: report it. A symbolic
    link or anything but a regular file is refused by name, never followed nor read: only what is
    in content/ is content. Returns the problems and the paths that must not be read."""
    problems, refused = [], set()
    known_dirs = {kind.folder for kind in RECORD_KINDS}
    for path, is_dir in _entries(content_dir):
        rel = path.relative_to(content_dir)
        what = _not_regular(path)
        expected_dir = is_dir and len(rel.parts) == 1 and rel.name in known_dirs
        if what is not None and not (what == "en mapp" and (expected_dir or path.name.startswith("."))):
            if what == "en mapp" and path.suffix != ".yml" and kind_of_list_file(rel.name) is None:
                continue  # an extra folder: its files are reported one by one below
            refused.add(path)
            problems.append(Problem(relative(path), 1, 1, "", f"{what} i stället för en vanlig fil",
                                    code="file.not_regular", expected="en vanlig YAML-fil i content/",
                                    tip="Kunskapsbanken läser bara vanliga filer som ligger i content/. "
                                        "Lägg posten själv i mappen i stället för en länk."))
            continue
        if is_dir or path.name.startswith(".") or path.name == "README.md":
            continue
        ok = (len(rel.parts) == 1 and kind_of_list_file(rel.name) is not None) or (
            len(rel.parts) == 2 and rel.parts[0] in known_dirs and path.suffix == ".yml")
        if not ok:
            problems.append(Problem(relative(path), 1, 1, "", "filen läses inte av kunskapsbanken",
                                    code="file.unexpected", found=rel.as_posix(),
                                    expected=_record_paths(),
                                    tip="Flytta filen till rätt mapp och ge den ändelsen .yml."))
    return problems, refused


def load_knowledge_base(content_dir: Path, schema_dir: Path, root: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base, or :class:`ValidationFailed` listing every problem."""
    content = read_content(content_dir, schema_dir, root)
    if errors(content.problems):
        raise ValidationFailed(content.problems)
    return KnowledgeBase(**{KINDS[kind].name: records.values() for kind, records in content.records.items()})


def _record_paths() -> str:
    """``content/municipalities/<id>.yml, content/projects/<id>.yml eller content/methods/<id>.yml``."""
    paths = [f"{k.content_path}<id>.yml" for k in RECORD_KINDS]
    return ", ".join(paths[:-1]) + " eller " + paths[-1]
