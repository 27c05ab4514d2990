"""What the journal looks like at 80×24 and 120×40, on a fixed clock with a journal filled here.

Accept intended changes with `pytest --snapshot-update` and look at the SVGs in
tests/__snapshots__/test_journal_snapshots/.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp

NOW = datetime(2026, 11, 24, 9, 0)
SIZES = [(80, 24), (120, 40)]


def filled(tmp: Path) -> FootcareApp:
    """Three weeks: daily sessions with a few gaps, a stopped one, a flag, a plain entry."""
    paths = Paths(config=tmp / "cfg", data=tmp / "data")
    store = JournalStore(paths)
    for d in range(1, 22):
        if d in (6, 13, 14):
            continue
        at = NOW - timedelta(days=d) + timedelta(hours=11)
        pain = 2 + d % 5
        entry = Entry(
            id=f"s{d:02d}",
            at=at,
            before=Ratings(numbness=6, tingling=4 + d % 3, burning=2, pain=pain),
            after=Ratings(numbness=5, tingling=3, burning=1, pain=max(0, pain - 2)),
            sleep=d % 5,
            session=SessionFacts("standard", ("left", "right"), 12.5),
            weekly_change=2 if d == 3 else None,
        )
        if d == 9:
            entry = entry.with_changes(
                session=SessionFacts(
                    "gentle", ("left",), 10, stopped_early=True, stop_reason="It hurts"
                ),
                findings={"redness": "left", "warmth": "left"},
                note="left heel red and warm after a long walk",
            )
        store.add(entry)
    store.add(
        Entry(
            id="plain",
            at=NOW - timedelta(days=5, hours=-12),
            before=Ratings(pain=5, burning=3),
            sleep=6,
            findings={"swelling": "both"},
            note="ankles puffy in the evening",
        )
    )
    return FootcareApp(read_footcare(paths, now=lambda: NOW))


def empty(tmp: Path) -> FootcareApp:
    return FootcareApp(read_footcare(Paths(config=tmp / "cfg", data=tmp / "data"), now=lambda: NOW))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(filled(tmp_path), press=["j"], terminal_size=size)


def test_history_empty(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(empty(tmp_path), press=["j"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entry_form(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(empty(tmp_path), press=["j", "n", "4", "down", "6"], terminal_size=size)


def test_entry_form_foot_check(snap_compare: Any, tmp_path: Path) -> None:
    keys = ["j", "n", "tab", "tab", "tab", "tab", "tab", "tab", "l", "tab", "tab", "r"]
    assert snap_compare(empty(tmp_path), press=keys, terminal_size=(80, 24))


def test_edit_session_entry(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(filled(tmp_path), press=["j", "e"], terminal_size=(80, 24))


def test_entry_view_with_flags(snap_compare: Any, tmp_path: Path) -> None:
    # the plain entry is 2nd newest... the stopped session with redness is 8 rows down
    keys = ["j", *["down"] * 8, "enter"]
    assert snap_compare(filled(tmp_path), press=keys, terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_trends(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(filled(tmp_path), press=["j", "t"], terminal_size=size)


def test_delete_question(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(filled(tmp_path), press=["j", "d"], terminal_size=(80, 24))


def test_red_flag_notice(snap_compare: Any, tmp_path: Path) -> None:
    keys = ["j", "n", *["tab"] * 6, "l", "f2"]
    assert snap_compare(empty(tmp_path), press=keys, terminal_size=(80, 24))
