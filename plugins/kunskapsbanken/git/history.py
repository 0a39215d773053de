"""Change history of the record files, read from git in one call (not one call per file)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Change:
    commit: str
    date: str
    """Commit date, YYYY-MM-DD."""
    subject: str
    added: bool
    """True for the commit that created the file."""


def git_history(root: Path, folder: str = "content") -> dict[str, list[Change]]:
    """file (relative to ``root``) → its committed changes, newest first. Empty outside git."""
    try:
        # A shallow clone's oldest commit would look like the last change of every file in it:
        # better no history (pages then say the date is the record's own field) than a false one.
        shallow = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"],
                                 capture_output=True, text=True, check=True, timeout=30).stdout.strip()
        if shallow == "true":
            return {}
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--no-merges", "--format=%x1e%h%x1f%cs%x1f%s", "--name-status",
             "--no-renames", "--", folder],
            capture_output=True, text=True, check=True, timeout=120,
        ).stdout
        prefix = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    history: dict[str, list[Change]] = {}
    for block in out.split("\x1e")[1:]:
        header, _, names = block.partition("\n")
        commit, date, subject = header.split("\x1f", 2)
        for line in names.splitlines():
            status, _, name = line.partition("\t")
            if not name:
                continue
            if prefix and name.startswith(prefix):
                name = name[len(prefix):]
            history.setdefault(name, []).append(Change(commit, date, subject.strip(), status.startswith("A")))
    return history


def last_updated(record, history: dict[str, list[Change]]) -> str:
    """Date of the record file's latest commit; its ``updated`` field outside git."""
    changes = history.get(record.file)
    return changes[0].date if changes else record.get("updated", "")
