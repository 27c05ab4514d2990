"""The journal as every caller above storage sees it: one repository that always answers.

It answers through the journal's index (``storage/index``) when the index can, and from
the TOML month files when it can't (no place for it, a busy or spoiled database): the same
entries in the same order, the same problems, the same counts either way, only slower
without it. No caller above storage sees ``IndexUnavailable`` or asks whether the index is
in use; ``slower`` says, for a hint, that the last answer came from the files.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry, live, session_days, streak
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore, Loaded, MonthStamps, file_clock, settled
from footcare.storage.paths import Paths

if TYPE_CHECKING:
    from footcare.domain.trends import Counts
    from footcare.storage.index import Index

T = TypeVar("T")


@frozen
class Look:
    """What one look at every month file found."""

    problems: tuple[str, ...]
    """Month files that can't be read, worded and ordered as JournalStore.load has them."""
    version: MonthStamps | None
    """The month files' stamps, when they prove what the files hold (none changed just
    now): an equal version later means nothing changed. None proves nothing."""
    read: int = 0
    """Month files read by this look (those that changed since the index last saw them;
    every one without the index)."""


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


class JournalRepository:
    """Entries for a period, warning signs, counts and the look at the files, whether or
    not the index can answer; saving goes through ``store``."""

    def __init__(
        self, store: JournalStore, index: Callable[[], Index | None] | Index | None = None
    ) -> None:
        self.store = store
        self._index = index if callable(index) or index is None else (lambda: index)
        self.slower = False
        """The last answer came from the month files (the index could not give it)."""
        self._looking = 0
        self._loaded: Loaded | None = None
        """Every month file as read during the current ``one_look`` (without the index)."""
        self._last: Look | None = None
        """The last look at the files without the index: while their stamps prove them
        unchanged, the next look reads none."""
        self._opened = self._index
        """The index if it was opened: closing never opens one."""

    @classmethod
    def at(cls, paths: Paths) -> JournalRepository:
        """The journal of these folders, with its index in the cache folder (opened at the
        first question; none when there is no place for it). While the journal holds no month
        file there is nothing to ask an index: the files answer (nothing), and the index is
        neither imported nor opened until a month file is there."""
        opened: list[Index | None] = []
        store = JournalStore(paths)

        def index() -> Index | None:
            if not opened and not store.has_months():
                return None
            if not opened:
                from footcare.storage.index import open_index

                opened.append(open_index(paths))
            return opened[0]

        journal = cls(store, index)
        journal._opened = lambda: opened[0] if opened else None
        return journal

    @property
    def index(self) -> Index | None:
        """The index behind the answers (opened now if it was not), or None when there is
        no place for it: for tests and benchmarks, which read its counters. Nobody needs
        it to be asked a question."""
        return self._index() if self._index is not None else None

    # --- the index, or the files -----------------------------------------------------------
    def _ask(self, question: Callable[[Index], T], files: Callable[[], T]) -> T:
        """The index's answer; the files' when there is no index or it can't answer."""
        index = self._index() if self._index is not None else None
        if index is not None:
            from footcare.storage.index import IndexUnavailable

            try:
                answer = question(index)
            except IndexUnavailable:
                pass
            else:
                self.slower = False
                return answer
        self.slower = True
        return files()

    def _synced(self, index: Index) -> Index:
        index.sync(self.store)
        return index

    def _all(self) -> Loaded:
        """Every month file, read once per ``one_look`` (every time outside one)."""
        if self._loaded is not None:
            return self._loaded
        loaded = self.store.load()
        if self._looking:
            self._loaded = loaded
        return loaded

    @contextlib.contextmanager
    def one_look(self) -> Iterator[None]:
        """One command's look at the journal: inside it, each month file is looked at (and,
        without the index, read) once however many questions are asked."""
        index = self._index() if self._index is not None else None
        self._looking += 1
        try:
            with index.one_look() if index is not None else contextlib.nullcontext():
                yield
        finally:
            self._looking -= 1
            if not self._looking:
                self._loaded = None

    # --- looking at the files --------------------------------------------------------------
    def has_months(self) -> bool:
        return self.store.has_months()

    def look(self) -> Look:
        """Look at every month file (through the index, only those that changed are read)."""

        def synced(index: Index) -> Look:
            report = index.sync_report(self.store)
            version = report.stamps if report.settled else None
            return Look(report.problems, version, report.read)

        def files() -> Look:
            stamps = self.store.stamp("")
            version = stamps if stamps and settled(stamps, file_clock(self.store.folder)) else None
            last = self._last
            if version is not None and last is not None and last.version == version:
                return Look(last.problems, version)  # proven unchanged: nothing to read
            look = Look(tuple(self._all().problems), version, len(stamps))
            self._last = look
            return look

        return self._ask(synced, files)

    def last_look(self) -> Look | None:
        """The problems as the index's last look at this journal's files left them, without
        looking at any file (version None); None when there is no such look to answer from."""

        def known(index: Index) -> Look | None:
            if not index.synced_with(self.store):
                return None
            return Look(tuple(index.problems()), None)

        return self._ask(known, lambda: None)

    def version(self) -> MonthStamps | None:
        """What the month files' stamps say now, when they prove what the files hold (None
        when they prove nothing: a file changed just now, or one can't be looked at)."""

        def synced(index: Index) -> MonthStamps | None:
            report = index.sync_report(self.store)
            return report.stamps if report.settled else None

        def files() -> MonthStamps | None:
            stamps = self.store.stamp("")
            return stamps if stamps and settled(stamps, file_clock(self.store.folder)) else None

        return self._ask(synced, files)

    # --- questions -------------------------------------------------------------------------
    def read(self, since_month: str | None = None) -> Loaded:
        """What JournalStore.load(since_month) returns."""

        def indexed(index: Index) -> Loaded:
            problems = index.sync(self.store, since_month)
            return Loaded(index.entries(since_month=since_month), problems)

        return self._ask(indexed, lambda: self.store.load(since_month=since_month))

    def entries(
        self, since: date | None = None, until: date | None = None, *, include_deleted: bool = True
    ) -> list[Entry]:
        """Entries whose day is from ``since`` to ``until`` (both included), oldest first
        (ties in file order); deleted ones too unless ``include_deleted`` is False. Through
        the index as its last look at the files left it."""

        def files() -> list[Entry]:
            if self._loaded is not None:
                found = self._loaded.entries
            else:  # a month's file holds only that month's entries
                found = self.store.load(
                    since_month=_month(since) if since else None,
                    until_month=_month(until) if until and until < date.max else None,
                ).entries
            first, last = since or date.min, until or date.max
            return [
                e for e in found if first <= e.day <= last and (include_deleted or not e.deleted)
            ]

        return self._ask(
            lambda i: i.entries(since=since, until=until, include_deleted=include_deleted),
            files,
        )

    def flagged(self, since_month: str) -> Loaded:
        """Entries with a foot-check finding (deleted ones too: a sign outlives its entry)
        in the month files from ``since_month`` on, with every month file's problems.

        The index answers only once it is in step with the files (one sync per
        ``one_look``): an index that can't look at them (a journal folder that can't be
        listed) would answer from what they held before, and say nothing of the folder."""

        def indexed(index: Index) -> Loaded:
            problems = index.sync(self.store)
            return Loaded(index.flagged(since_month=since_month), problems)

        def files() -> Loaded:
            loaded = self._all()
            return Loaded(
                [e for e in loaded.entries if e.findings and e.month_key >= since_month],
                list(loaded.problems),
            )

        return self._ask(indexed, files)

    def counts(self, today: date, look: bool = True) -> Counts:
        """The streak, this week and the weekly question over the whole history, after a
        look at the files (or, if not ``look``, through the index as its last look left it)."""
        from footcare.domain.trends import counts as count_entries  # the trends' module

        return self._ask(
            lambda i: (self._synced(i) if look else i).counts(today),
            lambda: count_entries(self._all().entries, today),
        )

    def streak(self, today: date) -> tuple[int, bool]:
        """The streak of days with a session, and whether ``today`` has one."""

        def indexed(index: Index) -> tuple[int, bool]:
            self._synced(index)
            return index.streak(today), today in index.session_days(since=today)

        def files() -> tuple[int, bool]:
            entries = live(self._all().entries)
            return streak(entries, today), today in session_days(entries)

        return self._ask(indexed, files)

    def oldest(self) -> date | None:
        """The day of the oldest entry (deleted ones too), or None when there is none."""

        def files() -> date | None:
            if self._loaded is not None:
                return min((e.day for e in self._loaded.entries), default=None)
            try:
                months = [path.stem for path in self.store.month_files()]
            except StorageError:
                return None
            for month in months:  # the oldest readable month holds the oldest entry
                found = self.store.load(since_month=month, until_month=month).entries
                if found:
                    return min(e.day for e in found)
            return None

        return self._ask(lambda i: i.oldest(), files)

    def close(self) -> None:
        """Close the index if it was opened (SQLite tidies its journal files)."""
        index = self._opened() if self._opened is not None else None
        if index is not None:
            index.close()
