"""A failed build never touches the published site.

MkDocs cleans ``site_dir`` and writes into it page by page; a build that fails half-way (an error
in a template, ``--strict`` refusing a warning after every file is written, an interrupted run)
would leave a half-old, half-new site. So every build, ``mkdocs build``, the benchmark's and each
rebuild of ``mkdocs serve`` alike, writes into a staging folder beside ``site_dir``; only a build
that ends without error and, under ``--strict``, without a warning, replaces the old site with it.
Anything else leaves the old site byte for byte.

``mkdocs build`` stages into a fresh folder and deletes it on failure. Under ``mkdocs serve`` the
staging folder is the site from the rebuild before last, kept beside the served one and swapped
with it (``reuse_folders``): on many file systems creating a thousand files costs several times
what writing over them does (0.7–1.1 s against 0.1 s on ext4 here), and every rebuild writes every
file. MkDocs would empty the folder first (``clean_directory``, which spares names starting with a
dot), so its entries wait in a hidden folder while it cleans and come back before anything is
written; whatever the rebuild did not write over is removed before the swap.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import CountHandler

log = get_plugin_logger(__name__)

_ASIDE = ".kb-under-rensning"
"""Inside the staging folder: its entries while MkDocs cleans it (a hidden name it leaves alone)."""
_MARK = ".kb-bygget-borjade"
"""Inside the staging folder: written as the rebuild starts; a file older than it was not written
over, so it is not part of this build."""


def _strict_warnings(config) -> int:
    """Warnings MkDocs has counted for ``--strict`` so far (its own counter on the 'mkdocs' logger);
    MkDocs refuses the build for them only after the last ``on_post_build``."""
    if not config.strict:
        return 0
    return sum(count for handler in logging.getLogger("mkdocs").handlers if isinstance(handler, CountHandler)
               for _, count in handler.get_counts())


class StagedSite:
    def __init__(self, *, reuse_folders: bool = False):
        """``reuse_folders``: ``mkdocs serve``: write over the site of the rebuild before last
        instead of into a new folder (see the module's text)."""
        self.final: Path | None = None
        self.staging: Path | None = None
        self.config = None
        self.reuse_folders = reuse_folders
        self._spare: Path | None = None
        """Under ``reuse_folders``: the site before the served one, the next build's staging folder."""
        self._filling: threading.Thread | None = None

    def begin(self, config) -> None:
        """Point ``config.site_dir`` at the staging folder beside the real one."""
        self.abandon()
        self.config = config
        self.final = Path(config.site_dir)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.wait()
        if self.reuse_folders and self._spare is not None and self._spare.is_dir():
            self.staging, self._spare = self._spare, None
        else:
            # Beside the site, so the swap is a rename on one file system.
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-bygge-", dir=self.final.parent))
        config.site_dir = str(self.staging)

    def before_clean(self) -> None:
        """Right before MkDocs cleans ``site_dir``: keep a reused folder's files out of its reach."""
        if not self.reuse_folders or self.staging is None:
            return
        aside = self.staging / _ASIDE
        aside.mkdir(exist_ok=True)
        for entry in os.scandir(self.staging):
            if not entry.name.startswith("."):
                os.rename(entry.path, aside / entry.name)
        (self.staging / _MARK).write_bytes(b"")

    def after_clean(self) -> None:
        """Once MkDocs has cleaned ``site_dir`` and before anything is written: the files are back."""
        if self.staging is None or not (aside := self.staging / _ASIDE).is_dir():
            return
        for entry in os.scandir(aside):
            target = self.staging / entry.name
            if not target.exists():  # a file MkDocs or a plugin already made wins
                os.rename(entry.path, target)
        shutil.rmtree(aside, ignore_errors=True)

    def finish(self, config) -> bool:
        """Replace the old site with the staged one, unless the build is about to be refused."""
        if self.staging is None or self.final is None:
            return False
        if _strict_warnings(config):
            return False  # MkDocs aborts right after this event; on_build_error abandons the stage
        if self.reuse_folders:
            self._remove_unwritten(self.staging)
        old = None
        if self.final.exists() or self.final.is_symlink():
            # A new name beside the site; the served site moves there in one rename.
            old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}-tidigare-", dir=self.final.parent))
            old.rmdir()
            self.final.rename(old)
        self.staging.rename(self.final)
        config.site_dir = str(self.final)  # gh-deploy and later plugins read the real folder
        self.staging = None
        if old is not None:
            if self.reuse_folders:
                self._spare = old
                self._fill_if_empty(old)
            else:
                shutil.rmtree(old, ignore_errors=True)
        log.info(f"Bygget lyckades: webbplatsen finns i {self.final}")
        return True

    def _remove_unwritten(self, folder: Path) -> None:
        """Remove what the build did not write (older than the mark), and folders left empty."""
        mark = folder / _MARK
        if not mark.exists():
            return
        started = mark.stat().st_mtime_ns
        mark.unlink()
        for path, _dirs, names in os.walk(folder, topdown=False):
            for name in names:
                file = os.path.join(path, name)
                if os.lstat(file).st_mtime_ns < started:
                    os.unlink(file)
            if path != str(folder) and not os.listdir(path):
                os.rmdir(path)

    def _fill_if_empty(self, spare: Path) -> None:
        """The spare folder is empty after the first rebuild (it was MkDocs' new ``site_dir``): copy
        the served site into it in the background, so the next rebuild writes over files too."""
        assert self.final is not None
        if any(os.scandir(spare)):
            return
        self._filling = threading.Thread(
            target=shutil.copytree, args=(self.final, spare), kwargs={"dirs_exist_ok": True, "symlinks": True},
            daemon=True)
        self._filling.start()

    def wait(self) -> None:
        """Until the background copy into the spare folder is done."""
        if self._filling is not None:
            self._filling.join()
            self._filling = None

    def abandon(self) -> None:
        """Give up the staging folder; the old site stays as it was."""
        if self.staging is None:
            return
        if self.reuse_folders and self.staging.is_dir():
            self.after_clean()  # the hidden files go back; the next rebuild writes over them
            (self.staging / _MARK).unlink(missing_ok=True)
            self._spare = self.staging
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
        self.staging = None
        log.info(f"Bygget avbröts: webbplatsen i {self.final} är orörd")
        if self.config is not None and self.final is not None:
            self.config.site_dir = str(self.final)

    def close(self) -> None:
        """At the end of ``mkdocs serve``: nothing of ours is left beside the site."""
        self.abandon()
        self.wait()
        if self._spare is not None:
            shutil.rmtree(self._spare, ignore_errors=True)
            self._spare = None
