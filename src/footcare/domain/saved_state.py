"""Whether a saved session or a draft can be used as it is: a file that parses but holds
the wrong kinds of values is set aside whole (never used in part, never deleted).

Only the keys footcare writes are checked, and only their kinds: keys it doesn't know
(a newer footcare's) are left for that footcare.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from footcare.domain.journal import entry_from_dict
from footcare.domain.problems import ValidationError


def _text(v: Any) -> bool:
    return isinstance(v, str)


def _whole(v: Any) -> bool:
    return type(v) is int


def _number(v: Any) -> bool:
    return type(v) in (int, float)


def _table(v: Any) -> bool:
    return isinstance(v, Mapping)


def _yes_no(v: Any) -> bool:
    return isinstance(v, bool)


def _moment(v: Any) -> bool:
    return isinstance(v, datetime)


def _day(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


SESSION_KEYS = {
    "routine_id": (_text, "text (a routine's id)"),
    "started_on": (_day, "a date written as text (2026-01-31)"),
    "index": (_whole, "a whole number"),
    "elapsed": (_number, "a number of seconds"),
    "status": (_text, "text"),
    "stop_cause": (_text, "text"),
    "stop_note": (_text, "text"),
    "massage": (_table, "a table of seconds per foot"),
    "before": (_table, "a table of ratings"),
    "started_at": (_moment, "a date and time"),
    "lighter": (_yes_no, "true or false"),
    "entry": (_table, "a table (the journal entry of the ended session)"),
}
DRAFT_KEYS = {
    "form": (_table, "a table (the entry being written)"),
    "saved_at": (_moment, "a date and time"),
}


def kind_of(value: Any) -> str:
    """What a TOML value is, in words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time of day"
    return "something else"


def _wrong_kind(data: Mapping[str, Any], keys: dict[str, Any]) -> str | None:
    for key, (fits, wanted) in keys.items():
        if key in data and not fits(data[key]):
            return f"{key} is {kind_of(data[key])}, where footcare writes {wanted}"
    return None


def session_state_problem(data: Mapping[str, Any]) -> str | None:
    """Why a session file can't be carried on or settled, or None when it can."""
    wrong = _wrong_kind(data, SESSION_KEYS)
    if wrong is not None:
        return wrong
    if "started_on" not in data and "started_at" not in data:
        return "it says nothing of when the session began (started_on)"
    if "entry" in data:
        try:
            entry_from_dict(data["entry"], "entry")
        except ValidationError as exc:
            first = exc.problems[0]
            return f"{first.path}: {first.message}" if first.path else first.message
        except (AttributeError, TypeError, ValueError, OverflowError) as exc:
            return f"entry: {exc}"
    return None


def draft_problem(data: Mapping[str, Any]) -> str | None:
    """Why a draft file can't be opened again, or None when it can."""
    wrong = _wrong_kind(data, DRAFT_KEYS)
    if wrong is not None:
        return wrong
    if "form" not in data:
        return "it holds no entry (form)"
    return None
