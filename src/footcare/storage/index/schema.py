"""The index's SQLite file: its schema, its connection, and its recovery when spoiled.

Any SQLite or file error raises ``IndexUnavailable``; a database found spoiled (a row that
doesn't match its checksum, sums that don't add up, a file that is no database) is removed
under a lock beside it, so that the next sync builds it again from the month files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import NoReturn

from footcare.domain.frozen import frozen
from footcare.storage.index.rows import NOT_AN_ENTRY, _checksum
from footcare.storage.journal import Stamp
from footcare.storage.lock import LockTimeout

SCHEMA_VERSION = 6
"""PRAGMA user_version of the layout below; any other version is rebuilt from the TOML."""
BUSY_TIMEOUT = 5.0
"""Seconds to wait for another process's write before giving up (and reading the TOML)."""
UNTRUSTED = -1
"""mtime_ns of a month that must be read again at the next sync (racy, or a problem)."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS months (
    name TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    ino INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    problem TEXT,
    live INTEGER NOT NULL,
    sessions INTEGER NOT NULL,
    total INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    weekly INTEGER NOT NULL,
    ndays INTEGER NOT NULL,
    days INTEGER NOT NULL,
    sum BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    month TEXT NOT NULL,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    at TEXT NOT NULL,
    dayno INTEGER NOT NULL,
    session INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    weekly INTEGER,
    data TEXT NOT NULL,
    sum BLOB NOT NULL,
    PRIMARY KEY (month, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entries_at ON entries (at, month, seq);
CREATE INDEX IF NOT EXISTS live ON entries (deleted, session, dayno);
CREATE INDEX IF NOT EXISTS flagged ON entries (at) WHERE flagged = 1;
CREATE INDEX IF NOT EXISTS weekly ON entries (at, month, seq)
    WHERE weekly IS NOT NULL AND deleted = 0;
CREATE TABLE IF NOT EXISTS runs (first INTEGER PRIMARY KEY, last INTEGER NOT NULL);
"""
"""dayno and runs hold days as date.toordinal(); weekly is the weekly question's answer
(an index into domain.journal.WEEKLY_CHANGE) or NULL. runs are the longest stretches of
consecutive days with a session (not deleted), kept up to date at every sync, so a streak
is one lookup however long the history. A month's live and sessions count its entries
that are not deleted, and those of them with a session: the whole journal's counts are a
sum over the months, not a count of every entry. total, flagged and weekly count its rows,
those with a finding and those (not deleted) with a weekly answer; ndays and days are the
number and the sum of the dayno of its session days; sum is the row's checksum. Against
these the index is checked (see ``_check``): what it holds must add up to what was stored,
or it is rebuilt."""
TABLES = ("meta", "months", "entries", "runs")
KEEP_INDEXES = 32
"""Indexes kept in the cache folder (one per data folder): the least recently written
beyond these are removed when a new one is made."""
RUNS_AFRESH = 500
"""Above this many days to re-check, the runs are counted again from every session day."""
PASSING = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
    "SQLITE_NOMEM",
    "SQLITE_INTERRUPT",
    "SQLITE_PROTOCOL",
)
"""SQLite errors that say nothing about the file's contents."""


class IndexUnavailable(Exception):
    """The index can't answer right now: read the TOML month files instead."""


class _StartAgain(IndexUnavailable):
    """The database was removed as corrupt, or changed hands while we read: sync again."""


Known = dict[str, tuple[Stamp, str | None]]
"""Month file name → its stamp when indexed, and its problem if it could not be read."""


@frozen
class _Tally:
    """What some months of the months table hold, added up."""

    live: int
    sessions: int
    total: int
    flagged: int
    weekly: int
    ndays: int
    days: int


TALLY = (
    "SELECT coalesce(sum(live), 0), coalesce(sum(sessions), 0), coalesce(sum(total), 0),"
    " coalesce(sum(flagged), 0), coalesce(sum(weekly), 0), coalesce(sum(ndays), 0),"
    " coalesce(sum(days), 0) FROM months WHERE name >= ?"
)


class IndexFile:
    """The index's SQLite file (WAL mode): the connection, shared between threads, with the
    schema in place; a spoiled file is removed (the next sync builds it again)."""

    def __init__(
        self, path: Path, timeout: float = BUSY_TIMEOUT, clock: Callable[[], int] | None = None
    ) -> None:
        self.path = path
        self.timeout = timeout
        self.clock = clock
        """Now, in ns since the epoch, as file times are compared with it; None: the
        file system's own clock for the journal's folder (storage.journal.file_clock)."""
        self._db: sqlite3.Connection | None = None
        self._ino: int | None = None
        """The inode of the database file the connection opened."""
        self._known: tuple[int, Known] | None = None
        """The months table as of a PRAGMA data_version: unchanged while that is."""
        self._folder: str | None = None
        """The journal folder of the last sync."""
        self._lock = threading.RLock()

    # --- the connection ------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._known = None
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    def _create_file(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # health data: the index is as private as the journal (SQLite gives its -wal and
        # -shm files the database file's permissions)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            new = True
        except FileExistsError:
            fd = os.open(self.path, os.O_RDWR, 0o600)
            new = False
        try:
            if os.fstat(fd).st_mode & 0o077:
                os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
        if new:
            _prune(folder, keep=self.path.name)

    def _open(self) -> sqlite3.Connection:
        """The connection, with the schema in place. Raises sqlite3.DatabaseError when the
        file is not a usable database of this version."""
        if self._db is not None:
            return self._db
        self._create_file()
        db = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        self._ino = self.path.stat().st_ino
        try:
            db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise IndexUnavailable(f"{self.path}: SQLite can't use WAL mode there")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA cell_size_check = ON")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version != SCHEMA_VERSION:
                with _write(db):
                    # the version again, under the write lock: another process may be here too
                    if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                        for table in TABLES:
                            db.execute(f"DROP TABLE IF EXISTS {table}")
                        for statement in SCHEMA.split(";"):
                            if statement.strip():
                                db.execute(statement)
                        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            db.close()
            raise
        self._db = db
        return db

    def _discard(self) -> None:
        """Remove the database this connection found spoiled; the next sync builds it again.
        Done under an exclusive lock beside it, and only if the file is still the one that
        was opened, so two processes never remove each other's fresh copy."""
        spoiled = self._ino
        self.close()
        from footcare.storage.lock import exclusive

        with exclusive(self.path.with_name(self.path.name + ".lock"), BUSY_TIMEOUT):
            try:
                if spoiled is not None and self.path.stat().st_ino != spoiled:
                    return  # someone else has made a new one meanwhile
            except FileNotFoundError:
                return
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.path}{suffix}")

    @contextlib.contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        """The connection for one operation; every failure becomes IndexUnavailable, and a
        database found spoiled is removed so that the next sync builds it again."""
        with self._lock:
            try:
                yield self._open()
            except sqlite3.DatabaseError as exc:
                if isinstance(exc, sqlite3.OperationalError) and _passing(exc):
                    self.close()
                    raise IndexUnavailable(f"{self.path}: {exc}") from exc
                self._spoiled(exc)
            except NOT_AN_ENTRY as exc:
                self._spoiled(exc)
            except (sqlite3.Error, OSError) as exc:
                self.close()
                raise IndexUnavailable(f"{self.path}: {exc}") from exc

    def _spoiled(self, exc: Exception) -> NoReturn:
        try:
            self._discard()
        except (OSError, sqlite3.Error, LockTimeout) as failed:
            raise IndexUnavailable(f"{self.path}: {exc}; {failed}") from exc
        raise _StartAgain(f"{self.path}: {exc}") from exc

    def _claim(self, db: sqlite3.Connection, folder: str) -> bool:
        """Make sure the index is this journal folder's; empty it if it was another's."""
        row = db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
        if row == (folder,):
            return False
        with _write(db):
            row = db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
            if row == (folder,):
                return False
            for table in ("entries", "months", "runs"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('folder', ?)", (folder,))
        self._known = None
        return True

    def _months(self, db: sqlite3.Connection, since_month: str | None = None) -> Known:
        """The months table (from ``since_month`` on, at least): read again, and the whole
        index checked against it, only when another connection has written."""
        version = _data_version(db)
        if self._known is not None and self._known[0] == version:
            return self._known[1]
        known = _check(db)
        self._known = (version, known)
        if since_month:
            return {name: k for name, k in known.items() if name >= since_month}
        return known

    def _tally(self, db: sqlite3.Connection, since_month: str | None = None) -> _Tally:
        """What the months from ``since_month`` on hold, added up (checked first). Asked
        after a sync, the index must still be that journal's (not one made anew since)."""
        if self._folder is not None:
            row = db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
            if row != (self._folder,):
                raise IndexUnavailable(f"{self.path}: made anew since it was brought up to date")
        self._months(db)
        return _Tally(*db.execute(TALLY, (since_month or "",)).fetchone())


def _prune(folder: Path, keep: str) -> None:
    """Keep the cache folder small: beyond KEEP_INDEXES indexes (one per data folder ever
    used, most people have one), the ones least recently written go. Any of them is
    built again from its month files if its folder is used again."""
    try:
        with os.scandir(folder) as listing:
            found = [
                (e.stat().st_mtime_ns, e.name)
                for e in listing
                if e.name.startswith("journal-") and e.name.endswith(".sqlite3")
            ]
    except OSError:
        return
    found.sort(reverse=True)
    for _, name in [f for f in found if f[1] != keep][KEEP_INDEXES - 1 :]:
        for suffix in ("", "-wal", "-shm", ".lock"):
            with contextlib.suppress(OSError):
                os.unlink(folder / f"{name}{suffix}")


def _passing(exc: sqlite3.OperationalError) -> bool:
    """Busy, locked, out of space, read-only, moved: worth trying again later. Anything
    else SQLite (or the module, decoding a spoiled text) says means the file is spoiled."""
    name = getattr(exc, "sqlite_errorname", None) or ""
    return name.startswith(PASSING)


def _check(db: sqlite3.Connection) -> Known:
    """The months table, each row checked against its checksum, and the indexes that answer
    without reading the entries counted against it: the warning signs, the weekly answers
    and the runs of session days must add up to what the months say was stored.

    A bit flipped or a row lost shows as a sum that does not add up (raises ValueError: the
    index is spoiled, and built again from the TOML). The entries themselves are checked as
    they are read (see Index.entries): this costs a few milliseconds for a hundred years."""
    with _reading(db):
        rows = db.execute("SELECT * FROM months").fetchall()
        if any(_checksum(row[:-1]) != row[-1] for row in rows):
            raise ValueError("a month of the index does not match its checksum")
        known: Known = {row[0]: (row[1:5], row[5]) for row in rows}
        whole = _Tally(*db.execute(TALLY, ("",)).fetchone())
        flagged = db.execute(
            "SELECT count(*) FROM entries INDEXED BY flagged WHERE flagged = 1"
        ).fetchone()[0]
        weekly = db.execute(
            "SELECT count(*) FROM entries INDEXED BY weekly"
            " WHERE weekly IS NOT NULL AND deleted = 0 AND at >= ''"
        ).fetchone()[0]
        runs = _run_days(db, 0, date.max.toordinal())
    if (flagged, weekly, *runs) != (whole.flagged, whole.weekly, whole.ndays, whole.days):
        raise ValueError("the index does not add up to what it stored")
    return known


def _run_days(db: sqlite3.Connection, first: int, last: int) -> tuple[int, int]:
    """How many session days the runs hold from day ``first`` to ``last``, and their sum."""
    count = total = 0
    sql = "SELECT first, last FROM runs WHERE last >= ? AND first <= ?"
    for start, end in db.execute(sql, (first, last)):
        start, end = max(start, first), min(end, last)
        count += end - start + 1
        total += (start + end) * (end - start + 1) // 2
    return count, total


@contextlib.contextmanager
def _reading(db: sqlite3.Connection) -> Iterator[None]:
    """Several questions as one read: no other connection's write shows halfway."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("COMMIT")


def _data_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


@contextlib.contextmanager
def _write(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (BEGIN IMMEDIATE), so two writers queue (up to
    the busy timeout) instead of failing halfway; nested uses join the outer one."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
