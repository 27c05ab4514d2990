"""Journals of a chosen size for the benchmarks, written by footcare's own store.

One session entry a day, the last one today at midnight, one TOML file per month — what
years of daily use leave on disk. Each day has before and after ratings, sleep, a session
and, every 30 days, a note; none has a warning sign (those would make the first reader
write the safety record, and every run after it would do less).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths

SIZES = (0, 30, 3650, 18250, 36500)
"""Entries: none, a month, ten years, fifty years, a hundred years of daily sessions (a
month has a table of rows to draw, as the longer ones have and the empty one has not)."""


def last_day() -> datetime:
    """Today at midnight: never in the future, and the streak stays whole until tomorrow ends."""
    return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)


def entry_for(n: int, at: datetime) -> Entry:
    return Entry(
        id=new_id(at),
        at=at,
        before=Ratings(numbness=n % 11, tingling=(n * 3) % 11, pain=(n * 7) % 11),
        after=Ratings(numbness=n % 11, tingling=(n * 3) % 11, pain=max(0, (n * 7) % 11 - 1)),
        sleep=n % 7,
        session=SessionFacts("standard", ("left", "right"), 12.5),
        note="a long history" if n % 30 == 0 else "",
    )


def fill(paths: Paths, count: int, check: bool = True) -> None:
    """``count`` daily entries ending today, written a month file at a time by JournalStore
    (its own sorting and entry_to_dict); ``check`` reads them back with JournalStore.load."""
    store = JournalStore(paths)
    end = last_day()
    months: dict[str, list[Entry]] = {}
    for n in range(count - 1, -1, -1):
        entry = entry_for(n, end - timedelta(days=n))
        months.setdefault(entry.month_key, []).append(entry)
    if months:
        from footcare.storage.files import ensure_dir

        ensure_dir(paths.journal)
    for key, entries in months.items():
        store._write_month(store.month_path(key), entries)
    if check:
        loaded = store.load()
        if len(loaded.entries) != count or loaded.problems:
            raise RuntimeError(f"wrote {count} entries, read {len(loaded.entries)}: {loaded}")


def journal_folder(root: Path, count: int) -> Paths:
    """A data folder holding ``count`` entries (built once per root)."""
    paths = Paths(config=root / "config", data=root / f"journal-{count}")
    if not paths.data.exists():
        paths.data.mkdir(parents=True)
        fill(paths, count)
    return paths
