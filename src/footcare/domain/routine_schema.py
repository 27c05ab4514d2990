"""A JSON Schema of the routine format, for editors."""

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
from footcare.domain.schema import WIDGET_ID
from footcare.domain.screening import Tier


def _step_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "duration", "instructions"],
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "technique": {"enum": list(TECHNIQUES)},
            "duration": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_DURATION_SECONDS,
                "description": "Seconds this step lasts on each foot.",
            },
            "instructions": {"type": "string", "minLength": 1},
            "pressure": {"enum": list(PRESSURES)},
            "direction": {"type": "string"},
            "area": {
                "enum": list(AREAS),
                "description": "Where the step works (its picture); default: the technique's.",
            },
            "motion": {
                "enum": list(MOTIONS),
                "description": "How the hands move (the picture's marks); default: the "
                "technique's.",
            },
            "avoid": {
                "enum": list(AREAS),
                "description": "Where to keep away from (marked on the picture); default: "
                "the technique's.",
            },
        },
    }


def _precaution_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "question", "advice"],
        "properties": {
            "id": {"type": "string", "pattern": WIDGET_ID.pattern, "maxLength": MAX_ID_LENGTH},
            "tier": {"enum": [t.value for t in Tier]},
            "title": {"type": "string"},
            "question": {"type": "string"},
            "advice": {"type": "string"},
        },
    }


def routine_schema() -> dict[str, Any]:
    """A JSON Schema of the routine format, for editors."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "footcare routine",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "steps"],
        "properties": {
            "id": {"type": "string", "pattern": WIDGET_ID.pattern, "maxLength": MAX_ID_LENGTH},
            "name": {"type": "string", "minLength": 1},
            "description": {"type": "string"},
            "feet": {
                "type": "array",
                "items": {"enum": list(FEET)},
                "minItems": 1,
                "uniqueItems": True,
            },
            "get_ready_seconds": {"type": "integer", "minimum": 0, "maximum": 120},
            "steps": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_STEPS,
                "items": _step_schema(),
            },
            "precautions": {
                "type": "array",
                "maxItems": MAX_PRECAUTIONS,
                "items": _precaution_schema(),
            },
        },
    }
