"""Issue 20: where each step works, as a picture of the foot (domain/feet) and in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcare.domain import feet
from footcare.domain.feet.shapes import View, part, row_parts
from footcare.domain.problems import ValidationError
from footcare.domain.routine import (
    AREAS,
    MOTIONS,
    TECHNIQUES,
    Step,
    parse_routine,
    routine_schema,
)
from footcare.storage.paths import Paths
from footcare.storage.routines import RoutineFileError, load_file
from footcare.storage.starter import write_starter
from shipped import routine_files

FILLS = set("░▒▓")
"""What the area worked is drawn with: a pattern, so it reads without colour."""
MARKS = set("↑↓←→↖↗↘↙↕↻↺")
OUTLINE_PAIRS = {("▘", "▝"), ("▖", "▗"), ("▌", "▐"), ("▛", "▜"), ("▙", "▟"), ("▚", "▞")}
"""Quadrant characters and their mirror images: the outline must be mirrored exactly."""
ARROW_PAIRS = {("↖", "↗"), ("↙", "↘"), ("←", "→"), ("↻", "↺")}
"""Direction marks: either way round is a fair mirror (a circle is a circle)."""
MEDIUM = (24, 12)
"""The room a picture has at 80×24."""


def bundled_steps() -> list[Step]:
    return [step for path in routine_files() for step in load_file(path).steps]


steps = st.builds(
    Step,
    name=st.just("A step"),
    technique=st.sampled_from(TECHNIQUES),
    duration=st.just(60),
    instructions=st.just("Gently."),
    area=st.sampled_from(("", *AREAS)),
    motion=st.sampled_from(("", *MOTIONS)),
    avoid=st.sampled_from(("", *AREAS)),
)
sides = st.sampled_from(("left", "right"))


def mirrored(a: str, b: str) -> bool:
    """Whether ``b`` is the mirror image of ``a``."""
    for pairs, exact in ((OUTLINE_PAIRS, True), (ARROW_PAIRS, False)):
        for one, other in pairs:
            if a in (one, other):
                image = other if a == one else one
                return b == image or (not exact and b == a)
    return a == b


# --- every picture, at every size --------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(steps, sides, st.integers(0, 90), st.integers(0, 45))
def test_a_picture_fits_its_room_whole_or_is_none(
    step: Step, side: feet.Side, width: int, height: int
) -> None:
    picture = feet.picture(step, side, width, height)
    if picture is None:
        return
    assert 0 < len(picture.rows) <= height
    widths = {len(row) for row in picture.rows}
    assert len(widths) == 1 and 0 < widths.pop() <= width  # every row as wide: nothing cut
    assert [len(r) for r in picture.roles] == [len(r) for r in picture.rows]
    cells = [
        (ch, role)
        for row, roles in zip(picture.rows, picture.roles, strict=True)
        for ch, role in zip(row, roles, strict=True)
    ]
    assert {role for _, role in cells} <= set(" wad")
    worked = [ch for ch, role in cells if role == "w"]
    assert worked and set(worked) <= FILLS  # the pattern carries it, not only a colour
    assert {ch for ch, role in cells if role == "d"} <= MARKS
    assert {ch for ch, role in cells if role == "a"} <= {"×"}
    assert not {ch for ch, role in cells if role == " "} & (FILLS | MARKS)


@settings(max_examples=200, deadline=None)
@given(steps, st.integers(0, 90), st.integers(0, 45))
def test_the_right_foot_is_the_mirror_of_the_left(step: Step, width: int, height: int) -> None:
    left = feet.picture(step, "left", width, height)
    right = feet.picture(step, "right", width, height)
    assert (left is None) == (right is None)
    if left is None or right is None:
        return
    assert right.roles == tuple(row[::-1] for row in left.roles)
    for left_row, right_row in zip(left.rows, right.rows, strict=True):
        assert all(mirrored(a, b) for a, b in zip(left_row[::-1], right_row, strict=True))
    assert left.rows != right.rows  # a foot is not symmetric: the big toe is on the inside


@settings(max_examples=200, deadline=None)
@given(steps, sides, st.integers(0, 90), st.integers(0, 45))
def test_more_room_never_gives_a_smaller_picture(
    step: Step, side: feet.Side, width: int, height: int
) -> None:
    small = feet.picture(step, side, width, height)
    large = feet.picture(step, side, width + 10, height + 5)
    if small is not None:
        assert large is not None
        assert len(large.rows) >= len(small.rows)


def test_a_step_that_moves_shows_which_way() -> None:
    for technique, (_area, motion) in feet.DEFAULTS.items():
        picture = feet.legend_picture(technique, *MEDIUM)
        assert picture is not None, technique
        has_marks = any("d" in row for row in picture.roles)
        assert has_marks == (motion != "none"), technique


def test_lotion_keeps_away_from_between_the_toes() -> None:
    picture = feet.legend_picture("prepare", *MEDIUM)
    assert picture is not None
    assert sum(row.count("a") for row in picture.roles) >= 2
    assert sum(row.count("×") for row in picture.rows) >= 2


@pytest.mark.parametrize("side", ["left", "right"])
def test_every_bundled_step_has_a_picture_at_80x24(side: feet.Side) -> None:
    found = bundled_steps()
    assert found
    for step in found:
        assert feet.picture(step, side, *MEDIUM) is not None, step.name
        assert feet.describe(step, side).startswith(f"{side.capitalize()} foot"), step.name


def test_three_sizes_at_least() -> None:
    step = Step("Upward strokes", "upward-strokes", 60, "Up.")
    sizes = {
        room: feet.picture(step, "left", *room) for room in ((12, 7), MEDIUM, (40, 20), (80, 40))
    }
    heights = [len(p.rows) if p else 0 for p in sizes.values()]
    assert heights[0] > 0
    assert heights[0] < heights[1] < heights[2]
    assert heights[2] <= heights[3] <= 40


def test_a_step_without_an_area_has_no_picture_rather_than_a_wrong_one() -> None:
    other = Step("My own", "other", 60, "Whatever I do.")
    assert feet.picture(other, "left", 200, 100) is None
    assert feet.describe(other, "left") == ""
    assert feet.legend_picture("other", 200, 100) is None
    heel = Step("My own", "other", 60, "Rub the heel.", area="heel")
    assert feet.picture(heel, "left", *MEDIUM) is not None
    assert "the heel" in feet.describe(heel, "left")


def test_a_step_may_say_where_to_keep_away() -> None:
    tender = Step("Circles", "thumb-circles", 60, "Skip the arch.", avoid="arch")
    drawing = feet.picture(tender, "left", *MEDIUM)
    assert drawing is not None
    crossed = [r for r, roles in enumerate(drawing.roles) if "a" in roles]
    assert crossed and any("w" in roles for roles in drawing.roles)
    plain = feet.picture(Step("Circles", "thumb-circles", 60, "All over."), "left", *MEDIUM)
    assert plain is not None and not any("a" in roles for roles in plain.roles)
    # the arch is the middle of the sole: crossed out rows lie between worked ones
    worked = [r for r, roles in enumerate(drawing.roles) if "w" in roles]
    assert min(worked) < min(crossed) and max(crossed) < max(worked)
    assert feet.describe(tender, "left").endswith("; keep away from the arch.")


def test_no_room_gives_no_picture() -> None:
    step = Step("Warming strokes", "effleurage", 60, "Glide.")
    assert feet.picture(step, "left", 0, 0) is None
    assert feet.picture(step, "left", 200, 3) is None
    assert feet.picture(step, "left", 4, 100) is None


EXPECTED_WORDS = {
    "prepare": ("from above", "top of the foot", "between the toes"),
    "effleurage": ("whole foot", "toes towards the ankle"),
    "thumb-circles": ("sole", "circles"),
    "knuckle-rub": ("sole", "ball of the foot down to the heel"),
    "squeeze-knead": ("whole foot", "squeeze", "top", "below"),
    "toe-work": ("the toes", "each toe"),
    "upward-strokes": ("calf", "toes to the ankle, then on up the calf"),
    "finish": ("between the toes",),
}


@pytest.mark.parametrize("technique", sorted(EXPECTED_WORDS))
def test_each_technique_is_said_in_words(technique: str) -> None:
    words = feet.describe(Step("A step", technique, 60, "Gently."), "right")
    assert words.startswith("Right foot")
    for said in EXPECTED_WORDS[technique]:
        assert said in words


def test_every_technique_but_other_has_its_own_area() -> None:
    assert set(feet.DEFAULTS) == set(TECHNIQUES) - {"other"}
    assert set(feet.AREAS) == set(AREAS)
    assert set(feet.MOTIONS) == set(MOTIONS)


# --- the data: area and motion in a routine file -------------------------------------------


def routine_with(**step_keys: object) -> dict[str, object]:
    step = {"name": "Rub", "duration": 60, "instructions": "Gently.", **step_keys}
    return {"name": "Mine", "steps": [step]}


def test_a_step_may_name_its_area_and_motion() -> None:
    routine = parse_routine(routine_with(area="heel", motion="circles"), default_id="mine")
    assert (routine.steps[0].area, routine.steps[0].motion) == ("heel", "circles")
    plain = parse_routine(routine_with(), default_id="mine")
    assert (plain.steps[0].area, plain.steps[0].motion) == ("", "")


@pytest.mark.parametrize(
    ("key", "value"), [("area", "knee"), ("motion", "zigzag"), ("area", 3), ("avoid", "knee")]
)
def test_an_unknown_area_or_motion_is_refused_with_the_choices(key: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        parse_routine(routine_with(**{key: value}), default_id="mine", source="mine.toml")
    (problem,) = info.value.problems
    assert problem.path == f"steps[0].{key}"
    assert problem.message.startswith("must be one of")
    assert ("circles" if key == "motion" else "heel") in problem.message


def test_the_schema_lists_the_same_areas_and_motions() -> None:
    props = routine_schema()["properties"]["steps"]["items"]["properties"]
    assert props["area"]["enum"] == list(AREAS) == props["avoid"]["enum"]
    assert props["motion"]["enum"] == list(MOTIONS)


def test_an_unknown_area_in_a_file_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        'name = "Mine"\n\n[[steps]]\nname = "Rub"\nduration = 60\n'
        'instructions = "Gently."\narea = "knee"\n',
        encoding="utf-8",
    )
    with pytest.raises(RoutineFileError) as info:
        load_file(path)
    (message,) = info.value.messages
    assert message.startswith(f"{path}:7: steps[0].area: must be one of whole-foot")
    assert "knee" in message


def test_the_starter_routine_names_every_area_and_motion(tmp_path: Path) -> None:
    path = Path(write_starter(Paths(tmp_path / "config", tmp_path / "data"), "Mine"))
    text = path.read_text(encoding="utf-8")
    comments = " ".join(line.partition("#")[2] for line in text.splitlines())
    for name in (*AREAS, *MOTIONS):
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", comments), name
    routine = load_file(path)
    assert any(feet.picture(step, "left", *MEDIUM) for step in routine.steps if step.area)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(("top", "sole", "side")),
    st.floats(-0.1, 1.1),
    st.lists(st.floats(-0.1, 1.1), min_size=1, max_size=20),
)
def test_a_row_at_once_says_what_each_point_does(view: View, y: float, xs: list[float]) -> None:
    assert row_parts(view, y, xs) == [part(view, x, y) for x in xs]
