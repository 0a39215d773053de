"""How often ``mkdocs serve`` looks for saved files.

MkDocs polls the watched folders every 0.5 s (watchdog's PollingObserver, chosen because change
notifications do not reach it on network and container file systems) and has no setting for it:
a saved record waited a quarter of a second on average before its rebuild even began. Polling
stays; it only looks more often. The watched folders hold a few hundred small files, so a look
costs about 1.5 ms, under 2 % of one core at 0.1 s.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

POLL_SECONDS = 0.1


def poll_more_often(server, seconds: float = POLL_SECONDS) -> None:
    """Before ``server`` starts (``on_serve``): the same paths, polled every ``seconds``.

    MkDocs 1.6 creates its observer with the interval and schedules the paths watched so far on
    it; they are watched again, with the same counts, on an observer with the new interval."""
    watched = getattr(server, "_watched_paths", None)
    observer = getattr(server, "observer", None)
    if not isinstance(watched, dict) or observer is None or not hasattr(observer, "timeout"):
        log.debug("mkdocs serve bevakar filer på ett okänt sätt; intervallet lämnas som det är")
        return
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = type(observer)(timeout=seconds)  # MkDocs' own kind of observer
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
