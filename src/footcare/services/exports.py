"""The journal read for the command line's list and export (the reports are made by
``services.report``, the same use-case that writes the journal screen's)."""

from __future__ import annotations

from dataclasses import dataclass

from footcare.domain.journal import Entry
from footcare.folders import Paths


@dataclass(frozen=True)
class JournalRead:
    entries: list[Entry]
    """Every entry read, deleted ones too (a report keeps their warning signs)."""
    problems: list[str]
    """Month files that could not be read (and were skipped)."""


def read_journal(paths: Paths, since_month: str | None = None) -> JournalRead:
    """The journal from ``since_month`` (``YYYY-MM``) on, or all of it; a StorageError if
    the data folder can't be read at all."""
    from footcare.storage.files import check_readable_folder
    from footcare.storage.repository import JournalRepository

    check_readable_folder(paths.data)
    journal = JournalRepository.at(paths)
    try:
        loaded = journal.read(since_month)
    finally:
        journal.close()
    return JournalRead(list(loaded.entries), list(loaded.problems))
