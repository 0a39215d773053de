"""Shared helpers for the validator and scaffold tests: run the real command, copy the fixture."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
MINI_CONTENT = ROOT / "tests" / "fixtures" / "mini_content"
"""A small valid knowledge base: 2 sources, the 10 criteria, a glossary, 2 methods, 1 model
municipality with 10 verdicts and 1 project."""


def run_cli(*args, cwd: Path | str = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m kunskapsbanken *args`` as a contributor runs it, without colours."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "kunskapsbanken", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=timeout)


def run_cli_in_process(*args) -> subprocess.CompletedProcess:
    """``python -m kunskapsbanken *args`` in this process: the same exit code and output, without
    starting Python anew for each of the many bad-record cases (test_validate_cli keeps one
    subprocess run, as a contributor runs the command)."""
    from kunskapsbanken.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return subprocess.CompletedProcess(["python", "-m", "kunskapsbanken", *map(str, args)], code,
                                       out.getvalue(), err.getvalue())


def validate(project: Path, *args) -> subprocess.CompletedProcess:
    """Validate ``project/content`` against the real schemas; paths are shown from ``project``."""
    return run_cli_in_process("validate", "--content", project / "content", "--schema", SCHEMA,
                              "--root", project, *args)


def copy_mini_content(project: Path) -> Path:
    """A copy of the fixture as ``project/content``; returns the content folder."""
    content = project / "content"
    shutil.copytree(MINI_CONTENT, content)
    return content


def mini_repo(tmp_path: Path) -> Path:
    """A git repository holding the mini knowledge base and the real schemas, one commit (main)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    copy_mini_content(repo)
    shutil.copytree(ROOT / "schema", repo / "schema")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "base")
    return repo


def git(repo: Path, *args: str) -> str:
    env_args = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", "-C", str(repo), *env_args, *args], check=True, capture_output=True,
                          text=True).stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
