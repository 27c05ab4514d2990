"""The journal as the screens see it: the recent months at once, older years when asked for.

Through the journal's index (storage/index.py) opening costs the same at any size: the
last 2 months of entries and the whole history counted (streak, this week) in a few
lookups, from the index as its last sync left it; then, once that is on screen, one look
at each month file's stamp (``look_at_files``, off the main thread), and whatever changed
is shown. An older year is read when the table reaches it. Without the index (it can't be
opened or used) the TOML month files are read: the recent months at once, the rest in one
go from a background thread.
Either way the screens are shown the same entries, only not as fast.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from footcare.domain.journal import Entry
from footcare.domain.trends import Counts
from footcare.domain.trends import counts as count_entries
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore, Loaded, MonthStamps

if TYPE_CHECKING:
    from footcare.storage.index import Index, SyncReport

    Look = SyncReport | None
    """What a look at the month files found (None: the index can't answer)."""

RECENT_MONTHS = 2
"""This month and the one before: more rows than a screen shows, few enough to be quick
(the trends, a search and an export read every entry)."""


def month_key(day: date, months_back: int = 0) -> str:
    index = day.year * 12 + day.month - 1 - months_back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_start(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


class History:
    def __init__(self, store: JournalStore, index: Index | None = None) -> None:
        self.store = store
        self.index = index
        """The journal's index, or None: then the TOML files are read."""
        self.by_id: dict[str, Entry] = {}
        self.cutoff: str | None = None
        """The oldest month of the recent ones ("YYYY-MM"); None means every month."""
        self.since: date | None = None
        """Entries from this day on are at hand; None: every entry."""
        self.complete = False
        """Every entry is at hand."""
        self.problems: list[str] = []
        self._sorted: list[Entry] | None = None
        self._indexed = False
        """The index answers (read through it, not the files)."""
        self.checked = True
        """What is at hand was checked against the month files' stamps (False: read from
        the index as its last sync left it, until checked_files)."""
        self._saved_unchecked = False
        """An entry was written here before the look at the files was taken in."""
        self._oldest: date | None = None
        self._counts: tuple[date, Counts] | None = None
        self._proven: MonthStamps | None = None
        """The month files' stamps as the sync that the entries at hand were read after
        found them, when settled (None: unproven). Any sync of the index (the gate's, another
        process's) may take in a change first: equal settled stamps alone say nothing did."""

    @property
    def indexed(self) -> bool:
        """Whether the index answers (else the TOML files are read, the slow way)."""
        return self._indexed

    # --- reading -------------------------------------------------------------------------
    def load_recent(self, today: date, check_later: bool = False) -> None:
        """Read the last RECENT_MONTHS months; ``complete`` says if that was everything.

        ``check_later``: when the index has been synced with this journal before, answer
        from it as it is, and leave the look at the files to checked_files (``checked``
        says whether that is still to do)."""
        self.cutoff = month_key(today, RECENT_MONTHS - 1)
        self.since = month_start(self.cutoff)
        self._sorted = None
        self._counts = None
        self.checked = True
        self._saved_unchecked = False
        if self._load_indexed(today, check_later):
            return
        loaded = self.store.load(since_month=self.cutoff)
        self.by_id = {e.id: e for e in loaded.entries}
        self.problems = list(loaded.problems)
        try:
            older = [p for p in self.store.month_files() if p.stem < self.cutoff]
        except StorageError:
            older = []
        self._set_complete(not older)

    def _load_indexed(self, today: date, check_later: bool = False) -> bool:
        """The recent entries through the index, after bringing it in step with every
        month file (or, with ``check_later``, as its last sync of them left it); False when
        it can't be used (nothing has changed then)."""
        from footcare.storage.index import IndexUnavailable

        self._indexed = False
        self._proven = None
        if self.index is None:
            return False
        try:
            proven = None
            if check_later and self.index.synced_with(self.store):
                problems = self.index.problems()
                self.checked = False
            else:
                report = self.index.sync_report(self.store)
                problems = list(report.problems)
                proven = report.stamps if report.settled else None
            entries = self.index.entries(since=self.since)
            oldest = self.index.oldest()
            tally = self.index.counts(today)
        except IndexUnavailable:
            return False
        self._counts = (today, tally)
        self.by_id = {e.id: e for e in entries}
        self.problems = problems
        self._oldest = oldest
        self._proven = proven
        self._indexed = True
        self._set_complete(oldest is None or self.since is None or oldest >= self.since)
        return True

    def _set_complete(self, complete: bool) -> None:
        self.complete = complete
        if complete:
            self.cutoff = None
            self.since = None

    def load_year_before(self) -> list[Entry]:
        """Bring in the year before the oldest day at hand (a year at a time, from the index;
        without it, everything). Returns the entries that were new, newest first."""
        if self.complete or self.since is None:
            return []
        since = self.since.replace(year=self.since.year - 1)
        if self._indexed and self.index is not None:
            from footcare.storage.index import IndexUnavailable

            try:
                older = self.index.entries(since=since, until=self.since - timedelta(days=1))
            except IndexUnavailable:
                pass
            else:
                added = self._add(older)
                self.since = since
                if self._oldest is None or self._oldest >= since:
                    self._set_complete(True)
                return added
        return self.merge_older(self.read_older())

    def read_older(self) -> Loaded:
        """Every month before the cutoff from the TOML files (safe to call from a thread:
        touches no state)."""
        loaded = self.store.load()
        cutoff = self.cutoff or ""
        return Loaded(
            [e for e in loaded.entries if e.month_key < cutoff],
            [p for p in loaded.problems if p not in self.problems],
        )

    def merge_older(self, loaded: Loaded) -> list[Entry]:
        """Add what read_older found; returns the entries that were new, newest first."""
        added = self._add(loaded.entries)
        self.problems += loaded.problems
        self._set_complete(True)
        return added

    def _add(self, entries: list[Entry]) -> list[Entry]:
        added = []
        for entry in entries:
            if entry.id not in self.by_id:
                self.by_id[entry.id] = entry
                added.append(entry)
        self._sorted = None
        return sorted(added, key=lambda e: e.at, reverse=True)

    def recent_stamp(self, today: date) -> MonthStamps:
        """Names, times and sizes of the recent month files: changes when anyone writes."""
        return self.store.stamp(month_key(today, RECENT_MONTHS - 1))

    def look_at_files(self) -> Look:
        """Bring the index in step with the month files after answering from it as it
        was (safe off the main thread: it touches nothing here); None when the index can't
        answer. Hand what it returns to checked_files."""
        from footcare.storage.index import IndexUnavailable

        if self.index is None:
            return None
        try:
            return self.index.sync_report(self.store)
        except IndexUnavailable:
            return None

    def checked_files(self, today: date, report: Look) -> bool:
        """Take in a look_at_files: everything at hand read again through the index as that
        look left it (another process may have synced it since this screen read it, so
        "nothing read" proves nothing here), or from the files when it can't answer. True
        if anything at hand changed; ``problems`` says what can't be read."""
        self.checked = True
        if not self._indexed:
            return False  # read from the files already
        if report is not None and self._saved_unchecked:
            # an entry saved here since the look began is in the files, not in what it saw
            report = self.look_at_files()
        if report is not None:
            changed = self._take(today, report, reread=True)
            if changed is not None:
                return changed
        self.load_recent(today)
        return True

    def refresh_recent(self, today: date) -> bool:
        """Pick up entries written elsewhere (a session, another login, an editor); True if
        anything shown changed."""
        if self._indexed:
            changed = self._refresh_indexed(today)
            if changed is not None:
                return changed
            self._indexed = False  # the index can't answer now: the files, the slow way
        self._counts = None
        loaded = self.store.load(since_month=month_key(today, RECENT_MONTHS - 1))
        changed = False
        for entry in loaded.entries:
            if self.by_id.get(entry.id) != entry:
                self.put(entry)
                changed = True
        return changed

    def _refresh_indexed(self, today: date) -> bool | None:
        """Everything at hand again from the index, once it is in step with the files;
        None when the index can't answer."""
        report = self.look_at_files()
        return None if report is None else self._take(today, report)

    def _take(self, today: date, report: SyncReport, reread: bool = False) -> bool | None:
        """What a sync of every month file changed here, from the index (everything at hand
        read again unless the month files' settled stamps are those the entries at hand were
        read after, or if ``reread``): True if anything at hand changed; None when the index
        can't answer. "This sync read nothing" proves nothing: another sync of the index
        (the gate's, another process's) may have read the change first."""
        from footcare.storage.index import IndexUnavailable

        assert self.index is not None
        proven = report.stamps if report.settled else None
        try:
            self._counts = (today, self.index.counts(today))
            if not reread and proven is not None and proven == self._proven:
                return False
            entries = self.index.entries(since=self.since)
            self._oldest = self.index.oldest()
        except IndexUnavailable:
            return None
        fresh = {e.id: e for e in entries}
        changed = fresh != self.by_id
        self.by_id = fresh
        self._proven = proven
        self.problems = list(report.problems)
        self._sorted = None
        return changed

    def load_all(self) -> None:
        """Every entry at hand (a search, an export, the trends)."""
        if self.complete:
            return
        if self._indexed and self.index is not None:
            from footcare.storage.index import IndexUnavailable

            try:
                older = self.index.entries(until=(self.since or date.max) - timedelta(days=1))
            except IndexUnavailable:
                pass
            else:
                self._add(older)
                self._set_complete(True)
                return
        self.merge_older(self.read_older())

    # --- the whole history, counted ------------------------------------------------------
    def counts(self, today: date) -> Counts:
        """The streak, this week and the weekly question over the whole history: from the
        index in a few lookups; without it, from the entries at hand (all of them once the
        older years are read)."""
        if self._counts is not None and self._counts[0] == today:
            return self._counts[1]
        tally = None
        if self._indexed and self.index is not None:
            from footcare.storage.index import IndexUnavailable

            try:
                self.index.sync(self.store)
                tally = self.index.counts(today)
            except IndexUnavailable:
                # the index can't answer now: every entry from the files, the slow way
                self._indexed = False
                self.load_all()
        if tally is None:
            return count_entries(self.entries(), today)
        self._counts = (today, tally)
        return tally

    # --- what the screens use ------------------------------------------------------------
    def put(self, entry: Entry) -> None:
        """An entry written or changed here: the counts are taken again when next asked."""
        self._saved_unchecked = self._saved_unchecked or not self.checked
        self.by_id[entry.id] = entry
        self._sorted = None
        self._counts = None

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def entries(self) -> list[Entry]:
        """All entries at hand, deleted ones too, oldest first."""
        if self._sorted is None:
            self._sorted = sorted(self.by_id.values(), key=lambda e: e.at)
        return self._sorted

    def newest_first(self, include_deleted: bool = False) -> list[Entry]:
        return [e for e in reversed(self.entries()) if include_deleted or not e.deleted]
