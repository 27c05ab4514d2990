"""Keeping the index in step with the TOML month files.

``sync`` re-reads only the months whose stamp changed, drops the months whose file is gone,
and starts afresh when the database is missing, corrupt, of another schema version or made
for another journal folder. A month that doesn't parse is reported as a problem exactly as
``JournalStore.load`` reports it, never indexed as empty, and read again at every sync until
it is fixed. The runs of session days (for the streak) are brought up to date with it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry
from footcare.storage import journal as month_files
from footcare.storage.errors import StorageError
from footcare.storage.index.rows import _checksum, _row
from footcare.storage.index.schema import (
    BUSY_TIMEOUT,
    RUNS_AFRESH,
    UNTRUSTED,
    IndexFile,
    IndexUnavailable,
    _StartAgain,
    _write,
)
from footcare.storage.journal import UNSEEN, JournalStore, Stamp, month_stamps, racy


@frozen
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


@dataclass
class _Read:
    """One month file as read for a sync."""

    name: str
    stamp: Stamp
    entries: list[Entry]
    problem: str | None


class SyncedIndex(IndexFile):
    """The index file, brought in step with a journal folder's month files."""

    def __init__(
        self, path: Path, timeout: float = BUSY_TIMEOUT, clock: Callable[[], int] | None = None
    ) -> None:
        super().__init__(path, timeout, clock)
        self.looks = 0
        """How many times the month files were looked at (listed and stat'ed): one per
        sync, or one for every question inside ``one_look``."""
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
        with self._lock:
            self.looks += 1

        def _in_range(name: str) -> bool:
            return not since_month or name[:7] >= since_month

        with self._using() as db:
            rebuilt = self._claim(db, folder)
            known = self._months(db, since_month)
            self._folder = folder
        # the files are read with no lock held: other processes and threads carry on
        at = self.clock() if self.clock else month_files.file_clock(store.folder)
        racy_from = at - month_files.RACY_NS
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


def _current(known: tuple[Stamp, str | None] | None, stamp: Stamp) -> bool:
    return known is not None and known[1] is None and known[0][0] != UNTRUSTED and known[0] == stamp


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
