"""The technique on the session screen (issue 20): a picture of the foot beside each step,
and a countdown that grows with the room.

Everything here is read from the painted screen: a picture is on screen when every one of
its rows is painted, one under the other, between the header and the footer; the countdown
when its rows of digits are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from rich.style import Style
from textual.pilot import Pilot
from textual.renderables.digits import Digits as DigitsRenderable

from apphelpers import FakeClock, all_clear_keys, make_app, make_paths
from footcare.domain import feet
from footcare.ui.app import FootcareApp
from footcare.ui.screens.session import STOP_IF, SessionScreen, clock_text
from footcare.ui.widgets.countdown import big_lines
from footcare.ui.widgets.foot_picture import FootPicture, runs
from rendered import lines, normal, painted, words
from shipped import ROUTINES

SIZES = [(80, 24), (60, 20), (40, 15), (120, 40)]
BUNDLED = ROUTINES  # every bundled routine, from the routines folder
size_id = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


async def into_session(pilot: Pilot[Any]) -> SessionScreen:
    await pilot.press("c", *all_clear_keys(), "b")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def standard(folder: Path) -> tuple[FakeClock, FootcareApp]:
    """A footcare on the standard routine, its session clock moved by the test."""
    clock = FakeClock()
    return clock, make_app(make_paths(folder, routine="standard"), clock)


def find_block(rows: list[str], block: list[str]) -> tuple[int, int] | None:
    """Where ``block`` is painted whole (its rows one under the other, same column)."""
    for y in range(len(rows) - len(block) + 1):
        x = rows[y].find(block[0])
        while x >= 0:
            if all(rows[y + i][x : x + len(line)] == line for i, line in enumerate(block)):
                return y, x
            x = rows[y].find(block[0], x + 1)
    return None


def digit_rows(text: str, big: bool) -> list[str]:
    """The rows a countdown of ``text`` paints: Textual's Digits (bold), or the large font."""
    if big:
        return [line.rstrip() for line in big_lines(text)]
    console = Console(width=80, color_system=None)
    drawn = console.render_lines(DigitsRenderable(text, Style(bold=True)), pad=False)
    return ["".join(segment.text for segment in line).rstrip() for line in drawn]


def within_body(rows: list[str], found: tuple[int, int] | None, height: int) -> bool:
    """Painted whole below the header and above the footer."""
    return found is not None and found[0] >= 1 and found[0] + height <= len(rows) - 1


def check_screen(screen: SessionScreen, clock: FakeClock, size: tuple[int, int]) -> int:
    """Countdown, both feet's bars and the stop line whole on screen; the picture whole
    or not drawn at all. The countdown's height in rows."""
    app = screen.app
    rows = painted(app)
    shown = "\n".join(rows)
    said = words(lines(app))
    assert normal(STOP_IF) in said, shown
    for foot in screen.session.routine.feet:
        label = foot.capitalize()
        assert re.search(rf"^ ?{label}( foot)? +[█░]+ +\d+%", shown, re.M), f"{label}\n{shown}"
    left = clock_text(screen.session.segment_left(clock()))
    if size[1] < 20:  # a short screen says the time in words, on its top line
        assert f"{left} left" in said, shown
        countdown = 1
    else:
        big = size[0] >= 100 and size[1] >= 30
        block = digit_rows(left, big)
        assert within_body(rows, find_block(rows, block), len(block)), f"{left}\n{shown}"
        countdown = len(block)
    picture = screen.query_one(FootPicture)
    drawing = picture.drawing
    if drawing is not None and picture.display:
        block = [row.rstrip() for row in drawing.rows]
        place = find_block(rows, block)
        assert within_body(rows, place, len(block)), f"picture cut at {size}\n{shown}"
    return countdown


async def walk(pilot: Pilot[Any], clock: FakeClock, size: tuple[int, int]) -> list[int]:
    """Every segment of the session in turn, checked; each step's picture height (0: none)."""
    screen = await into_session(pilot)
    heights: list[int] = []
    while isinstance(pilot.app.screen, SessionScreen):
        check_screen(screen, clock, size)
        drawing = screen.query_one(FootPicture).drawing
        if screen.session.current_step is not None:
            heights.append(len(drawing.rows) if drawing else 0)
        await pilot.press("n")
        await pilot.pause()
        assert len(heights) < 50
    return heights


@pytest.mark.parametrize("routine", BUNDLED)
@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_every_step_keeps_countdown_bars_stop_line_and_picture_whole(
    tmp_path: Path, routine: str, size: tuple[int, int]
) -> None:
    clock = FakeClock()
    app = make_app(make_paths(tmp_path, routine=routine), clock)
    async with app.run_test(size=size) as pilot:
        heights = await walk(pilot, clock, size)
    if size[0] >= 80:  # room for a picture at every step that has one
        assert all(heights), heights


async def test_a_pause_banner_pushes_nothing_off_screen(tmp_path: Path) -> None:
    for size in SIZES:
        clock, app = standard(tmp_path / size_id(size))
        async with app.run_test(size=size) as pilot:
            screen = await into_session(pilot)
            await pilot.press(*["n"] * 3)  # the thumb circles: the longest words of the routine
            await pilot.press("space")
            await pilot.pause()
            said = words(lines(app))
            assert "PAUSED — space to carry on" in said, said
            check_screen(screen, clock, size)


async def test_the_picture_grows_with_the_screen(tmp_path: Path) -> None:
    """At 120×40 every step's picture is taller than at 80×24; at 80×24 each has one."""
    found = {}
    for size in [(80, 24), (120, 40)]:
        clock, app = standard(tmp_path / size_id(size))
        async with app.run_test(size=size) as pilot:
            found[size] = await walk(pilot, clock, size)
    small, large = found[(80, 24)], found[(120, 40)]
    assert all(small), small
    assert all(b > a for a, b in zip(small, large, strict=True)), (small, large)


async def test_the_countdown_grows_and_shrinks_with_a_resize(tmp_path: Path) -> None:
    clock, app = standard(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot)
        for size in [(120, 40), (60, 20), (100, 30), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert check_screen(screen, clock, size) == (7 if size[0] >= 100 else 3)


async def test_the_picture_is_not_drawn_again_as_the_clock_ticks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renders = [0]
    render = FootPicture.render

    def counted(self: FootPicture) -> Any:
        renders[0] += 1
        return render(self)

    monkeypatch.setattr(FootPicture, "render", counted)
    clock, app = standard(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot)
        await pilot.press("n", "n")  # the warming strokes: 150 s
        await pilot.pause()
        assert renders[0] > 0  # drawn for the step
        before, shown = renders[0], words(lines(app))
        for _ in range(30):
            clock.advance(1)
            screen.tick()
            await pilot.pause()
        assert words(lines(app)) != shown  # the countdown and the bars did move
        assert renders[0] == before
        await pilot.press("n")  # a new step: drawn again
        await pilot.pause()
        assert renders[0] > before


async def test_a_step_without_an_area_shows_no_picture(tmp_path: Path) -> None:
    paths = make_paths(tmp_path, routine="quick")
    routine = paths.config / "routines" / "quick.toml"
    routine.write_text(
        routine.read_text(encoding="utf-8").replace('"effleurage"', '"other"'), encoding="utf-8"
    )
    clock = FakeClock()
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.current_step is not None
        assert screen.session.current_step.technique == "other"
        assert screen.query_one(FootPicture).drawing is None
        assert painted(app) == lines(app)  # nothing drawn


async def test_help_during_a_session_shows_the_techniques_as_a_legend(tmp_path: Path) -> None:
    _, app = standard(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot)
        steps = screen.session.routine.steps
        await pilot.press("f1")
        await pilot.pause()
        legend = list(app.screen.query(FootPicture))
        techniques = list(dict.fromkeys(step.technique for step in steps))
        expected = [t for t in techniques if feet.legend_picture(t, 20, 8) is not None]
        assert len(expected) >= 6
        assert len(legend) == len(expected)
        # each is painted whole as it is scrolled into view, beside its step's name
        for picture, step_name in zip(
            legend, [next(s.name for s in steps if s.technique == t) for t in expected], strict=True
        ):
            picture.scroll_visible(animate=False, top=True)
            await pilot.pause()
            rows = painted(app)
            assert picture.drawing is not None
            block = [row.rstrip() for row in picture.drawing.rows]
            assert find_block(rows, block) is not None, "\n".join(rows)
            assert normal(step_name) in words(lines(app))


# what a person sees: each technique's picture, left and right, at each size -----------

TECHNIQUES = [
    "prepare",
    "effleurage",
    "thumb-circles",
    "knuckle-rub",
    "squeeze-knead",
    "toe-work",
    "upward-strokes",
    "finish",
]
"""The standard routine's steps, in order: every bundled technique once."""


def at_step(clock: FakeClock, technique: str, side: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await into_session(pilot)
        steps = [step.technique for step in screen.session.routine.steps]
        assert steps == TECHNIQUES
        presses = steps.index(technique) + 1 + (len(steps) + 1 if side == "right" else 0)
        await pilot.press(*["n"] * presses)
        clock.advance(5)
        screen.tick()
        await pilot.pause()
        step = screen.session.current_step
        assert step is not None and step.technique == technique
        assert screen.session.current.foot == side

    return run_before


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("technique", TECHNIQUES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)], ids=size_id)
def test_snapshot_technique(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int], technique: str, side: str
) -> None:
    clock, app = standard(tmp_path)
    assert snap_compare(app, run_before=at_step(clock, technique, side), terminal_size=size)


@pytest.mark.parametrize("technique", ["effleurage", "thumb-circles"])
def test_snapshot_technique_40x15(snap_compare: Any, tmp_path: Path, technique: str) -> None:
    """At 40×15 the words come first: the picture gives way, nothing is cut."""
    clock, app = standard(tmp_path)
    assert snap_compare(app, run_before=at_step(clock, technique, "left"), terminal_size=(40, 15))


def test_snapshot_help_legend(snap_compare: Any, tmp_path: Path) -> None:
    _, app = standard(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_session(pilot)
        await pilot.press("f1")
        await pilot.pause()
        legend = app.screen.query(FootPicture).first()
        legend.scroll_visible(animate=False, top=True)
        await pilot.pause()

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


# the styles: meaning never by colour alone ---------------------------------------------


def test_runs_join_cells_of_one_style_and_keep_away_stays_apart() -> None:
    worked, away, plain = Style(bold=True, color="blue"), Style(reverse=True), Style()
    styles = {"w": worked, "d": worked, "a": away}
    found = runs("█░↑░ █××  █", "wwdw  aa  w", styles, plain)
    assert found == [
        ("█░↑░ ", worked),  # worked and direction share a style; the blank joins them
        ("█", plain),
        ("××", away),
        ("  ", plain),  # a blank never takes on the reversed look
        ("█", worked),
    ]


async def test_keep_away_is_reversed_and_direction_bold_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NO_COLOR the places to keep away from are drawn reversed and the direction
    marks bold: told apart without any colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    _, app = standard(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await into_session(pilot)
        await pilot.press("n")  # look, then lotion: keep away from between the toes
        await pilot.pause()
        picture = screen.query_one(FootPicture)
        drawing = picture.drawing
        assert drawing is not None and any("a" in row for row in drawing.roles)
        rendered = picture.render()
        cells = [
            (span.style, rendered.plain[span.start : span.end])
            for span in rendered.spans
            if isinstance(span.style, Style)
        ]
        away = picture.get_component_rich_style("foot-picture--away", partial=True)
        direction = picture.get_component_rich_style("foot-picture--direction", partial=True)
        assert away.reverse and direction.bold
        assert any(style.reverse for style, _ in cells)
