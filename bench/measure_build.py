"""Run one ``mkdocs build`` in this process and print its wall time and peak memory as JSON.

Run as a separate process per build, so that peak memory belongs to that build alone.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import time


def main(config_file: str, site_dir: str) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    build(config)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
