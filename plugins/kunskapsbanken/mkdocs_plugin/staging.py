"""A failed build never touches the published site.

MkDocs cleans ``site_dir`` and writes into it page by page; a build that fails half-way (an error
in a template, ``--strict`` refusing a warning after every file is written, an interrupted run)
would leave a half-old, half-new site. So every build, ``mkdocs build``, the benchmark's and each
rebuild of ``mkdocs serve`` alike, writes into a fresh staging folder beside ``site_dir``; only a
build that ends without error and, under ``--strict``, without a warning, replaces the old site
with it. Anything else removes the staging folder and leaves the old site byte for byte.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import CountHandler

log = get_plugin_logger(__name__)


def _strict_warnings(config) -> int:
    """Warnings MkDocs has counted for ``--strict`` so far (its own counter on the 'mkdocs' logger);
    MkDocs refuses the build for them only after the last ``on_post_build``."""
    if not config.strict:
        return 0
    return sum(count for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)
               for _, count in handler.get_counts())


class StagedSite:
    def __init__(self, *, background_removal: bool = False):
        """``background_removal``: remove the replaced site in a thread (``mkdocs serve``: the
        new site is served at once; a few thousand files take a noticeable time to delete)."""
        self.final: Path | None = None
        self.staging: Path | None = None
        self.config = None
        self.background_removal = background_removal
        self._removals: list[threading.Thread] = []

    def begin(self, config) -> None:
        """Point ``config.site_dir`` at a new, empty folder beside the real one."""
        self.abandon()
        self.config = config
        self.final = Path(config.site_dir)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        # Beside the site, so the swap is a rename on one file system.
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-bygge-", dir=self.final.parent))
        config.site_dir = str(self.staging)

    def finish(self, config) -> bool:
        """Replace the old site with the staged one, unless the build is about to be refused."""
        if self.staging is None or self.final is None:
            return False
        if _strict_warnings(config):
            return False  # MkDocs aborts right after this event; on_build_error abandons the stage
        old = None
        if self.final.exists() or self.final.is_symlink():
            old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-gammal-", dir=self.final.parent))
            self.final.rename(old / "site")
        self.staging.rename(self.final)
        config.site_dir = str(self.final)  # gh-deploy and later plugins read the real folder
        self.staging = None
        if old is not None:
            if self.background_removal:
                self._removals = [t for t in self._removals if t.is_alive()]
                thread = threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True})
                thread.start()
                self._removals.append(thread)
            else:
                shutil.rmtree(old, ignore_errors=True)
        log.info(f"Bygget lyckades: webbplatsen finns i {self.final}")
        return True

    def wait(self) -> None:
        """Until every replaced site is removed (at the end of ``mkdocs serve``)."""
        for thread in self._removals:
            thread.join()
        self._removals = []

    def abandon(self) -> None:
        """Remove the staging folder; the old site stays as it was."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
            log.info(f"Bygget avbröts: webbplatsen i {self.final} är orörd")
            if self.config is not None and self.final is not None:
                self.config.site_dir = str(self.final)
