"""``mkdocs serve`` rebuilds when a YAML record changes (issue 3)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import yaml

from site_fixtures import ENV, copy_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait(url: str, predicate, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.2)
    return None


def test_serve_reloads_when_a_record_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    record = sorted((project / "content" / "municipalities").glob("*.yml"))[0]
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                             "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/kunskapsbanken/kommuner/{record.stem}/"
    try:
        assert _wait(url, lambda body: "<h1" in body, 120), "mkdocs serve did not start"
        marker = "Ändrad under serve-testet"
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        data["summary"] = f"{marker}. {data['summary']}"
        record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert _wait(url, lambda body: marker in body, 90), "the edited record did not show up"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
