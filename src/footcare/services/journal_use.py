"""The journal, as its screens and commands use it: the entries at hand, saving, deleting
and restoring, the unsaved entry (the draft), the days held, and the reports.

Every write records its warning signs first (services/journal.py); a screen never sees a
store, a file or a folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from footcare.domain.draft import FormState
from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry, day_blocks
from footcare.domain.signs import WarningSign
from footcare.services import journal as writes
from footcare.storage.journal import EntryChanged, JournalStore
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


@frozen
class Stale:
    """A change asked for an entry that was changed or deleted elsewhere (by hand, by
    another footcare) since it was read: nothing was written."""

    message: str
    """What happened, in one sentence a person reads."""
    now: Entry | None
    """The entry as it is now (None: no longer in the journal)."""


def stale(action: str, now: Entry | None, opened_deleted: bool = False) -> Stale:
    """The sentence for a change (``action``: "save", "delete" or "restore") that found the
    entry no longer as it was read, ``now`` being what it is now (an edit of an entry
    deleted before it was opened, ``opened_deleted``, is refused too)."""
    if now is None:
        gone = "This entry is no longer in your journal (it was removed elsewhere), so "
        if action == "save":
            return Stale(
                gone + "nothing was saved: your changes are kept as a draft, "
                "press n to save them as a new entry.",
                None,
            )
        return Stale(gone + "nothing changed.", None)
    if action == "save" and now.deleted:
        return Stale(
            f"This entry {'is deleted' if opened_deleted else 'was deleted elsewhere'}, so "
            "nothing was saved: your changes "
            "are kept as a draft, restore the entry with u and press n to finish "
            "them.",
            now,
        )
    if action == "save":
        return Stale(
            "This entry was changed elsewhere since you opened it, so nothing was "
            "saved: it is shown as it is now, with your own changes kept, press s "
            "to save them.",
            now,
        )
    done = "deleted" if action == "delete" else "restored"
    if now.deleted == (action == "delete"):
        return Stale(f"This entry was already {done} elsewhere, so nothing changed.", now)
    return Stale(f"This entry was changed elsewhere meanwhile, so it was not {done}.", now)


def keep_changes(mine: FormState, opened: FormState, now: Entry) -> FormState:
    """The form for ``now`` (the entry as it is on disk) with the person's own changes on
    top: each field (each rating, each finding) they changed since ``opened`` keeps their
    value, every other one shows the entry as it is now."""
    ours, was, theirs = mine.to_dict(), opened.to_dict(), FormState.from_entry(now).to_dict()
    merged = dict(theirs)
    for key in ours.keys() | was.keys():
        if key in ("mode", "entry_id"):
            continue
        mine_value, was_value = ours.get(key), was.get(key)
        if isinstance(mine_value, dict) or isinstance(was_value, dict):
            part = dict(theirs.get(key) or {})
            mine_part, was_part = mine_value or {}, was_value or {}
            for name in mine_part.keys() | was_part.keys():
                if mine_part.get(name) != was_part.get(name):
                    if name in mine_part:
                        part[name] = mine_part[name]
                    else:
                        part.pop(name, None)
            merged[key] = part
        elif mine_value != was_value:
            if key in ours:
                merged[key] = mine_value
            else:
                merged.pop(key, None)
    return FormState.from_dict(merged)


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
    def save(self, entry: Entry, replacing: Entry | None = None) -> Stale | None:
        """Write a new entry, or an edit of ``replacing`` (the entry as it was read when
        the form opened) only while the journal still holds exactly that: otherwise
        nothing is written (not even its warning signs) and Stale says why. A StorageError
        when the file can't be written."""
        if replacing is not None:
            now = self.journal.stored(replacing)
            if now != replacing or replacing.deleted:
                return stale("save", now, opened_deleted=replacing.deleted)
        try:
            writes.save_entry(self, entry, replacing)
        except EntryChanged as exc:  # changed between the look and the write
            return stale("save", exc.now)
        return None

    def set_deleted(self, entry: Entry, deleted: bool) -> Entry | Stale:
        """Delete or restore ``entry`` as it was read: the entry as it is now, or Stale
        (nothing written) when it was changed or deleted elsewhere since."""
        try:
            return writes.set_deleted(self, entry, deleted)
        except EntryChanged as exc:
            return stale("delete" if deleted else "restore", exc.now)

    def keep_changes(self, mine: FormState, opened: FormState, now: Entry) -> FormState:
        return keep_changes(mine, opened, now)

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

    def report(
        self,
        entries: Sequence[Entry],
        since: date | None,
        markdown: bool,
        unread: Sequence[str] = (),
    ) -> Report:
        """The Markdown or printable HTML report of ``entries``, as ``export`` writes it,
        naming the journal files in ``unread`` that could not be read."""
        from footcare.services.report import report

        return report(self._paths, entries, self.today(), since, markdown, unread)

    # --- reports -------------------------------------------------------------------------
    def export(self, entries: Sequence[Entry], unread: Sequence[str] = ()) -> Written:
        """The printable report, the Markdown report and the CSV into the reports folder
        (raises StorageError), naming the journal files in ``unread``."""
        from footcare.services.report import write_all

        return write_all(self._paths, entries, self.today(), unread)
