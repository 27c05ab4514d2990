"""Lighter pressure is never contradicted: with blood thinners on record, no step screen,
plain line or spoken line asks for more than light pressure or for the knuckles, even when
a person's own routine says "Press deeply…" or "Knead the sole hard with your knuckles";
and `routines validate` warns about such words in any routine."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, answer_all_clear, cleared_paths, make_app, pressed
from cuehelpers import routine_of
from footcare.cli import run as cli
from footcare.domain.announce import segment_lines, spoken_segment
from footcare.domain.feet import AREAS, MOTIONS, area_and_motion, describe, picture
from footcare.domain.pressure import firm_warnings, lighten, lighten_step
from footcare.domain.routine import PRESSURES, TECHNIQUES, Step
from footcare.domain.screening import Clearance, Verdict
from footcare.domain.session import Session
from footcare.domain.wording import (
    KNUCKLE_TECHNIQUES,
    LIGHT_DIRECTION,
    LIGHT_WORDING,
    firm_words,
)
from footcare.storage.paths import Paths
from footcare.storage.routines import load_file
from footcare.storage.safety import SafetyStore
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.session import SessionScreen
from footcare.ui.widgets.step_text import step_lines
from plainscript import block_questions, run_plain, screen_words
from shipped import routine_files

FIRM = """
id = "firm"
name = "My own"
description = "A person's own routine that asks for more than light pressure."
feet = ["left", "right"]
get_ready_seconds = 2

[[steps]]
name = "Deep strokes"
technique = "effleurage"
duration = 30
instructions = "Press deeply into the sole with your palms, from the toes to the heel."
pressure = "comfortable"
direction = "toes to ankle"

[[steps]]
name = "Kneading"
technique = "squeeze-knead"
duration = 30
instructions = "Knead the sole hard with your knuckles. Comfortable, never painful."
pressure = "comfortable"

[[steps]]
name = "Toe work"
technique = "toe-work"
duration = 30
instructions = "Turn each toe slowly. Don't pull hard."
pressure = "gentle"
"""
ASKING_MORE = ("press deeply", "hard with your knuckles", "deep strokes")


def thinners_paths(tmp_path: Path, routine: str) -> Paths:
    """Folders with blood thinners on record and `routine` chosen (its own file if firm)."""
    paths = cleared_paths(tmp_path, routine=routine)
    if routine == "firm":
        (paths.config / "routines" / "firm.toml").write_text(FIRM, encoding="utf-8")
    SafetyStore(paths).append([Clearance("blood-thinners", True, NOW.date() - timedelta(days=30))])
    return paths


async def step_screens(paths: Paths) -> list[tuple[bool, str]]:
    """Each screen of a whole session in the app at 80×24, stepped through with n: whether
    it is a step's, and its words."""
    app = make_app(paths, FakeClock())
    shown: list[tuple[bool, str]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await answer_all_clear(pilot)
        await pressed(pilot, "b")
        assert isinstance(app.screen, SessionScreen) and app.screen.runner.lighter
        while isinstance(app.screen, SessionScreen):
            shown.append((app.screen.session.current.is_step, screen_words(app)))
            await pressed(pilot, "n")
        assert isinstance(app.screen, EndScreen)
    return shown


def assert_light(text: str, where: str) -> None:
    assert firm_words(text) == [], f"{where} asks for more than light pressure: {text}"
    for words in ASKING_MORE:
        assert words not in text.lower(), f"{where}: {text}"


async def test_no_step_screen_asks_for_more_than_light_pressure(tmp_path: Path) -> None:
    steps = [
        words for is_step, words in await step_screens(thinners_paths(tmp_path, "firm")) if is_step
    ]
    for index, words in enumerate(steps):
        assert "Light pressure for you" in words or "light at most" in words.lower()
        assert_light(words, f"the screen of step {index}")
    assert len(steps) == 6  # three steps on each foot


def test_no_plain_or_spoken_line_asks_for_more_than_light_pressure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = thinners_paths(tmp_path, "firm")
    script = ["", "", "", "", *["n"] * block_questions(), "", *["n"] * 8, "", "", "", "", ""]
    run = run_plain(paths, monkeypatch, script, routine="firm")
    assert "Beginning." in run.text, run.text
    assert_light(run.text.split("Beginning.")[1].split("How do your feet feel now?")[0], "plain")
    steps = [line for line in run.spoken if " foot, step " in line]
    assert len(steps) == 6
    for line in steps:
        assert_light(line, "speech")


# --- any step: hypothesis -------------------------------------------------------------------
FIRM_SENTENCES = [
    "Press deeply into the sole.",
    "Knead the sole hard with your knuckles.",
    "Rub firmly with a fist.",
    "Work strongly along the arch.",
    "Dig your thumbs in.",
]
OTHER_SENTENCES = [
    "Glide over the top of the foot.",
    "Don't pull hard.",
    "Comfortable, never painful.",
    "Stroke towards the heart.",
]


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.sampled_from(FIRM_SENTENCES + OTHER_SENTENCES), min_size=1, max_size=5),
    name=st.sampled_from(["Deep work", "Warming strokes", "Hard kneading", "Toe work"]),
    technique=st.sampled_from(TECHNIQUES),
    pressure=st.sampled_from(PRESSURES),
    direction=st.sampled_from(
        ["", "toes to ankle", "press hard towards the heel", "heel to toes, knuckles flat"]
    ),
)
def test_a_lightened_step_never_asks_for_more_whatever_its_words(
    parts: list[str], name: str, technique: str, pressure: str, direction: str
) -> None:
    step = Step(name, technique, 60, " ".join(parts), pressure, direction)
    light = lighten_step(step)
    for key in ("name", "instructions", "direction"):
        assert firm_words(getattr(light, key)) == [], (key, light)
    assert PRESSURES.index(light.pressure) <= PRESSURES.index("light")
    assert light.duration == step.duration
    asks = any(firm_words(t, technique) for t in (name, step.instructions))
    if not asks and technique != "knuckle-rub":
        assert light.instructions == step.instructions  # nothing to change: kept
    routine = lighten(routine_of(step, feet=("left",)))
    session = Session.start(routine, Verdict((), ()), 0.0, "2026-11-24")
    session.index = 1
    assert firm_words(" ".join(spoken_segment(session, lighter=True))) == []


LIGHT = {technique: instructions for technique, (_, instructions) in LIGHT_WORDING.items()}


@pytest.mark.parametrize(
    ("step", "shown"),
    [
        (
            Step("Deep strokes", "effleurage", 30, "Press deeply into the sole.", "comfortable"),
            Step("Light strokes", "effleurage", 30, LIGHT["effleurage"], "light"),
        ),
        (
            Step("Circles", "thumb-circles", 40, "Dig your thumbs in.", "gentle", "heel to toes"),
            Step(
                "Light thumb circles (in place of circles)",
                "thumb-circles",
                40,
                LIGHT["thumb-circles"],
                "light",
                "heel to toes",
            ),
        ),
        (
            Step("Knuckle rub", "knuckle-rub", 60, "Rub the sole.", "comfortable"),
            Step(
                "Light strokes (in place of knuckle rub)",
                "effleurage",
                60,
                LIGHT["knuckle-rub"],
                "light",
                "toes to ankle",
            ),
        ),
        (
            Step(
                "Rub", "knuckle-rub", 60, "Rub the sole.", "gentle", "heel to toes, knuckles flat"
            ),
            Step(
                "Light strokes (in place of rub)",
                "effleurage",
                60,
                LIGHT["knuckle-rub"],
                "light",
                "toes to ankle",
            ),
        ),
    ],
    ids=["firm-words", "own-technique-and-direction-kept", "knuckles", "knuckles-in-direction"],
)
def test_a_step_asking_for_more_becomes_its_own_techniques_light_wording(
    step: Step, shown: Step
) -> None:
    assert lighten_step(step) == shown


# --- routines validate --------------------------------------------------------------------
def test_validate_names_each_step_asking_for_more_with_its_words_but_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "firm.toml"
    path.write_text(FIRM, encoding="utf-8")
    instead = (
        "for someone who needs lighter pressure footcare shows and says this step in its "
        "light wording instead"
    )
    assert firm_warnings(load_file(path)) == [
        f'steps[0].name asks for more than light pressure ("deep"): {instead}',
        f'steps[0].instructions asks for more than light pressure ("deeply"): {instead}',
        f'steps[1].instructions asks for more than light pressure ("hard", "knuckles"): {instead}',
    ]
    assert cli(["routines", "validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}: ok (My own)" in out and "warning" in out
    assert "steps[0].instructions asks for more than light pressure" in out
    assert '"deeply"' in out and '"hard", "knuckles"' in out
    assert "steps[2]" not in out  # "Don't pull hard" turns it down


def test_the_bundled_routines_validate_without_a_pressure_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundled = routine_files()
    assert len(bundled) >= 3
    for path in bundled:
        assert firm_warnings(load_file(path)) == []
    assert cli(["routines", "validate", *map(str, bundled)]) == 0
    assert "light pressure" not in capsys.readouterr().out


def test_firm_words_are_found_and_refusals_are_not() -> None:
    assert firm_words("Press deeply.") == ["deeply"]
    assert firm_words("Knead the sole hard with your knuckles.") == ["hard", "knuckles"]
    assert firm_words("Don't pull hard.") == []
    assert firm_words("Never press hard; glide.") == []
    assert firm_words("Light strokes (in place of knuckle rub)") == []
    assert firm_words("Rub softly with your knuckles.", "knuckle-rub") == []
    assert set(LIGHT_WORDING) == set(TECHNIQUES)  # every light wording is light
    for name, instructions in LIGHT_WORDING.values():
        assert firm_words(name) == [] and firm_words(instructions) == []


# --- a lightened knuckle step goes one way: toes to ankle -----------------------------------
PLACES = ["the ball of the foot", "the heel", "the toes", "the ankle", "the arch", "the calf"]
DIRECTIONS = st.one_of(
    st.sampled_from(
        ["", "ball of the foot to the heel", "heel to toes, knuckles flat", LIGHT_DIRECTION]
    ),
    st.builds(lambda a, b: f"{a} to {b}", st.sampled_from(PLACES), st.sampled_from(PLACES)),
)
LIGHT_MOTION = "toes-to-ankle"
"""The light stroke's own movement: the picture's arrows and the words of "Where:"."""


def directions_in(text: str) -> list[str]:
    """Every direction ``text`` gives ("Direction: …", up to its full stop or "·")."""
    return [d.strip() for d in re.findall(r"Direction: ([^.·]*)", text)]


def assert_goes_toes_to_ankle(light: Step) -> None:
    """The step's direction, its words on the screen and in --plain, its spoken lines and
    its picture all go the light stroke's one way."""
    assert light.direction == LIGHT_DIRECTION, light
    assert (light.area, light.motion) == ("", ""), light  # none of the knuckle rub's own
    assert MOTIONS[LIGHT_MOTION].endswith(LIGHT_DIRECTION.replace(" to ", " towards the "))
    found = area_and_motion(light)
    assert found is not None and found[1] == LIGHT_MOTION, (found, light)
    session = Session.start(routine_of(light, feet=("left",)), Verdict((), ()), 0.0, "2026-11-24")
    session.index = 1
    shown = step_lines(session, lighter=True)
    printed = " ".join(segment_lines(session, lighter=True))
    spoken = " ".join(spoken_segment(session, lighter=True))
    for client, text in (("the screen", shown.cue), ("--plain", printed), ("speech", spoken)):
        assert directions_in(text) == [LIGHT_DIRECTION], f"{client}: {text}"
    for side in ("left", "right"):
        assert f"; {MOTIONS[LIGHT_MOTION]}." in describe(light, side)
        assert f"Where: {describe(light, side)}" in printed or side == "right"
        drawn = picture(light, side, 40, 14)
        assert drawn is not None and "d" in "".join(drawn.roles)


@settings(max_examples=200, deadline=None)
@given(
    direction=DIRECTIONS,
    technique=st.sampled_from(TECHNIQUES),
    area=st.sampled_from(["", *AREAS]),
    motion=st.sampled_from(["", *MOTIONS]),
)
def test_a_lightened_knuckle_step_goes_toes_to_ankle_whatever_its_direction(
    direction: str, technique: str, area: str, motion: str
) -> None:
    step = Step("Rub", technique, 60, "Rub the sole softly.", "gentle", direction, area, motion)
    light = lighten_step(step)
    if technique in KNUCKLE_TECHNIQUES:
        assert_goes_toes_to_ankle(light)
    else:  # not a knuckle step: its own direction and picture are kept
        kept = LIGHT_DIRECTION if firm_words(direction) else direction
        assert (light.direction, light.area, light.motion) == (kept, area, motion)


@pytest.mark.parametrize("path", routine_files(), ids=lambda p: p.stem)
def test_each_bundled_knuckle_step_lightened_goes_toes_to_ankle(path: Path) -> None:
    routine = load_file(path)
    for own, light in zip(routine.steps, lighten(routine).steps, strict=True):
        if own.technique in KNUCKLE_TECHNIQUES:
            assert_goes_toes_to_ankle(light)
        else:
            assert (light.direction, light.area, light.motion) == (
                own.direction,
                own.area,
                own.motion,
            )


async def test_the_standard_routines_lightened_knuckle_step_shows_one_direction(
    tmp_path: Path,
) -> None:
    """Driven as it was found: the standard routine at 80×24 with blood thinners on record,
    the screen read at each step."""
    seen = 0
    for _, words in await step_screens(thinners_paths(tmp_path, "standard")):
        if re.search(r"FOOT — step \d+ of \d+: [^:]*\(in place of knuckle rub\)", words):
            assert directions_in(words) == [LIGHT_DIRECTION], words
            seen += 1
    assert seen == 2  # one knuckle step on each foot


@pytest.mark.parametrize("technique", [t for t in TECHNIQUES if t not in KNUCKLE_TECHNIQUES])
def test_a_step_that_is_not_knuckle_work_keeps_its_picture_when_its_words_are_lightened(
    technique: str,
) -> None:
    """Its words asked for more, so they become its technique's light wording; where it
    works and how it moves are its own still (only knuckle work becomes a light stroke)."""
    area, motion = sorted(AREAS)[0], sorted(MOTIONS)[0]
    step = Step("Press", technique, 60, "Press deeply into the sole.", "firm", "", area, motion)
    light = lighten_step(step)
    assert light.instructions != step.instructions  # lightened, not left alone
    assert (light.technique, light.area, light.motion) == (technique, area, motion)
