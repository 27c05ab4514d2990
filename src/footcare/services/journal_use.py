"""The journal, as its screens and commands use it: the entries at hand, saving, deleting
and restoring, the unsaved entry (the draft), the days held, and the reports.

Every write records its warning signs first (services/journal.py); a screen never sees a
store, a file or a folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry, day_blocks
from footcare.domain.signs import WarningSign
from footcare.services import journal as writes
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.state import TableFile, draft_file

if TYPE_CHECKING:
    from footcare.services.gate import Gate
    from footcare.services.history import History
    from footcare.services.report import Report, Written
    from footcare.services.runner import SessionRunner
    from footcare.services.sessions import Sessions
    from footcare.storage.repository import JournalRepository


@frozen
class JournalRead:
    entries: list[Entry]
    """Every entry read, deleted ones too (a report keeps their warning signs)."""
    problems: list[str]
    """Month files that could not be read (and were skipped)."""


class JournalUse:
    def __init__(
        self,
        paths: Paths,
        repository: JournalRepository,
        gate: Gate,
        sessions: Sessions,
        now: Callable[[], datetime],
        emergency_number: Callable[[], str],
    ) -> None:
        self._paths = paths
        self._emergency = emergency_number
        self._repository = repository
        self._gate = gate
        self._sessions = sessions
        self._now = now
        self.draft_file: TableFile = draft_file(paths)

    # what services/journal.py writes through
    @property
    def gate(self) -> Gate:
        return self._gate

    @property
    def journal(self) -> JournalStore:
        return self._repository.store

    @property
    def runner(self) -> SessionRunner | None:
        return self._sessions.runner

    @property
    def emergency_number(self) -> str:
        """Whom to call in an emergency, as config.toml says, for a warning sign's words."""
        return self._emergency()

    # --- reading -------------------------------------------------------------------------
    def today(self) -> date:
        return self._now().date()

    def now(self) -> datetime:
        return self._now()

    def history(self) -> History:
        """The entries at hand, read a page at a time (the index when it answers)."""
        from footcare.services.history import History

        return History(self._repository)

    def blocked_days(self) -> dict[date, tuple[str, ...]]:
        """The days a yes kept the massage off, for the table: a day with a session entry
        is a massage day all the same (its yes stays in the safety record and the reports)."""
        said = self._gate.blocked_days()
        entries = [e for day in said for e in self._repository.entries(day, day)]
        return {b.day: b.items for b in day_blocks(said, entries) if not b.massaged}

    def recorded_signs(self, entry: Entry) -> list[WarningSign]:
        return writes.recorded_signs(self, entry)

    def find(self, entry_id: str) -> Entry | None:
        return writes.find_entry(self, entry_id)

    # --- writing -------------------------------------------------------------------------
    def save(self, entry: Entry, replacing: Entry | None = None) -> None:
        writes.save_entry(self, entry, replacing)

    def set_deleted(self, entry: Entry, deleted: bool) -> Entry:
        return writes.set_deleted(self, entry, deleted)

    # --- the unsaved entry ---------------------------------------------------------------
    def has_draft(self) -> bool:
        return self.draft_file.path.exists()

    def load_draft(self) -> dict[str, Any] | None:
        """The draft's table (None: none); raises SetAside or StorageError as the file."""
        return self.draft_file.load()

    def save_draft(self, record: dict[str, Any]) -> None:
        self.draft_file.save(record)

    def clear_draft(self) -> None:
        self.draft_file.clear()

    # --- the command line's list and export -----------------------------------------------
    def read(self, since_month: str | None = None) -> JournalRead:
        """Every entry from ``since_month`` (``YYYY-MM``) on, deleted ones too, and the
        month files that could not be read; a StorageError if the data folder can't be."""
        from footcare.storage.files import check_readable_folder

        check_readable_folder(self._paths.data)
        loaded = self._repository.read(since_month)
        return JournalRead(list(loaded.entries), list(loaded.problems))

    def report(self, entries: Sequence[Entry], since: date | None, markdown: bool) -> Report:
        """The Markdown or printable HTML report of ``entries``, as ``export`` writes it."""
        from footcare.services.report import report

        return report(self._paths, entries, self.today(), since, markdown)

    # --- reports -------------------------------------------------------------------------
    def export(self, entries: Sequence[Entry]) -> Written:
        """The printable report, the Markdown report and the CSV into the reports folder
        (raises StorageError)."""
        from footcare.services.report import write_all

        return write_all(self._paths, entries, self.today())
