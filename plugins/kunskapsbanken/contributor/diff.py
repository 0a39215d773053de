"""What a change does to the knowledge base: two versions of ``content/`` compared record by record.

Like mdn/browser-compat-data's ``diff-flat``, each record is flattened to ``path → value`` and the
two flat maps are compared, so a reviewer reads changed fields instead of a YAML diff. Lists whose
items have a natural key (verdicts by criterion, figures by label, datasets by id) are keyed by it,
so inserting one figure does not show every later figure as changed.

The versions are read from git (``git archive``) into temporary folders and validated with the
same reader as ``validate``; news posts are compared too (``news_diff``); this module knows nothing
about how the result is worded.
"""

from __future__ import annotations

import difflib
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kunskapsbanken.data.news_posts import POSTS_DIR
from kunskapsbanken.data.problems import Problem
from kunskapsbanken.data.repository import Content, read_content
from kunskapsbanken.data.schemas import child

if TYPE_CHECKING:
    from kunskapsbanken.contributor.news_diff import NewsVersion, PostChange

LIST_KEYS = {"criteria": "criterion", "figures": "label", "datasets": "id", "columns": "key", "aliases": "name"}
"""List fields whose items are told apart by one of their keys rather than by position."""
RENAME_SIMILARITY = 0.6
"""Share of equal fields (besides the id) above which a removed and an added record are one renamed record."""

MISSING = object()


class RevisionError(Exception):
    """A git revision that cannot be read (unknown name, not a repository, no content/ in it)."""


class InvalidVersion(Exception):
    """One of the two versions has validation problems; carries them."""

    def __init__(self, revision: str, problems: list[Problem]):
        super().__init__(revision)
        self.revision = revision
        self.problems = problems


@dataclass(frozen=True)
class FieldChange:
    path: tuple
    """Keys, list indexes and ``[key]`` selectors, e.g. ``('results', 'figures', '[Deltagare]', 'value')``."""
    old: object
    new: object


@dataclass
class RecordChange:
    kind: str
    id: str
    name: str
    status: str
    """added, removed, renamed or changed."""
    file: str
    old_id: str | None = None
    old_file: str | None = None
    old_name: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    old_data: dict = field(default_factory=dict)
    new_data: dict = field(default_factory=dict)


@dataclass
class KnowledgeBaseDiff:
    changes: list[RecordChange]
    criteria: dict[str, dict]
    """Criterion id → its data in the newer version (for naming matrix cells)."""
    schemas: dict
    """Bundled schemas of the newer version, by record kind (for field titles)."""
    posts: list[PostChange] = field(default_factory=list)
    """Added, changed and removed news posts."""
    post_schema: dict = field(default_factory=dict)
    """The newer version's bundled front-matter schema of a news post (for field titles)."""

    def __bool__(self) -> bool:
        return bool(self.changes or self.posts)


def flatten(value, path: tuple = ()) -> dict[tuple, object]:
    """Every leaf of a record's data by its path; keyed lists use ``[key]`` selectors."""
    if isinstance(value, dict):
        if not value:
            return {path: {}}
        flat = {}
        for key, item in value.items():
            flat.update(flatten(item, path + (key,)))
        return flat
    if isinstance(value, list):
        if not value:
            return {path: []}
        key = LIST_KEYS.get(path[-1]) if path and isinstance(path[-1], str) else None
        selectors = [f"[{item.get(key)}]" if key and isinstance(item, dict) and key in item else i
                     for i, item in enumerate(value)]
        if len(set(selectors)) != len(selectors):  # a repeated key: fall back to positions
            selectors = list(range(len(value)))
        flat = {}
        for selector, item in zip(selectors, value):
            flat.update(flatten(item, path + (selector,)))
        return flat
    return {path: value}


def compare_fields(old: dict, new: dict) -> list[FieldChange]:
    """Changed, added and removed leaves, in the newer record's field order (removed ones last)."""
    before, after = flatten(old), flatten(new)
    changes = [FieldChange(path, before.get(path, MISSING), value) for path, value in after.items()
               if before.get(path, MISSING) != value]
    changes += [FieldChange(path, value, MISSING) for path, value in before.items() if path not in after]
    return changes


def similarity(old: dict, new: dict) -> float:
    """How alike two records are, ignoring the id: the share of equal top-level fields."""
    keys = (set(old) | set(new)) - {"id", "term"}
    if not keys:
        return 0.0
    return sum(1 for k in keys if old.get(k, MISSING) == new.get(k, MISSING)) / len(keys)


def compare_contents(old: Content, new: Content, schemas: dict) -> KnowledgeBaseDiff:
    changes: list[RecordChange] = []
    for kind in dict.fromkeys([*new.records, *old.records]):  # every kind either version has, in order
        before, after = old.records.get(kind, {}), new.records.get(kind, {})
        removed = [before[i] for i in before if i not in after]
        added = [after[i] for i in after if i not in before]
        for record_id in after:
            if record_id in before and before[record_id].data != after[record_id].data:
                record = after[record_id]
                changes.append(RecordChange(kind, record.id, record.name, "changed", record.file,
                                            old_name=before[record_id].name,
                                            fields=compare_fields(before[record_id].data, record.data),
                                            old_data=before[record_id].data, new_data=record.data))
        for record in list(added):
            match = max(removed, key=lambda r: similarity(r.data, record.data), default=None)
            if match is not None and similarity(match.data, record.data) >= RENAME_SIMILARITY:
                removed.remove(match)
                added.remove(record)
                fields = [c for c in compare_fields(match.data, record.data) if c.path not in (("id",), ("term",))]
                changes.append(RecordChange(kind, record.id, record.name, "renamed", record.file,
                                            old_id=match.id, old_file=match.file, old_name=match.name,
                                            fields=fields, old_data=match.data, new_data=record.data))
        # A new record's fields are all new: its verdicts and figures are listed like added ones.
        changes += [RecordChange(kind, r.id, r.name, "added", r.file, fields=compare_fields({}, r.data), new_data=r.data)
                    for r in added]
        changes += [RecordChange(kind, r.id, r.name, "removed", r.file) for r in removed]
    criteria = {c.id: c.data for c in new.records.get("criterion", {}).values()}
    return KnowledgeBaseDiff(changes, criteria, schemas)


# Reading two versions from git.

def _git(root: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True).stdout
    except FileNotFoundError:
        raise RevisionError("git finns inte på datorn") from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {' '.join(args)} misslyckades") from None


def extract_revision(root: Path, revision: str, dest: Path) -> list[str]:
    """``content/`` and ``schema/`` as they were at ``revision``, written below ``dest``.

    Only regular files and folders are written: a committed symbolic link (or anything else) is
    never created nor followed; its path is returned so that it is reported as validate does."""
    if revision.startswith("-"):
        raise RevisionError("en version kan inte börja med -")
    commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    # The news posts' folder, if that version has one (git archive refuses a path it lacks).
    posts = [POSTS_DIR] if _git(root, "ls-tree", "--name-only", commit, "--", POSTS_DIR).strip() else []
    archive = _git(root, "archive", "--format=tar", commit, "--", "content", "schema", *posts)
    refused: list[tarfile.TarInfo] = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        members: list[tarfile.TarInfo] = []
        for member in tar.getmembers():
            (members if member.isfile() or member.isdir() else refused).append(member)
        try:
            tar.extractall(dest, members=members, filter="data")
        except tarfile.FilterError as exc:
            raise RevisionError(f"filen {exc.tarinfo.name} går inte att packa upp") from None
    return [member.name for member in refused]


def read_version(root: Path, revision: str | None, workdir: Path,
                 folder: str = "version") -> tuple[Content, dict, NewsVersion]:
    """The content at ``revision`` (``None``: the working tree), its bundled schemas and its news posts."""
    from kunskapsbanken.contributor.news_diff import read_news
    from kunskapsbanken.data.repository import schemas_for

    refused: list[str] = []
    if revision is None:
        base = root
    else:
        base = workdir / folder  # never named after the revision: HEAD HEAD, ../x
        base.mkdir(parents=True)
        try:
            refused = extract_revision(root, revision, base)
        except RevisionError as exc:
            raise RevisionError(f"versionen '{revision}' går inte att läsa: {exc}") from None
    if not (base / "content").is_dir() or not (base / "schema").is_dir():
        raise RevisionError(f"versionen '{revision or 'arbetskatalogen'}' har ingen mapp content/ och schema/")
    try:
        content = read_content(base / "content", base / "schema", base)
        schemas = {kind: schema.schema for kind, schema in schemas_for(base / "schema").items()}
        news = read_news(base)
    except (OSError, ValueError, KeyError) as exc:  # e.g. a schema missing or broken in that version
        raise RevisionError(f"versionen '{revision or 'arbetskatalogen'}' har scheman som inte går att läsa: "
                            f"{type(exc).__name__}") from None
    content.problems.extend(Problem(name, 1, 1, "", "en symbolisk länk eller specialfil i stället för en vanlig fil",
                                    code="file.not_regular", expected="en vanlig YAML-fil i content/")
                            for name in refused if name.startswith("content/"))
    news.problems.extend(Problem(name, 1, 1, "", "en symbolisk länk eller specialfil i stället för en vanlig fil",
                                 code="file.not_regular", expected="en vanlig Markdown-fil")
                         for name in refused if name.startswith(f"{POSTS_DIR}/"))
    return content, schemas, news


def diff_revisions(root: Path, base: str, head: str | None = None) -> KnowledgeBaseDiff:
    """Compare ``base`` with ``head`` (a revision, or ``None`` for the working tree)."""
    with tempfile.TemporaryDirectory(prefix="kb-diff-") as tmp:
        old, _, old_news = read_version(root, base, Path(tmp), "bas")
        new, schemas, new_news = read_version(root, head, Path(tmp), "ny")
    for revision, problems in ((head or "arbetskatalogen", new.problems + new_news.problems),
                               (base, old.problems + old_news.problems)):
        if any(p.is_error for p in problems):
            raise InvalidVersion(revision, sorted(p for p in problems if p.is_error))
    from kunskapsbanken.contributor.news_diff import compare_posts

    diff = compare_contents(old, new, schemas)
    diff.posts = compare_posts(old_news.posts, new_news.posts)
    diff.post_schema = new_news.schema
    return diff


# Naming fields the way contributors see them: the schema's Swedish titles.

def field_title(schema: dict, path: tuple) -> str:
    """The schema titles along ``path``, e.g. ``Resultat › Siffror › Värde``."""
    titles = []
    node: dict | None = schema
    for part in path:
        node = child(node, part, schema) if node is not None else None
        if node is None:
            titles.append(str(part))
            break
        title = node.get("title")
        if isinstance(part, str) and part.startswith("["):
            titles.append(part[1:-1])
        elif isinstance(part, int):
            titles.append(f"nr {part + 1}")
        elif title:
            titles.append(title)
        else:
            titles.append(part)
    return " › ".join(str(t) for t in titles)


def schema_for(diff: KnowledgeBaseDiff, kind: str) -> dict:
    return diff.schemas.get(kind, {})


def word_changes(old: str, new: str, context: int = 3, limit: int = 4) -> list[tuple[str, str, str, str]]:
    """(before, removed, added, after) word runs for the places a text changed, a few words of context."""
    a, b = old.split(), new.split()
    runs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        runs.append((" ".join(a[max(0, i1 - context):i1]), " ".join(a[i1:i2]), " ".join(b[j1:j2]),
                     " ".join(a[i2:i2 + context])))
    return runs[:limit]


__all__ = ["KnowledgeBaseDiff", "RecordChange", "FieldChange", "MISSING", "RevisionError", "InvalidVersion",
           "diff_revisions", "compare_contents", "flatten", "field_title", "schema_for", "word_changes"]
