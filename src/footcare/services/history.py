"""The journal as the screens see it: the recent months at once, older years when asked for.

Opening costs the same at any size: the last 2 months of entries and the whole history
counted (streak, this week), through the journal repository as its last look at the month
files left it; then, once that is on screen, one look at each month file's stamp
(``look_at_files``, off the main thread), and whatever changed is shown. An older year is
read when the table reaches it. The repository answers the same whether or not its index
can (storage/repository.py), only slower without it.
"""

from __future__ import annotations

from datetime import date, timedelta

from footcare.domain.journal import Entry
from footcare.domain.trends import Counts
from footcare.services.gate import month_back
from footcare.storage.journal import MonthStamps
from footcare.storage.repository import JournalRepository
from footcare.storage.repository import Look as Look


def month_start(key: str) -> date:
    year, month = key.split("-")
    return date(int(year), int(month), 1)


class History:
    def __init__(self, journal: JournalRepository) -> None:
        self.journal = journal
        """Where the entries come from (it answers with or without its index)."""
        self.by_id: dict[str, Entry] = {}
        self.since: date | None = None
        """Entries from this day on are at hand; None: every entry."""
        self.problems: list[str] = []
        self.checked = True
        """What is at hand was read after a look at the month files (False: as the last
        look left it, until checked_files)."""
        self._saved_unchecked = False
        """An entry was written here before the look at the files was taken in."""
        self._oldest: date | None = None
        self._counts: tuple[date, Counts] | None = None
        self._sorted: list[Entry] | None = None
        self._version: MonthStamps | None = None
        """The look the entries at hand were read after, when its stamps prove what the
        files held (None: unproven). Another look (the gate's, another process's) may take
        in a change first: equal proven versions alone say nothing changed."""

    @property
    def complete(self) -> bool:
        """Every entry is at hand."""
        return self.since is None

    @property
    def cutoff(self) -> str | None:
        """The oldest month at hand ("YYYY-MM"); None means every month."""
        return None if self.since is None else month_back(self.since, 0)

    # --- reading -------------------------------------------------------------------------
    def load_recent(self, today: date, check_later: bool = False) -> None:
        """Read this month and the one before (more rows than a screen shows, few enough to
        be quick); ``complete`` says if that was everything.

        ``check_later``: answer as the last look at the files left the journal, when there
        was one, and leave this look to checked_files (``checked`` says whether that is
        still to do)."""
        with self.journal.one_look():
            look = self.journal.last_look() if check_later else None
            self.checked = look is None
            self._saved_unchecked = False
            self._read(today, look or self.journal.look(), month_start(month_back(today, 1)))

    def _read(self, today: date, look: Look, since: date | None) -> bool:
        """Everything from ``since`` on read again as ``look`` left it; whether anything at
        hand changed."""
        with self.journal.one_look():
            fresh = {e.id: e for e in self.journal.entries(since=since)}
            self._oldest = self.journal.oldest()
            self._counts = (today, self.journal.counts(today, look=False))
        changed = fresh != self.by_id
        self.by_id = fresh
        self._sorted = None
        self._version = look.version
        self.problems = list(look.problems)
        self._set_since(since)
        return changed

    def _set_since(self, since: date | None) -> None:
        reached = since is None or self._oldest is None or self._oldest >= since
        self.since = None if reached else since

    def load_year_before(self) -> list[Entry]:
        """Bring in the year before the oldest day at hand. Returns the entries that were
        new, newest first."""
        if self.since is None:
            return []
        since = self.since.replace(year=self.since.year - 1)
        added = self._add(self.journal.entries(since=since, until=self.since - timedelta(days=1)))
        self._set_since(since)
        return added

    def load_all(self) -> None:
        """Every entry at hand (a search, an export, the trends)."""
        if self.since is not None:
            self._add(self.journal.entries(until=self.since - timedelta(days=1)))
            self.since = None

    def _add(self, entries: list[Entry]) -> list[Entry]:
        added = []
        for entry in entries:
            if entry.id not in self.by_id:
                self.by_id[entry.id] = entry
                added.append(entry)
        self._sorted = None
        return sorted(added, key=lambda e: e.at, reverse=True)

    def look_at_files(self) -> Look:
        """Look at the month files after answering as the last look left them (safe off the
        main thread: it touches nothing here). Hand what it returns to checked_files."""
        return self.journal.look()

    def checked_files(self, today: date, look: Look) -> bool:
        """Take in a look_at_files: everything at hand read again as that look left it
        (another process may have looked since this screen read, so "nothing read" proves
        nothing here). True if anything at hand changed; ``problems`` says what can't be
        read."""
        if self.checked:
            return False  # read after a look already
        self.checked = True
        if self._saved_unchecked:
            # an entry saved here since the look began is in the files, not in what it saw
            look = self.look_at_files()
        return self._read(today, look, self.since)

    def refresh_recent(self, today: date) -> bool:
        """Pick up entries written elsewhere (a session, another login, an editor); True if
        anything shown changed. Nothing is read again while the files' proven stamps are
        those the entries at hand were read after."""
        look = self.journal.look()
        if look.version is not None and look.version == self._version:
            self._counts = (today, self.journal.counts(today, look=False))
            return False
        return self._read(today, look, self.since)

    # --- the whole history, counted ------------------------------------------------------
    def counts(self, today: date) -> Counts:
        """The streak, this week and the weekly question over the whole history."""
        if self._counts is None or self._counts[0] != today:
            self._counts = (today, self.journal.counts(today))
        return self._counts[1]

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
