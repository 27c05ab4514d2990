"""Journal entries, their validation, and what can be read from a history of them.

The entry itself is in ``journal_entry``, its file's table in ``journal_file``; every name is
importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from footcare.domain.frozen import frozen
from footcare.domain.journal_entry import (
    FINDINGS,
    NO_FOOT_NAMED,
    SCALE_HINTS,
    SIDED_FINDINGS,
    SIDES,
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    Ratings,
    SessionFacts,
    finding_words,
    massage_text,
    tenths,
)
from footcare.domain.journal_file import entry_from_dict, entry_to_dict

__all__ = [
    "FINDINGS",
    "NO_FOOT_NAMED",
    "SCALE_HINTS",
    "SIDED_FINDINGS",
    "SIDES",
    "SYMPTOMS",
    "WEEKLY_CHANGE",
    "Entry",
    "Ratings",
    "SessionFacts",
    "entry_from_dict",
    "entry_to_dict",
    "finding_words",
    "massage_text",
    "tenths",
]


# --- reading a history ------------------------------------------------------------------


def live(entries: Iterable[Entry]) -> list[Entry]:
    return sorted((e for e in entries if not e.deleted), key=lambda e: e.at)


def session_days(entries: Iterable[Entry]) -> set[date]:
    return {e.day for e in entries if e.session is not None and not e.deleted}


def streak(entries: Iterable[Entry], today: date) -> int:
    """Consecutive days with a session, ending today (or yesterday if none yet today)."""
    days = session_days(entries)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


WEEK_DAYS = 7
"""A week, wherever footcare counts one (the journal screen, the weekly question, the
reports), is the 7 days ending on a day: the same count whatever day of the week it is,
always out of 7 against the daily goal, and a report's latest week is the screen's."""


def week_ending(day: date) -> tuple[date, date]:
    """The first and the last day of the week ending on ``day``."""
    return day - timedelta(days=WEEK_DAYS - 1), day


def weeks_back(start: date, end: date) -> list[tuple[date, date]]:
    """``start`` to ``end`` as weeks ending on ``end``, counted back, oldest first: the
    first may be shorter (cut at ``start``)."""
    out = []
    last = end
    while last >= start:
        first = max(start, week_ending(last)[0])
        out.append((first, last))
        last = first - timedelta(days=1)
    return out[::-1]


def sessions_this_week(entries: Iterable[Entry], today: date) -> int:
    """Days with a session in the week ending today (the goal is daily: 7)."""
    start, end = week_ending(today)
    return sum(1 for d in session_days(entries) if start <= d <= end)


@frozen
class DayBlock:
    """A day a safety question was answered yes (the yes stays on record, even if taken
    back later)."""

    day: date
    items: tuple[str, ...]
    """The questions answered yes that day, by id."""
    massaged: bool
    """A session entry (not deleted) is on that day: it is a massage day all the same (the
    yes was taken back, or was said after that session), never a day without massage."""


def day_blocks(said: Mapping[date, tuple[str, ...]], entries: Iterable[Entry]) -> list[DayBlock]:
    """The record's days with a yes (``SafetyRecord.blocked_days``), oldest first, each
    told whether it had a session all the same."""
    done = session_days(entries)
    return [DayBlock(day, tuple(said[day]), day in done) for day in sorted(said)]


def daily_series(
    entries: Iterable[Entry], symptom: str, today: date, days: int
) -> list[float | None]:
    """One value a day for the last ``days`` days: the day's mean rating, None if no rating."""
    start = today - timedelta(days=days - 1)
    sums: dict[date, list[int]] = {}
    for e in entries:
        if e.deleted or not start <= e.day <= today:
            continue
        for ratings in (e.before, e.after):
            value = ratings.get(symptom)
            if value is not None:
                sums.setdefault(e.day, []).append(value)
    out: list[float | None] = []
    for i in range(days):
        values = sums.get(start + timedelta(days=i))
        out.append(sum(values) / len(values) if values else None)
    return out


def around_a_session(entry: Entry) -> bool:
    """A session's entry: one from the app, or one added with `footcare journal add` that
    has after ratings (rated after a session done without the app)."""
    return entry.session is not None or not entry.after.empty


def outside_the_app(entry: Entry) -> bool:
    """A session rated before and after that was entered with `journal add`, not run in
    the app."""
    return entry.session is None and not entry.after.empty


def session_changes(entries: Iterable[Entry], symptom: str) -> list[int]:
    """after − before for each session that has both ratings, oldest first (those entered
    with `journal add` too)."""
    out = []
    for e in live(entries):
        b, a = e.before.get(symptom), e.after.get(symptom)
        if around_a_session(e) and b is not None and a is not None:
            out.append(a - b)
    return out


def weekly_question_due(entries: Iterable[Entry], today: date) -> bool:
    """The weekly overall-change question is asked once a week (the week ending today)."""
    start, end = week_ending(today)
    return not any(e.weekly_change is not None and start <= e.day <= end for e in live(entries))


def averages(entries: Sequence[Entry], which: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for symptom in SYMPTOMS:
        values = [v for e in entries if (v := getattr(e, which).get(symptom)) is not None]
        if values:
            out[symptom] = sum(values) / len(values)
    return out
