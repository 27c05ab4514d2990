"""A damaged index is noticed, never believed: bits flipped, pages cut off or rows altered,
every answer is what the TOML month files say."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.trends import counts
from footcare.storage.index import Index, IndexUnavailable
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths

FUTURE = time.time_ns() + 86_400 * 10**9
"""A clock a day ahead: no month file counts as just written."""
MIDDLE = date(2025, 6, 10)


def journal(root: Path) -> JournalStore:
    """A year of entries of every kind: sessions, deleted ones, weekly answers, and warning
    signs with two findings each (their order must survive the index)."""
    store = JournalStore(Paths(config=root / "config", data=root / "data"))
    for month in range(1, 13):
        for day in range(1, 28, 2):
            at = datetime(2025, month, day, 9, 30)
            store.add(
                Entry(
                    id=new_id(at),
                    at=at,
                    before=Ratings(pain=day % 11),
                    session=SessionFacts("standard", ("left", "right"), 12.5) if day % 3 else None,
                    findings={"wound": "right", "redness": "left"} if day == 5 else {},
                    weekly_change=day % 7 if day % 4 == 0 else None,
                    note=f"day {day}",
                    deleted=day == 9,
                )
            )
    return store


QUESTIONS: dict[str, Callable[[Index], object]] = {
    "entries": lambda ix: ix.entries(),
    "since": lambda ix: ix.entries(since=MIDDLE),
    "until": lambda ix: ix.entries(until=MIDDLE),
    "newest three": lambda ix: ix.entries(newest_first=True, limit=3),
    "not deleted": lambda ix: ix.entries(include_deleted=False),
    "flagged": lambda ix: ix.flagged(),
    "flagged since": lambda ix: ix.flagged(since=MIDDLE),
    "session days": lambda ix: ix.session_days(),
    "oldest": lambda ix: ix.oldest(),
    "count": lambda ix: ix.count(),
    "streak": lambda ix: ix.streak(date(2025, 12, 28)),
    "counts": lambda ix: ix.counts(date(2025, 12, 28)),
}


def truth(entries: list[Entry]) -> dict[str, object]:
    live_sessions = {e.day for e in entries if e.session is not None and not e.deleted}
    return {
        "entries": entries,
        "since": [e for e in entries if e.day >= MIDDLE],
        "until": [e for e in entries if e.day <= MIDDLE],
        "newest three": entries[::-1][:3],
        "not deleted": [e for e in entries if not e.deleted],
        "flagged": [e for e in entries if e.findings],
        "flagged since": [e for e in entries if e.findings and e.day >= MIDDLE],
        "session days": live_sessions,
        "oldest": min(e.day for e in entries),
        "count": len(entries),
        "streak": 0,
        "counts": counts(entries, date(2025, 12, 28)),
    }


def orders(found: object) -> list[list[str]]:
    """The order of each entry's findings (two dicts with the same items are equal in any
    order; the clinician's report and the exports show them in the order they were noted)."""
    if not isinstance(found, list):
        return []
    return [list(e.findings) for e in found if isinstance(e, Entry)]


def answer(ix: Index, store: JournalStore, question: Callable[[Index], object]) -> object:
    """What footcare would be told: the index after a sync, and if it refuses twice (once
    to find the damage, once more while it builds itself again), the files."""
    for _ in range(2):
        try:
            ix.sync(store)
            return question(ix)
        except IndexUnavailable:
            continue
    return None


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[JournalStore, bytes, dict[str, object]]]:
    root = Path(tempfile.mkdtemp())
    store = journal(root)
    ix = Index(root / "cache" / "journal.sqlite3", clock=lambda: FUTURE)
    ix.sync(store)
    ix.close()
    with sqlite3.connect(ix.path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    yield store, ix.path.read_bytes(), truth(store.load().entries)
    shutil.rmtree(root, ignore_errors=True)


def check_every_answer(store: JournalStore, data: bytes, want: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.sqlite3"
        path.write_bytes(data)
        ix = Index(path, clock=lambda: FUTURE)
        try:
            for name, question in QUESTIONS.items():
                got = answer(ix, store, question)
                if got is not None:  # None: the index refused, and the files answer
                    assert got == want[name], name
                    assert orders(got) == orders(want[name]), name
        finally:
            ix.close()


def test_the_findings_keep_their_order_through_the_index(
    built: tuple[JournalStore, bytes, dict[str, object]],
) -> None:
    store, data, want = built
    flagged = want["flagged"]
    assert isinstance(flagged, list) and flagged
    assert list(flagged[0].findings) == ["wound", "redness"]
    check_every_answer(store, data, want)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 7)), max_size=4))
def test_flipped_bits_are_never_believed(
    built: tuple[JournalStore, bytes, dict[str, object]], flips: list[tuple[float, int]]
) -> None:
    store, data, want = built
    spoiled = bytearray(data)
    for where, bit in flips:
        spoiled[int(where * len(spoiled))] ^= 1 << bit
    check_every_answer(store, bytes(spoiled), want)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(keep=st.floats(0, 1))
def test_a_cut_short_index_is_never_believed(
    built: tuple[JournalStore, bytes, dict[str, object]], keep: float
) -> None:
    store, data, want = built
    check_every_answer(store, data[: int(len(data) * keep)], want)


ALTERATIONS = [
    "DELETE FROM entries WHERE month = '2025-02.toml' AND seq = 0",
    "DELETE FROM entries WHERE flagged = 1 AND month = '2025-07.toml'",
    "UPDATE entries SET flagged = 0",
    "UPDATE entries SET deleted = 1 - deleted WHERE seq = 2",
    "UPDATE entries SET dayno = dayno + 1 WHERE seq = 3",
    "UPDATE months SET flagged = 0",
    "UPDATE months SET live = live + 1 WHERE name = '2025-03.toml'",
    "DELETE FROM months WHERE name = '2025-04.toml'",
    "DELETE FROM runs",
    "UPDATE runs SET last = last + 1",
    "DROP INDEX flagged",
    "REINDEX",
]


@pytest.mark.parametrize("sql", ALTERATIONS)
def test_rows_altered_by_hand_are_never_believed(
    built: tuple[JournalStore, bytes, dict[str, object]], sql: str, tmp_path: Path
) -> None:
    store, data, want = built
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(data)
    db = sqlite3.connect(path)
    try:
        db.execute(sql)
        db.commit()
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # into the file that is copied
    finally:
        db.close()
    check_every_answer(store, path.read_bytes(), want)


def test_an_index_emptied_behind_a_sync_is_not_taken_for_an_empty_journal(
    built: tuple[JournalStore, bytes, dict[str, object]], tmp_path: Path
) -> None:
    store, data, _ = built
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(data)
    ix = Index(path, clock=lambda: FUTURE)
    try:
        ix.sync(store)
        ix.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with pytest.raises(IndexUnavailable):
            ix.flagged()
    finally:
        ix.close()
