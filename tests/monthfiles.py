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


def settle(folder: Path, timeout: float = 2.0) -> None:
    """Wait until the file system's clock has moved past every change to a file in
    ``folder``: then, with no racy window (RACY_NS 0), each file's stamp proves what it
    holds. Waits in 1 ms steps, a clock tick at most (a few ms); fails after ``timeout`` s."""
    import time

    from footcare.storage.journal import file_clock

    stats = [p.stat() for p in folder.iterdir()]
    newest = max((max(st.st_mtime_ns, st.st_ctime_ns) for st in stats), default=0)
    deadline = time.monotonic() + timeout
    while file_clock(folder) <= newest:
        assert time.monotonic() < deadline, f"the file system's clock never passed {folder}"
        time.sleep(0.001)
