"""Routine parsing: bundled files, every problem at once, warnings vs errors, the schema."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcare.domain.problems import ValidationError
from footcare.domain.routine import (
    MAX_DURATION_SECONDS,
    PRESSURES,
    ROUTINE_KEYS,
    STEP_KEYS,
    TECHNIQUES,
    parse_routine,
    routine_schema,
)
from footcare.domain.screening import CORE_ITEMS, Tier, core_ids
from footcare.storage.paths import bundled
from footcare.storage.routines import load_file
from shipped import ROUTINES, routine_files

BUNDLED = bundled("routines")


def step(duration: Any = 60, **extra: Any) -> dict[str, Any]:
    return {"name": "Stroke", "duration": duration, "instructions": "Gently.", **extra}


def routine_data(*durations: Any, **extra: Any) -> dict[str, Any]:
    return {"name": "Mine", "steps": [step(d) for d in durations], **extra}


def precaution(item_id: Any, **extra: Any) -> dict[str, Any]:
    return {"id": item_id, "tier": "remind", "question": "q?", "advice": "a", **extra}


def problems_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        parse_routine(data, default_id="mine", source="mine.toml")
    return {p.path: p.message for p in info.value.problems}


# --- bundled routines ---------------------------------------------------------------------


def said_minutes(description: str) -> float:
    """The minutes of massage per foot a routine's description tells the person."""
    found = re.search(r"(\d+)( and a half)? minutes of massage per foot", description)
    assert found, f"the description does not say its length: {description!r}"
    return int(found[1]) + (0.5 if found[2] else 0)


@pytest.mark.parametrize("path", routine_files(), ids=lambda p: p.stem)
def test_bundled_routine_loads_with_the_length_it_says_and_no_warning(path: Path) -> None:
    routine = load_file(path)
    assert routine.id == path.stem  # each file is named by its routine's id
    assert routine.feet == ("left", "right")
    assert routine.minutes_per_foot == pytest.approx(said_minutes(routine.description))
    assert 10 <= routine.minutes_per_foot <= 15
    assert routine.total_seconds == routine.seconds_per_foot * 2
    assert routine.warnings() == []
    assert all(s.instructions.strip() for s in routine.steps)


def test_routines_are_bundled() -> None:
    assert len(routine_files()) >= 3 and "standard" in ROUTINES  # the default is among them


def test_bundled_precaution_is_namespaced_and_not_core() -> None:
    gentle = load_file(BUNDLED / "gentle.toml")
    assert [i.id for i in gentle.precautions] == ["gentle:look-closely"]
    assert all(not i.core and i.tier is Tier.REMIND for i in gentle.precautions)


# --- problems -----------------------------------------------------------------------------


def test_every_problem_is_collected_at_once_with_key_paths() -> None:
    data = {
        "name": "",
        "feet": ["left", "middle", "left"],
        "get_ready_seconds": 500,
        "steps": [
            step(60),
            step(60, technique="karate"),
            step(-5),
            {"name": "No duration", "instructions": "x"},
            "not a table",
        ],
    }
    problems = problems_of(data)
    assert set(problems) == {
        "name",
        "feet[1]",
        "feet[2]",
        "get_ready_seconds",
        "steps[1].technique",
        "steps[2].duration",
        "steps[3].duration",
        "steps[4]",
    }
    assert "between 1 and" in problems["steps[2].duration"]
    assert "-5" in problems["steps[2].duration"]
    assert problems["steps[3].duration"] == "is required"
    assert "listed twice" in problems["feet[2]"]


def test_validation_error_text_names_the_source_and_each_path() -> None:
    with pytest.raises(ValidationError) as info:
        parse_routine(routine_data(60, -1, 0), default_id="x", source="mine.toml")
    text = str(info.value)
    assert "mine.toml: steps[1].duration:" in text
    assert "mine.toml: steps[2].duration:" in text
    assert len(info.value.problems) == 2


def test_unknown_key_says_did_you_mean_when_one_is_close() -> None:
    data = routine_data(60, descripton="typo", colour="blue")
    data["steps"][0]["duratoin"] = 60
    assert problems_of(data) == {
        "steps[0].duratoin": "unknown key (did you mean 'duration'?)",
        "descripton": "unknown key (did you mean 'description'?)",
        "colour": "unknown key",
    }


@pytest.mark.parametrize("bad", [0, -1, -600, 1.5, "60", True])
def test_non_positive_or_non_whole_duration_is_refused(bad: Any) -> None:
    problems = problems_of(routine_data(600, bad))
    assert list(problems) == ["steps[1].duration"]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_DURATION_SECONDS))
def test_any_positive_duration_up_to_the_cap_is_valid(seconds: int) -> None:
    routine = parse_routine(routine_data(seconds), default_id="x")
    assert routine.steps[0].duration == seconds
    assert routine.seconds_per_foot == seconds


def test_duration_above_the_per_step_cap_is_refused_with_the_limit() -> None:
    problems = problems_of(routine_data(MAX_DURATION_SECONDS + 1))
    assert str(MAX_DURATION_SECONDS) in problems["steps[0].duration"]


@pytest.mark.parametrize(
    ("seconds_per_foot", "warned"),
    [(599, True), (600, False), (750, False), (900, False), (901, True), (60, True), (3600, True)],
)
def test_per_foot_total_outside_10_to_15_minutes_is_a_warning_not_an_error(
    seconds_per_foot: int, warned: bool
) -> None:
    routine = parse_routine(routine_data(seconds_per_foot), default_id="x")
    warnings = routine.warnings()
    assert bool(warnings) is warned
    if warned:
        assert "outside the suggested 10–15 minutes" in warnings[0]


def test_defaults_id_feet_get_ready_pressure_technique() -> None:
    routine = parse_routine(routine_data(600), default_id="from-file-name")
    assert routine.id == "from-file-name"
    assert routine.feet == ("left", "right")
    assert routine.get_ready_seconds == 10
    assert routine.steps[0].pressure == "gentle"
    assert routine.steps[0].technique == "other"


def test_one_foot_routine_counts_once() -> None:
    routine = parse_routine(routine_data(600, feet=["right"]), default_id="x")
    assert routine.feet == ("right",)
    assert routine.total_seconds == 600


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"name": "x"}, "steps"),
        ({"name": "x", "steps": []}, "steps"),
        ({"name": "x", "steps": {"a": 1}}, "steps"),
        ({"steps": [step()]}, "name"),
        ({"name": 3, "steps": [step()]}, "name"),
        ({"name": "x", "steps": [step()], "feet": []}, "feet"),
        ({"name": "x", "steps": [step()], "feet": "left"}, "feet"),
        ({"name": "x", "steps": [step(pressure="hard")]}, "steps[0].pressure"),
        ({"name": "x", "steps": [step(instructions="  ")]}, "steps[0].instructions"),
        ({"name": "x", "steps": [step()], "precautions": {"id": "a"}}, "precautions"),
    ],
)
def test_structural_problems_are_located(data: dict[str, Any], path: str) -> None:
    assert path in problems_of(data)


# --- precautions --------------------------------------------------------------------------


@pytest.mark.parametrize("core_id", sorted(core_ids()))
def test_routine_precaution_with_a_core_id_is_refused(core_id: str) -> None:
    problems = problems_of(routine_data(600, precautions=[precaution(core_id)]))
    assert "core precaution" in problems["precautions[0].id"]


def test_routine_precaution_is_added_with_its_tier() -> None:
    data = routine_data(600, id="knees", precautions=[precaution("knee", tier="block")])
    routine = parse_routine(data, default_id="x")
    (item,) = routine.precautions
    assert item.id == "knees:knee"
    assert item.tier is Tier.BLOCK
    assert item.core is False
    assert item.id not in core_ids()


def test_precaution_problems_are_collected() -> None:
    data = routine_data(600, precautions=[{"id": "a", "tier": "never", "colour": 1}, 5])
    problems = problems_of(data)
    assert {
        "precautions[0].tier",
        "precautions[0].colour",
        "precautions[0].question",
        "precautions[0].advice",
        "precautions[1]",
    } <= set(problems)


# --- ids the app can show ----------------------------------------------------------------


def test_two_precautions_with_one_id_are_refused_at_the_second() -> None:
    data = routine_data(
        600, precautions=[precaution("knee"), precaution("hip"), precaution("knee")]
    )
    problems = problems_of(data)
    assert list(problems) == ["precautions[2].id"]
    assert "precautions[0]" in problems["precautions[2].id"]


@pytest.mark.parametrize(
    "bad", ["my knee", "knee!", "1knee", "knee:left", "knee.left", "kné", "", " ", "a" * 61]
)
def test_a_precaution_id_the_screen_cannot_show_is_refused(bad: str) -> None:
    problems = problems_of(routine_data(600, precautions=[precaution(bad)]))
    assert "precautions[0].id" in problems


@pytest.mark.parametrize("bad", ["my routine", "1st", "évening", "a/b", "x" * 61])
def test_a_routine_id_the_screen_cannot_show_is_refused(bad: str) -> None:
    assert "id" in problems_of(routine_data(600, id=bad))


def test_a_file_name_that_cannot_be_an_id_says_how_to_fix_it() -> None:
    with pytest.raises(ValidationError) as info:
        parse_routine(routine_data(600), default_id="my routine")
    [problem] = info.value.problems
    assert problem.path == "id"
    assert "file name" in problem.message and 'id = "' in problem.message
    assert parse_routine(routine_data(600, id="mine"), default_id="my routine").id == "mine"


def test_a_precaution_that_would_be_taken_for_a_core_one_is_refused() -> None:
    # on screen a routine's precaution is q-<routine>-<id>; a core one is q-<id>
    core = next(i for i in sorted(core_ids()) if "-" in i)
    routine_id, _, item_id = core.partition("-")
    problems = problems_of(routine_data(600, id=routine_id, precautions=[precaution(item_id)]))
    assert "would be taken for the core precaution" in problems["precautions[0].id"]


ids = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True),
    st.text(max_size=8),
    st.sampled_from(sorted(core_ids())),
    st.sampled_from([p.partition("-")[2] for p in core_ids() if "-" in p]),
)


@settings(max_examples=300, deadline=None)
@given(routine_id=ids, item_ids=st.lists(ids, max_size=5))
def test_whatever_validates_has_ids_the_screen_can_show(
    routine_id: str, item_ids: list[str]
) -> None:
    """The screening screen names each question q-<id> (':' as '-'): every id a routine
    that validates brings is a valid, unique Textual id, apart from the core ones."""
    from textual.dom import check_identifiers

    data = routine_data(600, id=routine_id, precautions=[precaution(i) for i in item_ids])
    try:
        routine = parse_routine(data, default_id="x")
    except ValidationError:
        return
    check_identifiers("id", routine.id)
    widget_ids = [f"q-{item.id.replace(':', '-')}" for item in (*CORE_ITEMS, *routine.precautions)]
    for widget_id in widget_ids:
        check_identifiers("id", widget_id)
    assert len(set(widget_ids)) == len(widget_ids)


# --- schema -------------------------------------------------------------------------------


def test_schema_is_valid_looking_json_schema_matching_the_parser() -> None:
    schema = routine_schema()
    again = json.loads(json.dumps(schema))
    assert again == schema
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(ROUTINE_KEYS)
    assert set(schema["required"]) <= set(ROUTINE_KEYS)
    item = schema["properties"]["steps"]["items"]
    assert set(item["properties"]) == set(STEP_KEYS)
    assert item["additionalProperties"] is False
    assert item["properties"]["duration"]["minimum"] == 1
    assert item["properties"]["duration"]["maximum"] == MAX_DURATION_SECONDS
    assert item["properties"]["technique"]["enum"] == list(TECHNIQUES)
    assert item["properties"]["pressure"]["enum"] == list(PRESSURES)
    tiers = schema["properties"]["precautions"]["items"]["properties"]["tier"]["enum"]
    assert tiers == [t.value for t in Tier]


def test_bundled_routines_satisfy_the_schema_shape() -> None:
    schema = routine_schema()
    for path in BUNDLED.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= set(schema["properties"]), path
        assert set(schema["required"]) <= set(data), path
        step_schema = schema["properties"]["steps"]["items"]
        for s in data["steps"]:
            assert set(s) <= set(step_schema["properties"]), path
            assert set(step_schema["required"]) <= set(s), path


def test_core_items_are_what_safety_md_lists() -> None:
    tiers = [i.tier for i in CORE_ITEMS]
    assert tiers.count(Tier.BLOCK) == 5
    assert tiers.count(Tier.CLEARANCE) == 9
    assert tiers.count(Tier.REMIND) == 5


def test_minutes_per_foot_count_massage_only() -> None:
    steps = [step(300, pressure="none"), step(540, pressure="feather"), step(120, pressure="none")]
    routine = parse_routine({"name": "R", "steps": steps}, default_id="r")
    assert routine.seconds_per_foot == 960 and routine.massage_seconds_per_foot == 540
    assert routine.minutes_per_foot == 9.0
    assert routine.warnings() == [
        "9 min of massage per foot is outside the suggested 10–15 minutes"
    ]
