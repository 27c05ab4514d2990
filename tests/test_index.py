"""The journal index answers exactly what the TOML month files say, whatever happens to either."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import (
    FINDINGS,
    SIDED_FINDINGS,
    Entry,
    Ratings,
    SessionFacts,
    entry_to_dict,
    live,
    session_days,
    streak,
)
from footcare.domain.trends import counts
from footcare.storage.index import (
    KEEP_INDEXES,
    SCHEMA_VERSION,
    Index,
    IndexUnavailable,
)
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository
from storesupport import other_version

FUTURE = time.time_ns() + 86_400 * 10**9
"""A clock a day ahead: no file counts as just written, so stamps alone decide."""


# --- helpers ------------------------------------------------------------------------------


def make_store(root: Path, name: str = "data") -> JournalStore:
    return JournalStore(Paths(config=root / "config", data=root / name))


def entry(at: datetime, **kw: Any) -> Entry:
    return Entry(id=kw.pop("id", None) or new_id(at), at=at, **kw)


def write_month(store: JournalStore, key: str, entries: list[Entry]) -> Path:
    """A month file as a person might leave it: in the order given, any dates in it."""
    path = store.month_path(key)
    store.folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for e in entries:
        row = entry_to_dict(e)
        row["at"] = e.at  # keep fractional seconds, as a hand-written file may have them
        rows.append(row)
    path.write_text(tomli_w.dumps({"entries": rows}), encoding="utf-8")
    return path


def readable_months(store: JournalStore) -> list[str]:
    months = [path.stem for path in store.month_files()]
    return [key for key in months if not store.load(since_month=key, until_month=key).problems]


def assert_same(index: Index, store: JournalStore) -> None:
    """Everything the index answers is what JournalStore.load says."""
    problems = index.sync(store)
    loaded = store.load()
    assert problems == loaded.problems
    assert index.entries() == loaded.entries
    assert index.count() == len(loaded.entries)
    assert index.count(include_deleted=False) == len(live(loaded.entries))
    assert index.entries(include_deleted=False) == [e for e in loaded.entries if not e.deleted]
    assert index.entries(newest_first=True) == loaded.entries[::-1]
    assert index.session_days() == session_days(loaded.entries)
    assert index.flagged() == [e for e in loaded.entries if e.findings]
    assert index.month_keys() == readable_months(store)
    assert index.problems() == loaded.problems
    for key in [*index.month_keys()[1:2], "2025-02"]:
        since = store.load(since_month=key)
        assert index.problems(since_month=key) == since.problems
        assert index.entries(since_month=key) == since.entries
        assert index.flagged(since_month=key) == [e for e in since.entries if e.findings]
    assert index.oldest() == (min(e.day for e in loaded.entries) if loaded.entries else None)
    days = sorted({e.day for e in loaded.entries})
    if days:
        # the streak on every day around the history: the runs of session days are right
        for n in range(days[0].toordinal() - 1, days[-1].toordinal() + 3):
            today = date.fromordinal(n)
            assert index.streak(today) == streak(loaded.entries, today), today
        for today in (days[0], days[len(days) // 2], days[-1], days[-1] + timedelta(days=5)):
            assert index.counts(today) == counts(loaded.entries, today), today
        middle = days[len(days) // 2]
        assert index.session_days(since=middle) == {
            d for d in session_days(loaded.entries) if d >= middle
        }
        assert index.entries(since=middle) == [e for e in loaded.entries if e.day >= middle]
        assert index.entries(until=middle) == [e for e in loaded.entries if e.day <= middle]
        assert index.entries(since=middle, until=middle) == [
            e for e in loaded.entries if e.day == middle
        ]
        assert index.entries(newest_first=True, limit=3) == loaded.entries[::-1][:3]
    else:
        assert index.streak(date.today()) == 0


def settled(index: Index, store: JournalStore) -> None:
    """A spoiled index may refuse once (IndexUnavailable: read the files then); after that
    it has been built again and answers like the files."""
    try:
        assert_same(index, store)
    except IndexUnavailable:
        assert_same(index, store)


def files_of(db: Path) -> list[Path]:
    return [db.with_name(db.name + suffix) for suffix in ("", "-wal", "-shm")]


@pytest.fixture
def store(tmp_path: Path) -> JournalStore:
    return make_store(tmp_path)


@pytest.fixture
def index(tmp_path: Path) -> Iterator[Index]:
    ix = Index(tmp_path / "cache" / "journal.sqlite3", clock=lambda: FUTURE)
    yield ix
    ix.close()


def three_months(store: JournalStore) -> None:
    for month in (1, 2, 3):
        for day in (3, 9, 20):
            at = datetime(2025, month, day, 9, 30)
            store.add(
                entry(
                    at,
                    before=Ratings(pain=day % 11),
                    session=SessionFacts("standard", ("left", "right"), 12.5),
                    note=f"day {day}",
                )
            )


@pytest.fixture
def synced(index: Index, store: JournalStore) -> JournalStore:
    """Three months of entries, the index synced with them and answering as they say."""
    three_months(store)
    assert_same(index, store)
    return store


# --- the index follows the files ----------------------------------------------------------


def test_an_empty_or_missing_journal_is_an_empty_index(
    index: Index, store: JournalStore, tmp_path: Path
) -> None:
    assert_same(index, store)
    store.folder.mkdir(parents=True)
    assert_same(index, store)
    assert index.count() == 0 and index.month_keys() == []


def test_a_second_sync_reads_nothing_that_did_not_change_and_drops_a_removed_month(
    index: Index, store: JournalStore
) -> None:
    three_months(store)
    first = index.sync_report(store)
    assert first.read == 3 and first.rebuilt
    again = index.sync_report(store)
    assert (again.read, again.dropped, again.rebuilt) == (0, 0, False)
    assert_same(index, store)
    store.month_path("2025-02").unlink()
    assert index.sync_report(store).dropped == 1
    assert_same(index, store)
    assert index.month_keys() == ["2025-01", "2025-03"]


def test_a_sync_from_a_month_reads_only_those_months(index: Index, store: JournalStore) -> None:
    three_months(store)
    report = index.sync_report(store, since_month="2025-02")
    assert report.read == 2
    assert index.entries(since_month="2025-02") == store.load(since_month="2025-02").entries
    store.month_path("2025-01").write_text("broken = [", encoding="utf-8")
    store.month_path("2025-03").unlink()
    later = index.sync_report(store, since_month="2025-02")
    assert (later.read, later.dropped, later.problems) == (0, 1, ())
    assert index.entries(since_month="2025-02") == store.load(since_month="2025-02").entries
    # a sync of every month then reads the rest, and words the broken one as the files do
    assert index.sync(store) == store.load().problems
    assert_same(index, store)


def test_entries_added_changed_and_removed_by_hand_show(index: Index, synced: JournalStore) -> None:
    february = synced.load(since_month="2025-02").entries[:3]
    # add one, change one, remove one: each written as a person's editor would
    added = entry(datetime(2025, 2, 28, 21, 0), note="added by hand")
    changed = february[1].with_changes(note="changed by hand", deleted=True)
    path = write_month(synced, "2025-02", [february[0], changed, added])
    report = index.sync_report(synced)
    assert report.read == 1
    assert_same(index, synced)
    assert added in index.entries() and changed in index.entries()
    assert february[2] not in index.entries()
    path.write_text(tomli_w.dumps({"entries": []}), encoding="utf-8")
    assert_same(index, synced)
    assert index.entries(since=date(2025, 2, 1), until=date(2025, 2, 28)) == []


def test_same_size_different_content_is_seen_by_its_time(
    index: Index, synced: JournalStore
) -> None:
    path = synced.month_path("2025-03")
    text = path.read_text(encoding="utf-8")
    before = path.stat()
    edited = text.replace('note = "day 9"', 'note = "day 8"')
    assert edited != text and len(edited) == len(text)
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert path.stat().st_size == before.st_size
    assert_same(index, synced)
    assert "day 8" in [e.note for e in index.entries()]


def test_same_size_and_mtime_put_back_is_seen_too(tmp_path: Path, store: JournalStore) -> None:
    """An edit in place that keeps the size and restores the mtime still changes the
    ctime; one made while the file is still "just written" is read again anyway."""
    three_months(store)
    # the real clock: the files are fresh
    with contextlib.closing(Index(tmp_path / "cache.sqlite3")) as index:
        assert_same(index, store)
        path = store.month_path("2025-01")
        before = path.stat()
        with path.open("r+b") as fh:
            data = fh.read()
            fh.seek(0)
            fh.write(data.replace(b'note = "day 3"', b'note = "day 4"'))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
        assert_same(index, store)
        assert "day 4" in [e.note for e in index.entries()]


def test_streaks_follow_session_days_added_deleted_and_restored(
    index: Index, store: JournalStore
) -> None:
    made = {}
    for day in range(1, 11):
        e = entry(datetime(2025, 1, day, 8), session=SessionFacts("standard", ("left",), 10.0))
        made[day] = e
        store.add(e)
    assert_same(index, store)
    assert index.streak(date(2025, 1, 10)) == 10
    store.set_deleted(made[5], True)  # splits the run in two
    assert_same(index, store)
    assert [index.streak(date(2025, 1, d)) for d in (4, 6, 10, 11, 12)] == [4, 1, 5, 5, 0]
    store.set_deleted(made[5].with_changes(deleted=True), False)  # joins them again
    assert_same(index, store)
    assert index.streak(date(2025, 1, 11)) == 10
    # days before the run in the month before, one after it, and one in the month after
    made = {}
    for at in (
        datetime(2024, 12, 30, 20),
        datetime(2024, 12, 31, 20),
        datetime(2025, 2, 1, 7),
        datetime(2025, 1, 11, 9),
    ):
        made[at.date()] = entry(at, session=SessionFacts("gentle", ("right",), 12.0))
        store.add(made[at.date()])
        assert_same(index, store)
    assert [index.streak(date(2025, 1, 11)), index.streak(date(2025, 2, 1))] == [13, 1]
    # a day gone from December splits a run that goes on in January's file
    store.set_deleted(made[date(2024, 12, 31)], True)
    assert_same(index, store)
    assert [index.streak(date(2024, 12, 30)), index.streak(date(2025, 1, 11))] == [1, 11]
    store.month_path("2025-01").unlink()
    assert_same(index, store)
    assert [index.streak(date(2025, 2, d)) for d in (1, 2, 3)] == [1, 1, 0]


@pytest.mark.parametrize(
    "content",
    [
        b"entries = [ this is not toml",
        b"\xff\xfe not utf-8",
        tomli_w.dumps({"entries": [{"id": "x", "at": datetime(2025, 2, 1), "sleep": 11}]}).encode(),
        tomli_w.dumps({"entries": "not a list"}).encode(),
    ],
    ids=["bad-toml", "not-utf8", "bad-entry", "entries-not-a-list"],
)
def test_a_month_that_does_not_parse_is_a_problem_never_an_empty_month(
    index: Index, synced: JournalStore, content: bytes
) -> None:
    path = synced.month_path("2025-02")
    good = path.read_bytes()
    path.write_bytes(content)
    problems = index.sync(synced)
    assert len(problems) == 1 and str(path) in problems[0]
    assert_same(index, synced)
    assert "2025-02" not in index.month_keys()
    # reported again at every sync, not only the first
    assert index.sync(synced) == problems
    path.write_bytes(good)
    assert index.sync(synced) == []
    assert_same(index, synced)
    assert len(index.entries()) == 9


def test_an_entry_in_another_months_file_is_a_problem_and_ties_keep_the_files_order(
    index: Index, store: JournalStore
) -> None:
    same = datetime(2025, 5, 5, 12, 0, 0, 250_000)
    write_month(store, "2025-06", [entry(same, id="b"), entry(datetime(2025, 6, 9), id="d")])
    write_month(store, "2025-05", [entry(same, id="c"), entry(same, id="a")])
    assert_same(index, store)
    assert [e.id for e in index.entries()] == ["c", "a"]
    assert index.entries()[0].at.microsecond == 250_000
    [problem] = index.sync(store)
    assert "2025-06.toml" in problem and "belongs in 2025-05.toml" in problem


# --- the index itself, lost or spoiled ----------------------------------------------------


def test_deleting_the_index_changes_nothing_but_speed(
    index: Index, synced: JournalStore, tmp_path: Path
) -> None:
    index.close()
    for f in files_of(index.path):
        f.unlink(missing_ok=True)
    report = index.sync_report(synced)
    assert report.rebuilt and report.read == 3
    assert_same(index, synced)


@pytest.mark.parametrize("closed", [True, False], ids=["new-process", "open-connection"])
def test_a_corrupt_index_is_rebuilt(
    index: Index, synced: JournalStore, tmp_path: Path, closed: bool
) -> None:
    if closed:
        index.close()
    size = index.path.stat().st_size
    index.path.write_bytes(os.urandom(max(size, 4096)))
    for extra in files_of(index.path)[1:]:
        if extra.exists():
            extra.write_bytes(os.urandom(extra.stat().st_size or 64))
    assert_same(index, synced)
    assert index.count() == 9


@pytest.mark.parametrize("seed", range(8))
def test_pages_spoiled_inside_a_valid_file_are_never_believed(
    index: Index, synced: JournalStore, seed: int
) -> None:
    index.close()
    with sqlite3.connect(index.path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(index.path.read_bytes())
    noise = random.Random(seed)
    for offset in range(4096 + noise.randrange(512), len(data), 512):  # every page hit
        data[offset : offset + 16] = noise.randbytes(16)
    index.path.write_bytes(bytes(data))
    settled(index, synced)


def test_another_schema_version_is_rebuilt(index: Index, synced: JournalStore) -> None:
    index.close()
    with sqlite3.connect(index.path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        db.execute("DELETE FROM entries WHERE seq = 0")
    assert index.sync_report(synced).rebuilt
    assert_same(index, synced)
    with sqlite3.connect(index.path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_tampered_rows_are_never_returned(index: Index, synced: JournalStore) -> None:
    with sqlite3.connect(index.path) as db:
        db.execute('UPDATE entries SET data = \'{"before": {"pain": 99}}\'')
    with pytest.raises(IndexUnavailable):
        index.entries()
    assert_same(index, synced)  # the next sync rebuilt it


def test_an_index_made_for_another_journal_is_emptied_first(
    tmp_path: Path, index: Index, store: JournalStore
) -> None:
    three_months(store)
    other = make_store(tmp_path, "other")
    other.add(entry(datetime(2024, 12, 24, 8, 0), note="someone else"))
    assert_same(index, other)
    assert index.sync_report(store).rebuilt
    assert_same(index, store)
    assert "someone else" not in [e.note for e in index.entries()]


def test_the_cache_folder_keeps_the_indexes_used_last(tmp_path: Path, store: JournalStore) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    old = []
    for n in range(KEEP_INDEXES + 8):
        path = cache / f"journal-{n:016x}.sqlite3"
        path.write_bytes(b"")
        (cache / f"{path.name}-wal").write_bytes(b"")
        os.utime(path, ns=(n * 10**9, n * 10**9))  # 0 is the one written longest ago
        old.append(path)
    other = cache / "notes.txt"
    other.write_text("not an index", encoding="utf-8")
    with contextlib.closing(Index(cache / "journal-new.sqlite3", clock=lambda: FUTURE)) as index:
        index.sync(store)
    kept = sorted(p.name for p in cache.glob("journal-*.sqlite3"))
    assert len(kept) == KEEP_INDEXES and "journal-new.sqlite3" in kept
    assert [p.name for p in old[-(KEEP_INDEXES - 1) :]] == sorted(
        set(kept) - {"journal-new.sqlite3"}
    )
    assert not (cache / f"{old[0].name}-wal").exists() and other.exists()


def test_the_index_is_private(index: Index, synced: JournalStore) -> None:
    for f in files_of(index.path):
        if f.exists():
            assert f.stat().st_mode & 0o077 == 0, f
    assert index.path.parent.stat().st_mode & 0o077 == 0


def test_an_unusable_index_falls_back_to_the_files(tmp_path: Path, store: JournalStore) -> None:
    three_months(store)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    index = Index(blocker / "journal.sqlite3")
    with pytest.raises(IndexUnavailable):
        index.sync(store)
    with pytest.raises(IndexUnavailable):
        index.entries()
    loaded = JournalRepository(store, index).read()
    assert loaded.entries == store.load().entries and len(loaded.entries) == 9
    assert JournalRepository(store).read().entries == loaded.entries


def test_an_unreadable_journal_folder_is_left_to_the_files(
    index: Index, store: JournalStore, tmp_path: Path
) -> None:
    store.paths.data.mkdir(parents=True)
    store.folder.write_text("a file where the journal folder should be", encoding="utf-8")
    loaded = JournalRepository(store, index).read()
    assert loaded.entries == store.load().entries


def test_two_indexes_on_one_file_take_turns(tmp_path: Path, store: JournalStore) -> None:
    """Each keeps what it knows of the months only while the other has not written."""
    three_months(store)
    db = tmp_path / "cache" / "journal.sqlite3"
    with (
        contextlib.closing(Index(db, clock=lambda: FUTURE)) as first,
        contextlib.closing(Index(db, clock=lambda: FUTURE)) as second,
    ):
        assert_same(first, store)
        store.add(entry(datetime(2025, 3, 30, 8), note="one"))
        assert_same(second, store)
        store.month_path("2025-01").unlink()
        store.add(entry(datetime(2025, 4, 2, 8), note="two"))
        assert_same(second, store)
        assert_same(first, store)
        store.month_path("2025-02").write_text("broken = [", encoding="utf-8")
        assert_same(first, store)
        assert_same(second, store)


# --- two processes at once ----------------------------------------------------------------

SYNCER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from footcare.storage.index import Index, IndexUnavailable
    from footcare.storage.journal import JournalStore
    from footcare.storage.paths import Paths

    root, db, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = JournalStore(Paths(root / "config", root / "data"))
    busy = 0
    for _ in range(rounds):
        index = Index(db)
        try:
            index.sync(store)
            index.entries()
        except IndexUnavailable:
            busy += 1  # allowed: the caller reads the TOML then
        finally:
            index.close()
    print(busy)
    """
)


@pytest.mark.parametrize("start", ["missing", "corrupt"])
def test_processes_syncing_at_once_leave_a_sound_index(
    tmp_path: Path, store: JournalStore, start: str
) -> None:
    for month in range(1, 13):
        for day in range(1, 29, 3):
            store.add(entry(datetime(2024, month, day, 7, 0), before=Ratings(pain=day % 11)))
    db = tmp_path / "cache" / "journal.sqlite3"
    if start == "corrupt":
        db.parent.mkdir()
        db.write_bytes(os.urandom(8192))
    procs = [  # three processes, six rounds each
        subprocess.Popen(
            [sys.executable, "-c", SYNCER, str(tmp_path), str(db), "6"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    # meanwhile the journal changes under them
    for day in range(1, 8):
        store.add(entry(datetime(2024, 12, 28, day, 0), note=f"while syncing {day}"))
    busy = 0
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        busy += int(out)
    assert busy < 3 * 6  # most rounds got an answer
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with contextlib.closing(Index(db)) as index:
        assert_same(index, store)


# --- any journal, any sequence of edits ---------------------------------------------------

MONTHS = ("2024-11", "2024-12", "2025-01", "2025-02")


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
ratings = st.builds(
    Ratings,
    **{k: st.none() | st.integers(0, 10) for k in ("numbness", "tingling", "burning", "pain")},
)
findings = st.dictionaries(
    st.sampled_from(sorted(FINDINGS)), st.sampled_from(("left", "right", "both")), max_size=2
).map(lambda d: {k: (v if k in SIDED_FINDINGS else "yes") for k, v in d.items()})
sessions = st.none() | st.builds(
    SessionFacts,
    routine=st.sampled_from(("standard", "gentle")),
    feet=st.sampled_from((("left",), ("left", "right"))),
    minutes_per_foot=st.sampled_from((10.0, 12.5)),
    stopped_early=st.booleans(),
    stop_reason=text,
)


@st.composite
def entries(draw: st.DrawFn, month: str | None = None) -> Entry:
    key = month or draw(st.sampled_from(MONTHS))
    at = datetime.strptime(key, "%Y-%m") + timedelta(
        # days bunched at the ends of months: runs of session days that cross month files
        days=draw(st.sampled_from((0, 1, 2, 3, 14, 26, 27, 28, 29, 30))),
        hours=draw(st.sampled_from((0, 9, 9, 21))),  # ties happen
        microseconds=draw(st.sampled_from((0, 0, 0, 500_000))),
    )
    return Entry(
        id=f"{at:%Y%m%d%H%M%S}-{draw(st.integers(0, 10**6)):06d}",
        at=at,
        before=draw(ratings),
        after=draw(ratings),
        sleep=draw(st.none() | st.integers(0, 10)),
        findings=draw(findings),
        session=draw(sessions),
        weekly_change=draw(st.none() | st.integers(0, 6)),
        footwear=draw(st.none() | st.booleans()),
        exercise_minutes=draw(st.none() | st.integers(0, 1440)),
        blood_sugar=draw(text),
        next_follow_up=draw(st.none() | st.dates(date(2024, 1, 1), date(2026, 1, 1))),
        note=draw(text),
        deleted=draw(st.booleans()),
    )


months = st.sampled_from(MONTHS)
operations = st.one_of(
    st.tuples(st.just("write"), months, st.lists(entries(), max_size=5)),
    st.tuples(st.just("edit"), months, st.integers(0, 4), text),
    st.tuples(st.just("drop-entry"), months, st.integers(0, 4)),
    st.tuples(st.just("same-size"), months),
    st.tuples(st.just("remove-month"), months),
    st.tuples(st.just("break-month"), months, st.sampled_from((b"[[entries]", b"\xff", b"x=1"))),
    st.tuples(st.just("lose-index")),
    st.tuples(st.just("garbage-index"), st.binary(min_size=1, max_size=5000)),
    st.tuples(st.just("bump-version")),
    st.tuples(st.just("check")),
)


@dataclass
class World:
    """A journal folder, its index, and a file clock that moves on with every write."""

    store: JournalStore
    index: Index
    tick: int = field(default=FUTURE - 3600 * 10**9)

    def touched(self, path: Path) -> None:
        if path.exists():
            self.tick += 1_000_000_007
            os.utime(path, ns=(self.tick, self.tick))

    def month(self, key: str) -> list[Entry]:
        return self.store.load(since_month=key, until_month=key).entries

    def apply(self, op: tuple[Any, ...]) -> None:
        kind, *args = op
        path = self.store.month_path(args[0]) if args and isinstance(args[0], str) else None
        if kind == "write":
            key, new = args
            write_month(self.store, key, [e.with_changes(at=e.at) for e in new])
        elif kind == "edit" and path is not None:
            old = self.month(args[0])
            if old:
                k = args[1] % len(old)
                old[k] = old[k].with_changes(note=args[2], deleted=not old[k].deleted)
                write_month(self.store, args[0], old)
        elif kind == "drop-entry" and path is not None:
            old = self.month(args[0])
            if old:
                del old[args[1] % len(old)]
                write_month(self.store, args[0], old)
        elif kind == "same-size" and path is not None and path.exists():
            data = path.read_bytes()
            swapped = data.replace(b"true", b"TRUE").replace(b"left", b"rght")
            swapped = data.replace(b"left", b"xxxx") if swapped == data else swapped
            path.write_bytes(swapped)
        elif kind == "remove-month" and path is not None:
            path.unlink(missing_ok=True)
        elif kind == "break-month" and path is not None:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(args[1])
        elif kind == "lose-index":
            for f in files_of(self.index.path):
                f.unlink(missing_ok=True)
        elif kind == "garbage-index":
            if self.index.path.exists():
                self.index.path.write_bytes(args[0])
        elif kind == "bump-version":
            other_version(self.index.path, 77, wait=0.1)
        elif kind == "check":
            assert_same(self.index, self.store)
        if path is not None:
            self.touched(path)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    start=st.lists(entries(), max_size=12),
    ops=st.lists(operations, max_size=10),
    fresh_process=st.booleans(),
)
def test_the_index_always_answers_what_the_files_say(
    start: list[Entry], ops: list[tuple[Any, ...]], fresh_process: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = make_store(root)
        world = World(store, Index(root / "cache" / "journal.sqlite3", clock=lambda: FUTURE))
        try:
            for key in MONTHS:
                mine = [e for e in start if e.month_key == key]
                if mine:
                    world.touched(write_month(store, key, mine))
            assert_same(world.index, store)
            for op in ops:
                world.apply(op)
                if fresh_process:
                    world.index.close()
            assert_same(world.index, store)
        finally:
            world.index.close()
