"""The safety rules through the real app: labels are words only, a yes holds for the day,
a warning sign mid-session stops it, deleting an entry says its sign stays."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

import rendered
from apphelpers import NOW, cleared_paths, make_app, make_paths, pressed
from footcare.domain import wording
from footcare.domain.journal import Entry
from footcare.domain.screening import Clearance
from footcare.domain.stops import CHOOSABLE, StopCause, findings_for
from footcare.storage.journal import JournalStore
from footcare.storage.safety import SafetyStore
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.blocked import BlockedScreen
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.screening import ScreeningScreen
from footcare.ui.screens.session import SessionScreen
from footcare.ui.screens.start import StartScreen
from footcare.ui.widgets.history_table import HistoryTable
from footcare.ui.widgets.rating import RatingRow
from rendered import screen_words


def renamed_labels(seed: int) -> dict[StopCause, str]:
    rng = random.Random(seed)
    words = ["Lorem", "Ipsum", "Dolor", "Sit", "Amet", "Zebra", "Quux"]
    return {cause: " ".join(rng.sample(words, 3)) + f" {i}" for i, cause in enumerate(CHOOSABLE)}


@pytest.mark.parametrize("index", range(len(CHOOSABLE)))
async def test_renaming_every_stop_label_changes_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: int
) -> None:
    names = renamed_labels(index)
    monkeypatch.setattr(wording, "CAUSE_NAMES", names)
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n", "y", "b")
        assert isinstance(app.screen, SessionScreen)
        await pressed(pilot, "x")
        options = app.screen.query_one("OptionList")
        shown = [str(options.get_option_at_index(i).prompt) for i in range(len(CHOOSABLE))]
        assert names[CHOOSABLE[index]] in shown[index]
        await pressed(pilot, str(index + 1))
        assert isinstance(app.screen, EndScreen)
    cause = CHOOSABLE[index]
    entry = JournalStore(paths).load().entries[0]
    assert entry.findings == findings_for(cause)  # stopped getting ready: no foot known
    assert entry.session is not None and entry.session.stop_cause == cause.value
    signs = SafetyStore(paths).load().record.signs
    assert {(s.finding, s.side) for s in signs} == set(findings_for(cause).items())


async def test_a_yes_holds_across_esc_and_a_restart_and_taking_it_back_asks(
    tmp_path: Path,
) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "y")  # an open wound today
        assert isinstance(app.screen, BlockedScreen)
        await pressed(pilot, "a", "escape")  # back to the questions, back to the start
        assert isinstance(app.screen, StartScreen)
        await pressed(pilot, "c")
        assert app.screen.query_one("#q-wound").mark == "STOP"
    app = make_app(paths)  # a restart, same day
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        assert isinstance(app.screen, ScreeningScreen)
        assert app.screen.query_one("#q-wound").mark == "STOP"
        await pressed(pilot, "b")
        assert isinstance(app.screen, BlockedScreen)
        await pressed(pilot, "a")
        app.screen.query_one("#q-wound").focus()
        await pressed(pilot, "n")
        assert isinstance(app.screen, Ask)  # changing a yes is asked about
        await pressed(pilot, "n")  # keep yes
        assert app.screen.query_one("#q-wound").mark == "STOP"
        app.screen.query_one("#q-wound").focus()
        await pressed(pilot, "n")
        await pressed(pilot, "y")  # it was a mistake
        assert app.screen.query_one("#q-wound").mark == "ok"
    record = SafetyStore(paths).load().record
    answers = [(a.item_id, a.present) for a in record.block_answers]
    assert answers == [("wound", True), ("wound", False)]
    assert record.blocked_days() == {NOW.date(): ("wound",)}


async def test_a_warning_sign_logged_in_the_journal_mid_session_stops_it(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n", "y", "b")
        assert isinstance(app.screen, SessionScreen)
        await pressed(pilot, "j", "n")
        await pilot.press(*["tab"] * 6)  # 4 ratings, sleep, the weekly question
        await pressed(pilot, "l", "f2")  # a new wound on the left foot, saved
        await pressed(pilot, "enter")  # the warning notice
        await pressed(pilot, "s")  # back to today's session
        assert isinstance(app.screen, EndScreen)
        heading = str(app.screen.query_one("#end-heading").render())
        assert "warning sign" in heading and "left foot" in heading
    [facts] = [e.session for e in JournalStore(paths).load().entries if e.session is not None]
    assert facts.stop_cause == "warning-sign"


async def test_deleting_an_entry_with_a_warning_sign_says_the_sign_stays(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = app.services.journal_use
        journal.save(Entry("b1", NOW - timedelta(hours=1), findings={"wound": "left"}))
        await pressed(pilot, "j")
        await pressed(pilot, "d")
        assert isinstance(app.screen, Ask)
        assert "stay blocked until you record a professional's check" in str(app.screen.text)
        await pressed(pilot, "y")
        await pressed(pilot, "s", "c")
        assert "A warning sign was noted on 2026-11-24" in screen_words(app)


async def test_lighter_pressure_shows_at_every_step(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path, routine="standard")
    SafetyStore(paths).append(
        [Clearance("blood-thinners", True, NOW.date(), NOW - timedelta(hours=1))]
    )
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        info = str(app.screen.query_one("#routine-info").render())
        assert "lighter pressure" in info and "Gentle" in info
        await pressed(pilot, "c", "n", "n", "n", "n", "n", "y", "b")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        seen = 0
        while isinstance(app.screen, SessionScreen) and seen < 30:
            if app.screen.session.current_step is not None:
                cue = str(app.screen.query_one("#cue").render())
                assert "Lighter pressure" in cue
                assert "Pressure: gentle" not in cue and "Pressure: comfortable" not in cue
                title = str(app.screen.query_one("#step-title").render())
                assert "Knuckle" not in title.split(":")[-1].split("(")[0]
            seen += 1
            await pressed(pilot, "n")
        assert isinstance(app.screen, EndScreen)


async def test_a_blocked_day_shows_in_the_journal_history(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "y")  # signs of infection today
        assert isinstance(app.screen, BlockedScreen)
        await pressed(pilot, "j")
        table = app.screen.query_one(HistoryTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == NOW.date().isoformat()
        assert first[1] == "NO MASSAGE" and "Signs of infection" in first[-1]
        assert table.current_id() is None  # not an entry: nothing to open or delete
        await pressed(pilot, "d", "enter")
        assert not isinstance(app.screen, Ask)


async def test_the_daily_path_is_eight_keys_and_asks_every_question_of_the_day(
    tmp_path: Path,
) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths)
    keys = ["c", "n", "n", "n", "n", "n", "y", "b"]
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        screen = app.screen
        assert isinstance(screen, ScreeningScreen)
        # today's questions, the folded go-aheads and the reminders all fit on the screen
        region = screen.query_one("#questions").content_region
        for widget in [*screen.query("QuestionRow"), screen.query_one("#go-aheads-line")]:
            if widget.display and widget.parent and widget.parent.display:
                assert widget.region.bottom <= region.bottom, widget.id
        # "doesn't apply" is said as such, not counted as a go-ahead (read from the screen)
        assert "ok 1 go-ahead on record, 8 don't apply, valid until" in screen_words(app)
        await pressed(pilot, *keys[1:])
        assert isinstance(app.screen, SessionScreen)
        answers = app.services.gate.answers()
    assert len(keys) <= 8
    assert answers.blocks == {}  # used by the session: the next one asks again
    record = SafetyStore(paths).load().record
    assert record.block_answers == ()  # no yes today


async def test_the_first_run_asks_each_go_ahead(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        assert not app.screen.query_one("#go-aheads-line").display
        assert app.screen.query_one("#go-aheads").display


async def test_a_repeated_notice_replaces_the_one_shown(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n")
        assert app.focused is not None and app.focused.id == "q-discussed"
        await pilot.press(*["n"] * 5)
        await pilot.pause()
        assert len(rendered.notifications(app)) == 1


async def test_routine_list_down_goes_to_the_ratings_and_a_digit_rates(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*["down"] * 6)
        await pilot.pause()
        assert isinstance(app.focused, RatingRow)
        app.screen.query_one("#routines").focus()
        await pressed(pilot, "7")
        first = app.screen.query(RatingRow).first()
        assert first.value is not None and app.focused is first
