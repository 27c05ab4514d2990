"""Trends read from the journal as text: bar glyphs with numbers beside them, never colour."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from footcare.domain.figures import mean, median, short
from footcare.domain.frozen import frozen
from footcare.domain.helping import (
    HELPING_CAVEAT,
    HELPING_MIN_SESSIONS,
    HELPING_MINIMUM,
    NOT_ENOUGH,
    Helping,
    around_text,
    is_it_helping,
    months_text,
    signed_short,
)
from footcare.domain.journal import (
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    daily_series,
    live,
    session_changes,
    sessions_this_week,
    streak,
    weekly_question_due,
)

__all__ = [
    "HELPING_CAVEAT",
    "HELPING_MINIMUM",
    "HELPING_MIN_SESSIONS",
    "NOT_ENOUGH",
    "Helping",
    "around_text",
    "is_it_helping",
    "median",
    "months_text",
    "short",
    "signed_short",
]

BARS = "▁▂▃▄▅▆▇█"
MISSING = "·"
"""A day (or group of days) with no rating."""


def buckets(values: Sequence[float | None], size: int) -> list[float | None]:
    """Means of consecutive groups of ``size`` values (the last group may be shorter)."""
    return [mean(values[i : i + size]) for i in range(0, len(values), size)]


def spark(values: Sequence[float | None]) -> str:
    """One glyph per value on a 0–10 scale: ▁ is 0, █ is 10, · is no rating."""
    out = []
    for v in values:
        if v is None:
            out.append(MISSING)
        else:
            out.append(BARS[round(max(0.0, min(10.0, v)) / 10 * (len(BARS) - 1))])
    return "".join(out)


def sleep_series(entries: Sequence[Entry], today: date, days: int) -> list[float | None]:
    start = today - timedelta(days=days - 1)
    per_day: dict[date, list[int]] = {}
    for e in entries:
        if not e.deleted and e.sleep is not None and start <= e.day <= today:
            per_day.setdefault(e.day, []).append(e.sleep)
    out: list[float | None] = []
    for i in range(days):
        values = per_day.get(start + timedelta(days=i))
        out.append(sum(values) / len(values) if values else None)
    return out


@frozen
class Trend:
    """One symptom over the last 30 days (a mark a day) and 90 days (a mark per 3 days)."""

    name: str
    spark30: str
    spark90: str
    avg30: float | None
    avg90: float | None
    previous30: float | None
    """The mean of the 30 days before the last 30, to compare against."""
    low30: float | None
    high30: float | None


def _trend(name: str, series90: list[float | None]) -> Trend:
    last30 = series90[-30:]
    previous = series90[-60:-30]
    present = [v for v in last30 if v is not None]
    return Trend(
        name=name,
        spark30=spark(last30),
        spark90=spark(buckets(series90, 3)),
        avg30=mean(last30),
        avg90=mean(series90),
        previous30=mean(previous),
        low30=min(present) if present else None,
        high30=max(present) if present else None,
    )


def symptom_trends(entries: Sequence[Entry], today: date) -> list[Trend]:
    """The four symptoms, then sleep interference."""
    out = [_trend(s, daily_series(entries, s, today, 90)) for s in SYMPTOMS]
    out.append(_trend("sleep", sleep_series(entries, today, 90)))
    return out


def direction(now: float | None, before: float | None) -> str:
    """One word for a change on a scale where lower is better (0.5 either way is "same")."""
    if now is None or before is None:
        return ""
    diff = now - before
    if abs(diff) < 0.5:
        return "same"
    return "better" if diff < 0 else "worse"


@frozen
class SessionChange:
    name: str
    recent: list[int]
    """after − before for the last sessions, oldest first."""
    average: float | None
    sessions: int


def session_change(entries: Sequence[Entry], symptom: str, last: int = 10) -> SessionChange:
    changes = session_changes(entries, symptom)
    recent = changes[-last:]
    return SessionChange(
        name=symptom,
        recent=recent,
        average=sum(changes) / len(changes) if changes else None,
        sessions=len(changes),
    )


def signed(value: float) -> str:
    """+2, −1, 0 (a real minus sign, so it reads clearly)."""
    if value == 0:
        return "0"
    text = f"{value:+g}" if float(value).is_integer() else f"{value:+.1f}"
    return text.replace("-", "−")


@frozen
class Overview:
    streak: int
    this_week: int
    weekly_due: bool
    last_weekly: tuple[date, str] | None
    entries: int
    sessions: int


@frozen
class Counts:
    """The whole journal counted: all its summary needs, however many years it holds.

    Counted here from a list of entries, or by the journal's index in a few lookups; both
    give the same."""

    streak: int
    this_week: int
    """Days with a session in the 7 days ending today."""
    weekly_this_week: bool
    """The weekly question was answered in the 7 days ending today."""
    last_weekly: tuple[date, int] | None
    """The day and the answer (an index into WEEKLY_CHANGE) of the last weekly answer."""
    entries: int
    sessions: int


def counts(entries: Sequence[Entry], today: date) -> Counts:
    """Counts of entries that are not deleted (given in the journal's order)."""
    rows = live(entries)
    weekly = [e for e in rows if e.weekly_change is not None]
    last = weekly[-1] if weekly else None
    return Counts(
        streak=streak(rows, today),
        this_week=sessions_this_week(rows, today),
        weekly_this_week=not weekly_question_due(rows, today),
        last_weekly=(last.day, last.weekly_change)
        if last is not None and last.weekly_change is not None
        else None,
        entries=len(rows),
        sessions=sum(1 for e in rows if e.session is not None),
    )


def overview_of(tally: Counts) -> Overview:
    """The journal's summary from its counts: no entry needs to be at hand."""
    last = tally.last_weekly
    return Overview(
        streak=tally.streak,
        this_week=tally.this_week,
        weekly_due=not tally.weekly_this_week,
        last_weekly=(last[0], WEEKLY_CHANGE[last[1]]) if last is not None else None,
        entries=tally.entries,
        sessions=tally.sessions,
    )


def overview(entries: Sequence[Entry], today: date) -> Overview:
    return overview_of(counts(entries, today))


WEEK_LABEL = "Last 7 days"
"""The journal screen's week: the 7 days ending today (journal.week_ending), the week the
weekly question and the reports' week by week count too; "this week" would read as the
calendar week."""


def week_marks(done: int, goal: int = 7) -> str:
    """■■■■■□□ for 5 of 7: filled and hollow glyphs, not two colours."""
    done = max(0, min(goal, done))
    return "■" * done + "□" * (goal - done)


def streak_text(days: int) -> str:
    if days <= 1:
        return f"{days} day" if days else "0 days"
    return f"{days} days in a row"
