"""The start screen says how today stands, read from the rendered screen, and agrees with
`footcare status` (the same use-case): not yet, done with its time, blocked and why, a
warning sign open and what to do."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, cleared_paths, make_app, make_paths, pressed
from footcare.domain.journal import Entry, SessionFacts
from footcare.domain.safety import BlockAnswer
from footcare.domain.screening import Tier, all_items
from footcare.services.build import read_footcare
from footcare.services.status import short_line, status, status_lines
from footcare.services.today import today
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from rendered import normal, screen_words

SIZES = [(80, 24), (60, 20), (40, 15)]
LABELS = {item.id: item.label for item in all_items()}


def session_at(paths: Paths, at: datetime) -> None:
    facts = SessionFacts("quick", ("left", "right"), 10.0)
    JournalStore(paths).add(Entry(f"s{at:%H%M}", at, session=facts))


async def start_words(paths: Paths, size: tuple[int, int]) -> tuple[str, list[str]]:
    """What the start screen says, and what `footcare status` says, for the same folders."""
    app = make_app(paths)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = screen_words(app)
        cli = status_lines(status(app.services))
    return shown, cli


def said(cli: list[str], start: str) -> bool:
    return any(line.startswith(start) for line in cli)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_first_run_says_not_yet_and_the_go_aheads_to_answer(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    shown, cli = await start_words(make_paths(tmp_path), size)
    every = sum(1 for i in all_items() if i.tier is not Tier.REMIND) + 1  # the reminders: one
    assert f"{every} to do in the safety questions (c)." in shown  # as the safety questions say
    assert "Today's session: not yet." in shown and "Today's session: not yet." in cli


async def test_a_day_with_a_session_says_done_and_when(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    session_at(paths, NOW.replace(hour=7, minute=5))
    session_at(paths, NOW.replace(hour=8, minute=40))
    session_at(paths, NOW - timedelta(days=1))  # yesterday's is not today's
    shown, cli = await start_words(paths, (80, 24))
    assert "Today's session: done at 08:40." in shown and "Today's session: done at 08:40." in cli
    assert "No massage" not in shown


async def test_yesterdays_session_is_not_today(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    session_at(paths, NOW - timedelta(days=1))
    shown, cli = await start_words(paths, (80, 24))
    assert "Today's session: not yet." in shown and "Today's session: not yet." in cli
    today = sum(1 for i in all_items() if i.tier is Tier.BLOCK) + 1  # and the reminders: one
    assert f"{today} to do in the safety questions (c)." in shown


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_yes_today_says_no_massage_today_and_why(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    paths = cleared_paths(tmp_path)
    SafetyStore(paths).append([BlockAnswer("wound", NOW.date(), True, NOW - timedelta(hours=1))])
    shown, cli = await start_words(paths, size)
    held = f'No massage today: you answered yes to "{LABELS["wound"]}".'
    assert held in shown and held in cli
    assert "contact" in shown.lower()
    assert "to do" not in shown and not said(cli, "No session today until")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_an_open_warning_sign_says_what_to_do(tmp_path: Path, size: tuple[int, int]) -> None:
    paths = cleared_paths(tmp_path)
    JournalStore(paths).add(Entry("w1", NOW - timedelta(hours=2), findings={"wound": "left"}))
    shown, cli = await start_words(paths, size)
    assert "No massage for now: a warning sign waits for a professional's check." in shown
    assert normal("It was noted on 2026-11-24: new wound, blister or cut (left foot).") in shown
    assert normal("record that check in the safety questions (c).") in shown
    assert said(cli, "Warning signs waiting for a professional's check")


async def test_coming_back_from_a_yes_the_start_screen_says_so(tmp_path: Path) -> None:
    app: Any = make_app(cleared_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Today's session: not yet." in screen_words(app)
        await pressed(pilot, "c", "n", "y")  # signs of infection today
        await pressed(pilot, "a", "escape")  # back to the questions, back to the start
        await pilot.pause()
        shown = screen_words(app)
        assert f'No massage today: you answered yes to "{LABELS["infection"]}".' in shown
        assert "Today's session: none." in shown  # not "not yet": none can come today


async def test_a_session_stopped_early_is_not_called_done(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    stopped = SessionFacts("quick", ("left",), 0.4, stopped_early=True, stop_cause="pain")
    JournalStore(paths).add(Entry("stopped", NOW.replace(hour=8, minute=40), session=stopped))
    shown, cli = await start_words(paths, (80, 24))
    said_early = "Today's session: stopped early at 08:40."
    assert said_early in shown and said_early in cli
    assert "done" not in shown and not any("done" in line for line in cli)


# One session of today: (minutes after midnight, stopped early, deleted).
TODAYS = st.tuples(st.integers(0, 24 * 60 - 1), st.booleans(), st.booleans())


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=st.lists(TODAYS, max_size=4), before=st.booleans())
def test_todays_session_is_said_alike_by_the_start_screen_status_and_the_prompt(
    tmp_path_factory: pytest.TempPathFactory,
    sessions: list[tuple[int, bool, bool]],
    before: bool,
) -> None:
    """Whatever today's sessions were (finished, stopped early, deleted, in any order, with
    one yesterday or not), the start screen, `footcare status` and the short line all say
    how the day went: done, at the last one still in the journal done to the end (one
    stopped early after it does not undo the day); else stopped early, at the last one."""
    paths = make_paths(tmp_path_factory.mktemp("today"))
    store = JournalStore(paths)
    midnight = NOW.replace(hour=0, minute=0)
    if before:
        session_at(paths, NOW - timedelta(days=1))
    for n, (minute, stopped, deleted) in enumerate(sessions):
        facts = SessionFacts("quick", ("left",), 2.0, stopped_early=stopped)
        at = midnight + timedelta(minutes=minute, seconds=n)
        store.add(Entry(f"s{n}", at, session=facts, deleted=deleted))
    kept = [
        (midnight + timedelta(minutes=m, seconds=n), s)
        for n, (m, s, d) in enumerate(sessions)
        if not d
    ]
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    report = status(uses)
    said_by_status = [line for line in status_lines(report) if line.startswith("Today's session")]
    said_at_start = [line for line in today(uses).lines() if line.startswith("Today's session")]
    whole = [k for k in kept if not k[1]]
    if kept:
        at, stopped = max(whole or kept)
        word = "stopped early" if stopped else "done"
        expected = f"Today's session: {word} at {at:%H:%M}."
        assert f"today {word} ·" in short_line(report) + " ·"
    else:
        expected = "Today's session: not yet."
        assert "today not yet" in short_line(report)
    assert said_by_status == said_at_start == [expected]
    assert report.as_json()["session_today_stopped_early"] == bool(kept and not whole)
