"""Whether a saved session or a draft can be used as it is: a file that parses but holds
the wrong kinds of values is set aside whole (never used in part, never deleted).

Each file is one declared shape (``domain/schema.py``), as the config, themes, routines
and journal months are: its checks, its messages (with the key) and its JSON Schema come
from it. Only the keys footcare writes are checked: keys it doesn't know (a newer
footcare's) are left for that footcare.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from footcare.domain.journal import entry_from_dict
from footcare.domain.problems import ValidationError
from footcare.domain.schema import (
    Anything,
    Bool,
    Day,
    Int,
    Key,
    MapOf,
    Moment,
    Number,
    Shape,
    Table,
    Text,
    check,
)

LONG = 1_000_000
"""No length footcare would refuse in what it wrote itself (a stop note, an id)."""


def _table(what: str) -> MapOf:
    return MapOf(Anything(), max_items=LONG, what=what)


SESSION = Table(
    {
        "routine_id": Text(max_length=LONG),
        "started_on": Day(text=True, what="a date written as 2026-01-31"),
        "index": Int(0, LONG, "a step number"),
        "elapsed": Number(0, LONG, "a number of seconds"),
        "status": Text(max_length=LONG),
        "stop_cause": Text(max_length=LONG),
        "stop_note": Text(max_length=LONG),
        "massage": _table("a table of seconds per foot"),
        "before": _table("a table of ratings"),
        "started_at": Moment(),
        "lighter": Bool(),
        "entry": _table("a table (the journal entry of the ended session)"),
    },
    what="a table (a session under way)",
    open=True,
)
"""session.toml: a session under way, or ended and not yet in the journal (its entry)."""

DRAFT = Table(
    {
        "form": Key(_table("a table (the entry being written)"), required=True),
        "saved_at": Moment(),
    },
    what="a table (an unsaved journal entry)",
    open=True,
)
"""draft.toml: a journal entry being written, kept at each change."""


def _first_problem(shape: Shape, data: Mapping[str, Any]) -> str | None:
    _, found = check(shape, data)
    return found.problems[0].render() if found.problems else None


def session_state_problem(data: Mapping[str, Any]) -> str | None:
    """Why a session file can't be carried on or settled, or None when it can."""
    wrong = _first_problem(SESSION, data)
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
    return _first_problem(DRAFT, data)
