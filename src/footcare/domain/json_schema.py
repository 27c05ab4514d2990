"""JSON Schemas for editors (Taplo, Even Better TOML), made from the shapes footcare checks
with, so the schema and the checks can't drift apart."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from footcare.domain.colours import FUNCTION, HEX, NAMES
from footcare.domain.schema import (
    NOT_BLANK,
    Anything,
    Bool,
    Choice,
    Colour,
    Day,
    Int,
    Key,
    ListOf,
    MapOf,
    Moment,
    Number,
    Quantity,
    Shape,
    Table,
    Text,
)
from footcare.domain.schema_typed import Tagged, Typed
from footcare.domain.theme_keys import APP_VARIABLE_NAMES, THEME

DRAFT = "https://json-schema.org/draft/2020-12/schema"
YEARS_1900_TO_2999 = "^(19[0-9]{2}|2[0-9]{3})-"


def _text_schema(shape: Text) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "string", "maxLength": shape.max_length}
    patterns = [] if shape.pattern is None else [shape.pattern.pattern]
    if shape.required:
        out["minLength"] = 1
        patterns.append(NOT_BLANK.pattern)
    if patterns:
        out["pattern"] = patterns[0]
    if len(patterns) > 1:
        out["allOf"] = [{"pattern": more} for more in patterns[1:]]
    return out


def _day_schema(shape: Day) -> dict[str, Any]:
    # a TOML date (or date and time, taken as its date) is a string of format "date"
    # (or "date-time") to the editors; quoted text is too
    day: dict[str, Any] = {
        "type": "string",
        "anyOf": [{"format": "date"}, {"format": "date-time"}],
    }
    if (shape.low, shape.high) == (Day.low, Day.high):
        day["pattern"] = YEARS_1900_TO_2999  # the range, as far as a pattern can say
    return day


def _table_schema(shape: Table) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, spec in shape.keys.items():
        key = spec if isinstance(spec, Key) else Key(spec)
        properties[name] = shape_schema(key.shape)
        if key.about:
            properties[name]["description"] = key.about
        if key.required:
            required.append(name)
    table: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": shape.open,
    }
    if required:
        table["required"] = required
    return table


def _typed_schema(shape: Typed) -> dict[str, Any]:
    kinds = {
        bool: {"type": "boolean"},
        str: {"type": "string"},
        datetime: {"type": "string", "format": "date-time"},
        date: {"type": "string", "format": "date"},
    }
    out: dict[str, Any] = dict(kinds[shape.kind])
    return {**out, "enum": list(shape.among)} if shape.among else out


def _tagged_schema(shape: Tagged) -> dict[str, Any]:
    """One table per tag, each tag naming its own table alone."""
    branches = []
    for name, table in shape.tables.items():
        branch = _table_schema(table)
        branch["properties"][shape.tag] = {"type": "string", "enum": [name]}
        branches.append(branch)
    return {"type": "object", "anyOf": branches}


def shape_schema(shape: Shape) -> dict[str, Any]:
    if isinstance(shape, Text):
        return _text_schema(shape)
    if isinstance(shape, Int):
        return {"type": "integer", "minimum": shape.low, "maximum": shape.high}
    if isinstance(shape, Quantity):
        return {"type": "integer", "minimum": shape.low, "maximum": shape.high}
    if isinstance(shape, Number):
        return {"type": "number", "minimum": shape.low, "maximum": shape.high}
    if isinstance(shape, Bool):
        return {"type": "boolean"}
    if isinstance(shape, Colour):
        return {
            "type": "string",
            "anyOf": [{"pattern": HEX}, {"pattern": FUNCTION}, {"enum": list(NAMES)}],
            "description": 'A colour: "#rrggbb", rgb(r, g, b) or a name like "ansi_bright_white".',
        }
    if isinstance(shape, Choice):
        return {"type": "string", "enum": list(shape.options)}
    if isinstance(shape, Day):
        return _day_schema(shape)
    if isinstance(shape, Moment):
        return {"type": "string", "format": "date-time"}
    if isinstance(shape, ListOf):
        array = {
            "type": "array",
            "items": shape_schema(shape.item),
            "minItems": shape.min_items,
            "maxItems": shape.max_items,
        }
        return {**array, "uniqueItems": True} if shape.unique else array
    if isinstance(shape, MapOf):
        return {
            "type": "object",
            "additionalProperties": shape_schema(shape.value),
            "maxProperties": shape.max_items,
        }
    if isinstance(shape, Table):
        return _table_schema(shape)
    if isinstance(shape, Anything):
        return {}
    if isinstance(shape, Typed):
        return _typed_schema(shape)
    if isinstance(shape, Tagged):
        return _tagged_schema(shape)
    raise TypeError(f"no schema for {type(shape).__name__}")


CONFIG_NOTES = {
    "routine": "The routine chosen last (footcare keeps this up to date).",
    "theme": "The theme chosen last (footcare keeps this up to date).",
    "emergency_number": "Shown in every urgent message, e.g. 112.",
    "clearance_months": "How long a professional's go-ahead lasts, 1 to 12 months.",
    "keymap": 'Keys by binding id (footcare --bindings), e.g. "session.pause" = "space,k".',
    "cues": "How a session tells you each step: speech, bell or off.",
    "remote_notices": "Also a desktop notice through the terminal (OSC 9 / 777) at each step.",
    "bell_with_speech": "The bell rings with spoken steps too (default true); false: speech alone.",
    "name": "Whose journal this is: shown at the top of the clinician's report.",
    "date_of_birth": "Shown at the top of the clinician's report (a date).",
}


def config_schema(shape: Table) -> dict[str, Any]:
    schema = shape_schema(shape)
    for key, note in CONFIG_NOTES.items():
        if key in schema["properties"]:
            schema["properties"][key]["description"] = note
    return {
        "$schema": DRAFT,
        "title": "footcare config.toml",
        "description": "footcare's settings. Every key is optional.",
        **schema,
    }


def theme_schema() -> dict[str, Any]:
    schema = shape_schema(THEME)
    schema["properties"]["variables"] = {
        "type": "object",
        "description": "Textual's theme variables, and footcare's own colours.",
        "properties": {name: shape_schema(Colour()) for name in APP_VARIABLE_NAMES},
        "additionalProperties": {"type": "string"},
    }
    return {"$schema": DRAFT, "title": "footcare theme", **schema}
