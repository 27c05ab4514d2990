"""Routines: the ordered massage steps, done on each foot in turn, read from their files.

The routine itself is in ``routine_model``; the file's shape, declared once, in
``routine_schema`` (the checks, their messages and the JSON Schema all come from it). What
the shape can't say is code here, after it. Every name is importable from here too.
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
    MOTIONS,
    PRESSURES,
    TECHNIQUES,
    Routine,
    Step,
    format_minutes,
)
from footcare.domain.routine_schema import (
    MULTILINE,
    ROUTINE,
    ROUTINE_KEYS,
    STEP_KEYS,
    routine_schema,
)
from footcare.domain.schema import ID_HINT, WIDGET_ID
from footcare.domain.screening import Item, Tier, core_ids
from footcare.domain.text import clean

__all__ = [
    "AREAS",
    "FEET",
    "MAX_DURATION_SECONDS",
    "MAX_ID_LENGTH",
    "MOTIONS",
    "PRESSURES",
    "ROUTINE_KEYS",
    "STEP_KEYS",
    "TECHNIQUES",
    "Routine",
    "Step",
    "format_minutes",
    "routine_schema",
]


def parse_routine(data: Mapping[str, Any], default_id: str, source: str = "") -> Routine:
    """Validate a parsed TOML table into a Routine, or raise ValidationError with every problem.

    The declared shape (routine_schema.ROUTINE) checks every key first; then come the rules
    that need code: the id taken from the file name, precaution ids that would clash with a
    core one or with each other, and names left blank once control characters are cleaned
    out. Whatever this accepts, the app can show and run. (How long the steps add up to is
    a warning, not an error: Routine.warnings.)
    """
    c = Collector()
    checked = ROUTINE.check(data, "", c)
    table: dict[str, Any] = checked if isinstance(checked, dict) else {}
    routine_id = _routine_id(c, table.get("id", ""), default_id)
    name = _clean(c, table, "name", "")
    steps = [_step(c, raw, f"steps[{i}]") for i, raw in enumerate(table.get("steps", []))]
    precautions = _precautions(c, table.get("precautions", []), routine_id)
    c.raise_if_any(source)
    return Routine(
        id=routine_id,
        name=name,
        description=_clean(c, table, "description", ""),
        feet=tuple(table.get("feet", FEET)),
        steps=tuple(steps),
        get_ready_seconds=table.get("get_ready_seconds", 10),
        precautions=tuple(precautions),
    )


def _clean(c: Collector, table: Mapping[str, Any], key: str, path: str) -> str:
    """A checked text made safe to show; one that was required and held nothing but control
    characters is a problem (a blank name can't be shown)."""
    raw = table.get(key, "")
    value = clean(raw, multiline=key in MULTILINE)
    if raw.strip() and not value.strip():
        c.add(join(path, key), "must not be empty (it holds only control characters)")
    return value


def _step(c: Collector, raw: Mapping[str, Any], path: str) -> Step:
    return Step(
        name=_clean(c, raw, "name", path),
        technique=raw.get("technique", "other"),
        duration=raw.get("duration", 1),
        instructions=_clean(c, raw, "instructions", path),
        pressure=raw.get("pressure", "gentle"),
        direction=_clean(c, raw, "direction", path),
        area=raw.get("area", ""),
        motion=raw.get("motion", ""),
        avoid=raw.get("avoid", ""),
    )


def _routine_id(c: Collector, given: str, default_id: str) -> str:
    """The id given (already checked by the shape), else the file's name, if it can be one."""
    if given:
        return given
    if not WIDGET_ID.fullmatch(default_id) or len(default_id) > MAX_ID_LENGTH:
        c.add(
            "id",
            f"the file name {default_id!r} can't be the routine's id ({ID_HINT}): "
            'add a line such as id = "my-routine", or rename the file',
        )
    return default_id


def _precautions(c: Collector, raws: list[Mapping[str, Any]], routine_id: str) -> list[Item]:
    """The routine's own precautions: no id may be a core one's, or be taken for one, or be
    used twice (rules across tables and files, so code)."""
    precautions: list[Item] = []
    first_use: dict[str, int] = {}
    core = core_ids()
    for i, raw in enumerate(raws):
        path = f"precautions[{i}]"
        item_id = raw.get("id", "")
        if not item_id:
            continue  # refused by the shape already
        if item_id in core:
            c.add(f"{path}.id", f"'{item_id}' is a core precaution and cannot be redefined")
            continue
        if f"{routine_id}-{item_id}" in core:
            c.add(
                f"{path}.id",
                f"'{item_id}' in routine '{routine_id}' would be taken for the core precaution "
                f"'{routine_id}-{item_id}'; choose another id",
            )
            continue
        if item_id in first_use:
            c.add(
                f"{path}.id",
                f"'{item_id}' is already the id of precautions[{first_use[item_id]}]; "
                "each needs its own",
            )
            continue
        first_use[item_id] = i
        precautions.append(
            Item(
                id=f"{routine_id}:{item_id}",
                tier=Tier(raw.get("tier", "remind")),
                question=_clean(c, raw, "question", path),
                advice=_clean(c, raw, "advice", path),
                core=False,
                title=_clean(c, raw, "title", path),
            )
        )
    return precautions
