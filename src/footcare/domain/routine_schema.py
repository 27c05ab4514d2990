"""The routine file's shape, declared once: ``parse_routine`` checks a file with it (every
problem with its key path) and ``routine_schema`` gives it to editors as a JSON Schema."""

from __future__ import annotations

from typing import Any

from footcare.domain.routine_model import (
    AREAS,
    FEET,
    MAX_DURATION_SECONDS,
    MAX_ID_LENGTH,
    MAX_PRECAUTIONS,
    MAX_STEPS,
    MOTIONS,
    PRESSURES,
    TECHNIQUES,
)
from footcare.domain.schema import ID_HINT, WIDGET_ID, Choice, Key, ListOf, Quantity, Table, Text
from footcare.domain.screening import Tier

PROSE = 10_000
"""The most characters of instructions, a description, a question or advice."""
MULTILINE = frozenset({"instructions", "description", "question", "advice"})
"""The texts that may hold more than one line; names and ids are one line."""

ID = Text(max_length=MAX_ID_LENGTH, pattern=WIDGET_ID, hint=ID_HINT)

STEP = Table(
    {
        "name": Key(Text(required=True), required=True),
        "technique": Choice(TECHNIQUES),
        "duration": Key(
            Quantity(1, MAX_DURATION_SECONDS),
            required=True,
            about="Seconds this step lasts on each foot.",
        ),
        "instructions": Key(Text(PROSE, required=True), required=True),
        "pressure": Choice(PRESSURES),
        "direction": Text(),
        "area": Key(
            Choice(AREAS),
            about="Where the step works (its picture); default: the technique's.",
        ),
        "motion": Key(
            Choice(MOTIONS),
            about="How the hands move (the picture's marks); default: the technique's.",
        ),
        "avoid": Key(
            Choice(AREAS),
            about="Where to keep away from (marked on the picture); default: the technique's.",
        ),
    },
    what="a table ([[steps]])",
)

PRECAUTION = Table(
    {
        "id": Key(ID, required=True),
        "tier": Choice(tuple(t.value for t in Tier)),
        "title": Text(),
        "question": Key(Text(PROSE, required=True), required=True),
        "advice": Key(Text(PROSE, required=True), required=True),
    },
    what="a table ([[precautions]])",
)

ROUTINE = Table(
    {
        "id": Key(ID, about="The routine's id; default: the file's name."),
        "name": Key(Text(required=True), required=True),
        "description": Text(PROSE),
        "feet": ListOf(
            Choice(FEET), min_items=1, what='a list such as ["left", "right"]', unique=True
        ),
        "get_ready_seconds": Quantity(0, 120),
        "steps": Key(
            ListOf(
                STEP,
                min_items=1,
                max_items=MAX_STEPS,
                what="a list of [[steps]] tables",
                noun="[[steps]] table",
            ),
            required=True,
        ),
        "precautions": ListOf(
            PRECAUTION,
            max_items=MAX_PRECAUTIONS,
            what="a list of [[precautions]] tables",
            noun="[[precautions]] table",
        ),
    },
    what="a table",
)

ROUTINE_KEYS = tuple(ROUTINE.keys)
STEP_KEYS = tuple(STEP.keys)


def routine_schema() -> dict[str, Any]:
    """A JSON Schema of the routine format, for editors."""
    from footcare.domain.json_schema import DRAFT, shape_schema  # only editors ask for it

    return {"$schema": DRAFT, "title": "footcare routine", **shape_schema(ROUTINE)}
