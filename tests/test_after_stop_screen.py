"""The app's screening draws the questions the day holds, read from the rendered screen (not
the widget tree): after a stop because it hurt or for feeling unwell, the question the day
adds, first and focused, and a yes shows the day's refusal with its advice; a yes given to
another routine's own question, with its words, and Begin refused."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from apphelpers import NOW, FakeClock, begin_today, cleared_paths, make_app, pressed
from dayholds import KNEE_QUESTION, Moment, answer_every_no, folder, knee_yes, services_at
from footcare.domain.journal import Ratings
from footcare.domain.safety import SessionStop
from footcare.domain.screening import AFTER_STOP_ITEM
from footcare.domain.stops import StopCause
from footcare.services.build import read_footcare
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.screens.blocked import BlockedScreen
from footcare.ui.screens.screening import ScreeningScreen
from footcare.ui.screens.session import SessionScreen
from footcare.ui.widgets.history_table import blocked_cells
from rendered import with_screens_below

SIZES = [(80, 24), (60, 20), (40, 15)]


def flat(text: str) -> str:
    """Words only: across wraps, without the glyphs drawn beside them (a row's edge, a
    scroll bar)."""
    drawn = "".join(" " if "\u2500" <= ch <= "\u259f" else ch for ch in text)
    return " ".join(drawn.split())


def stopped_today(tmp_path: Path, cause: StopCause) -> Paths:
    paths = cleared_paths(tmp_path)
    services = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    begin_today(services, Ratings(pain=2)).stop(cause)
    return paths


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_after_stop_question_is_drawn_first_and_focused(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(stopped_today(tmp_path, StopCause.PAIN), now=NOW + timedelta(minutes=20))
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "c")
        assert isinstance(app.screen, ScreeningScreen)
        screen = flat("\n".join(with_screens_below(app)))
        assert flat(AFTER_STOP_ITEM.question) in screen
        # it is the first question, and the highlighted one
        assert screen.index(flat(AFTER_STOP_ITEM.question)) < screen.find("wound") or (
            "wound" not in screen
        )
        assert getattr(app.focused, "item", None) == AFTER_STOP_ITEM
        await pressed(pilot, "y")
        assert isinstance(app.screen, BlockedScreen)
        refusal = flat("\n".join(with_screens_below(app)))
        assert "Why: You stopped a session earlier today" in refusal
        # whole where there is room; on the smallest screen it begins there and scrolls
        whole = size == (80, 24)
        assert flat(AFTER_STOP_ITEM.advice if whole else "What to do: Don't massage") in refusal


async def test_without_such_a_stop_the_question_is_not_there(tmp_path: Path) -> None:
    app = make_app(stopped_today(tmp_path, StopCause.OTHER), now=NOW + timedelta(minutes=20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        assert isinstance(app.screen, ScreeningScreen)
        screen = flat("\n".join(with_screens_below(app)))
        assert "You stopped a session" not in screen
        assert "open wound" in screen


def test_a_day_blocked_after_a_stop_is_named_in_the_journal_history() -> None:
    cells = blocked_cells(NOW.date(), ("after-stop", "wound"))
    assert str(cells[-1]) == "blocked: After today's stop, Wound, sore or blister"


async def test_another_routines_yes_is_drawn_with_its_words_and_begin_is_refused(
    tmp_path: Path,
) -> None:
    paths = folder(tmp_path)
    services = services_at(paths, Moment())
    answer_every_no(services, "knees")
    knee_yes(services)
    paths.config_file.write_text('routine = "backs"\n', encoding="utf-8")
    app = make_app(paths, now=NOW + timedelta(hours=2))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        assert isinstance(app.screen, ScreeningScreen)
        assert flat(KNEE_QUESTION) in flat("\n".join(with_screens_below(app)))
        await pressed(pilot, *["n"] * 6, "y", "b")  # the five of today, the back, the reminders
        assert not isinstance(app.screen, SessionScreen)
        assert flat(KNEE_QUESTION).rstrip("?") in flat("\n".join(with_screens_below(app)))


async def test_a_stop_from_another_terminal_while_the_questions_are_open_is_drawn(
    tmp_path: Path,
) -> None:
    paths = cleared_paths(tmp_path)
    app = make_app(paths, now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", "n", "n", "n", "n", "n", "y")
        # meanwhile, a session in another terminal is stopped because it hurt
        SafetyStore(paths).append([SessionStop(StopCause.PAIN, NOW, "elsewhere", NOW)])
        await pressed(pilot, "b")  # refused: the day has a new question, now drawn
        assert isinstance(app.screen, ScreeningScreen)
        await pressed(pilot, "b")  # refused again, and the highlight goes to it
        assert getattr(app.focused, "item", None) == AFTER_STOP_ITEM
        assert flat(AFTER_STOP_ITEM.question) in flat("\n".join(with_screens_below(app)))
        await pressed(pilot, "n", "b")
        assert isinstance(app.screen, SessionScreen)
