"""The journal as the screens see it: the recent year read at once, older years read later.

Ten years of daily entries are 120 month files; reading them all takes a few
hundred milliseconds. The journal screen reads the last 4 months straight away
(that covers every trend and the week) and the rest in a background thread.
"""

from __future__ import annotations

from datetime import date

from footcare.domain.journal import Entry
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore, Loaded

RECENT_MONTHS = 4
"""This month and the three before: always at least the 90 days the trends need."""


def month_key(day: date, months_back: int = 0) -> str:
    index = day.year * 12 + day.month - 1 - months_back
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class History:
    def __init__(self, store: JournalStore) -> None:
        self.store = store
        self.by_id: dict[str, Entry] = {}
        self.cutoff: str | None = None
        """The oldest month read so far ("YYYY-MM"); None means every month."""
        self.complete = False
        self.problems: list[str] = []
        self._sorted: list[Entry] | None = None

    # --- reading -------------------------------------------------------------------------
    def load_recent(self, today: date) -> None:
        """Read the last RECENT_MONTHS months; ``complete`` says if that was everything."""
        self.cutoff = month_key(today, RECENT_MONTHS - 1)
        loaded = self.store.load(since_month=self.cutoff)
        self.by_id = {e.id: e for e in loaded.entries}
        self.problems = list(loaded.problems)
        self._sorted = None
        try:
            older = [p for p in self.store.month_files() if p.stem < self.cutoff]
        except StorageError:
            older = []
        self.complete = not older

    def read_older(self) -> Loaded:
        """Every month before the cutoff (safe to call from a thread: touches no state)."""
        loaded = self.store.load()
        cutoff = self.cutoff or ""
        return Loaded(
            [e for e in loaded.entries if e.month_key < cutoff],
            [p for p in loaded.problems if p not in self.problems],
        )

    def merge_older(self, loaded: Loaded) -> list[Entry]:
        """Add what read_older found; returns the entries that were new, newest first."""
        added = []
        for entry in loaded.entries:
            if entry.id not in self.by_id:
                self.by_id[entry.id] = entry
                added.append(entry)
        self.problems += loaded.problems
        self.complete = True
        self.cutoff = None
        self._sorted = None
        return sorted(added, key=lambda e: e.at, reverse=True)

    def recent_stamp(self, today: date) -> tuple[tuple[str, int, int], ...]:
        """Names, times and sizes of the recent month files: changes when anyone writes."""
        return self.store.stamp(month_key(today, RECENT_MONTHS - 1))

    def refresh_recent(self, today: date) -> bool:
        """Pick up entries written elsewhere (a session, another login); True if any changed."""
        loaded = self.store.load(since_month=month_key(today, RECENT_MONTHS - 1))
        changed = False
        for entry in loaded.entries:
            if self.by_id.get(entry.id) != entry:
                self.put(entry)
                changed = True
        return changed

    def load_all(self) -> None:
        if not self.complete:
            self.merge_older(self.read_older())

    # --- what the screens use ------------------------------------------------------------
    def put(self, entry: Entry) -> None:
        self.by_id[entry.id] = entry
        self._sorted = None

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def entries(self) -> list[Entry]:
        """All entries read so far, deleted ones too, oldest first."""
        if self._sorted is None:
            self._sorted = sorted(self.by_id.values(), key=lambda e: e.at)
        return self._sorted

    def newest_first(self, include_deleted: bool = False) -> list[Entry]:
        return [e for e in reversed(self.entries()) if include_deleted or not e.deleted]
