"""What the storage tests share: an index file left by another version, and a small JSON
Schema validator (draft 2020-12), written for the tests so that it is not the code that made
footcare's schemas that judges them.

It knows only the keywords footcare's schemas use; a keyword it doesn't know fails the test,
so a schema can't grow past what is compared. It follows the specification where Python
would not: 60.0 is an integer, true is not 1, NaN is no number, and a pattern's final ``$``
is the very end of the text. A TOML date, time or date and time is, to an editor, a string
of format "date", "time" or "date-time", and only a schema asking for that format takes it
(a date where text is wanted is refused, as footcare refuses it).
"""

from __future__ import annotations

import contextlib
import math
import re
import sqlite3
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

KEYWORDS = {
    *("$schema", "title", "description", "type", "enum", "allOf", "anyOf"),
    *("minLength", "maxLength", "pattern", "format", "minimum", "maximum"),
    *("items", "minItems", "maxItems", "uniqueItems"),
    *("properties", "required", "additionalProperties", "maxProperties"),
}
FORMATS = {
    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "date-time": r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?",
}
"""The forms footcare writes (a local date and time, as a TOML file holds it)."""


class TomlDate(str):
    """A TOML date, time or date and time, as the text an editor sees, with its format."""

    fmt: str

    def __new__(cls, text: str, fmt: str) -> TomlDate:
        made = super().__new__(cls, text)
        made.fmt = fmt
        return made


def as_json(value: Any) -> Any:
    """A TOML value as an editor's schema sees it."""
    if isinstance(value, datetime | date | time):
        fmt = {datetime: "date-time", date: "date", time: "time"}[type(value)]
        return TomlDate(value.isoformat(), fmt)
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    return value


def _number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _type(value: Any, schema: dict[str, Any]) -> bool:
    kind = schema["type"]
    if kind == "integer":
        return type(value) is int or (type(value) is float and value.is_integer())
    if kind == "number":
        return _number(value)
    if kind == "string" and type(value) is TomlDate:  # its format asked for here or a branch
        branches = [schema, *schema.get("anyOf", []), *schema.get("allOf", [])]
        return value.fmt in {s.get("format") for s in branches}
    kinds = {"string": str, "boolean": bool, "array": list, "object": dict}
    return type(value) is kinds[kind]


def _equal(a: Any, b: Any) -> bool:
    """Equal as JSON Schema compares: numbers by value, true only to true."""
    if _number(a) and _number(b):
        return bool(a == b)
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return bool(a == b)


def _formatted(text: str, fmt: str) -> bool:
    if not re.fullmatch(FORMATS[fmt], text):
        return False
    try:
        (date if fmt == "date" else datetime).fromisoformat(text)
    except ValueError:
        return False
    return True


def ecma(pattern: str) -> str:
    """A pattern as JSON Schema (ECMA-262) reads it: its final `$` is the very end, where
    Python's would also take the place before a final newline."""
    return pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern


def valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` (from as_json, where it holds dates) meets ``schema``."""
    unknown = set(schema) - KEYWORDS
    assert not unknown, f"the validator here does not know {unknown}"
    if "anyOf" in schema and not any(valid(sub, value) for sub in schema["anyOf"]):
        return False
    if not all(valid(sub, value) for sub in schema.get("allOf", [])):
        return False
    if "type" in schema and not _type(value, schema):
        return False
    if "enum" in schema and not any(_equal(value, e) for e in schema["enum"]):
        return False
    if isinstance(value, str):
        if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", math.inf):
            return False
        if "pattern" in schema and not re.search(ecma(schema["pattern"]), value):
            return False
        if "format" in schema and not _formatted(value, schema["format"]):
            return False
    if _number(value) and not schema.get("minimum", -math.inf) <= value <= schema.get(
        "maximum", math.inf
    ):
        return False
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", math.inf):
            return False
        if schema.get("uniqueItems") and any(
            _equal(a, b) for i, a in enumerate(value) for b in value[i + 1 :]
        ):
            return False
        if "items" in schema and not all(valid(schema["items"], v) for v in value):
            return False
    if isinstance(value, dict):
        if len(value) > schema.get("maxProperties", math.inf):
            return False
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, inner in value.items():
            if key in properties:
                if not valid(properties[key], inner):
                    return False
            elif extra is False or (isinstance(extra, dict) and not valid(extra, inner)):
                return False
        if any(key not in value for key in schema.get("required", [])):
            return False
    return True


def other_version(db: Path, version: int, wait: float = 5.0) -> None:
    """The index file as another version of footcare would leave it (if the file lets it)."""
    if db.exists():
        with contextlib.suppress(sqlite3.DatabaseError):
            con = sqlite3.connect(db, timeout=wait)
            try:
                con.execute(f"PRAGMA user_version = {version}")
                con.commit()
            finally:
                con.close()
