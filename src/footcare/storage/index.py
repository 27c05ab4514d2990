"""A SQLite index of the journal, kept in the cache folder: fast to ask, never the truth.

The TOML month files stay what a person reads, backs up and edits. The index keeps, per
month file, its stamp (name, mtime_ns, size, inode, ctime_ns) and that month's entries.
``sync`` re-reads only the months whose stamp changed, drops the months whose file is gone,
and starts afresh when the database is missing, corrupt, of another schema version or made
for another journal folder. Afterwards every query answers exactly what
``JournalStore.load`` would: the same entries in the same order, the same problems.

Any SQLite or file error raises ``IndexUnavailable``: the caller reads the TOML instead
(``read_journal`` does just that). Deleting the index costs one slower start, nothing else.

A month that doesn't parse is reported as a problem exactly as ``JournalStore.load``
reports it, never indexed as empty, and read again at every sync until it is fixed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from footcare.domain.journal import Entry, entry_from_dict, entry_to_dict
from footcare.domain.problems import ValidationError
from footcare.domain.trends import Counts
from footcare.storage.errors import StorageError
from footcare.storage.journal import (
    RACY_NS,
    UNSEEN,
    JournalStore,
    Loaded,
    Stamp,
    month_stamps,
    racy,
)
from footcare.storage.lock import LockTimeout
from footcare.storage.paths import Paths

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
NOT_AN_ENTRY = (ValidationError, ValueError, KeyError, TypeError, AttributeError)
"""What decoding a tampered row can raise."""
ORDER = " ORDER BY at, month, seq"
"""JournalStore.load's order: by time, ties in file order (file name, then place in file)."""


class IndexUnavailable(Exception):
    """The index can't answer right now: read the TOML month files instead."""


class _StartAgain(IndexUnavailable):
    """The database was removed as corrupt, or changed hands while we read: sync again."""


Known = dict[str, tuple[Stamp, str | None]]
"""Month file name → its stamp when indexed, and its problem if it could not be read."""


@dataclass(frozen=True)
class SyncReport:
    problems: tuple[str, ...]
    """Month files that can't be read, worded and ordered as JournalStore.load has them."""
    read: int
    """Month files read (changed, new, racy or broken)."""
    dropped: int
    """Months dropped because their file is gone."""
    rebuilt: bool
    """The database was started afresh."""
    stamps: dict[str, Stamp]
    """Each month file's stamp as this sync found it (taken before any was read): equal
    stamps at a later sync mean the same files, unless ``settled`` is False."""
    settled: bool
    """No month file changed within RACY_NS before the sync: its stamps prove what they
    say (a file changed just now may change again without its stamp changing)."""


def _stamps(folder: Path, since_month: str | None) -> dict[str, Stamp]:
    """The stamp of every month file (from ``since_month`` on), by name: what a sync that
    finds nothing changed costs. A folder that can't be listed is left to the TOML reader,
    which words the problem."""
    try:
        return month_stamps(folder, since_month or "")
    except OSError as exc:
        raise IndexUnavailable(f"{folder}: {exc}") from exc


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(entry: Entry) -> str:
    """The whole entry as JSON (entry_to_dict, dates as ISO strings)."""
    return json.dumps(entry_to_dict(entry), default=_iso, ensure_ascii=False)


def decode(data: str, at: str) -> Entry:
    """An entry from its JSON and its exact time (entry_to_dict drops microseconds).

    The index is a file like any other: what it holds is validated again on the way out."""
    raw: Any = json.loads(data)
    if not isinstance(raw, dict):
        raise ValueError("an entry is not a table")
    raw["at"] = at
    follow = raw.get("next_follow_up")
    if isinstance(follow, str):
        raw["next_follow_up"] = date.fromisoformat(follow)
    return entry_from_dict(raw)


def _row(month: str, seq: int, entry: Entry) -> tuple[object, ...]:
    row = (
        month,
        seq,
        entry.id,
        entry.at.isoformat(timespec="microseconds"),
        entry.day.toordinal(),
        int(entry.session is not None),
        int(entry.deleted),
        int(bool(entry.findings)),
        entry.weekly_change,
        encode(entry),
    )
    return (*row, _checksum(row))


def _checksum(row: Sequence[object]) -> bytes:
    """SQLite keeps no checksum of its pages: each row carries its own, so a spoiled row is
    never returned as an entry."""
    return hashlib.blake2b(repr(tuple(row)).encode(), digest_size=8).digest()


def _entry(row: Sequence[Any]) -> Entry:
    """The entry of a full row (every column, in order), checked against its checksum."""
    *values, checksum = row
    if _checksum(values) != checksum:
        raise ValueError("a row of the index does not match its checksum")
    return decode(values[9], values[3])


@dataclass
class _Read:
    """One month file as read for a sync."""

    name: str
    stamp: Stamp
    entries: list[Entry]
    problem: str | None


@dataclass(frozen=True)
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


class Index:
    """The journal index in one SQLite file (WAL mode). Safe to share between threads and
    between processes; every method raises IndexUnavailable rather than answer wrongly."""

    def __init__(
        self, path: Path, timeout: float = BUSY_TIMEOUT, clock: Callable[[], int] = time.time_ns
    ) -> None:
        self.path = path
        self.timeout = timeout
        self.clock = clock
        """Now, in ns since the epoch (file times are compared with it)."""
        self._db: sqlite3.Connection | None = None
        self._ino: int | None = None
        """The inode of the database file the connection opened."""
        self._known: tuple[int, Known] | None = None
        """The months table as of a PRAGMA data_version: unchanged while that is."""
        self._folder: str | None = None
        """The journal folder of the last sync."""
        self._lock = threading.RLock()
        self._looking = 0
        self._look: tuple[str, SyncReport] | None = None
        """The full sync of the current look (see one_look), by journal folder."""

    @contextlib.contextmanager
    def one_look(self) -> Iterator[None]:
        """One command's look at the journal: inside it, the month files are looked at by
        the first sync of them all, and every later one answers from that look (so that
        a command asking several questions stats each file once)."""
        with self._lock:
            self._looking += 1
        try:
            yield
        finally:
            with self._lock:
                self._looking -= 1
                if not self._looking:
                    self._look = None

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

    # --- keeping up with the TOML --------------------------------------------------------
    def sync(self, store: JournalStore, since_month: str | None = None) -> list[str]:
        """Bring the index up to date with the month files (those from ``since_month`` on,
        or all); the problems JournalStore.load(since_month) would report. Raises
        IndexUnavailable (read the TOML then).

        After a sync from ``since_month``, only questions about those months are answered
        from the files as they are now: the streak and the runs need a sync of them all."""
        return list(self.sync_report(store, since_month).problems)

    def sync_report(self, store: JournalStore, since_month: str | None = None) -> SyncReport:
        folder = os.path.abspath(store.folder)
        if since_month is None:
            with self._lock:
                look = self._look
            if look is not None and look[0] == folder:
                return look[1]
        try:
            report = self._sync(store, since_month)
        except _StartAgain:
            report = self._sync(store, since_month)  # once more: from nothing if it was corrupt
        if since_month is None:
            with self._lock:  # the files were read with no lock held (see _sync)
                if self._looking:
                    self._look = (folder, report)
        return report

    def _sync(self, store: JournalStore, since_month: str | None) -> SyncReport:
        folder = os.path.abspath(store.folder)
        stamps = _stamps(store.folder, since_month)

        def _in_range(name: str) -> bool:
            return not since_month or name[:7] >= since_month

        with self._using() as db:
            rebuilt = self._claim(db, folder)
            known = self._months(db, since_month)
            self._folder = folder
        # the files are read with no lock held: other processes and threads carry on
        racy_from = self.clock() - RACY_NS
        reads = [
            _read(store, store.folder / name, stamp, racy_from)
            for name, stamp in stamps.items()
            if not _current(known.get(name), stamp)
        ]
        gone = [name for name in known if _in_range(name) and name not in stamps]
        moved = False  # a file changed while it was read: kept for now, read again next
        if reads or gone:
            with self._using() as db, _write(db):
                if self._claim(db, folder):
                    raise _StartAgain("the index was made for another journal meanwhile")
                # months another process dropped or added meanwhile count too
                known = dict(self._months(db, since_month))
                gone = [name for name in known if _in_range(name) and name not in stamps]
                days: set[int] = set()
                for name in gone:
                    days |= _session_days_of(db, name)
                    db.execute("DELETE FROM entries WHERE month = ?", (name,))
                    db.execute("DELETE FROM months WHERE name = ?", (name,))
                    del known[name]
                for read in reads:
                    now = _stamp_of(store.folder / read.name)
                    if now != stamps[read.name]:  # changed while it was being read
                        moved = True
                        if now is not None and _current(known.get(read.name), now):
                            continue  # another sync has stored what it holds now
                        read = _Read(read.name, UNSEEN, read.entries, read.problem)
                    days |= _session_days_of(db, read.name)
                    days |= {e.day.toordinal() for e in read.entries if _counts(e)}
                    _store(db, read)
                    known[read.name] = (read.stamp, read.problem)
                _update_runs(db, days, afresh=rebuilt or len(days) > RUNS_AFRESH)
                # what was written is checked with the rest at the next question
                self._known = None
        problems = tuple(
            known[name][1] or "" for name in sorted(known) if known[name][1] and _in_range(name)
        )
        settled = not moved and not any(racy(stamp, racy_from) for stamp in stamps.values())
        return SyncReport(problems, len(reads), len(gone), rebuilt, stamps, settled)

    def synced_with(self, store: JournalStore) -> bool:
        """Whether the index was brought in step with this journal folder before and holds
        its months (as that sync found them: what changed since shows at the next sync).
        False too when it can't be asked (a spoiled one is removed: a sync builds it)."""
        folder = os.path.abspath(store.folder)
        try:
            with self._using() as db:
                row = db.execute("SELECT value FROM meta WHERE key = 'folder'").fetchone()
                if row != (folder,):
                    return False
                if db.execute("SELECT 1 FROM months LIMIT 1").fetchone() is not None:
                    return True
        except IndexUnavailable:
            return False
        return not store.has_months()

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

    # --- questions -----------------------------------------------------------------------
    def entries(
        self,
        since: date | None = None,
        until: date | None = None,
        *,
        since_month: str | None = None,
        include_deleted: bool = True,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Entry]:
        """Entries whose day is from ``since`` to ``until`` (both included), in
        JournalStore.load's order (or its reverse); all of them by default. ``since_month``
        keeps to the month files from that one on, as JournalStore.load(since_month) reads
        them (whatever the dates inside)."""
        where, args = _range(since, until)
        if since_month:
            where.append("month >= ?")
            args.append(since_month)
        if not include_deleted:
            where.append("deleted = 0")
        order = " ORDER BY at DESC, month DESC, seq DESC" if newest_first else ORDER
        sql = "SELECT * FROM entries" + _where(where) + order
        if limit is not None:
            sql += " LIMIT ?"
            args.append(max(0, limit))
        with self._using() as db:
            with _reading(db):
                rows = db.execute(sql, args).fetchall()
                if since is None and until is None:
                    tally = self._tally(db, since_month)
                    expected = tally.total if include_deleted else tally.live
                else:
                    self._tally(db)
                    expected = _count_days(db, since, until, since_month, include_deleted)
            # each row is checked against its checksum, and the rows against the counts
            # (found through another b-tree) and the order asked for
            if len(rows) != (expected if limit is None else min(expected, max(0, limit))):
                raise ValueError("the index holds fewer or more entries than it counts")
            keys = [(row[3], row[0], row[1]) for row in rows]
            if keys != sorted(keys, reverse=newest_first):
                raise ValueError("the index gives its entries out of order")
            found = [_entry(row) for row in rows]
            first, last = _day(since or date.min), _day(until or date.max)
            if any(not first <= e.day <= last for e in found):
                raise ValueError("the index gives an entry from outside the days asked for")
            return found

    def flagged(self, since: date | None = None, since_month: str | None = None) -> list[Entry]:
        """Entries with a foot-check finding (deleted ones too: a sign outlives its entry),
        from the day ``since`` on, and in the month files from ``since_month`` on (as
        JournalStore.load(since_month) reads them, whatever the dates inside)."""
        sql = "SELECT * FROM entries INDEXED BY flagged WHERE flagged = 1 AND month >= ?" + ORDER
        with self._using() as db:
            with _reading(db):
                rows = db.execute(sql, (since_month or "",)).fetchall()
                expected = self._tally(db, since_month).flagged
            if len(rows) != expected:  # every one is read: few, and each one counts
                raise ValueError("the index holds fewer or more warning signs than it counts")
            found = [_entry(row) for row in rows]
            if any(not e.findings for e in found):
                raise ValueError("the index gives an entry without a finding as flagged")
        first = _day(since or date.min)
        return [e for e in found if e.day >= first]

    def session_days(self, since: date | None = None) -> set[date]:
        """Days with a session that is not deleted (domain.journal.session_days), from
        ``since`` on if given."""
        sql = "SELECT DISTINCT dayno FROM entries WHERE session = 1 AND deleted = 0"
        args: list[object] = []
        if since is not None:
            sql += " AND dayno >= ?"
            args.append(_day(since).toordinal())
        with self._using() as db, _reading(db):
            days = [n for (n,) in db.execute(sql, args)]
            self._tally(db)
            first = _day(since or date.min).toordinal()
            if (len(days), sum(days)) != _run_days(db, first, date.max.toordinal()):
                raise ValueError("the index's session days are not its runs")
        return {date.fromordinal(n) for n in days}

    def streak(self, today: date) -> int:
        """Consecutive days with a session ending today, or yesterday if none yet today
        (domain.journal.streak), in one lookup."""
        day = _day(today).toordinal()
        sql = "SELECT first, last FROM runs WHERE first <= ? ORDER BY first DESC LIMIT 1"
        with self._using() as db, _reading(db):
            self._tally(db)  # the runs are checked
            run = db.execute(sql, (day,)).fetchone()
        if run is None:
            return 0
        first, last = run
        if last >= day:
            return int(day - first + 1)
        return int(last - first + 1) if last == day - 1 else 0

    def counts(self, today: date) -> Counts:
        """The whole journal counted as domain.trends.counts has it, in a few lookups."""
        day = _day(today).toordinal()
        weekly = "weekly IS NOT NULL AND deleted = 0"
        with self._using() as db, _reading(db):
            tally = self._tally(db)
            this_week = _run_days(db, day - 6, day)[0]  # the runs are checked
            week = (date.fromordinal(day - 6).isoformat(), date.fromordinal(day + 1).isoformat())
            answered = db.execute(  # a range of times: the weekly index serves it
                f"SELECT * FROM entries INDEXED BY weekly WHERE {weekly} AND at >= ? AND at < ?"
                " LIMIT 1",
                week,
            ).fetchone()
            last_row = db.execute(
                f"SELECT * FROM entries INDEXED BY weekly WHERE {weekly}"
                " ORDER BY at DESC, month DESC, seq DESC LIMIT 1"
            ).fetchone()
            last = _entry(last_row) if last_row is not None else None
            if answered is not None and _entry(answered).weekly_change is None:
                raise ValueError("the index gives an entry without a weekly answer")
        return Counts(
            streak=self.streak(today),
            this_week=int(this_week),
            weekly_this_week=answered is not None,
            last_weekly=(last.day, last.weekly_change)
            if last is not None and last.weekly_change is not None
            else None,
            entries=tally.live,
            sessions=tally.sessions,
        )

    def oldest(self) -> date | None:
        """The day of the oldest entry (deleted ones too), or None when there is none."""
        with self._using() as db:
            with _reading(db):
                row = db.execute("SELECT * FROM entries ORDER BY at LIMIT 1").fetchone()
                least = db.execute("SELECT min(dayno) FROM entries INDEXED BY live").fetchone()
            oldest = _entry(row).day if row is not None else None
            if (oldest.toordinal() if oldest else None) != least[0]:
                raise ValueError("the index's oldest entry is not its earliest day")
        return oldest

    def count(self, include_deleted: bool = True) -> int:
        with self._using() as db:
            tally = self._tally(db)
        return tally.total if include_deleted else tally.live

    def problems(self, since_month: str | None = None) -> list[str]:
        """The problems of the last sync, as JournalStore.load(since_month) words them."""
        sql = "SELECT problem FROM months WHERE problem IS NOT NULL AND name >= ? ORDER BY name"
        with self._using() as db:
            return [p for (p,) in db.execute(sql, (f"{since_month or ''}",))]

    def month_keys(self) -> list[str]:
        """The months ("YYYY-MM") whose file was read without a problem, oldest first."""
        sql = "SELECT name FROM months WHERE problem IS NULL ORDER BY name"
        with self._using() as db:
            return [name.removesuffix(".toml") for (name,) in db.execute(sql)]


def _read(store: JournalStore, path: Path, stamp: Stamp, racy_from: int) -> _Read:
    # the stamp was taken before the read: a write after it shows at the next sync
    if racy(stamp, racy_from):
        stamp = (UNTRUSTED, *stamp[1:])
    try:
        return _Read(path.name, stamp, store._read_month(path), None)
    except StorageError as exc:
        return _Read(path.name, UNSEEN, [], str(exc))


def _stamp_of(path: Path) -> Stamp | None:
    """One month file's stamp now (None when it can't be looked at)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)


def _store(db: sqlite3.Connection, read: _Read) -> None:
    live = [e for e in read.entries if not e.deleted]
    sessions = [e for e in live if e.session is not None]
    days = {e.day.toordinal() for e in sessions}
    row = (
        read.name,
        *read.stamp,
        read.problem,
        len(live),
        len(sessions),
        len(read.entries),
        sum(bool(e.findings) for e in read.entries),
        sum(e.weekly_change is not None for e in live),
        len(days),
        sum(days),
    )
    db.execute("DELETE FROM entries WHERE month = ?", (read.name,))
    db.execute(
        "INSERT OR REPLACE INTO months VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*row, _checksum(row)),
    )
    db.executemany(
        "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_row(read.name, seq, entry) for seq, entry in enumerate(read.entries)),
    )


def read_journal(
    store: JournalStore, index: Index | None, since_month: str | None = None
) -> Loaded:
    """What JournalStore.load(since_month) returns, through the index when it can answer,
    else from the TOML."""
    if index is not None:
        try:
            problems = index.sync(store, since_month)
            return Loaded(index.entries(since_month=since_month), problems)
        except IndexUnavailable:
            pass
    return store.load(since_month=since_month)


def open_index(paths: Paths) -> Index | None:
    """The index of this data folder's journal (opened at its first question), or None
    when there is no place for it."""
    try:
        return Index(paths.index)
    except (OSError, RuntimeError):  # a data folder behind a loop of links
        return None


# --- helpers ------------------------------------------------------------------------------


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


def _current(known: tuple[Stamp, str | None] | None, stamp: Stamp) -> bool:
    return known is not None and known[1] is None and known[0][0] != UNTRUSTED and known[0] == stamp


def _range(since: date | None, until: date | None) -> tuple[list[str], list[object]]:
    """Days from ``since`` to ``until`` (both included) as a range of times, so that the
    index on the time serves both the range and the order."""
    where: list[str] = []
    args: list[object] = []
    if since is not None:
        where.append("at >= ?")
        args.append(_day(since).isoformat())
    if until is not None and _day(until) < date.max:
        where.append("at < ?")
        args.append((_day(until) + timedelta(days=1)).isoformat())
    return where, args


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _counts(entry: Entry) -> bool:
    """Whether an entry makes its day a session day."""
    return entry.session is not None and not entry.deleted


def _session_days_of(db: sqlite3.Connection, month: str) -> set[int]:
    sql = "SELECT dayno FROM entries WHERE month = ? AND session = 1 AND deleted = 0"
    return {n for (n,) in db.execute(sql, (month,))}


def _update_runs(db: sqlite3.Connection, days: set[int], afresh: bool) -> None:
    """Bring the runs of session days up to date for days that may have changed."""
    if afresh:
        db.execute("DELETE FROM runs")
        sql = "SELECT DISTINCT dayno FROM entries WHERE session = 1 AND deleted = 0 ORDER BY 1"
        runs: list[list[int]] = []
        for (n,) in db.execute(sql):
            if runs and runs[-1][1] == n - 1:
                runs[-1][1] = n
            else:
                runs.append([n, n])
        db.executemany("INSERT INTO runs VALUES (?, ?)", runs)
        return
    for day in sorted(days):
        on = db.execute(
            "SELECT 1 FROM entries WHERE dayno = ? AND session = 1 AND deleted = 0 LIMIT 1",
            (day,),
        ).fetchone()
        run = db.execute(
            "SELECT first, last FROM runs WHERE first <= ? ORDER BY first DESC LIMIT 1", (day,)
        ).fetchone()
        inside = run is not None and run[1] >= day
        if on and not inside:
            first = run[0] if run is not None and run[1] == day - 1 else day
            after = db.execute("SELECT last FROM runs WHERE first = ?", (day + 1,)).fetchone()
            last = after[0] if after is not None else day
            db.execute("DELETE FROM runs WHERE first IN (?, ?)", (first, day + 1))
            db.execute("INSERT INTO runs VALUES (?, ?)", (first, last))
        elif inside and not on:
            first, last = run
            db.execute("DELETE FROM runs WHERE first = ?", (first,))
            if first < day:
                db.execute("INSERT INTO runs VALUES (?, ?)", (first, day - 1))
            if day < last:
                db.execute("INSERT INTO runs VALUES (?, ?)", (day + 1, last))


def _check(db: sqlite3.Connection) -> Known:
    """The months table, each row checked against its checksum, and the indexes that answer
    without reading the entries counted against it: the warning signs, the weekly answers
    and the runs of session days must add up to what the months say was stored.

    A bit flipped or a row lost shows as a sum that does not add up (raises ValueError: the
    index is spoiled, and built again from the TOML). The entries themselves are checked as
    they are read (see Index.entries): this costs a few milliseconds for a hundred years."""
    with _reading(db):
        known: Known = {}
        for *values, checksum in db.execute("SELECT * FROM months"):
            if _checksum(values) != checksum:
                raise ValueError("a month of the index does not match its checksum")
            known[values[0]] = ((values[1], values[2], values[3], values[4]), values[5])
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


def _count_days(
    db: sqlite3.Connection,
    since: date | None,
    until: date | None,
    since_month: str | None,
    include_deleted: bool,
) -> int:
    """How many entries fall on those days, counted through the index on days (not the one
    on times the entries are read through)."""
    sql = "SELECT count(*) FROM entries INDEXED BY live WHERE deleted IN (0, ?)"
    sql += " AND session IN (0, 1) AND dayno BETWEEN ? AND ? AND month >= ?"
    first = _day(since or date.min).toordinal()
    last = _day(until or date.max).toordinal()
    args = (int(include_deleted), first, last, since_month or "")
    return int(db.execute(sql, args).fetchone()[0])


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


def _where(parts: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(parts) if parts else ""


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
