"""A journal on disk seen two ways: through its index (the cache folder) and from the
month files alone (a cache folder that can't be made); a session a day for as many days as
asked; and every row of the journal screen.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from apphelpers import pressed
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.widgets.history_table import HistoryTable
from monthfiles import write_month, write_months

NOW = datetime.now().replace(microsecond=0)
TODAY = NOW.date()
SIZE = (80, 24)


@dataclass
class Journal:
    root: Path

    @property
    def indexed(self) -> Paths:
        return Paths(self.root / "config", self.root / "data", self.root / "cache")

    @property
    def plain(self) -> Paths:
        """The same folders, with a cache folder that can't be made: no index, ever."""
        blocker = self.root / "no-cache"
        if not blocker.exists():
            blocker.write_text("a file where the cache folder would be", encoding="utf-8")
        return Paths(self.root / "config", self.root / "data", blocker / "cache")

    @property
    def store(self) -> JournalStore:
        return JournalStore(self.indexed)

    @property
    def index_files(self) -> list[Path]:
        db = self.indexed.index
        return [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm")]

    def write_month(self, key: str, entries: list[Entry]) -> Path:
        """A month file as a person's editor leaves it (no check, any order)."""
        return write_month(self.store, key, entries)


@contextlib.contextmanager
def journal_in(folder: Path | None = None) -> Iterator[Journal]:
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        (folder / "config").mkdir(parents=True, exist_ok=True)
        (folder / "data").mkdir(exist_ok=True)
        yield Journal(folder)


def daily(days: int, end: date = TODAY, **changes: Any) -> list[Entry]:
    """A session a day for ``days`` days ending on ``end``, just after midnight."""
    out = []
    for n in range(days):
        at = datetime.combine(end - timedelta(days=n), time(0, 0, 1))
        entry = Entry(
            id=f"{at:%Y%m%d%H%M%S}-{n:06d}",
            at=at,
            before=Ratings(numbness=n % 11, pain=(n * 7) % 11),
            after=Ratings(numbness=max(0, n % 11 - 1), pain=(n * 3) % 11),
            sleep=n % 7,
            session=SessionFacts("standard", ("left", "right"), 12.5),
            weekly_change=(n // 7) % 7 if n % 7 == 3 else None,
            note="a long history" if n % 30 == 0 else "",
        )
        out.append(entry.with_changes(**changes) if changes else entry)
    return out


def fill(journal: Journal, entries: list[Entry]) -> None:
    write_months(journal.store, entries)


def rows_of(table: HistoryTable) -> list[str]:
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def journal_screen(paths: Paths) -> tuple[list[str], str, bool]:
    """Every row of the journal screen (each older year brought in), and its summary."""
    app = FootcareApp(read_footcare(paths, now=lambda: NOW))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.history.checked  # its look at the month files is taken in
        summary = str(screen.query_one("#journal-summary").render())
        indexed = not screen.history.journal.slower
        table = screen.query_one(HistoryTable)
        for _ in range(200):  # a year more at each end of the table
            if not screen.query_one("#journal-more").display:
                break
            await pressed(pilot, "end")
        rows = rows_of(table)
    app.services.close()
    return rows, summary, indexed
