"""Read ``content/``: every file parsed, validated and cross-checked, every problem reported."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kunskapsbanken.data.model import KnowledgeBase, Record
from kunskapsbanken.data.placeholders import placeholder_problems
from kunskapsbanken.data.problems import Problem, ValidationFailed
from kunskapsbanken.data.readability import EASY_READ_FIELD, easy_read_problems
from kunskapsbanken.data.references import ReferenceChecker
from kunskapsbanken.data.scalar_checks import scalar_problems
from kunskapsbanken.data.schema_errors import SchemaErrorTranslator
from kunskapsbanken.data.schemas import KindSchema, load_schemas
from kunskapsbanken.data.slugs import is_id
from kunskapsbanken.data.yamlsource import YamlDocument, YamlError, format_path, load_yaml

# Folder of one-record-per-file kinds, and the vocabularies that are one list per file.
RECORD_FOLDERS = {"municipalities": "municipality", "projects": "project", "methods": "method"}
LIST_FILES = {"criteria.yml": ("criteria", "criterion", "id"), "sources.yml": ("sources", "source", "id"),
              "glossary.yml": ("glossary", "glossary", "term"),
              "success_keys.yml": ("success_keys", "success_key", "id"),
              "target_groups.yml": ("target_groups", "target_group", "id")}


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
    content = Content(records={k: {} for k in ("municipality", "project", "method", "criterion", "source", "glossary",
                                                                 "success_key",
                                                                 "target_group")},
                      docs={}, problems=[])

    # Resolved once: resolving each of thousands of files was a measurable share of a build.
    resolved_root, resolved_content = root.resolve(), content_dir.resolve()

    def relative(path: Path) -> str:
        try:
            return (resolved_content / path.relative_to(content_dir)).relative_to(resolved_root).as_posix()
        except ValueError:
            return path.as_posix()

    def parse(path: Path) -> tuple[str, YamlDocument | None]:
        file = relative(path)
        try:
            doc = load_yaml(path.read_bytes(), file)
        except YamlError as exc:
            content.problems.append(exc.problem)
            return file, None
        content.docs[file] = doc
        content.problems.extend(doc.problems)
        return file, doc

    def validate(file: str, doc: YamlDocument, schema: KindSchema) -> bool:
        own = scalar_problems(file, doc) + placeholder_problems(file, doc, schema.schema)
        content.problems.extend(own)
        if schema.is_valid(doc.data):
            return True
        reported = {p.path for p in own + doc.problems}
        content.problems.extend(SchemaErrorTranslator(file, doc, schema.schema, reported).problems(schema.errors(doc.data)))
        return False

    content.problems.extend(_stray_files(content_dir, relative))

    for folder, kind in RECORD_FOLDERS.items():
        for path in sorted((content_dir / folder).glob("*.yml")):
            file, doc = parse(path)
            if doc is None:
                continue
            validate(file, doc, schemas[kind])
            if isinstance(doc.data, dict) and EASY_READ_FIELD in doc.data:
                content.problems.extend(easy_read_problems(file, doc.data[EASY_READ_FIELD],
                                                           doc.position((EASY_READ_FIELD,))))
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

    for name, (schema_kind, kind, key) in LIST_FILES.items():
        path = content_dir / name
        if not path.exists():
            content.problems.append(Problem(relative(path), 1, 1, "", "filen saknas", code="file.missing",
                                            expected=f"en lista enligt schema/{schemas[schema_kind].file}"))
            continue
        file, doc = parse(path)
        if doc is None or not validate(file, doc, schemas[schema_kind]):
            continue
        for i, item in enumerate(doc.data):
            if EASY_READ_FIELD in item:  # a glossary entry's easy-read explanation
                content.problems.extend(easy_read_problems(file, item[EASY_READ_FIELD], doc.position((i, EASY_READ_FIELD)),
                                                           format_path((i, EASY_READ_FIELD))))
            if item[key] in content.records[kind]:
                line, column = doc.position((i, key))
                content.problems.append(Problem(file, line, column, format_path((i, key)),
                                                f"'{item[key]}' står två gånger", code="identity.duplicate",
                                                expected="varje post en gång"))
                continue
            content.records[kind][item[key]] = Record(kind, str(item[key]), item, file, (i,))

    index = {kind: records for kind, records in content.records.items() if kind not in ("glossary", "success_key")}
    checker = ReferenceChecker(index, content.docs)
    for kind in ("municipality", "project", "method"):
        for record in content.records[kind].values():
            checker.check_record(record)
    for kind in ("criterion", "source", "glossary", "success_key", "target_group"):
        for record in content.records[kind].values():
            checker.check_source_documents(record, record.data, ())
    for record in content.records["success_key"].values():
        checker.check_examples(record)
    content.problems.extend(checker.problems)
    return content


def _check_identity(content: Content, record: Record, path: Path, doc: YamlDocument) -> bool:
    """Report an id that is not the file's name, or is taken; True if the record may use its id.

    The file named after an id owns it: a copy saved as ``ips-kopia.yml`` with ``id: ips`` is one
    mistake (a duplicate id), reported once, in the copy, whichever file is read first.
    """
    line, column = doc.position(("id",))
    owner = path.with_name(f"{record.id}.yml")
    if record.id != path.stem and owner.exists():
        content.problems.append(Problem(record.file, line, column, "id", f"id '{record.id}' finns redan",
                                        found=f"samma id i {PurePosixPath(record.file).with_name(owner.name)}", expected="ett unikt id",
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


def _stray_files(content_dir: Path, relative) -> list[Problem]:
    """A record saved as .yaml or in the wrong folder would silently vanish: report it."""
    problems = []
    known_dirs = set(RECORD_FOLDERS)
    for path in sorted(content_dir.rglob("*")):
        if path.is_dir() or path.name.startswith(".") or path.name == "README.md":
            continue
        rel = path.relative_to(content_dir)
        ok = (len(rel.parts) == 1 and rel.name in LIST_FILES) or (
            len(rel.parts) == 2 and rel.parts[0] in known_dirs and path.suffix == ".yml")
        if not ok:
            problems.append(Problem(relative(path), 1, 1, "", "filen läses inte av kunskapsbanken",
                                    code="file.unexpected", found=rel.as_posix(),
                                    expected="content/municipalities/<id>.yml, content/projects/<id>.yml "
                                             "eller content/methods/<id>.yml",
                                    tip="Flytta filen till rätt mapp och ge den ändelsen .yml."))
    return problems


def load_knowledge_base(content_dir: Path, schema_dir: Path, root: Path | None = None) -> KnowledgeBase:
    """The validated knowledge base, or :class:`ValidationFailed` listing every problem."""
    content = read_content(content_dir, schema_dir, root)
    if content.problems:
        raise ValidationFailed(content.problems)
    r = content.records
    return KnowledgeBase(municipalities=r["municipality"].values(), projects=r["project"].values(),
                         methods=r["method"].values(), criteria=r["criterion"].values(),
                         sources=r["source"].values(), glossary=[g.data for g in r["glossary"].values()],
                         success_keys=r["success_key"].values(),
                         target_groups=r["target_group"].values())
