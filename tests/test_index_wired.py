"""The journal index changes how fast footcare answers, never what it shows.

Every consumer that reads the journal through the index — the journal screen (its rows
and its summary), `journal list`, `journal export`, `status --json` and the gate — is run
twice: with the index in its cache folder, and with no index at all (its cache folder
sits under a regular file, so it can't be made and every reader falls back to the month
files). Whatever happens to the index or to the month files in between — the index
deleted, overwritten with garbage, cut short, from another version; a month edited,
emptied, broken or removed by hand — the two must show exactly the same.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from time import time_ns
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from footcare.cli import build_parser
from footcare.commands.journal import cmd_journal
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.services.build import read_footcare
from footcare.services.status import status
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.widgets.history_table import HistoryTable
from journals import (
    NOW,
    SIZE,
    TODAY,
    Journal,
    daily,
    fill,
    journal_in,
    journal_screen,
    rows_of,
)
from monthfiles import by_month
from storesupport import other_version

# --- two views of one journal ---------------------------------------------------------------


def command(paths: Paths, *argv: str) -> tuple[int, str, str]:
    args = build_parser().parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cmd_journal(paths, args)
    return code, out.getvalue(), err.getvalue()


def seen(paths: Paths) -> dict[str, Any]:
    """What every reader outside the app shows of this journal."""
    out: dict[str, Any] = {
        "list": command(paths, "journal", "list"),
        "list since": command(paths, "journal", "list", "--since", f"{TODAY - timedelta(40)}"),
        "json": command(paths, "journal", "export", "--format", "json"),
        "csv since": command(
            paths, "journal", "export", "--format", "csv", "--since", f"{TODAY - timedelta(9)}"
        ),
    }
    services = read_footcare(paths, now=lambda: NOW)
    try:
        out["status"] = status(services).as_json()
        verdict = services.gate.verdict(None)
        out["gate"] = (
            [(r.item.id, r.kind, r.message) for r in verdict.standing],
            [(s.day, s.finding, s.side, s.entry_id) for s in verdict.pending_signs],
            sorted(services.gate.blocked_days()),
        )
    finally:
        services.close()
    return out


def assert_same_everywhere(journal: Journal) -> None:
    """Both views from the same files: the plain one reads a copy of the data folder, so
    that neither sees what the other wrote (a warning sign found in the journal is written
    to the safety record by whichever reads it first)."""
    twin = journal.root / "twin"
    shutil.rmtree(twin, ignore_errors=True)
    shutil.copytree(journal.root / "data", twin / "data", symlinks=True)
    (twin / "config").mkdir()
    indexed = seen(journal.indexed)
    plain = seen(Journal(twin).plain)
    assert not Journal(twin).plain.index.parent.exists()  # the plain view never had an index
    assert same_places(indexed, journal.root) == same_places(plain, twin)


def same_places(shown: dict[str, Any], root: Path) -> str:
    """What was shown, with the folder it was read from left out (file names in messages)."""
    return repr(shown).replace(str(root), "<root>")


# --- journals -------------------------------------------------------------------------------


def garbage(journal: Journal, data: bytes) -> None:
    """Junk where the index is, or would be: an empty journal may not have made one yet."""
    db = journal.index_files[0]
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(data)


def cut_short(journal: Journal) -> None:
    db = journal.index_files[0]
    if db.exists():
        with db.open("r+b") as f:
            f.truncate(max(0, db.stat().st_size // 3))


def scribble(journal: Journal, at: int) -> None:
    """Bytes changed in the middle of the database, as a failing disk might leave them."""
    db = journal.index_files[0]
    if db.exists() and db.stat().st_size > 200:
        with db.open("r+b") as f:
            f.seek(100 + at % (db.stat().st_size - 200))
            f.write(b"\x00\xffJUNK\xff\x00" * 8)


def delete(journal: Journal) -> None:
    for f in journal.index_files:
        f.unlink(missing_ok=True)


# --- the CLI, status and the gate -----------------------------------------------------------


def test_the_streak_counts_the_whole_journal_not_a_year(tmp_path: Path) -> None:
    with journal_in(tmp_path) as journal:
        fill(journal, daily(400))
        for paths in (journal.indexed, journal.plain):
            services = read_footcare(paths, now=lambda: NOW)
            try:
                report = status(services)
            finally:
                services.close()
            assert (report.streak, report.session_today) == (400, True)
        assert journal.index_files[0].exists()  # the first of the two did use the index


SPOILS: dict[str, Callable[[Journal], None]] = {
    "deleted": delete,
    "garbage": lambda j: garbage(j, b"not a database at all"),
    "empty": lambda j: garbage(j, b""),
    "cut short": cut_short,
    "scribbled": lambda j: scribble(j, 0),
    "scribbled further on": lambda j: scribble(j, 7919),
    "other version": lambda j: other_version(j.index_files[0], 99),
}


@pytest.mark.parametrize("spoil", list(SPOILS))
def test_a_deleted_or_spoiled_index_changes_nothing_shown(tmp_path: Path, spoil: str) -> None:
    with journal_in(tmp_path) as journal:
        again = daily(2, TODAY - timedelta(days=3), note="again", deleted=True)
        flagged = daily(3, TODAY - timedelta(days=200), findings={"pus": "yes"})
        fill(journal, daily(120) + again + flagged)
        assert_same_everywhere(journal)
        assert journal.index_files[0].exists()
        SPOILS[spoil](journal)
        assert_same_everywhere(journal)
        assert_same_everywhere(journal)  # and once built again


def test_a_month_edited_by_hand_shows_as_the_file_says(tmp_path: Path) -> None:
    with journal_in(tmp_path) as journal:
        entries = daily(70)
        fill(journal, entries)
        assert_same_everywhere(journal)
        months = by_month(entries)
        key = TODAY.strftime("%Y-%m")
        last = sorted(months)[-2]
        # a rating changed, an entry removed, one added, one deleted: as an editor saves it
        changed = [e.with_changes(note="edited by hand") for e in months[last]]
        changed[0] = changed[0].with_changes(before=Ratings(pain=10), deleted=True)
        del changed[-1]
        journal.write_month(last, changed)
        assert_same_everywhere(journal)
        status_now = seen(journal.indexed)["status"]
        assert status_now["streak"] < 70  # the removed day breaks the run
        journal.write_month(key, [])  # this month emptied
        assert_same_everywhere(journal)
        journal.store.month_path(last).write_text("entries = [", encoding="utf-8")  # broken
        shown = seen(journal.indexed)
        assert_same_everywhere(journal)
        assert shown["status"]["may_start"] is False  # a month that can't be read shuts the gate
        journal.store.month_path(last).unlink()  # removed
        assert_same_everywhere(journal)


# --- anything, in any order -----------------------------------------------------------------

MONTH_KEYS = tuple(
    sorted({(TODAY.replace(day=1) - timedelta(days=31 * k)).strftime("%Y-%m") for k in range(15)})
)


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    key = draw(st.sampled_from(MONTH_KEYS))
    year, month = (int(part) for part in key.split("-"))
    day = draw(st.sampled_from((1, 2, 3, 15, 27, 28)))
    at = datetime(year, month, day, draw(st.sampled_from((8, 9, 21))))
    if at > NOW:
        at = NOW - timedelta(hours=draw(st.integers(0, 30)))
    return Entry(
        id=f"{at:%Y%m%d%H%M%S}-{draw(st.integers(0, 10**6)):06d}",
        at=at,
        before=Ratings(pain=draw(st.none() | st.integers(0, 10))),
        findings=draw(st.sampled_from(({}, {}, {}, {"redness": "left"}, {"pus": "yes"}))),
        session=draw(st.none() | st.just(SessionFacts("standard", ("left", "right"), 12.5))),
        weekly_change=draw(st.none() | st.integers(0, 6)),
        note=draw(st.text(max_size=8)),
        deleted=draw(st.booleans()),
    )


keys = st.sampled_from(MONTH_KEYS)
changes = st.one_of(
    st.tuples(st.just("write"), keys, st.lists(entries(), max_size=6)),
    st.tuples(st.just("drop-first"), keys),
    st.tuples(st.just("break"), keys),
    st.tuples(st.just("remove"), keys),
    st.tuples(st.just("delete index")),
    st.tuples(st.just("garbage"), st.binary(max_size=3000)),
    st.tuples(st.just("cut short")),
    st.tuples(st.just("scribble"), st.integers(0, 10**6)),
    st.tuples(st.just("other version")),
)


def apply(journal: Journal, change: tuple[Any, ...]) -> None:
    kind, *args = change
    path = journal.store.month_path(args[0]) if args and isinstance(args[0], str) else None
    if kind == "write":
        journal.write_month(args[0], args[1])
    elif kind == "drop-first" and path is not None and path.exists():
        month = journal.store.load(since_month=args[0], until_month=args[0])
        if not month.problems:  # a broken month is left as it is
            journal.write_month(args[0], month.entries[1:])
    elif kind == "break" and path is not None:
        journal.store.folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"[[entries]\nat = ")
    elif kind == "remove" and path is not None:
        path.unlink(missing_ok=True)
    elif kind == "delete index":
        delete(journal)
    elif kind == "garbage":
        garbage(journal, args[0])
    elif kind == "cut short":
        cut_short(journal)
    elif kind == "scribble":
        scribble(journal, args[0])
    elif kind == "other version":
        other_version(journal.index_files[0], 99)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    start=st.lists(entries(), max_size=20),
    run=st.integers(0, 40),
    steps=st.lists(changes, min_size=1, max_size=5),
)
@example(start=[], run=0, steps=[("garbage", b"")])  # before the index was ever made
def test_whatever_happens_the_index_and_the_files_show_the_same(
    start: list[Entry], run: int, steps: list[tuple[Any, ...]]
) -> None:
    with journal_in() as journal:
        fill(journal, start + daily(run))
        assert_same_everywhere(journal)
        for change in steps:
            apply(journal, change)
            assert_same_everywhere(journal)


# --- the journal screen ---------------------------------------------------------------------


async def assert_screen_same(journal: Journal) -> tuple[list[str], str]:
    rows, summary, indexed = await journal_screen(journal.indexed)
    plain_rows, plain_summary, plain_indexed = await journal_screen(journal.plain)
    assert (indexed, plain_indexed) == (True, False)
    assert (rows, summary) == (plain_rows, plain_summary)
    return rows, summary


async def test_the_journal_screen_shows_the_same_with_the_index_deleted_spoiled_or_the_files_edited(
    tmp_path: Path,
) -> None:
    with journal_in(tmp_path) as journal:
        entries = daily(430) + daily(2, TODAY - timedelta(days=500), note="years ago")
        fill(journal, entries)
        rows, summary = await assert_screen_same(journal)
        assert len(rows) == 432 and "Streak: 430 days in a row" in summary
        delete(journal)
        assert (await assert_screen_same(journal)) == (rows, summary)
        garbage(journal, os.urandom(4096))
        assert (await assert_screen_same(journal)) == (rows, summary)
        scribble(journal, 12345)
        assert (await assert_screen_same(journal)) == (rows, summary)
        # a day removed by hand from a month ten months back breaks the streak there
        back = (TODAY - timedelta(days=300)).strftime("%Y-%m")
        month = by_month(entries)[back]
        journal.write_month(back, month[:3] + month[4:])
        rows, summary = await assert_screen_same(journal)
        assert len(rows) == 431 and "Streak: 430 days" not in summary


async def test_a_spoiled_index_under_an_open_journal_is_built_again_unseen(tmp_path: Path) -> None:
    with journal_in(tmp_path) as journal:
        entries = daily(200)
        fill(journal, entries)
        # the day three days back taken out by hand, from whichever month holds it (on the
        # 1st of a month that is last month), so the streak is the last 3 days
        gap = TODAY - timedelta(days=3)
        kept = [e for e in by_month(entries)[f"{gap:%Y-%m}"] if e.day != gap]
        app = FootcareApp(read_footcare(journal.indexed, now=lambda: NOW))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JournalScreen) and not screen.history.journal.slower
            table = screen.query_one(HistoryTable)
            before = rows_of(table)
            garbage(journal, b"\x00" * 8192)
            journal.write_month(f"{gap:%Y-%m}", kept[::-1])  # in an editor's order
            journal.write_month((TODAY - timedelta(days=40)).strftime("%Y-%m"), [])
            await pilot.press("s", "j")  # away and back: the screen looks at the files again
            await pilot.pause()
            after = rows_of(table)
            summary = str(screen.query_one("#journal-summary").render())
        app.services.close()
        assert after != before and not screen.history.journal.slower
        plain_rows, plain_summary, _ = await journal_screen(journal.plain)
        assert after == plain_rows[: len(after)]
        assert summary == plain_summary and "Streak: 3 days in a row" in summary


async def test_a_change_another_sync_took_in_first_shows_when_the_journal_is_back(
    tmp_path: Path,
) -> None:
    """Away and back, the journal shows a month edited by hand even when another sync of
    the index (the gate's, as a session starts, or another process's) read it first: its
    own sync then reads nothing. The index's clock is a day ahead, so that every month
    file's stamp is settled (as a minute after any edit) and only the stamps tell."""
    with journal_in(tmp_path) as journal:
        entries = daily(60)
        fill(journal, entries)
        services = read_footcare(journal.indexed, now=lambda: NOW)
        index = services.repository.index
        assert index is not None
        index.clock = lambda: time_ns() + 86_400 * 10**9
        app = FootcareApp(services)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("j")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, JournalScreen) and not screen.history.journal.slower
            table = screen.query_one(HistoryTable)
            before = rows_of(table)
            newest = entries[0]
            journal.write_month(
                newest.month_key,
                [newest.with_changes(before=Ratings(numbness=9, pain=8))]
                + [e for e in entries[1:] if e.month_key == newest.month_key],
            )
            report = index.sync_report(journal.store)  # another sync takes the edit in first
            assert (report.read, report.settled) == (1, True)
            await pilot.press("s", "j")  # away and back
            await pilot.pause()
            after = rows_of(table)
        services.close()
        plain_rows, _, _ = await journal_screen(journal.plain)
        assert after[0] != before[0] and after[1:] == before[1:]
        assert after == plain_rows[: len(after)]


def test_the_index_lives_in_the_cache_folder_one_per_data_folder(tmp_path: Path) -> None:
    first = Paths(tmp_path / "c", tmp_path / "one", tmp_path / "cache")
    second = Paths(tmp_path / "c", tmp_path / "two", tmp_path / "cache")
    assert first.index.parent == second.index.parent == tmp_path / "cache"
    assert first.index != second.index
    assert first.index.name.startswith("journal-") and first.index.suffix == ".sqlite3"
    # the same folder reached through a link is the same journal
    (tmp_path / "link").symlink_to(tmp_path / "one", target_is_directory=True)
    (tmp_path / "one").mkdir()
    assert Paths(tmp_path / "c", tmp_path / "link", tmp_path / "cache").index == first.index
    # without a folder of its own, the user's cache folder (XDG_CACHE_HOME here)
    assert Paths(tmp_path / "c", tmp_path / "one").index.parent == Path(
        os.environ["XDG_CACHE_HOME"], "footcare"
    )


def test_the_first_screen_opens_no_index(tmp_path: Path) -> None:
    """Start-up reads what the first screen shows: the index waits for the journal."""
    with journal_in(tmp_path) as journal:
        fill(journal, daily(30))
        services = read_footcare(journal.indexed, now=lambda: NOW)
        try:
            assert services.gate.lighter_pressure() is False
            assert not journal.index_files[0].exists()
        finally:
            services.close()
