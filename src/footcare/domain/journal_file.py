"""A journal entry as the TOML table of its month file, and back: every problem named by its
key path (``entries[3].before.pain``)."""

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
from footcare.domain.stops import StopCause, parse_cause


def check_rating(value: Any, name: str, c: Collector, path: str = "") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        c.add(join(path, name), f"must be a whole number from 0 to 10 (got {value!r})")
        return None
    return value


def _ratings(raw: Any, path: str, c: Collector) -> Ratings:
    if raw is None:
        return Ratings()
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table of ratings")
        return Ratings()
    c.unknown_keys(raw, SYMPTOMS, path)
    return Ratings(**{k: check_rating(raw.get(k), k, c, path) for k in SYMPTOMS})


SESSION_KEYS = (
    "routine", "feet", "minutes_per_foot", "stopped_early", "stop_reason", "lotion", "stop_cause",
    "massage_seconds",
)  # fmt: skip


def _massage_seconds(raw: Any, path: str, c: Collector) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table such as { left = 600, right = 540 }")
        return {}
    out: dict[str, int] = {}
    for foot, value in raw.items():
        if foot not in ("left", "right"):
            c.add(join(path, str(foot)), 'must be "left" or "right"')
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            c.add(join(path, foot), "must be a whole number of seconds")
        else:
            out[foot] = value
    return out


def _session_facts(raw: Any, path: str, c: Collector) -> SessionFacts | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table")
        return None
    c.unknown_keys(raw, SESSION_KEYS, path)
    feet: list[str] = []
    raw_feet = raw.get("feet", [])
    if not isinstance(raw_feet, list):
        c.add(join(path, "feet"), 'must be a list such as ["left", "right"]')
    else:
        for i, foot in enumerate(raw_feet):
            if foot in ("left", "right"):
                feet.append(foot)
            else:
                c.add(f"{join(path, 'feet')}[{i}]", 'must be "left" or "right"')
    minutes = raw.get("minutes_per_foot", 0)
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes < 0:
        c.add(join(path, "minutes_per_foot"), "must be a number of minutes")
        minutes = 0
    stopped = raw.get("stopped_early", False)
    if not isinstance(stopped, bool):
        c.add(join(path, "stopped_early"), "must be true or false")
        stopped = False
    cause = raw.get("stop_cause", "")
    if cause and parse_cause(cause) is None:
        known = ", ".join(c.value for c in StopCause)
        c.add(join(path, "stop_cause"), f"must be one of {known}")
        cause = ""
    return SessionFacts(
        stop_cause=str(cause),
        routine=str(raw.get("routine", "")),
        feet=tuple(feet),
        minutes_per_foot=float(minutes),
        stopped_early=stopped,
        stop_reason=str(raw.get("stop_reason", "")),
        lotion=str(raw.get("lotion", "")),
        massage_seconds=_massage_seconds(
            raw.get("massage_seconds"), join(path, "massage_seconds"), c
        ),
    )


def _flag(raw: Mapping[str, Any], key: str, path: str, c: Collector) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        c.add(join(path, key), "must be true or false")
        return None
    return value


_ENTRY_KEYS = (
    "id", "at", "before", "after", "sleep", "findings", "session", "weekly_change",
    "footwear", "exercise_minutes", "blood_sugar", "next_follow_up", "note", "deleted",
)  # fmt: skip


def _at(raw: Mapping[str, Any], path: str, c: Collector) -> datetime:
    at = raw.get("at")
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            at = None
    if not isinstance(at, datetime):
        c.add(join(path, "at"), "must be a date and time")
        at = datetime(1970, 1, 1)
    return at.replace(tzinfo=None)


def _findings(raw: Mapping[str, Any], path: str, c: Collector) -> dict[str, str]:
    findings: dict[str, str] = {}
    raw_findings = raw.get("findings", {})
    if not isinstance(raw_findings, Mapping):
        c.add(join(path, "findings"), "must be a table of finding = side")
        return findings
    for key, side in raw_findings.items():
        if key not in FINDINGS:
            c.add(join(path, f"findings.{key}"), "unknown finding")
        elif side not in (*SIDES, "yes"):
            c.add(join(path, f"findings.{key}"), "must be left, right, both or yes")
        else:
            findings[key] = side
    return findings


def _whole(
    raw: Mapping[str, Any], key: str, top: int, path: str, c: Collector, what: str
) -> int | None:
    """The whole number at ``key`` from 0 to ``top`` (None when absent or wrong)."""
    value = raw.get(key)
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= top
    ):
        c.add(join(path, key), what)
        return None
    return value


def _follow_up(raw: Mapping[str, Any], path: str, c: Collector) -> date | None:
    follow = raw.get("next_follow_up")
    if isinstance(follow, datetime):
        follow = follow.date()
    if follow is not None and not isinstance(follow, date):
        c.add(join(path, "next_follow_up"), "must be a date")
        return None
    return follow


def entry_from_dict(raw: Mapping[str, Any], path: str = "") -> Entry:
    """Rebuild an entry from its TOML table; raises ValidationError with every problem."""
    c = Collector()
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table ([[entries]])")
        c.raise_if_any()
    c.unknown_keys(raw, _ENTRY_KEYS, path)
    at = _at(raw, path, c)
    findings = _findings(raw, path, c)
    session = _session_facts(raw.get("session"), join(path, "session"), c)
    weekly = _whole(
        raw, "weekly_change", 6, path, c, "must be 0 (very much better) to 6 (very much worse)"
    )
    follow = _follow_up(raw, path, c)
    exercise = _whole(raw, "exercise_minutes", 1440, path, c, "must be minutes from 0 to 1440")
    entry = Entry(
        id=str(raw.get("id", "")),
        at=at,
        before=_ratings(raw.get("before"), join(path, "before"), c),
        after=_ratings(raw.get("after"), join(path, "after"), c),
        sleep=check_rating(raw.get("sleep"), "sleep", c, path),
        findings=findings,
        session=session,
        weekly_change=weekly,
        footwear=_flag(raw, "footwear", path, c),
        exercise_minutes=exercise,
        blood_sugar=str(raw.get("blood_sugar", "")),
        next_follow_up=follow,
        note=str(raw.get("note", "")),
        deleted=bool(_flag(raw, "deleted", path, c)),
    )
    if not entry.id:
        c.add(join(path, "id"), "is required")
    c.raise_if_any()
    return entry


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
