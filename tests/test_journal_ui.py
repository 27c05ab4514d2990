"""The journal screen, driven by keyboard through the real app at 80×24."""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input

from apphelpers import answer_today, pressed, record_all_clearances
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.screening import Clearance, ReasonKind, Verdict
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.entry_view import EntryView
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.screens.trends import TrendsScreen
from footcare.ui.widgets.choice import ChoiceRow
from footcare.ui.widgets.history_table import HistoryTable
from footcare.ui.widgets.rating import RatingRow
from rendered import screen_words

NOW = datetime(2026, 11, 24, 9, 0)
SIZE = (80, 24)
S = TypeVar("S")


def paths_in(tmp: Path) -> Paths:
    return Paths(config=tmp / "cfg", data=tmp / "data")


def app_for(paths: Paths, now: datetime = NOW) -> FootcareApp:
    return FootcareApp(read_footcare(paths, now=lambda: now))


def session_entry(at: datetime, n: int = 0, **changes: object) -> Entry:
    entry = Entry(
        id=f"e{at:%Y%m%d%H%M}-{n}",
        at=at,
        before=Ratings(numbness=5, tingling=4, burning=2, pain=6),
        after=Ratings(numbness=4, tingling=3, burning=2, pain=3),
        sleep=3,
        session=SessionFacts("standard", ("left", "right"), 12.5),
    )
    return entry.with_changes(**changes)


def sessions(*days_ago: int) -> list[Entry]:
    return [session_entry(NOW - timedelta(days=d), d) for d in days_ago]


def journal_app(tmp: Path, entries: list[Entry] | None = None) -> tuple[Paths, FootcareApp]:
    """A footcare on a fresh folder whose journal holds `entries`."""
    paths = paths_in(tmp)
    store = JournalStore(paths)
    for entry in entries or []:
        store.add(entry)
    return paths, app_for(paths)


def stored(paths: Paths) -> list[Entry]:
    return JournalStore(paths).load().entries


def table_of(app: FootcareApp) -> DataTable[object]:
    return on(app, JournalScreen).query_one(DataTable)


async def until(pilot: Pilot[object], ready: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until `ready()` (a search waits for typing to pause), or fail."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, "not within the time allowed"
        await pilot.pause(0.02)


def counted(screen: JournalScreen) -> list[str]:
    """Every search the journal runs, from now on (what it was asked to find)."""
    runs: list[str] = []
    apply = screen.apply_filter

    def counting(text: str | None = None, flags_only: bool | None = None) -> None:
        runs.append(str(text))
        apply(text, flags_only)

    screen.apply_filter = counting  # type: ignore[method-assign]
    return runs


def on(app: FootcareApp, kind: type[S]) -> S:
    """The screen on top, which must be a `kind`."""
    screen = app.screen
    assert isinstance(screen, kind), screen
    return screen


def text_of(screen: Screen[object], selector: str) -> str:
    return str(screen.query_one(selector).render())


def row_texts(app: FootcareApp) -> list[str]:
    table = table_of(app)
    return [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_keyboard_only_entry(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        assert isinstance(app.screen, JournalScreen)
        assert "No entries yet" in text_of(app.screen, "#journal-empty")
        await pressed(pilot, "n")
        on(app, EntryForm)
        # numbness 5, tingling 4, burning: 1 then 0 = 10, nudged down to 9, pain 3
        await pilot.press("5", "down", "4", "down", "1", "0", "left", "down", "3", "down")
        await pilot.press("2", "tab")  # sleep 2
        await pilot.press("right", "right", "tab")  # weekly: 2 much better
        await pilot.press("tab", "tab", "tab", "b")  # swelling: both feet
        await pilot.press(*["tab"] * 7)
        await pilot.press("y", "tab")  # supportive footwear: yes
        await pilot.press(*"25", "enter")  # exercise minutes; Enter moves on
        await pilot.press(*"6.8", "tab")
        await pilot.press(*"2026-12-05", "tab")
        await pilot.press(*"new socks")
        assert isinstance(app.focused, Input) and app.focused.id == "note"
        await pressed(pilot, "f2")
        # Swelling in both feet is a "soon" sign: the notice says so, no block.
        assert "swelling (both feet)" in text_of(on(app, FlagNotice), "#flag-text")
        await pressed(pilot, "enter")
        assert isinstance(app.screen, JournalScreen)
        rows = row_texts(app)
        assert rows == ["2026-11-24 | (no session) |  | 5 | 4 | 9 | 3 | swelling both"]
    [entry] = stored(paths)
    assert entry.before == Ratings(numbness=5, tingling=4, burning=9, pain=3)
    assert entry.sleep == 2 and entry.weekly_change == 1
    assert entry.findings == {"swelling": "both"}
    assert entry.footwear is True and entry.exercise_minutes == 25
    assert entry.blood_sugar == "6.8" and entry.next_follow_up == date(2026, 12, 5)
    assert entry.note == "new socks"
    assert entry.at == NOW
    assert not paths.draft.exists()


async def test_s_saves_from_a_rating_and_nothing_typed_saves_nothing(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n")
        await pressed(pilot, "s")
        assert isinstance(app.screen, EntryForm)
        assert "nothing is filled in" in text_of(app.screen, "#form-hint")
        await pressed(pilot, "7", "s")
        assert isinstance(app.screen, JournalScreen)
    assert [e.before.numbness for e in stored(paths)] == [7]


async def test_a_bad_date_is_not_saved_and_says_why(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n")
        form = on(app, EntryForm)
        await pilot.press("4")
        form.query_one("#follow_up", Input).focus()
        await pressed(pilot, *"next week", "f2")
        assert app.screen is form
        assert "date like 2026-12-31" in text_of(form, "#form-hint")
        assert app.focused is form.query_one("#follow_up")
    assert stored(paths) == []


async def test_edit_changes_the_same_entry(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path, sessions(1, 2))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        assert row_texts(app)[0].startswith("2026-11-23 | standard | 12.5 | 5→4 | 4→3 | 2→2 | 6→3")
        await pressed(pilot, "e")
        form = on(app, EntryForm)
        assert "Editing the entry of Monday 23 November 2026" in str(
            form.query_one("#form-heading").render()
        )
        # A session entry shows before and after: go to "after: pain" and make it 1.
        await pilot.press(*["down"] * 7)
        assert isinstance(app.focused, RatingRow) and app.focused.id == "after-pain"
        await pressed(pilot, "1", "s")
        assert isinstance(app.screen, JournalScreen)
        assert row_texts(app)[0].startswith("2026-11-23 | standard | 12.5 | 5→4 | 4→3 | 2→2 | 6→1")
    entries = stored(paths)
    assert len(entries) == 2
    edited = next(e for e in entries if e.day == date(2026, 11, 23))
    assert edited.after.pain == 1 and edited.session is not None
    assert edited.at == NOW - timedelta(days=1)


async def test_delete_asks_first_and_undo_restores(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path, sessions(1, 2))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        await pressed(pilot, "d")
        assert isinstance(app.screen, Ask)
        await pressed(pilot, "n")  # no, keep it
        assert table_of(app).row_count == 2
        await pressed(pilot, "d")
        await pressed(pilot, "escape")  # Esc never deletes
        assert table_of(app).row_count == 2
        await pressed(pilot, "d", "y")
        assert table_of(app).row_count == 1
        assert [e.deleted for e in stored(paths)] == [False, True]  # soft delete: still there
        await pressed(pilot, "u")
        assert table_of(app).row_count == 2
        assert [e.deleted for e in stored(paths)] == [False, False]
        assert row_texts(app)[0].startswith("2026-11-23")
        # Deleted entries can be shown (struck through, in words too) and restored later.
        await pressed(pilot, "d", "y")
        await pressed(pilot, "a")
        rows = row_texts(app)
        assert len(rows) == 2 and "DELETED" in rows[0]
        await pressed(pilot, "home", "enter")
        assert "deleted (press u to restore it)" in text_of(on(app, EntryView), "#entry-text")
        await pressed(pilot, "u")
        assert isinstance(app.screen, JournalScreen)
        assert "DELETED" not in row_texts(app)[0]
    assert not any(e.deleted for e in stored(paths))


async def test_open_shows_the_whole_entry(tmp_path: Path) -> None:
    entry = session_entry(
        NOW - timedelta(hours=2), note="left heel warm", findings={"warmth": "left"}
    )
    _, app = journal_app(tmp_path, [entry])
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "enter")
        text = text_of(on(app, EntryView), "#entry-text")
        for part in (
            "Tuesday 24 November 2026, 07:00",
            "standard, 12.5 min per foot, feet done: left and right",
            "pain      6 → 3",
            "warmth, or one foot hotter than the other (left foot)",
            "Get advice today",
            "left heel warm",
        ):
            assert part in text
        await pressed(pilot, "escape")
        assert isinstance(app.screen, JournalScreen)


async def test_draft_survives_a_crash(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n")
        await pilot.press("6", "down", "2")
        app.screen.query_one("#note", Input).focus()
        await pressed(pilot, *"half typed")
    # The app is gone without saving (as if killed): the draft is on disk, not the journal.
    assert stored(paths) == []
    draft = tomllib.loads(paths.draft.read_text())
    assert draft["form"]["before"] == {"numbness": 6, "tingling": 2}
    assert draft["form"]["note"] == "half typed"

    app2 = app_for(paths)
    async with app2.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        form = on(app2, EntryForm)
        assert "Restored from your unsaved draft" in text_of(form, "#form-heading")
        assert form.query_one("#before-numbness", RatingRow).value == 6
        assert form.query_one("#note", Input).value == "half typed"
        await pressed(pilot, "f2")
        assert isinstance(app2.screen, JournalScreen)
    [entry] = stored(paths)
    assert entry.before.numbness == 6 and entry.note == "half typed"
    assert not paths.draft.exists()


async def test_leaving_the_form_keeps_or_discards_the_draft(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n", "3", "escape")
        assert isinstance(app.screen, Ask)
        await pressed(pilot, "k")
        assert isinstance(app.screen, JournalScreen)
        assert paths.draft.exists()
        banner = app.screen.query_one("#journal-banner")
        assert banner.display and "press n to finish it" in str(banner.render())
        await pressed(pilot, "n")  # n brings the draft back
        assert isinstance(app.screen, EntryForm)
        assert app.screen.query_one("#before-numbness", RatingRow).value == 3
        await pressed(pilot, "escape", "d")
        assert isinstance(app.screen, JournalScreen)
        assert not paths.draft.exists()
        await pressed(pilot, "n", "escape")  # nothing typed: leaves without asking
        assert isinstance(app.screen, JournalScreen)
    assert stored(paths) == []


async def test_new_blister_on_the_left_foot_warns_and_blocks_the_next_session(
    tmp_path: Path,
) -> None:
    paths = paths_in(tmp_path)
    record_all_clearances(paths, on=date(2026, 11, 1))
    app = app_for(paths)
    async with app.run_test(size=SIZE) as pilot:
        services = app.services
        routine = services.settings.routine(services.settings.default_routine_id())

        def verdict() -> Verdict:
            answer_today(services)  # every question of the day answered safely
            return services.gate.verdict(routine)

        assert verdict().may_start
        await pressed(pilot, "j", "n")
        await pilot.press(*["tab"] * 6)  # 4 ratings, sleep, the weekly question
        assert isinstance(app.focused, ChoiceRow) and app.focused.id == "finding-wound"
        await pressed(pilot, "l", "f2")
        text = text_of(on(app, FlagNotice), "#flag-text")
        assert "Get advice today" in text
        assert "new wound, blister or cut (left foot)" in text
        assert "Contact your doctor, nurse or podiatrist today" in text
        assert "your emergency number, e.g. 911 / 112 / 999" in text
        assert "next session stays blocked" in text
        await pressed(pilot, "enter")
        assert "wound/blister left" in row_texts(app)[0]

        blocked = verdict()
        assert not blocked.may_start
        assert blocked.reasons[0].kind is ReasonKind.CHECK_NEEDED
        assert "2026-11-24" in blocked.reasons[0].message
        # (the old go-ahead is void: the check asked for is the one thing to do)
        assert blocked.reasons[1:] == ()
        # A professional's check recorded today lifts it, if written down after the sign.
        SafetyStore(paths).append(
            [Clearance("discussed", True, NOW.date(), NOW + timedelta(minutes=5))]
        )
        assert verdict().may_start


async def test_emergency_number_from_config(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    paths.config.mkdir(parents=True)
    paths.config_file.write_text('emergency_number = "112"\n', encoding="utf-8")
    app = app_for(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n")
        app.screen.query_one("#finding-chest", ChoiceRow).focus()
        await pressed(pilot, "y", "f2")
        text = text_of(on(app, FlagNotice), "#flag-text")
        assert "URGENT" in text and "Call 112 now." in text


async def test_trends_show_numbers_not_only_bars(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, sessions(*range(5)))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        summary = text_of(app.screen, "#journal-summary")
        assert "Streak: 5 days in a row" in summary
        assert "■■■■■□□ 5 of 7 days (goal: daily)" in summary
        assert "Weekly question: due" in summary
        await pressed(pilot, "t")
        text = str(on(app, TrendsScreen).query_one("TrendsPanel").render())
        assert "Pain      30 days" in text and "avg 4.5" in text
        assert "−3 −3 −3 −3 −3" in text and "average −3 over 5" in text
        await pressed(pilot, "escape")
        assert isinstance(app.screen, JournalScreen)


async def test_export_writes_report_and_csv(tmp_path: Path) -> None:
    old = session_entry(NOW - timedelta(days=400), note="a year ago")
    recent = sessions(*range(3))
    paths, app = journal_app(tmp_path, [old, *recent])
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "x")
    report = paths.reports / "footcare-report-2026-11-24.md"
    table = paths.reports / "footcare-journal-2026-11-24.csv"
    text = report.read_text(encoding="utf-8")
    assert "Period: 2026-08-27 to 2026-11-24 (90 days)" in text  # the HTML report's too
    assert "self-reported" in text and "Days with a session: 3 of 90" in text
    assert "a year ago" not in text
    assert len(table.read_text(encoding="utf-8").splitlines()) == 1 + 4


async def test_ten_years_open_a_few_months_and_grow_a_year_at_a_time(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, sessions(*range(1, 800, 3)))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        screen = on(app, JournalScreen)
        table = table_of(app)
        shown = table.row_count
        assert 0 < shown < 25  # October and November
        await app.workers.wait_for_complete()
        await pilot.pause()
        # the older years are read a year at a time, when the table reaches them
        assert screen.history is not None and len(screen.history.entries()) < 267
        more = screen.query_one("#journal-more")
        assert more.display and "2026-10-01" in str(more.render())
        await pressed(pilot, "end")
        assert table.row_count > shown
        await pressed(pilot, "end")
        await pressed(pilot, "end")
        assert table.row_count == 267
        assert not screen.query_one("#journal-more").display
        dates = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert dates == sorted(dates, reverse=True)


async def test_a_half_done_edit_comes_back_as_an_edit(tmp_path: Path) -> None:
    paths, app = journal_app(tmp_path, sessions(1))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "e", "2")  # numbness before: 2
    app2 = app_for(paths)
    async with app2.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        form = on(app2, EntryForm)
        assert "Editing the entry of Monday 23 November 2026" in str(
            form.query_one("#form-heading").render()
        )
        await pressed(pilot, "s")
    [entry] = stored(paths)
    assert entry.before.numbness == 2 and entry.after.pain == 3


async def test_search_and_warning_signs_only(tmp_path: Path) -> None:
    _, app = journal_app(
        tmp_path,
        [
            Entry("a", NOW - timedelta(days=400), note="left heel warm"),
            Entry("b", NOW - timedelta(days=3), note="fine"),
            Entry("c", NOW - timedelta(days=1), findings={"redness": "left"}, note="Heel red"),
        ],
    )
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        table = app.screen.query_one(HistoryTable)
        await pilot.press("slash", *"heel")
        await until(pilot, lambda: sorted(str(k.value) for k in table.rows) == ["a", "c"])
        assert "Showing 2 entries found" in text_of(app.screen, "#journal-banner")
        await pressed(pilot, "enter", "w")
        assert [str(k.value) for k in table.rows] == ["c"]
        await pressed(pilot, "w", "slash")
        await pilot.press(*" from:2025-01-01 to:2025-12-31")
        await until(pilot, lambda: [str(k.value) for k in table.rows] == ["a"])
        await pressed(pilot, "escape")
        assert {str(k.value) for k in table.rows} >= {"b", "c"}
        assert table.has_focus


async def test_escape_clears_a_search_after_enter_as_the_banner_says(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, heel_and_fine())
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        table = app.screen.query_one(HistoryTable)
        await pilot.press("slash", *"heel", "enter")
        await until(pilot, lambda: [str(k.value) for k in table.rows] == ["a"])
        assert table.has_focus and "Esc clears it" in banner_of(app.screen)
        await pilot.press("escape")
        await until(pilot, lambda: sorted(str(k.value) for k in table.rows) == ["a", "b"])
        assert isinstance(app.screen, JournalScreen) and table.has_focus
        assert app.screen.query_one("#journal-search", Input).value == ""


def heel_and_fine() -> list[Entry]:
    return [
        Entry("a", NOW - timedelta(days=2), note="left heel warm"),
        Entry("b", NOW - timedelta(days=1), note="fine"),
    ]


def banner_of(screen: JournalScreen) -> str:
    banner = screen.query_one("#journal-banner")
    return str(banner.render()) if banner.display else ""


async def test_search_waits_for_typing_to_pause_and_enter_runs_it_at_once(
    tmp_path: Path,
) -> None:
    _, app = journal_app(tmp_path, heel_and_fine())
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        screen = on(app, JournalScreen)
        table = table_of(app)
        runs = counted(screen)
        screen.search_pause = 60.0  # typing never pauses long enough here
        await pressed(pilot, "slash", *"heel")
        assert runs == [] and table.row_count == 2
        await pressed(pilot, "enter")
        assert runs == ["heel"] and [str(k.value) for k in table.rows] == ["a"]
        assert table.has_focus
        screen.search_pause = 1.0
        await pilot.press("slash", *"warm")  # replaces the search, selected when / opens it
        assert runs == ["heel"]  # nothing yet: typing has not paused
        await until(pilot, lambda: len(runs) == 2)
        await pilot.pause()
        assert runs == ["heel", "warm"]
        assert [str(k.value) for k in table.rows] == ["a"]


async def test_a_date_typed_slowly_says_once_what_it_cannot_read(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, sessions(1, 40))
    notices: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        screen = on(app, JournalScreen)
        runs = counted(screen)
        notify = app.notify

        def counting_notify(message: str, **kwargs: object) -> None:
            notices.append(message)
            notify(message, **kwargs)  # type: ignore[arg-type]

        app.notify = counting_notify  # type: ignore[method-assign]
        screen.search_pause = 0.01  # the slowest typist: the search runs after every key
        await pilot.press("slash")
        for typed, key in enumerate("from:2026-11-01", start=1):
            await pilot.press(key)
            await until(pilot, lambda n=typed: len(runs) == n)  # type: ignore[misc]
            if typed == len("from:2026-1"):
                assert banner_of(screen).count("is not a date") == 1
                assert "'2026-1' is not a date" in banner_of(screen)
        await pilot.pause()
        assert notices == []
        assert "not a date" not in banner_of(screen)
        assert "Showing 1 entry found" in banner_of(screen)
        assert table_of(app).row_count == 1


async def test_a_long_paste_is_cut_short_and_searched_once(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, sessions(*range(1, 30)))
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")
        screen = on(app, JournalScreen)
        runs = counted(screen)
        field = screen.query_one("#journal-search", Input)
        await pilot.press("slash")
        # a paste the terminal sends as keys, all at once
        for _ in range(1000):
            app.post_message(events.Key("x", "x"))
        await until(pilot, lambda: len(runs) == 1)
        await pilot.pause()
        assert len(runs) == 1 and len(field.value) == 200
        assert "first 200 characters" in banner_of(screen)
        # a bracketed paste: one event
        await pilot.press("escape", "slash")
        field.post_message(events.Paste("y" * 2000))
        await until(pilot, lambda: len(runs) == 3)  # Esc cleared the search: one run
        await pilot.pause()
        assert len(runs) == 3 and field.value == "y" * 200


async def test_j_then_n_at_once_opens_a_new_entry(tmp_path: Path) -> None:
    _, app = journal_app(tmp_path, sessions(1))
    async with app.run_test(size=SIZE) as pilot:
        # both keys sent before the journal has opened, as a quick typist does
        app.post_message(events.Key("j", "j"))
        app.post_message(events.Key("n", "n"))
        await until(pilot, lambda: isinstance(app.screen, EntryForm))
        [journal] = [s for s in app.screen_stack if isinstance(s, JournalScreen)]
        assert journal.query_one("#journal-search", Input).value == ""
        assert journal.query_one(DataTable).row_count == 1


@pytest.mark.parametrize("size", [(80, 24), (40, 15)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_long_warning_notice_keeps_how_to_close_it_in_view(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Four warning signs make the notice taller than the screen: its words scroll, and
    the key that closes it stays on screen, read as a person would read it."""
    _, app = journal_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "j", "n")
        for finding, key in (("wound", "l"), ("redness", "r"), ("swelling", "b"), ("chest", "y")):
            app.screen.query_one(f"#finding-{finding}", ChoiceRow).focus()
            await pressed(pilot, key)
        await pressed(pilot, "f2")
        assert isinstance(app.screen, FlagNotice)
        await pilot.pause()
        assert "Press Enter to close." in screen_words(app)
        await pressed(pilot, "enter")
        assert not isinstance(app.screen, FlagNotice)
