"""Journal month files written straight to disk, in the journal's own file format, as a
person's editor or an older footcare could leave them: nothing checked, any order.

For tests that need many months fast, or a file footcare itself would never write.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import tomli_w

from footcare.domain.journal import Entry, entry_to_dict
from footcare.storage.journal import JournalStore


def by_month(entries: Iterable[Entry]) -> dict[str, list[Entry]]:
    """The entries by month key, oldest first in each month."""
    months: dict[str, list[Entry]] = {}
    for e in sorted(entries, key=lambda e: e.at):
        months.setdefault(e.month_key, []).append(e)
    return months


def write_month(store: JournalStore, key: str, entries: list[Entry]) -> Path:
    """One month file holding `entries`, in the order given."""
    store.folder.mkdir(parents=True, exist_ok=True)
    path = store.month_path(key)
    path.write_text(tomli_w.dumps({"entries": [entry_to_dict(e) for e in entries]}))
    return path


def write_months(store: JournalStore, entries: Iterable[Entry]) -> None:
    """A month file for each month the entries fall in."""
    for key, month in by_month(entries).items():
        write_month(store, key, month)
