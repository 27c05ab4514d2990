"""Journal use-cases: every write records its warning signs in the safety record first."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Protocol

from footcare.domain.journal import Entry
from footcare.domain.redflags import entry_signs
from footcare.domain.signs import WarningSign
from footcare.storage.journal import new_id
from footcare.storage.safety import UntrustedRecord

__all__ = ["find_entry", "new_id", "recorded_signs", "save_entry", "set_deleted"]

if TYPE_CHECKING:
    from footcare.services.gate import Gate
    from footcare.services.runner import SessionRunner
    from footcare.storage.journal import JournalStore


class JournalParts(Protocol):
    """What these use-cases write through: the gate's record, the journal, the session."""

    @property
    def gate(self) -> Gate: ...

    @property
    def journal(self) -> JournalStore: ...

    @property
    def runner(self) -> SessionRunner | None: ...


def save_entry(services: JournalParts, entry: Entry, replacing: Entry | None = None) -> None:
    """Write a new or edited entry. Its warning signs go into the safety record first, so
    a later edit or deletion can't take them away; a running session is stopped by one."""
    # an untrusted record keeps the gate shut by itself; the journal still gets the entry
    with contextlib.suppress(UntrustedRecord):
        services.gate.record_signs(entry)
    if replacing is None:
        services.journal.add(entry)
    else:
        services.journal.replace(entry, expected=replacing)
    services.gate.forget()
    if services.runner is not None and entry_signs(entry, entry.at):
        services.runner.check_signs()


def set_deleted(services: JournalParts, entry: Entry, deleted: bool) -> Entry:
    """Hide or restore an entry. Its warning signs stay in the safety record either way."""
    changed = services.journal.set_deleted(entry, deleted)
    services.gate.forget()
    return changed


def recorded_signs(services: JournalParts, entry: Entry) -> list[WarningSign]:
    """The warning signs of this entry that the safety record keeps whatever happens to it."""
    record = services.gate.facts().record
    return [s for s in record.signs if s.entry_id == entry.id and s.blocks_sessions]


def find_entry(services: JournalParts, entry_id: str) -> Entry | None:
    """An entry by its id (its month first, from the id's date; then every month)."""
    month = f"{entry_id[:4]}-{entry_id[4:6]}" if entry_id[:6].isdigit() else None
    if month is not None:
        for entry in services.journal.load(since_month=month).entries:
            if entry.id == entry_id:
                return entry
    for entry in services.journal.load().entries:
        if entry.id == entry_id:
            return entry
    return None
