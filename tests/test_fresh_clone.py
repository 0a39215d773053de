"""``make test`` works on a clone of the repository alone (issue 21): no test reads the source
documents in ../shared/seeds (they are excerpted in tests/fixtures/source_excerpts.json, checked
against the documents by scripts/source_excerpts.py --check, outside the test command)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE = re.compile(r"""parent\s*/\s*["']shared["']|["']\.\./shared|/work/shared""")


def _tracked_files() -> list[str]:
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard"], check=True,
                         capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line and (ROOT / line).is_file() and not (ROOT / line).is_symlink()]


def test_no_test_reads_files_outside_the_repository():
    here = Path(__file__).name
    readers = [name for name in _tracked_files()
               if name.startswith(("tests/", "bench/")) and name.endswith(".py") and not name.endswith(here)
               and OUTSIDE.search((ROOT / name).read_text(encoding="utf-8"))]
    assert not readers, readers


def test_the_test_command_collects_in_a_copy_without_shared(tmp_path):
    clone = tmp_path / "alone" / "kunskapsbanken"
    for name in _tracked_files():
        if "node_modules" in name:
            continue
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    assert not (clone.parent / "shared").exists()
    env = {**os.environ, "PYTHONPATH": str(clone / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("KB_TEST_PROJECT", None)
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=clone, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"^\d+ tests collected", result.stdout, re.M), result.stdout[-2000:]
    assert "error" not in result.stdout.lower().split("tests collected")[-1]
