"""One running session per person: the claim on a data folder's session.

A session in progress belongs to one process. That process holds an exclusive ``flock`` on
``session.claim`` in the data folder for as long as the session is its own, and writes
there who it is (process, host, terminal) and since when, for the others to say. The lock
belongs to the open file, so the system lets go of it when the process ends in any way (a
crash, kill -9, a dropped SSH link): a claim left by a process that has gone is never in
force, and the next footcare takes it over. Two threads each opening the file take turns
as two processes do.

The words about the holder are only a description: whether a session is running is
decided by the lock alone, never by what the file says.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from datetime import datetime
from pathlib import Path

from footcare.domain.errors import RunningElsewhere
from footcare.domain.frozen import frozen
from footcare.storage.files import ensure_dir

CLAIM_FILE = "session.claim"
POLL = 0.05
MAX_DESCRIPTION = 512
"""Bytes of the holder's description read back (it is written by footcare; anything longer
is not ours and is cut)."""


def claim_path(data: Path) -> Path:
    return data / CLAIM_FILE


@frozen
class Holder:
    """Who holds a session, as far as its claim file says (any part may be unknown)."""

    pid: int | None = None
    host: str = ""
    tty: str = ""
    since: datetime | None = None

    def describe(self, today: datetime | None = None) -> str:
        parts = []
        if self.pid is not None:
            parts.append(f"process {self.pid}")
        if self.host:
            parts.append(f"on {self.host}")
        if self.tty:
            parts.append(f"in terminal {self.tty}")
        where = " ".join(parts) if parts else "another footcare"
        when = ""
        if self.since is not None:
            same_day = today is not None and self.since.date() == today.date()
            when = f", since {self.since:%H:%M}" + ("" if same_day else f" on {self.since:%d %B}")
        return f"{where}{when}"


def _clean(text: str) -> str:
    """Printable text only, one line (a claim file can be edited by anyone)."""
    return "".join(ch for ch in text if ch.isprintable())[:80]


def holder_text(holder: Holder) -> str:
    since = holder.since.isoformat(timespec="seconds") if holder.since else ""
    return f"pid={holder.pid or ''}\nhost={holder.host}\ntty={holder.tty}\nsince={since}\n"


def parse_holder(text: str) -> Holder:
    """What a claim file says; anything that doesn't read is left unknown."""
    fields: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = _clean(value.strip())
    pid_text = fields.get("pid", "")
    pid = int(pid_text) if pid_text.isdigit() and len(pid_text) < 10 else None
    since: datetime | None = None
    with contextlib.suppress(ValueError):
        since = datetime.fromisoformat(fields.get("since", ""))
    return Holder(pid, fields.get("host", ""), fields.get("tty", ""), since)


def this_process(now: datetime) -> Holder:
    tty = ""
    for stream in (sys.stdin, sys.stdout):
        with contextlib.suppress(OSError, ValueError, AttributeError, TypeError):
            tty = os.ttyname(stream.fileno())
            break
    host = os.uname().nodename  # the host name, without importing the network module
    return Holder(os.getpid(), _clean(host), _clean(tty), now.replace(microsecond=0))


class SessionRunning(RunningElsewhere):
    """Another process holds this person's session."""

    def __init__(self, path: Path, holder: Holder, today: datetime | None = None) -> None:
        self.path = path
        self.holder = holder
        super().__init__(
            "A session is already running for this person in "
            f"{holder.describe(today)}. Finish it or close footcare there first; once it has "
            "ended, begin again here (a session left unfinished is then carried on or "
            "put in your journal)."
        )


class Claim:
    """A held claim: the open, locked claim file. ``release`` (or the process ending) lets
    it go."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd >= 0

    def release(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # nobody holds it now: nothing to describe
            os.close(fd)  # lets go of the lock too


def _open(path: Path) -> int:
    ensure_dir(path.parent)
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


def _read_holder(fd: int) -> Holder:
    try:
        return parse_holder(os.pread(fd, MAX_DESCRIPTION, 0).decode("utf-8", "replace"))
    except OSError:
        return Holder()


def take(data: Path, now: datetime, wait: float = 0.0) -> Claim:
    """Take the claim on the data folder's session, waiting up to ``wait`` seconds for a
    short holder (another footcare settling what was left), or raise SessionRunning naming
    whoever holds it. A claim file that can't be opened is a StorageError (from
    ensure_dir) or an OSError the caller words."""
    path = claim_path(data)
    fd = _open(path)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() < deadline:
                time.sleep(POLL)
                continue
            holder = _read_holder(fd)
            os.close(fd)
            raise SessionRunning(path, holder, now) from None
        except OSError:
            os.close(fd)
            raise
    text = holder_text(this_process(now)).encode()
    with contextlib.suppress(OSError):  # a full disk: the claim holds all the same
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0)
    return Claim(path, fd)


def holder_now(data: Path) -> Holder | None:
    """Who holds the session now, None when nobody does: a look that writes nothing (no
    claim file: nobody). It holds a shared lock for an instant if nobody holds the claim,
    so two looking at once (a prompt's status and the app's) never see each other as a
    session."""
    try:
        fd = os.open(claim_path(data), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _read_holder(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None
