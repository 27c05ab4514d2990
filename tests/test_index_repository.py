"""The journal repository answers the same whatever its index: built, never made, spoiled,
or in a place where it can't be made. Every answer is what the TOML month files alone say,
and the history the journal screen reads through it is the same too."""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, SessionFacts, live, session_days, streak
from footcare.domain.trends import counts
from footcare.services.history import History
from footcare.storage.index import Index
from footcare.storage.journal import JournalStore, Loaded
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository, Look
from monthfiles import settle
from rootless import permissions_apply

FUTURE = time.time_ns() + 86_400 * 10**9
"""The index's clock a day ahead: no month file counts as just written."""
MONTHS = ("2024-12", "2025-01", "2025-02", "2025-03")
TODAY = date(2025, 3, 2)
KINDS = ("built", "no index", "spoiled", "unusable")
FIRST = Entry(id="20250301080000-000001", at=datetime(2025, 3, 1, 8))


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    year, month = (int(part) for part in draw(st.sampled_from(MONTHS)).split("-"))
    # days bunched at the ends of months: streaks that cross month files
    at = datetime(year, month, 1) + timedelta(
        days=draw(st.sampled_from((0, 1, 2, 26, 27, 28, 29, 30))),
        hours=draw(st.sampled_from((8, 8, 20))),  # ties happen
    )
    if at.month != month:
        at = datetime(year, month, 28, at.hour)
    return Entry(
        id=f"{at:%Y%m%d%H%M%S}-{draw(st.integers(0, 10**6)):06d}",
        at=at,
        session=draw(st.none() | st.just(SessionFacts("standard", ("left", "right"), 12.5))),
        findings=draw(st.sampled_from(({}, {}, {"wound": "left"}))),
        weekly_change=draw(st.none() | st.integers(0, 6)),
        deleted=draw(st.booleans()),
    )


journals = st.tuples(
    st.lists(entries(), max_size=14, unique_by=lambda e: e.id),
    st.sampled_from((None, *MONTHS)),  # a month file that doesn't parse
)


@contextmanager
def repository(kind: str, store: JournalStore, root: Path) -> Iterator[JournalRepository]:
    """The repository of ``store`` with its index in the state ``kind`` names."""
    if kind == "no index":
        yield JournalRepository(store)
        return
    if kind == "unusable":
        (root / "not-a-folder").write_text("a file where the cache folder should be")
        index = Index(root / "not-a-folder" / "journal.sqlite3")
    else:
        index = Index(root / "cache" / "journal.sqlite3", clock=lambda: FUTURE)
        index.sync(store)
        if kind == "spoiled":
            index.close()
            index.path.write_bytes(b"\x00not a database" * 300)
    try:
        yield JournalRepository(store, index)
    finally:
        index.close()


def fill(root: Path, found: list[Entry], broken: str | None) -> JournalStore:
    store = JournalStore(Paths(config=root / "config", data=root / "data"))
    for entry in found:
        store.add(entry)
    if broken is not None:
        store.folder.mkdir(parents=True, exist_ok=True)
        store.month_path(broken).write_text("entries = [", encoding="utf-8")
    return store


@contextmanager
def filled(journal: tuple[list[Entry], str | None]) -> Iterator[tuple[Path, JournalStore]]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp), fill(Path(tmp), *journal)


def assert_answers_as_the_files(journal: JournalRepository, store: JournalStore) -> None:
    loaded = store.load()
    every = loaded.entries
    assert journal.look().problems == tuple(loaded.problems)
    assert journal.read() == loaded
    assert journal.read("2025-02") == store.load(since_month="2025-02")
    assert journal.entries() == every
    assert journal.entries(include_deleted=False) == [e for e in every if not e.deleted]
    for since, until in ((date(2025, 1, 28), date(2025, 2, 2)), (TODAY, None), (None, TODAY)):
        first, last = since or date.min, until or date.max
        assert journal.entries(since, until) == [e for e in every if first <= e.day <= last]
    assert journal.flagged("2025-01") == Loaded(
        [e for e in every if e.findings and e.month_key >= "2025-01"], loaded.problems
    )
    for today in (TODAY, date(2025, 1, 31), date(2025, 2, 1)):
        assert journal.counts(today) == counts(every, today), today
        assert journal.streak(today) == (
            streak(live(every), today),
            today in session_days(live(every)),
        ), today
    assert journal.oldest() == min((e.day for e in every), default=None)


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journal=journals)
def test_the_repository_answers_what_the_month_files_say(
    kind: str, journal: tuple[list[Entry], str | None]
) -> None:
    with filled(journal) as (root, store), repository(kind, store, root) as repo:
        assert_answers_as_the_files(repo, store)
        with repo.one_look():  # one look at the files serves every question
            assert_answers_as_the_files(repo, store)
        assert repo.slower == (kind in ("no index", "unusable"))


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journal=journals)
def test_the_history_reads_the_same_entries_and_counts_whatever_the_index(
    kind: str, journal: tuple[list[Entry], str | None]
) -> None:
    with filled(journal) as (root, store):
        loaded = store.load()
        with repository(kind, store, root) as repo:
            history = History(repo)
            history.load_recent(TODAY, check_later=True)
            shown = loaded.entries
            if not history.complete:
                shown = [e for e in shown if e.day >= date(2025, 2, 1)]
            assert history.entries() == shown
            if not history.checked:
                history.checked_files(TODAY, history.look_at_files())
            assert history.problems == loaded.problems
            assert history.counts(TODAY) == counts(loaded.entries, TODAY)
            while history.load_year_before():
                pass
            history.load_all()
            assert history.complete and history.entries() == loaded.entries


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journal=journals)
def test_a_journal_folder_that_cant_be_listed_is_named_as_the_files_name_it(
    kind: str, journal: tuple[list[Entry], str | None]
) -> None:
    """What the index held before the folder was shut answers nothing: each question that
    reports problems names the folder as the files alone do (the gate stays shut on it)."""
    with filled(journal) as (root, store):
        store.folder.mkdir(parents=True, exist_ok=True)
        with repository(kind, store, root) as repo:
            store.folder.chmod(0)
            try:
                with permissions_apply():
                    loaded = store.load()
                    assert [str(store.folder) in p for p in loaded.problems] == [True]
                    for look in (contextlib.nullcontext, repo.one_look):
                        with look():
                            assert repo.look().problems == tuple(loaded.problems)
                            assert repo.read() == loaded
                            assert repo.flagged("2025-01") == loaded
            finally:
                store.folder.chmod(0o700)


def test_the_index_looks_at_the_files_once_in_one_look(tmp_path: Path) -> None:
    store = fill(tmp_path, [FIRST], None)
    index = Index(tmp_path / "cache" / "journal.sqlite3", clock=lambda: FUTURE)
    repo = JournalRepository(store, index)
    try:
        repo.look()
        repo.counts(TODAY)
        assert index.looks == 2  # each question outside a look looks again
        with repo.one_look():
            repo.look()
            repo.counts(TODAY)
            repo.streak(TODAY)
            repo.version()
        assert index.looks == 3
    finally:
        index.close()


@pytest.mark.parametrize("kind", ["built", "no index"])
def test_the_version_changes_with_an_edit_once_the_files_have_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A version proves the files unchanged only when none was written just now."""
    from footcare.storage import journal as journal_module

    store = fill(tmp_path, [FIRST], None)
    with repository(kind, store, tmp_path) as repo:
        assert repo.version() is None or kind == "built"  # written just now (index: a day on)
        monkeypatch.setattr(journal_module, "RACY_NS", 0)
        settle(store.folder)
        before = repo.version()
        assert before is not None and repo.version() == before
        time.sleep(0.01)  # a later mtime on any file system clock
        store.replace(FIRST.with_changes(note="changed"))
        settle(store.folder)
        after = repo.version()
        assert after is not None and after != before


def test_a_journal_opened_at_its_folders_makes_its_index_at_the_first_question(
    tmp_path: Path,
) -> None:
    paths = Paths(config=tmp_path / "config", data=tmp_path / "data", cache=tmp_path / "cache")
    store = fill(tmp_path, [FIRST], None)
    journal = JournalRepository.at(paths)
    try:
        assert journal.read() == store.load() and not journal.slower
        assert paths.index.exists()
    finally:
        journal.close()


def test_without_the_index_a_look_at_files_proven_unchanged_reads_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footcare.storage import journal as journal_module

    monkeypatch.setattr(journal_module, "RACY_NS", 0)  # every stamp proves what it says
    store = fill(tmp_path, [FIRST], "2025-01")
    settle(store.folder)
    repo = JournalRepository(store)
    look = repo.look()
    assert look.read == 2 and len(look.problems) == 1
    again = repo.look()
    assert again.read == 0 and again == Look(look.problems, look.version)
    time.sleep(0.01)  # a later mtime on any file system clock
    store.month_path("2025-01").unlink()
    fixed = repo.look()
    assert fixed.read == 1 and fixed.problems == () and fixed.version != look.version
