"""At start: footcare's folders made private again, and temp files of killed writes removed.

``write_text`` writes ``.<name>.<random>.tmp`` beside the file and renames it into place; a
write killed in between leaves the temp file behind. One older than a day can't belong to a
write still in progress, so it goes. Nothing else is ever removed, and nothing here fails:
housekeeping never stops footcare from starting.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

from footcare.storage.files import make_private
from footcare.storage.paths import Paths

STALE_SECONDS = 24 * 3600
TEMP_FILE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""What tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") makes."""


def _folders(paths: Paths) -> list[Path]:
    return [
        paths.config,
        paths.user_routines,
        paths.user_themes,
        paths.data,
        paths.journal,
        paths.reports,
    ]


def remove_stale_temp_files(paths: Paths, now: float | None = None) -> list[Path]:
    """Remove footcare's own temp files older than a day; the ones removed."""
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    removed = []
    for folder in _folders(paths):
        try:
            with os.scandir(folder) as entries:
                candidates = [e for e in entries if TEMP_FILE.match(e.name)]
        except OSError:
            continue
        for entry in candidates:
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def tidy_at_start(paths: Paths, now: float | None = None) -> list[Path]:
    """Make the data and config folders (and footcare's folders in them) 0700 where they
    exist, and remove stale temp files. Never raises; returns the temp files removed."""
    for folder in _folders(paths):
        make_private(folder)
    return remove_stale_temp_files(paths, now)
