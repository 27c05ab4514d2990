"""A journal entry as the TOML table of its month file, and back: the table's shape declared
once (ENTRY), so every problem is named by its key path (``entries[3].before.pain``) and the
month file's JSON Schema comes from the same declaration."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from footcare.domain.journal_entry import (
    FINDINGS,
    SIDES,
    SYMPTOMS,
    Entry,
    Ratings,
    SessionFacts,
)
from footcare.domain.problems import Collector, join
from footcare.domain.schema import (
    MISSING,
    Anything,
    Bool,
    Choice,
    Day,
    Int,
    Key,
    ListOf,
    Moment,
    Number,
    Table,
)
from footcare.domain.stops import StopCause

RATING = Int(0, 10)
AS_TEXT = Anything()
"""A key read as its text, whatever it holds (as entries have always been read)."""
FOOT = Choice(("left", "right"))

SESSION = Table(
    {
        "routine": AS_TEXT,
        "feet": ListOf(FOOT, what='a list such as ["left", "right"]'),
        "minutes_per_foot": Number(0, 10_000, "a number of minutes"),
        "stopped_early": Bool(),
        "stop_reason": AS_TEXT,
        "lotion": AS_TEXT,
        "stop_cause": Choice(("", *(cause.value for cause in StopCause))),
        "massage_seconds": Table(
            {foot: Int(0, 10**7, "a whole number of seconds") for foot in ("left", "right")},
            what="a table such as { left = 600, right = 540 }",
        ),
    },
)

ENTRY = Table(
    {
        "id": Key(AS_TEXT, required=True),
        "at": Key(Moment(datetime.min, datetime.max, lenient=True), required=True),
        "before": Table(dict.fromkeys(SYMPTOMS, RATING), what="a table of ratings"),
        "after": Table(dict.fromkeys(SYMPTOMS, RATING), what="a table of ratings"),
        "sleep": RATING,
        "findings": Table(
            dict.fromkeys(FINDINGS, Choice((*SIDES, "yes"))), what="a table of finding = side"
        ),
        "session": SESSION,
        "weekly_change": Key(
            Int(0, 6), about="0 very much better … 3 no change … 6 very much worse."
        ),
        "footwear": Bool(),
        "exercise_minutes": Int(0, 1440, "whole minutes"),
        "blood_sugar": AS_TEXT,
        "next_follow_up": Day(date.min, date.max, text=True, what="a date"),
        "note": AS_TEXT,
        "deleted": Bool(),
    },
    what="a table ([[entries]])",
)


def _session(raw: Mapping[str, Any] | None) -> SessionFacts | None:
    if raw is None:
        return None
    return SessionFacts(
        stop_cause=raw.get("stop_cause", ""),
        routine=str(raw.get("routine", "")),
        feet=tuple(raw.get("feet", ())),
        minutes_per_foot=float(raw.get("minutes_per_foot", 0)),
        stopped_early=raw.get("stopped_early", False),
        stop_reason=str(raw.get("stop_reason", "")),
        lotion=str(raw.get("lotion", "")),
        massage_seconds=dict(raw.get("massage_seconds", {})),
    )


def entry_from_dict(raw: Mapping[str, Any], path: str = "") -> Entry:
    """Rebuild an entry from its TOML table; raises ValidationError with every problem.

    The declared shape (ENTRY) checks every key; only an id that reads as empty text is
    found by code after it."""
    c = Collector()
    table = ENTRY.check(raw, path, c)
    if table is MISSING:
        c.raise_if_any()
    entry_id = str(table.get("id", ""))
    if not entry_id and "id" in raw:
        c.add(join(path, "id"), "is required")
    c.raise_if_any()
    return Entry(
        id=entry_id,
        at=table["at"],
        before=Ratings(**table.get("before", {})),
        after=Ratings(**table.get("after", {})),
        sleep=table.get("sleep"),
        findings=table.get("findings", {}),
        session=_session(table.get("session")),
        weekly_change=table.get("weekly_change"),
        footwear=table.get("footwear"),
        exercise_minutes=table.get("exercise_minutes"),
        blood_sugar=str(table.get("blood_sugar", "")),
        next_follow_up=table.get("next_follow_up"),
        note=str(table.get("note", "")),
        deleted=table.get("deleted", False),
    )


def month_schema() -> dict[str, Any]:
    """A JSON Schema of a journal month file (YYYY-MM.toml), for editors."""
    from footcare.domain.json_schema import DRAFT, shape_schema  # only editors ask for it

    return {
        "$schema": DRAFT,
        "title": "footcare journal month",
        "type": "object",
        "properties": {"entries": {"type": "array", "items": shape_schema(ENTRY)}},
        "additionalProperties": False,
    }


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """A TOML-ready table (no None values: TOML has no null)."""
    out: dict[str, Any] = {"id": entry.id, "at": entry.at.replace(microsecond=0)}
    if not entry.before.empty:
        out["before"] = entry.before.as_dict()
    if not entry.after.empty:
        out["after"] = entry.after.as_dict()
    if entry.sleep is not None:
        out["sleep"] = entry.sleep
    if entry.findings:
        out["findings"] = dict(entry.findings)
    if entry.session is not None:
        s = entry.session
        out["session"] = {
            "routine": s.routine,
            "feet": list(s.feet),
            "minutes_per_foot": s.minutes_per_foot,
            "stopped_early": s.stopped_early,
            **({"stop_reason": s.stop_reason} if s.stop_reason else {}),
            **({"lotion": s.lotion} if s.lotion else {}),
            **({"stop_cause": s.stop_cause} if s.stop_cause else {}),
            **({"massage_seconds": dict(s.massage_seconds)} if s.massage_seconds else {}),
        }
    if entry.weekly_change is not None:
        out["weekly_change"] = entry.weekly_change
    if entry.footwear is not None:
        out["footwear"] = entry.footwear
    if entry.exercise_minutes is not None:
        out["exercise_minutes"] = entry.exercise_minutes
    if entry.blood_sugar:
        out["blood_sugar"] = entry.blood_sugar
    if entry.next_follow_up is not None:
        out["next_follow_up"] = entry.next_follow_up
    if entry.note:
        out["note"] = entry.note
    if entry.deleted:
        out["deleted"] = True
    return out
