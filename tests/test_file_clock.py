"""A file written a moment ago never counts as settled, whichever way the process's clock is
off from the file system's (a faked clock, a network share whose server runs behind).

The journal without its index, the index's sync and the prompt's memo each judge whether a
file's stamp proves what it holds; each compares file times with ``file_clock``, the file
system's own clock, never with the process's alone.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry
from footcare.services.status_short import recall, short_status
from footcare.storage.files import ensure_dir
from footcare.storage.index import Index
from footcare.storage.journal import JournalStore, file_clock
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository

REAL = time.time_ns
DAY_NS = 86_400 * 10**9
OFFSETS = st.integers(min_value=-DAY_NS, max_value=DAY_NS)
"""How far the process's clock is from the file system's, in ns (either way, up to a day)."""
NOW = datetime(2031, 3, 14, 10, 0)
AHEAD = 3600 * 10**9
"""An hour: tried every run, whatever else hypothesis draws."""


@contextmanager
def process_clock_off_by(offset: int) -> Iterator[None]:
    """The process's wall clock ``offset`` ns from the kernel's, as libfaketime makes it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(time, "time_ns", lambda: REAL() + offset)
        yield


@contextmanager
def journal_written_now() -> Iterator[tuple[Path, JournalStore]]:
    with tempfile.TemporaryDirectory(prefix="footcare-clock-") as root:
        paths = Paths(config=Path(root) / "config", data=Path(root) / "data")
        store = JournalStore(paths)
        store.add(Entry(id="20250301080000-000001", at=datetime(2025, 3, 1, 8)))
        yield Path(root), store


def test_the_file_clock_is_the_time_a_file_made_now_is_given(tmp_path: Path) -> None:
    with process_clock_off_by(3600 * 10**9):  # the process an hour ahead
        before = os.stat(tmp_path).st_mtime_ns
        (tmp_path / "new").write_text("x")
        made = os.stat(tmp_path / "new").st_mtime_ns
        now = file_clock(tmp_path)
    assert made <= now < made + 10**9
    assert os.stat(tmp_path).st_mtime_ns >= before  # the folder gains no entry from it
    assert sorted(os.listdir(tmp_path)) == ["new"]


def test_a_folder_no_file_can_be_made_in_gives_the_process_clock(tmp_path: Path) -> None:
    with process_clock_off_by(-5 * 10**9):
        assert abs(file_clock(tmp_path / "missing") - (REAL() - 5 * 10**9)) < 10**9


@given(offset=OFFSETS)
@example(offset=AHEAD)
@example(offset=-AHEAD)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_journal_with_or_without_its_index_never_trusts_a_file_written_now(
    offset: int,
) -> None:
    with journal_written_now() as (root, store), process_clock_off_by(offset):
        repo = JournalRepository(store)
        assert repo.version() is None
        assert repo.look().version is None
        index = Index(root / "cache" / "journal.sqlite3")
        try:
            assert not index.sync_report(store).settled
        finally:
            index.close()


@given(offset=OFFSETS)
@example(offset=AHEAD)
@example(offset=-AHEAD)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_prompt_never_keeps_a_line_from_a_file_written_now(offset: int) -> None:
    with tempfile.TemporaryDirectory(prefix="footcare-clock-") as root:
        paths = Paths(config=Path(root) / "config", data=Path(root) / "data")
        flags = {
            "--config-dir": str(paths.config),
            "--data-dir": str(paths.data),
            "--cache-dir": str(Path(root) / "cache"),
        }
        env = {"HOME": root}
        ensure_dir(paths.data)
        JournalStore(paths).add(Entry(id="20310314090000-000001", at=datetime(2031, 3, 14, 9)))
        with process_clock_off_by(offset):
            short_status(paths, flags, env, lambda: NOW)
        assert recall(flags, env, "/", NOW.date().isoformat()) is None
