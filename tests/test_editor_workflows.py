"""The workflows that publish what the web editor saves (issue 20).

The deploy job builds with the one command README.md and the Makefile give (`make build`, which
installs the editor's npm packages too), and the comment workflow takes the pull request's number
from GitHub's event, never from the artifact that the fork's code wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def _steps(name: str, job: str) -> list[dict]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return workflow["jobs"][job]["steps"]


def test_the_deploy_job_builds_with_the_readme_command():
    runs = [step["run"].strip() for step in _steps("deploy.yml", "build") if "run" in step]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make build" in runs
    assert re.search(r"`make build` writes", readme)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build = re.search(r"^build: (.*)\n\t(.*)$", makefile, re.M)
    assert build and "setup" in build.group(1) and "mkdocs build --strict" in build.group(2)
    # `setup` is what installs the editor: without it the strict build stops ("Webbredigeraren saknas").
    assert re.search(r"^setup: .*editor/node_modules/\.installed", makefile, re.M)
    assert not any("mkdocs build" in run for run in runs), "one entry point: make build"
    assert any(step.get("uses", "").startswith("actions/setup-node") for step in _steps("deploy.yml", "build"))


def test_the_comment_workflow_reads_no_pull_request_number_from_the_artifact():
    text = (WORKFLOWS / "pr-comment.yml").read_text(encoding="utf-8")
    script = next(step["with"]["script"] for step in _steps("pr-comment.yml", "comment")
                  if "github-script" in step.get("uses", ""))
    assert "pr-number" not in script
    assert "workflow_run.pull_requests" in text or "run.pull_requests" in script
    assert "head_sha" in script  # a fork's run lists no pull request: looked up by its commit
    reads = re.findall(r'readFileSync\("([^"]+)"', script)
    assert reads == ["change-summary/summary.md"], reads


def test_the_check_workflow_uploads_no_pull_request_number():
    """Nothing reads a number from the artifact, so pr.yml writes none: a file the fork's code
    wrote is never the place a number comes from, not even by mistake later."""
    steps = _steps("pr.yml", "summary")
    for step in steps:
        shown = yaml.safe_dump(step)
        assert "pr-number" not in shown, step
        assert "pull_request.number" not in shown, step  # the number is not even handed to the fork's code
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["name"] == "change-summary"
    written = re.findall(r"> *(change-summary/[\w.-]+)", "\n".join(step.get("run", "") for step in steps))
    assert set(written) == {"change-summary/summary.md", "change-summary/errors.txt"}, written
