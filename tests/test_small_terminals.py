"""Small and plain terminals: 60×20, resizing mid-session, TERM=xterm/linux, NO_COLOR.

Pilot tests check where the countdown and the step are on screen; snapshots keep the
60×20 layouts from regressing; pty runs check what a real terminal receives.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Digits, Static

from apphelpers import NOW, FakeClock, all_clear_keys, make_app, make_paths, record_all_clearances
from footcare.domain.screening import Clearance
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from footcare.ui.screens.session import LOOK_FIRST, STOP_IF, SessionScreen, clock_text
from ptyterm import app_env, begin_session, footcare_command, make_folders, running
from rendered import lines, normal, screen_words
from shipped import ROUTINES

SMALL = (60, 20)


async def into_session(pilot: Pilot[Any], seconds: float = 3) -> SessionScreen:
    app: Any = pilot.app
    routine = app.services.settings.routine(app.services.settings.config.routine)
    await pilot.press("c", *all_clear_keys(len(routine.precautions)), "b")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    app.services.clock.advance(seconds)
    screen.tick()
    await pilot.pause()
    return screen


def no_color_app(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> FootcareApp:
    """The standard routine with NO_COLOR set, in the terminal's own colours."""
    monkeypatch.setenv("NO_COLOR", "1")
    services = make_app(make_paths(tmp, routine="standard"), FakeClock()).services
    return FootcareApp(services, ansi_color=True)


def fully_visible(widget: Widget, screen_size: tuple[int, int]) -> None:
    """The widget is drawn whole, inside the screen and above the footer line."""
    width, height = screen_size
    region = widget.region
    name = widget.id or type(widget).__name__
    assert region.height == widget.outer_size.height, f"#{name} is cut: {region}"
    assert region.width > 0, f"#{name} has no width: {region}"
    assert Region(0, 1, width, height - 2).contains_region(region), f"#{name} off screen: {region}"


def check_session_visible(screen: SessionScreen, size: tuple[int, int]) -> None:
    countdown = screen.query_one("#countdown", Digits)
    title = screen.query_one("#step-title", Static)
    fully_visible(countdown, size)
    fully_visible(title, size)
    assert countdown.region.width >= 10  # m:ss in big digits, not squeezed
    assert "FOOT" in str(title.render())


@pytest.mark.parametrize("routine", ROUTINES)
async def test_every_step_at_60x20_shows_countdown_and_step(tmp_path: Path, routine: str) -> None:
    """Walk each bundled routine step by step, banners included, at 60×20."""
    app = make_app(make_paths(tmp_path, routine=routine), FakeClock())
    async with app.run_test(size=SMALL) as pilot:
        screen = await into_session(pilot, 1)
        seen = 0
        while isinstance(app.screen, SessionScreen):
            check_session_visible(screen, SMALL)  # the step's title says its foot
            seen += 1
            await pilot.press("n")
            await pilot.pause()
            assert seen < 50
        assert seen == 2 * (len(screen.session.routine.steps) + 1)


async def test_resizing_mid_session(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path, routine="standard"), FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot, 20)
        clock: Any = app.services.clock
        left = screen.session.segment_left(clock())
        for size in [SMALL, (40, 12), (20, 6), (120, 40), SMALL, (80, 24)]:
            await pilot.resize_terminal(*size)
            clock.advance(1)
            screen.tick()
            await pilot.pause()
            assert app.screen is screen, f"left the session at {size}"
            assert app.size == size
            if size[0] >= 60 and size[1] >= 20:
                check_session_visible(screen, size)
        # The clock went on through all of it, and the keys still work.
        assert screen.session.segment_left(clock()) == left - 6
        assert screen.query_one("#countdown", Digits).value == clock_text(left - 6)
        await pilot.press("space")
        assert screen.session.paused
        await pilot.press("n")
        await pilot.pause()
        assert "step 2 of" in str(screen.query_one("#step-title", Static).render())


async def test_no_color_at_60x20_shows_step_and_countdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = no_color_app(tmp_path, monkeypatch)
    async with app.run_test(size=SMALL) as pilot:
        screen = await into_session(pilot, 75)
        check_session_visible(screen, SMALL)
        left = screen.session.segment_left(app.services.clock())
        assert screen.query_one("#countdown", Digits).value == clock_text(left)


# snapshots -----------------------------------------------------------------------------


def test_snapshot_session_60x20(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path, routine="standard"), FakeClock())
    assert snap_compare(app, run_before=lambda pilot: into_session(pilot, 75), terminal_size=SMALL)


def test_snapshot_foot_change_60x20(snap_compare: Any, tmp_path: Path) -> None:
    """The longest moment: a two-line banner on top of the get-ready text."""
    app = make_app(make_paths(tmp_path, routine="standard"), FakeClock())

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await into_session(pilot, 1)
        steps = len(screen.session.routine.steps)
        await pilot.press(*["n"] * (steps + 1))
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=SMALL)


def test_snapshot_no_color_60x20(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = no_color_app(tmp_path, monkeypatch)
    assert snap_compare(app, run_before=lambda pilot: into_session(pilot, 75), terminal_size=SMALL)


# a real terminal ------------------------------------------------------------------------

SGR = re.compile(rb"\x1b\[([0-9;:]*)m")
SIXTEEN = {*range(30, 38), *range(40, 48), *range(90, 98), *range(100, 108)}


def colour_kinds(raw: bytes) -> set[str]:
    """Which colour systems the output used: "16", "256", "truecolor"."""
    kinds: set[str] = set()
    for params in SGR.findall(raw):
        codes = [int(c) if c.isdigit() else -1 for c in params.replace(b":", b";").split(b";")]
        i = 0
        while i < len(codes):
            if codes[i] in (38, 48, 58) and i + 1 < len(codes):
                kinds.add({2: "truecolor", 5: "256"}.get(codes[i + 1], "other"))
                i += 5 if codes[i + 1] == 2 else 3
                continue
            if codes[i] in SIXTEEN:
                kinds.add("16")
            i += 1
    return kinds


@pytest.mark.parametrize(
    ("env", "allowed"),
    [
        ({"TERM": "xterm"}, {"16"}),
        ({"TERM": "linux"}, {"16"}),
        ({"TERM": "xterm-256color", "NO_COLOR": "1"}, set()),
    ],
    ids=["xterm", "linux", "no-color"],
)
def test_plain_terminals_under_a_pty(
    tmp_path: Path, env: dict[str, str], allowed: set[str]
) -> None:
    """A real pty at 60×20: the session's step shows, and no colours beyond what TERM allows."""
    config, data = make_folders(tmp_path)
    with running(footcare_command(), app_env(config, data, **env), cols=60, rows=20) as term:
        begin_session(term)
        term.expect("LEFT FOOT — step 1 of 2: Warming strokes")
        term.expect("Glide lightly from the toes up to the ankle.")
        # Resize the real terminal (SIGWINCH) mid-session: it keeps going.
        term.resize(40, 12)
        term.expect("step 2 of 2")
        term.resize(80, 24)
        term.expect("RIGHT FOOT", timeout=20)
        assert term.proc.poll() is None
        raw = bytes(term.data)
        term.press("x")
        term.expect("What happened?")
    kinds = colour_kinds(raw)
    assert kinds <= allowed, f"colours {kinds} sent to a terminal that allows {allowed or 'none'}"


# every word of every step, at every size ---------------------------------------------

WORDED = ("#step-title", "#instructions", "#cue", "#stop-line")
"""What a step says: its title, its instructions, its pressure and direction, the stop line."""


async def read_whole_step(pilot: Pilot[Any], screen: SessionScreen) -> list[str]:
    """The screen's words now, and after each ↓ that scrolls the step further."""
    app: Any = pilot.app
    seen = [screen_words(app)]
    for _ in range(8):
        await pilot.press("down")
        await pilot.pause()
        now = screen_words(app)
        if now == seen[-1]:
            break
        seen.append(now)
    return seen


@pytest.mark.parametrize(
    ("routine", "size", "lighter"),
    [
        *[(routine, (40, 15), routine == "standard") for routine in ROUTINES],
        ("standard", (60, 20), True),
        ("standard", (80, 24), False),
    ],
    ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else str(v),
)
async def test_every_step_is_on_screen_whole_at_any_size(
    tmp_path: Path, routine: str, size: tuple[int, int], lighter: bool
) -> None:
    """Each step's words are drawn whole, or reached whole by scrolling with ↓; the stop
    line and q Quit are on screen at every step without scrolling."""
    paths = make_paths(tmp_path, routine=routine)
    if lighter:
        record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
        SafetyStore(paths).append([Clearance("blood-thinners", True, NOW.date(), NOW)])
    app = make_app(paths, FakeClock())
    async with app.run_test(size=size) as pilot:
        screen = await into_session(pilot, 1)
        steps = 0
        while isinstance(app.screen, SessionScreen):
            first = screen_words(app)
            assert normal(STOP_IF) in first, "\n".join(lines(app))
            assert "q Quit" in lines(app)[-1]
            seen = await read_whole_step(pilot, screen)
            for name in WORDED:
                said = normal(str(screen.query_one(name, Static).content))
                assert any(said in text for text in seen), f"{name} cut at {size}: {said}"
            if screen.session.current_step is None:
                assert normal(LOOK_FIRST) in " ".join(seen)
            steps += 1
            await pilot.press("n")
            await pilot.pause()
            assert steps < 50
        assert steps == 2 * (len(screen.session.routine.steps) + 1)
