"""``mkdocs serve`` rebuilds when a YAML record changes (issue 3), on a port that cannot collide,
and a server that does not come up fails at once, naming the cause (issue 14)."""

from __future__ import annotations

import socket
import time

import pytest
import yaml

from bench.serve_process import ServerDidNotStart, mkdocs_serve
from site_fixtures import ENV, copy_project


def test_serve_reloads_when_a_record_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    record = sorted((project / "content" / "municipalities").glob("*.yml"))[0]
    with mkdocs_serve(project, ENV, "/kunskapsbanken/") as server:
        url = f"{server.base}kommuner/{record.stem}/"
        server.wait_for(url, lambda body: "<h1" in body, 120, "serving the record's page")
        marker = "Ändrad under serve-testet"
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        data["summary"] = f"{marker}. {data['summary']}"
        record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        server.wait_for(url, lambda body: marker in body, 90, "showing the edited record")


def test_a_taken_port_fails_at_once_and_says_so(tmp_path):
    """The port the helper would use is taken: the error comes as soon as mkdocs gives up, not
    after the start deadline, and carries mkdocs' own words."""
    project = copy_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(ServerDidNotStart) as failed:
            with mkdocs_serve(project, ENV, "/kunskapsbanken/", port=port, start_timeout=600):
                pass
        waited = time.monotonic() - started
    message = str(failed.value)
    assert f"port {port} stopped" in message and "Address already in use" in message, message
    assert waited < 300, f"waited {waited:.0f} s: the exit was not noticed before the deadline"


def test_a_taken_port_is_avoided_when_the_helper_chooses(tmp_path, monkeypatch):
    """If another program takes the chosen port first, the helper moves to a new one."""
    import bench.serve_process as serve_process

    project = copy_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = iter([taken.getsockname()[1]])
        real = serve_process.free_port
        monkeypatch.setattr(serve_process, "free_port", lambda: next(ports, None) or real())
        with mkdocs_serve(project, ENV, "/kunskapsbanken/") as server:
            assert server.port != taken.getsockname()[1]
            assert "<h1" in server.wait_for(server.base, lambda body: True, 5, "serving the site")


def test_a_broken_config_fails_at_once_with_the_reason(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nno_such_setting_for_mkdocs: [\n", encoding="utf-8")
    with pytest.raises(ServerDidNotStart) as failed:
        with mkdocs_serve(project, ENV, "/kunskapsbanken/", start_timeout=600):
            pass
    assert "stopped (exit code" in str(failed.value)
    assert "mkdocs.yml" in str(failed.value) or "Error" in str(failed.value), str(failed.value)


def test_serve_polls_the_same_paths_more_often(tmp_path):
    """The plugin's on_serve swaps MkDocs' observer for one that polls every 0.1 s: every path
    MkDocs watched is still watched, as many times, and a saved file still starts a rebuild."""
    from mkdocs.livereload import LiveReloadServer

    from kunskapsbanken.mkdocs_plugin.watching import POLL_SECONDS, poll_more_often

    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(docs))  # twice: a plugin watches it too
    server.watch(str(config))
    poll_more_often(server)
    assert server.observer.timeout == POLL_SECONDS
    assert server._watched_paths == {str(docs): 2, str(config): 1}
    assert len(server.observer.emitters) == 2
    server.unwatch(str(docs))  # the second watch keeps it watched
    assert len(server.observer.emitters) == 2

    server.observer.start()
    try:
        time.sleep(3 * POLL_SECONDS)  # the first look, the state to compare with
        (docs / "ny.md").write_text("# Ny\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server._want_rebuild, "a saved file did not start a rebuild"
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()
