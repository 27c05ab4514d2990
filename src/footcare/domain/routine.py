"""Routines: the ordered massage steps, done on each foot in turn, read from their files.

The routine itself is in ``routine_model``, its JSON Schema in ``routine_schema``; every name is
importable from here too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from footcare.domain.problems import Collector, join
from footcare.domain.routine_model import (
    AREAS,
    FEET,
    MAX_DURATION_SECONDS,
    MAX_ID_LENGTH,
    MAX_MINUTES_PER_FOOT,
    MAX_PRECAUTIONS,
    MAX_STEPS,
    MIN_MINUTES_PER_FOOT,
    MOTIONS,
    PRECAUTION_KEYS,
    PRESSURES,
    ROUTINE_KEYS,
    STEP_KEYS,
    TECHNIQUES,
    Routine,
    Step,
    format_minutes,
)
from footcare.domain.routine_schema import routine_schema
from footcare.domain.schema import ID_HINT, WIDGET_ID
from footcare.domain.screening import Item, Tier, core_ids
from footcare.domain.text import clean

__all__ = [
    "AREAS",
    "FEET",
    "MAX_DURATION_SECONDS",
    "MAX_ID_LENGTH",
    "MAX_MINUTES_PER_FOOT",
    "MAX_PRECAUTIONS",
    "MAX_STEPS",
    "MIN_MINUTES_PER_FOOT",
    "MOTIONS",
    "PRECAUTION_KEYS",
    "PRESSURES",
    "ROUTINE_KEYS",
    "STEP_KEYS",
    "TECHNIQUES",
    "Routine",
    "Step",
    "format_minutes",
    "parse_routine",
    "routine_schema",
]


def _text(c: Collector, table: Mapping[str, Any], key: str, path: str, *, required: bool) -> str:
    value = table.get(key)
    if value is None:
        if required:
            c.add(join(path, key), "is required")
        return ""
    if not isinstance(value, str):
        c.add(join(path, key), f"must be text, not {type(value).__name__}")
        return ""
    # names and ids are one line; instructions, descriptions, questions and advice may be more
    value = clean(value, multiline=key in ("instructions", "description", "question", "advice"))
    if required and not value.strip():
        c.add(join(path, key), "must not be empty")
    return value


def _choice(
    c: Collector,
    table: Mapping[str, Any],
    key: str,
    path: str,
    options: tuple[str, ...],
    default: str,
) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or value not in options:
        c.add(join(path, key), f"must be one of {', '.join(options)} (got {_short(value)})")
        return default
    return value


def _int(
    c: Collector,
    table: Mapping[str, Any],
    key: str,
    path: str,
    *,
    low: int,
    high: int,
    default: int | None = None,
) -> int:
    value = table.get(key, default)
    if value is None:
        c.add(join(path, key), "is required")
        return low
    if isinstance(value, bool) or not isinstance(value, int):
        c.add(join(path, key), f"must be a whole number of seconds, not {_short(value)}")
        return low
    if not low <= value <= high:
        c.add(join(path, key), f"must be between {low} and {high} (got {value})")
        return low
    return value


def _step(c: Collector, raw: Any, path: str) -> Step | None:
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table ([[steps]])")
        return None
    c.unknown_keys(raw, STEP_KEYS, path)
    return Step(
        name=_text(c, raw, "name", path, required=True),
        technique=_choice(c, raw, "technique", path, TECHNIQUES, "other"),
        duration=_int(c, raw, "duration", path, low=1, high=MAX_DURATION_SECONDS),
        instructions=_text(c, raw, "instructions", path, required=True),
        pressure=_choice(c, raw, "pressure", path, PRESSURES, "gentle"),
        direction=_text(c, raw, "direction", path, required=False),
        area=_optional_choice(c, raw, "area", path, AREAS),
        motion=_optional_choice(c, raw, "motion", path, MOTIONS),
        avoid=_optional_choice(c, raw, "avoid", path, AREAS),
    )


def _optional_choice(
    c: Collector, table: Mapping[str, Any], key: str, path: str, options: tuple[str, ...]
) -> str:
    """One of ``options``, or "" when the key is not there."""
    if key not in table:
        return ""
    return _choice(c, table, key, path, options, "")


def _identifier(c: Collector, value: str, path: str, what: str) -> None:
    """An id names things on screen: letters, digits, '-' and '_', starting with a letter."""
    if value and not WIDGET_ID.match(value):
        c.add(path, f"{what} {value!r} can't be used: {ID_HINT}")
    elif len(value) > MAX_ID_LENGTH:
        c.add(path, f"{what} is too long ({len(value)} characters; at most {MAX_ID_LENGTH})")


def _precaution(c: Collector, raw: Any, path: str, routine_id: str) -> Item | None:
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table ([[precautions]])")
        return None
    c.unknown_keys(raw, PRECAUTION_KEYS, path)
    item_id = _text(c, raw, "id", path, required=True)
    _identifier(c, item_id, join(path, "id"), "the id")
    if item_id in core_ids():
        c.add(join(path, "id"), f"'{item_id}' is a core precaution and cannot be redefined")
    elif f"{routine_id}-{item_id}" in core_ids():
        c.add(
            join(path, "id"),
            f"'{item_id}' in routine '{routine_id}' would be taken for the core precaution "
            f"'{routine_id}-{item_id}'; choose another id",
        )
    tier_name = _choice(c, raw, "tier", path, tuple(t.value for t in Tier), "remind")
    return Item(
        id=f"{routine_id}:{item_id}",
        tier=Tier(tier_name),
        question=_text(c, raw, "question", path, required=True),
        advice=_text(c, raw, "advice", path, required=True),
        core=False,
        title=_text(c, raw, "title", path, required=False),
    )


def _routine_id(c: Collector, data: Mapping[str, Any], default_id: str) -> str:
    given = _text(c, data, "id", "", required=False)
    if given:
        _identifier(c, given, "id", "the id")
        return given
    if not WIDGET_ID.match(default_id) or len(default_id) > MAX_ID_LENGTH:
        c.add(
            "id",
            f"the file name {default_id!r} can't be the routine's id ({ID_HINT}): "
            'add a line such as id = "my-routine", or rename the file',
        )
    return default_id


def _feet(c: Collector, data: Mapping[str, Any]) -> list[str]:
    raw_feet = data.get("feet", list(FEET))
    feet: list[str] = []
    if not isinstance(raw_feet, list) or not raw_feet:
        c.add("feet", 'must be a list such as ["left", "right"]')
    else:
        for i, foot in enumerate(raw_feet):
            if foot not in FEET:
                c.add(f"feet[{i}]", f'must be "left" or "right" (got {_short(foot)})')
            elif foot in feet:
                c.add(f"feet[{i}]", f'"{foot}" is listed twice')
            else:
                feet.append(foot)
    return feet


def _steps(c: Collector, data: Mapping[str, Any]) -> list[Step]:
    raw_steps = data.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        c.add("steps", "at least one [[steps]] table is required")
    elif len(raw_steps) > MAX_STEPS:
        c.add("steps", f"has {len(raw_steps)} steps; a routine has at most {MAX_STEPS}")
    else:
        for i, raw in enumerate(raw_steps):
            step = _step(c, raw, f"steps[{i}]")
            if step is not None:
                steps.append(step)
    return steps


def _precautions(c: Collector, data: Mapping[str, Any], routine_id: str) -> list[Item]:
    precautions: list[Item] = []
    raw_prec = data.get("precautions", [])
    if not isinstance(raw_prec, list):
        c.add("precautions", "must be a list of [[precautions]] tables")
    elif len(raw_prec) > MAX_PRECAUTIONS:
        c.add(
            "precautions",
            f"has {len(raw_prec)} precautions; a routine adds at most {MAX_PRECAUTIONS}",
        )
    else:
        first_use: dict[str, int] = {}
        for i, raw in enumerate(raw_prec):
            item = _precaution(c, raw, f"precautions[{i}]", routine_id)
            if item is None:
                continue
            if item.id in first_use:
                c.add(
                    f"precautions[{i}].id",
                    f"'{item.id.partition(':')[2]}' is already the id of "
                    f"precautions[{first_use[item.id]}]; each needs its own",
                )
                continue
            first_use[item.id] = i
            precautions.append(item)
    return precautions


def parse_routine(data: Mapping[str, Any], default_id: str, source: str = "") -> Routine:
    """Validate a parsed TOML table into a Routine, or raise ValidationError with every problem.

    Whatever this accepts, the app can show and run: ids fit on screen, and no two
    precautions share one.
    """
    c = Collector()
    c.unknown_keys(data, ROUTINE_KEYS, "")
    routine_id = _routine_id(c, data, default_id)
    name = _text(c, data, "name", "", required=True)
    description = _text(c, data, "description", "", required=False)
    feet = _feet(c, data)
    get_ready = _int(c, data, "get_ready_seconds", "", low=0, high=120, default=10)
    steps = _steps(c, data)
    precautions = _precautions(c, data, routine_id)
    c.raise_if_any(source)
    return Routine(
        id=routine_id,
        name=name,
        description=description,
        feet=tuple(feet),
        steps=tuple(steps),
        get_ready_seconds=get_ready,
        precautions=tuple(precautions),
    )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
