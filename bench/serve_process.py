"""``mkdocs serve`` for the benchmark and the tests: a free port, and a fast, clear failure.

A fixed port collides with whatever else runs (another test, another checkout), and a server that
never came up used to look like a slow rebuild ("did not show the change within 120 s"). Here each
server gets a port the OS just handed out; waiting stops as soon as the process has exited, and
the error names the cause, with the server's own output.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

_ADDRESS_IN_USE = ("Address already in use", "Errno 98", "Errno 48", "WinError 10048")


class ServerDidNotStart(RuntimeError):
    """``mkdocs serve`` exited, or never answered, before serving the page."""


def free_port() -> int:
    """A port of 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    def __init__(self, proc: subprocess.Popen, log: Path, port: int, base: str):
        self.proc = proc
        self.log = log
        self.port = port
        self.base = base
        """``http://127.0.0.1:<port>/<site path>/``."""

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]

    def wait_for(self, url: str, predicate, timeout: float, what: str) -> str:
        """The page at ``url`` once ``predicate(body)`` holds; fails at once if the server has exited."""
        deadline = time.monotonic() + timeout
        while True:
            code = self.proc.poll()
            if code is not None:
                raise ServerDidNotStart(f"mkdocs serve on port {self.port} stopped (exit code {code}) before "
                                        f"{what}. Its output:\n{self.output()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
                    body = response.read().decode("utf-8")
                    if predicate(body):
                        return body
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                raise ServerDidNotStart(f"mkdocs serve on port {self.port} is running but {what} did not happen "
                                        f"within {timeout:.0f} s ({url}). Its output:\n{self.output()}")
            time.sleep(0.05)


@contextlib.contextmanager
def mkdocs_serve(project: Path, env: dict, site_path: str = "/", *, port: int | None = None,
                 start_timeout: float = 300.0, attempts: int = 3):
    """Run ``mkdocs serve`` for ``project`` until the block ends; yields a :class:`ServeProcess`.

    Returns once the site's first page answers. ``start_timeout`` covers the first build; an exited
    server fails at once. Without ``port``, a taken port (another program was faster) is retried
    on a new one.
    """
    with tempfile.TemporaryDirectory(prefix="mkdocs-serve-") as tmp:
        for attempt in range(1 if port else attempts):
            chosen = port or free_port()
            log = Path(tmp) / f"serve-{attempt}.log"
            with open(log, "w", encoding="utf-8") as out:
                # The log goes to a file, not a pipe: a pipe nobody reads stalls the server when full.
                proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                                         "--dev-addr", f"127.0.0.1:{chosen}"],  # --no-livereload would stop watching
                                        cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
            server = ServeProcess(proc, log, chosen, f"http://127.0.0.1:{chosen}{site_path}")
            try:
                try:
                    server.wait_for(server.base, lambda body: True, start_timeout, "serving the site")
                except ServerDidNotStart:
                    if port is None and attempt + 1 < attempts and any(m in server.output() for m in _ADDRESS_IN_USE):
                        continue
                    raise
                yield server
                return
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
