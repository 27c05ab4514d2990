"""Declared shapes for footcare's files: one description checks a table and reports every
problem at once, each with its key path (``steps[2].duration``).

A shape is data, not code: ``Table({"theme": Text(), "clearance_months": Int(1, 12)})``.
``check`` returns what is usable (bad values left out, so a caller can fall back to a
default for just those) and adds a Problem for everything else.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from footcare.domain.colours import NAMES, is_colour
from footcare.domain.problems import Collector, join

MISSING: Any = object()
"""What a check returns for a value it refused."""

WIDGET_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
"""What may name a thing on screen: letters, digits, '-' and '_', not starting with a digit."""
ID_HINT = "use only letters, digits, '-' and '_', starting with a letter"
BLANKS = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
"""Every character Python's ``str.isspace`` calls blank, written so that a JSON Schema's
pattern means the same (its own ``\\s`` is another set): a test compares the two."""
NOT_BLANK = re.compile(f"[^{BLANKS}]")
"""What a text that must not be empty holds at least one of."""


class Shape:
    """What one value must be."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        raise NotImplementedError


@dataclass(frozen=True, eq=False, repr=False)
class Anything(Shape):
    """A key whose value another reader checks (it is known here, so not "unknown")."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Text(Shape):
    max_length: int = 2000
    required: bool = False
    """Must not be blank."""
    pattern: re.Pattern[str] | None = None
    hint: str = ""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, str):
            c.add(path, f"must be text in quotes, not {_kind(value)}")
            return MISSING
        if self.required and not NOT_BLANK.search(value):
            c.add(path, "must not be empty")
            return MISSING
        if len(value) > self.max_length:
            c.add(path, f"is too long ({len(value)} characters; at most {self.max_length})")
            return MISSING
        # the whole text, as a JSON Schema reads a pattern anchored with ^…$ ("a\n" is refused)
        if self.pattern is not None and not self.pattern.fullmatch(value):
            c.add(path, f"{value!r} can't be used: {self.hint}")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Int(Shape):
    low: int
    high: int
    what: str = "a whole number"

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if type(value) is float and value.is_integer():
            value = int(value)  # 6.0 is 6, as a JSON Schema's "integer" takes it
        if type(value) is not int or not self.low <= value <= self.high:
            c.add(path, f"must be {self.what} from {self.low} to {self.high} (got {_show(value)})")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Quantity(Shape):
    """A whole number of a unit (seconds) within limits; a whole float such as 60.0 is taken
    as 60, as a JSON Schema's "integer" takes it."""

    low: int
    high: int
    unit: str = "seconds"

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if type(value) is float and value.is_integer():
            value = int(value)
        if type(value) is not int:
            c.add(path, f"must be a whole number of {self.unit}, not {_show(value)}")
            return MISSING
        if not self.low <= value <= self.high:
            c.add(path, f"must be between {self.low} and {self.high} (got {value})")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Number(Shape):
    low: float
    high: float
    what: str = "a number"

    def check(self, value: Any, path: str, c: Collector) -> Any:
        ok = type(value) in (int, float) and math.isfinite(value)
        if not ok or not self.low <= value <= self.high:
            c.add(
                path, f"must be {self.what} from {self.low:g} to {self.high:g} (got {_show(value)})"
            )
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Bool(Shape):
    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, bool):
            c.add(path, f"must be true or false (got {_show(value)})")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Choice(Shape):
    options: tuple[str, ...]

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, str) or value not in self.options:
            words = ", ".join(option or '""' for option in self.options)
            c.add(path, f"must be one of {words} (got {_show(value)})")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Colour(Shape):
    """A colour a theme may use (domain/colours.py): "#rrggbb", rgb(…), a name…"""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, str):
            c.add(path, f"must be text in quotes, not {_kind(value)}")
            return MISSING
        if not is_colour(value):
            import difflib  # here: only a wrong colour needs it

            close = difflib.get_close_matches(value, NAMES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            c.add(path, f"{_show(value)} is not a colour{hint}")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Day(Shape):
    """A date (a date and time is taken as its date) in a range footcare can count with."""

    low: date = date(1900, 1, 1)
    high: date = date(2999, 12, 31)
    text: bool = False
    """Also a date written as text in quotes ("1951-04-30"), as some editors write it."""
    what: str = ""
    """What the message asks for, e.g. "a past date like 1950-04-30"."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if self.text and isinstance(value, str):
            value = _iso_day(value) or value
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date) or not self.low <= value <= self.high:
            wanted = self.what or f"a date from {self.low} to {self.high}"
            c.add(path, f"must be {wanted} (got {_show(value)})")
            return MISSING
        return value


def _iso_day(text: str) -> date | None:
    """A date written as YYYY-MM-DD (ASCII digits only), else None."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True, eq=False, repr=False)
class Moment(Shape):
    """A local date and time (no time zone) in a range footcare can count with."""

    low: datetime = datetime(1900, 1, 1)
    high: datetime = datetime(2999, 12, 31, 23, 59, 59)
    lenient: bool = False
    """Also ISO text ("2026-01-31T09:30"), and a time with a zone taken as the clock read
    (what a journal entry has always accepted)."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if self.lenient and isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = datetime.fromisoformat(value)
        if self.lenient and isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        if (
            not isinstance(value, datetime)
            or value.tzinfo is not None
            or not self.low <= value <= self.high
        ):
            c.add(
                path,
                f"must be a local date and time such as 2026-01-31T09:30:00 (got {_show(value)})",
            )
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class ListOf(Shape):
    item: Shape
    min_items: int = 0
    max_items: int = 10_000
    what: str = "a list"
    unique: bool = False
    """No item twice (each later copy is a problem of its own)."""
    noun: str = "item"
    """What the list holds, for the count's message: "[[steps]] table" (an s is added)."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, list):
            c.add(path, f"must be {self.what}, not {_kind(value)}")
            return MISSING
        if len(value) < self.min_items:
            least = f"{self.min_items} {self.noun}{'' if self.min_items == 1 else 's'}"
            c.add(path, f"needs at least {least} (has {len(value)})")
            return MISSING
        if len(value) > self.max_items:
            c.add(path, f"has {len(value)} {self.noun}s; at most {self.max_items}")
            return MISSING
        out: list[Any] = []
        for i, inner in enumerate(value):
            checked = self.item.check(inner, f"{path}[{i}]", c)
            if checked is MISSING:
                continue
            if self.unique and any(_same(checked, earlier) for earlier in out):
                c.add(f"{path}[{i}]", f"{_show(checked)} is listed twice")
                continue
            out.append(checked)
        return out


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON compares (true is not 1); enough for the texts a unique list holds."""
    return type(a) is type(b) and bool(a == b)


@dataclass(frozen=True, eq=False, repr=False)
class MapOf(Shape):
    """A table whose keys are the caller's (e.g. binding ids), all holding one shape."""

    value: Shape
    max_items: int = 1000
    what: str = "a table"

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, Mapping):
            c.add(path, f"must be {self.what}, not {_kind(value)}")
            return MISSING
        if len(value) > self.max_items:
            c.add(path, f"has too many keys ({len(value)}; at most {self.max_items})")
            return MISSING
        out = {}
        for key, inner in value.items():
            checked = self.value.check(inner, join(path, str(key)), c)
            if checked is not MISSING:
                out[key] = checked
        return out


@dataclass(frozen=True, eq=False, repr=False)
class Key:
    """One key of a Table: its shape, whether it must be there, and what it is for (the
    JSON Schema's description)."""

    shape: Shape
    required: bool = False
    about: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Table(Shape):
    """A table with known keys; an unknown key is a problem (with a did-you-mean)."""

    keys: Mapping[str, Key | Shape] = field(default_factory=dict)
    what: str = "a table"
    open: bool = False
    """Keys it doesn't know are a newer footcare's, left for that footcare (a file only
    footcare writes, such as a saved session)."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, Mapping):
            c.add(path, f"must be {self.what}, not {_kind(value)}")
            return MISSING
        if not self.open:
            c.unknown_keys(value, self.keys, path)
        out = {}
        for name, spec in self.keys.items():
            key = spec if isinstance(spec, Key) else Key(spec)
            if name not in value:
                if key.required:
                    c.add(join(path, name), "is required")
                continue
            checked = key.shape.check(value[name], join(path, name), c)
            if checked is not MISSING:
                out[name] = checked
        return out


def check(shape: Shape, value: Any, path: str = "") -> tuple[Any, Collector]:
    """What of ``value`` fits ``shape``, and the problems with the rest."""
    c = Collector()
    return shape.check(value, path, c), c


def _kind(value: Any) -> str:
    names = {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a table",
        datetime: "a date and time",
        date: "a date",
    }
    return next((n for t, n in names.items() if isinstance(value, t)), type(value).__name__)


def _show(value: Any) -> str:
    """A short rendering of a value for a message (a long one is cut)."""
    if isinstance(value, list | dict):
        return _kind(value)
    if isinstance(value, date):  # and a datetime: as the file writes it
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
