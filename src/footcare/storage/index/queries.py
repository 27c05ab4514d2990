"""The questions the index answers: entries by day, warning signs, streak and counts.

Each answer is checked on the way out (row checksums, counts found through another b-tree,
the order asked for): a spoiled index raises rather than answer wrongly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from footcare.domain.journal import Entry, week_ending
from footcare.storage.index.rows import _entry
from footcare.storage.index.schema import _reading, _run_days
from footcare.storage.index.sync import SyncedIndex
from footcare.storage.paths import Paths

if TYPE_CHECKING:  # the counts' own module is read only when they are asked for
    from footcare.domain.trends import Counts

ORDER = " ORDER BY at, month, seq"
"""JournalStore.load's order: by time, ties in file order (file name, then place in file)."""


class Index(SyncedIndex):
    """The journal index in one SQLite file (WAL mode). Safe to share between threads and
    between processes; every method raises IndexUnavailable rather than answer wrongly."""

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
            # "+": not through the index on (deleted, …), which SQLite would otherwise
            # take and then read and sort every live entry (25 ms at 36,500 for one day)
            where.append("+deleted = 0")
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
        from footcare.domain.trends import Counts

        weekly = "weekly IS NOT NULL AND deleted = 0"
        with self._using() as db, _reading(db):
            tally = self._tally(db)
            since, until = (d.toordinal() for d in week_ending(_day(today)))
            this_week = _run_days(db, since, until)[0]  # the runs are checked
            week = (date.fromordinal(since).isoformat(), date.fromordinal(until + 1).isoformat())
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


def open_index(paths: Paths) -> Index | None:
    """The index of this data folder's journal (opened at its first question), or None
    when there is no place for it."""
    try:
        return Index(paths.index)
    except (OSError, RuntimeError):  # a data folder behind a loop of links
        return None


# --- helpers ------------------------------------------------------------------------------


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


def _where(parts: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(parts) if parts else ""
