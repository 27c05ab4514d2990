"""The screening gate and the hands-free session, driven through the real app."""

from __future__ import annotations

import tomllib
from datetime import datetime
from itertools import groupby
from pathlib import Path

import pytest
from textual.widgets import DataTable

from apphelpers import (
    NOW,
    FakeClock,
    answer_all_clear,
    begin,
    bells,
    make_app,
    make_paths,
    pressed,
    record_all_clearances,
)
from footcare.domain.journal import Entry, Ratings
from footcare.domain.screening import Clearance, Tier, all_items
from footcare.domain.session import ScreeningRequired, Session
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.storage.state import session_file
from footcare.ui.app import FootcareApp
from footcare.ui.screens.blocked import BlockedScreen
from footcare.ui.screens.date_prompt import DatePrompt
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.help import HelpScreen
from footcare.ui.screens.screening import ScreeningScreen
from footcare.ui.screens.session import SessionScreen
from footcare.ui.screens.start import StartScreen
from footcare.ui.widgets.rating import RatingRow

PAIN_4 = Ratings(pain=4)
BLOCK_IDS = [item.id for item in all_items() if item.tier is Tier.BLOCK]


def clocked_app(tmp: Path) -> tuple[Paths, FakeClock, FootcareApp]:
    """A footcare on the quick routine whose session clock the test moves."""
    paths, clock = make_paths(tmp), FakeClock()
    return paths, clock, make_app(paths, clock)


@pytest.mark.parametrize("block_id", BLOCK_IDS)
async def test_each_block_item_refuses_begin(tmp_path: Path, block_id: str) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await answer_all_clear(pilot)
        screen = app.screen
        assert isinstance(screen, ScreeningScreen)
        screen.query_one(f"#q-{block_id}").focus()
        await pressed(pilot, "y")
        assert isinstance(app.screen, BlockedScreen)
        text = str(app.screen.query_one("#blocked-text").render())
        item = next(i for i in all_items() if i.id == block_id)
        assert item.question in text and item.advice in text
        # No key leads from here to a session.
        for key in ("b", "space", "enter", "n", "c", "s"):
            await pressed(pilot, key)
            assert not isinstance(app.screen, SessionScreen)
        # Going back to the questions: Begin is still refused.
        if isinstance(app.screen, BlockedScreen):
            await pilot.press("a")
        await pilot.pause()
        if isinstance(app.screen, ScreeningScreen):
            await pressed(pilot, "b")
        assert not isinstance(app.screen, SessionScreen)


async def test_unanswered_refuses_begin_and_lists_what_to_do(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "b")
        assert isinstance(app.screen, ScreeningScreen)
        unmet = " ".join(str(app.screen.query_one(w).render()) for w in ("#unmet", "#unmet-notes"))
        assert "Begin is not possible yet — 13 to do: 13 marked TO DO above" in unmet
        rows = {row.id: row for row in app.screen.query("QuestionRow")}
        assert rows["q-one-leg"].has_class("-unmet") and rows["q-one-leg"].mark == "TO DO"
        assert not rows["q-wound"].has_class("-unmet")
        assert app.focused is rows["q-one-leg"]  # Begin took the person to the first one


async def test_gate_refuses_a_direct_call_without_screening(tmp_path: Path) -> None:
    paths, _, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        routine = app.services.settings.routine("quick")
        assert routine is not None
        # A palette command or a bug calling the gate with nothing answered gets nowhere.
        assert app.begin_session(routine, PAIN_4) is False
        gate = app.services.gate
        for item in all_items():
            if item.tier is Tier.BLOCK:
                gate.answer_block(item.id, item.id == "wound")
            elif item.tier is Tier.REMIND:
                gate.acknowledge(item.id, True)
        assert app.begin_session(routine, PAIN_4) is False
        with pytest.raises(ScreeningRequired):
            app.services.sessions.start(routine, PAIN_4)
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)
    # A resumed state goes through the same gate.
    saved = {"routine_id": "quick", "index": 2, "elapsed": 1.0, "started_on": "2026-11-24"}
    session_file(paths).save(saved)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.services.sessions.saved_session() is not None
        assert app.begin_session(routine, PAIN_4, resume=True) is False
        with pytest.raises(ScreeningRequired):
            app.services.sessions.resume()
        await pilot.pause()
        assert not isinstance(app.screen, SessionScreen)


async def test_all_clear_runs_both_feet_to_the_end_untouched(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.config_file.write_text('routine = "quick"\ncues = "bell"\n', encoding="utf-8")
    clock = FakeClock()
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        rang = bells(app)
        await begin(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "GET READY — LEFT FOOT" in str(screen.query_one("#step-title").render())
        drawn: list[tuple[str, str]] = []
        await tick_to_the_end(app, pilot, clock, drawn)
        assert [title for title, _ in groupby(title for title, _ in drawn)] == [
            "GET READY — LEFT FOOT",
            "LEFT FOOT — step 1 of 2: Warming strokes",
            "LEFT FOOT — step 2 of 2: Finish this foot",
            "GET READY — RIGHT FOOT",
            "RIGHT FOOT — step 1 of 2: Warming strokes",
            "RIGHT FOOT — step 2 of 2: Finish this foot",
        ]
        assert any("CHANGE FEET" in b and "RIGHT" in b for _, b in drawn)
        await pilot.pause(0.6)  # the second bell of a double cue comes 0.4 s later
        # 4 step changes ring once; the foot change and the end ring twice each.
        assert rang[0] == 4 + 2 + 2
        await pressed(pilot, "2", "down", "1", "s")
        assert isinstance(app.screen, StartScreen)
    [entry] = JournalStore(paths).load().entries
    assert entry.session is not None
    facts = (entry.session.routine, entry.session.feet, entry.session.stopped_early)
    assert facts == ("quick", ("left", "right"), False)
    assert entry.after.numbness == 2 and entry.after.tingling == 1
    assert not paths.session_state.exists()


async def test_pause_holds_time(tmp_path: Path) -> None:
    _, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        session: Session = screen.session
        await pilot.press("space")
        left = session.segment_left(clock())
        clock.advance(120)
        screen.tick()
        await pilot.pause()
        assert session.paused and session.index == 0
        assert session.segment_left(clock()) == left
        assert "PAUSED" in str(screen.query_one("#run-state").render())
        await pilot.press("space")
        clock.advance(1)
        screen.tick()
        assert session.segment_left(clock()) == pytest.approx(left - 1)


async def test_stop_something_wrong_saves_the_reason(tmp_path: Path) -> None:
    paths, _, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await pressed(pilot, "x")
        await pressed(pilot, "1")
        assert isinstance(app.screen, EndScreen)
        assert "it hurts" in str(app.screen.query_one("#end-heading").render()).lower()
        await pressed(pilot, "s")
    entry = JournalStore(paths).load().entries[0]
    assert entry.session is not None and entry.session.stopped_early
    assert entry.session.stop_cause == "pain" and entry.findings == {}


async def test_resume_after_a_crash_lands_on_the_right_step(tmp_path: Path) -> None:
    paths, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        for _ in range(6):  # get ready 2 s, step 1 3 s, 1 s into step 2
            clock.advance(1)
            app.screen.tick()
        await pilot.pause()
        assert app.screen.session.index == 2
    # The app is gone (as if killed): what was saved at the last step change remains.
    saved = tomllib.loads(paths.session_state.read_text())
    assert saved["index"] == 2 and saved["routine_id"] == "quick"

    app2 = make_app(paths, FakeClock(5000))
    async with app2.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        banner = app2.screen.query_one("#resume-banner")
        assert banner.display and "press r" in str(banner.render())
        await pressed(pilot, "r")
        assert isinstance(app2.screen, ScreeningScreen)
        await answer_all_clear(pilot)
        await pressed(pilot, "b")
        screen = app2.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.index == 2 and screen.session.paused
        assert "LEFT FOOT — step 2 of 2" in str(screen.query_one("#step-title").render())


async def test_quit_mid_session_saves_paused_state(tmp_path: Path) -> None:
    paths, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        clock.advance(1.5)
        app.save_and_exit()  # what SIGHUP / SIGTERM call
        await pilot.pause()
    saved = tomllib.loads(paths.session_state.read_text())
    assert saved["status"] == "paused"
    assert saved["elapsed"] == pytest.approx(1.5)


async def test_palette_offers_the_screens_actions(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Continue" in commands and "Journal" in commands
        assert "Copy selected text" not in commands
        await begin(pilot)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Pause" in commands and "Stop" in commands


async def test_help_shows_the_screens_keys(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("b", "Begin") in app.screen.keys
        await pressed(pilot, "escape")
        assert isinstance(app.screen, ScreeningScreen)


async def test_an_unreadable_journal_month_keeps_the_gate_shut(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.journal.mkdir(parents=True)
    broken = paths.journal / "2026-11.toml"
    broken.write_text("[[entries]\nid = ", encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert isinstance(app.screen, ScreeningScreen)
        unmet = " ".join(str(app.screen.query_one(w).render()) for w in ("#unmet", "#unmet-notes"))
        assert "A safety file can't be read" in unmet and str(broken) in unmet
        broken.rename(paths.journal / "2026-11.toml.bad")
        await pressed(pilot, "b")
        assert isinstance(app.screen, SessionScreen)
    assert broken.with_suffix(".toml.bad").read_text(encoding="utf-8") == "[[entries]\nid = "


async def test_a_go_ahead_needs_its_date_confirmed_and_esc_records_nothing(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n")
        assert app.focused is not None and app.focused.id == "q-discussed"
        await pressed(pilot, "y")
        assert isinstance(app.screen, DatePrompt)
        await pressed(pilot, "escape")
        assert app.services.gate.answers().clearances == {}
        await pressed(pilot, "y", "enter")
        record = app.services.gate.answers().clearances["discussed"]
        assert record.applies and record.on == NOW.date() and record.recorded == NOW
        # Focus went on to the next question still to do, not back to an answered one.
        assert app.focused is not None and app.focused.id == "q-severe-neuropathy"


async def test_answered_questions_are_skipped_and_stray_keys_stay_put(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    record_all_clearances(paths)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n")
        # Go-aheads are on record: the reminders come next.
        assert app.focused is not None and app.focused.id == "q-reminders"
        await pressed(pilot, "y", "y", "y", "y", "y", "y", "y")
        assert app.focused is not None and app.focused.id == "q-reminders"
        assert isinstance(app.screen, ScreeningScreen)
        answers = app.services.gate.answers()
        assert answers.blocks == {i: False for i in BLOCK_IDS}
        assert all(not c.applies for k, c in answers.clearances.items() if k != "discussed")


async def test_a_warning_sign_after_a_morning_go_ahead_still_blocks(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    record_all_clearances(paths)
    SafetyStore(paths).append(
        [Clearance("discussed", True, NOW.date(), datetime(2026, 11, 24, 8, 0))]
    )
    JournalStore(paths).add(
        Entry(id="blister", at=datetime(2026, 11, 24, 8, 30), findings={"wound": "left"})
    )
    app = make_app(paths)  # NOW is 09:00, after both
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n")
        # The morning go-ahead does not cover the sign noted after it: that row is to do.
        assert app.focused is not None and app.focused.id == "q-discussed"
        await pressed(pilot, "b")
        assert isinstance(app.screen, ScreeningScreen)
        unmet = " ".join(str(app.screen.query_one(w).render()) for w in ("#unmet", "#unmet-notes"))
        assert "A warning sign was noted on 2026-11-24" in unmet
        # Recording the professional's check now (after the sign) opens the gate.
        app.screen.query_one("#q-discussed").focus()
        await pressed(pilot, "y", "enter")
        await pressed(pilot, "y", "b")
        assert isinstance(app.screen, SessionScreen)


async def tick_to_the_end(app, pilot, clock, drawn=None) -> None:  # type: ignore[no-untyped-def]
    """Let the session's clock run, a second at a time, until the after-session screen;
    into `drawn`, after each second, the step's title and the banner shown ("": none)."""
    for _ in range(60):
        if not isinstance(app.screen, SessionScreen):
            break
        clock.advance(1)
        app.screen.tick()
        await pilot.pause()
        if drawn is not None and isinstance(app.screen, SessionScreen):
            banner = app.screen.query_one("#banner")
            shown = str(banner.render()) if banner.display else ""
            drawn.append((str(app.screen.query_one("#step-title").render()), shown))
    assert isinstance(app.screen, EndScreen)


async def finish_quick_session(app, pilot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("tab", "4", "c")  # numbness before: 4
    await answer_all_clear(pilot)
    await pressed(pilot, "b")
    await tick_to_the_end(app, pilot, clock)


async def test_a_rating_drawn_a_moment_before_the_terminal_goes_is_kept(tmp_path: Path) -> None:
    paths, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        await tick_to_the_end(app, pilot, clock)
        # the row takes the 7 and is drawn; its message has not reached the screen yet
        app.screen.query_one("#after-numbness", RatingRow).value = 7
        app.save_and_exit(True)  # what SIGHUP calls, between two messages
        await pilot.pause()
    assert [e.after.numbness for e in JournalStore(paths).load().entries] == [7]


async def test_quitting_from_the_end_screen_keeps_the_session_in_the_journal(
    tmp_path: Path,
) -> None:
    paths, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_quick_session(app, pilot, clock)
        await pressed(pilot, "5", "q")
    entries = JournalStore(paths).load().entries
    assert len(entries) == 1 and entries[0].after.numbness == 5
    assert entries[0].session is not None and entries[0].session.routine == "quick"


async def test_after_a_session_the_journal_shows_it_and_ratings_start_fresh(
    tmp_path: Path,
) -> None:
    paths, clock, app = clocked_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")  # the journal is open (and empty) before the session
        await pressed(pilot, "s")
        await finish_quick_session(app, pilot, clock)
        await pressed(pilot, "s")
        assert isinstance(app.screen, StartScreen)
        assert [r.value for r in app.screen.query(RatingRow)] == [None] * 4
        await pressed(pilot, "j")
        assert app.screen.query_one(DataTable).row_count == 1
    assert JournalStore(paths).load().entries[0].before.numbness == 4
