"""An exclusive lock on a file, held around a read-modify-write: POSIX ``flock``.

footcare runs where ``fcntl`` does: Linux, macOS and the BSDs (and Windows under WSL).
The lock belongs to the open file, so it is let go when the file is closed, and by the
system if the process dies holding it: a crash never leaves a stale lock behind. Two
processes, or two threads each opening the file, take turns.

Imported only when something is about to be written: reading needs no lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL = 0.02
"""Seconds between tries while another process holds the lock."""


class LockTimeout(Exception):
    """Someone else held the lock for longer than we were willing to wait."""


@contextlib.contextmanager
def exclusive(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (made private, 0600, if it is not there).

    Raises LockTimeout after ``timeout`` seconds of someone else holding it, and OSError
    when the file can't be opened (a folder in its place, no permission)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                time.sleep(POLL)
        yield
    finally:
        os.close(fd)  # lets go of the lock too
