"""Trends read from the journal as text: bar glyphs with numbers beside them, never colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from footcare.domain.journal import (
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    daily_series,
    live,
    outside_the_app,
    session_changes,
    sessions_this_week,
    streak,
    weekly_question_due,
)

BARS = "▁▂▃▄▅▆▇█"
MISSING = "·"
"""A day (or group of days) with no rating."""


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


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


@dataclass(frozen=True)
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
    days_rated30: int


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
        days_rated30=len(present),
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Overview:
    streak: int
    this_week: int
    weekly_due: bool
    last_weekly: tuple[date, str] | None
    entries: int
    sessions: int


@dataclass(frozen=True)
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


def week_marks(done: int, goal: int = 7) -> str:
    """■■■■■□□ for 5 of 7: filled and hollow glyphs, not two colours."""
    done = max(0, min(goal, done))
    return "■" * done + "□" * (goal - done)


def streak_text(days: int) -> str:
    if days <= 1:
        return f"{days} day" if days else "0 days"
    return f"{days} days in a row"


def short(value: float) -> str:
    """A rating for reading: at most one decimal, none when whole (2.3, 7, 4.5)."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    return f"{rounded:g}" if float(rounded).is_integer() else f"{rounded:.1f}"


# --- "is it helping?": what changed for this person, never a claim of cause ------------------

HELPING_MIN_SESSIONS = 5
"""Sessions with a rating before and after, below which no median is given."""
HELPING_WINDOW = 30
"""Days in the first and in the last "month" compared."""
HELPING_MIN_SPAN = 2 * HELPING_WINDOW
"""Days from the first rating to the last before two months can be compared."""
HELPING_MIN_DAYS = 5
"""Days with a rating each month needs."""
HELPING_RATINGS = (*SYMPTOMS, "sleep")


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class AroundSessions:
    """after − before for one rating, over the sessions that have both."""

    median: float | None
    """None below HELPING_MIN_SESSIONS sessions."""
    sessions: int
    outside: int = 0
    """How many of the sessions were entered with `footcare journal add` (run outside the
    app, rated before and after)."""


@dataclass(frozen=True)
class MonthChange:
    """A rating's mean over the first 30 days with ratings against the last 30."""

    first: float | None
    last: float | None
    first_days: int
    """Days with a rating behind ``first``."""
    last_days: int
    first_span: tuple[date, date] | None
    last_span: tuple[date, date] | None
    span_days: int
    """Days from the first rating to the last (both counted)."""

    @property
    def enough(self) -> bool:
        return (
            self.span_days >= HELPING_MIN_SPAN
            and self.first_days >= HELPING_MIN_DAYS
            and self.last_days >= HELPING_MIN_DAYS
        )

    @property
    def change(self) -> float | None:
        if not self.enough or self.first is None or self.last is None:
            return None
        return self.last - self.first


@dataclass(frozen=True)
class Helping:
    """What changed for one rating (lower is better on every scale)."""

    name: str
    around: AroundSessions | None
    """None for sleep: it is rated once a day, not before and after a session."""
    months: MonthChange


def _day_values(entries: Sequence[Entry], name: str, start: date, end: date) -> dict[date, float]:
    """A day's "right now" rating: the mean of its entries' before ratings (or sleep)."""
    per_day: dict[date, list[int]] = {}
    for e in entries:
        if e.deleted or not start <= e.day <= end:
            continue
        value = e.sleep if name == "sleep" else e.before.get(name)
        if value is not None:
            per_day.setdefault(e.day, []).append(value)
    return {d: sum(v) / len(v) for d, v in sorted(per_day.items())}


def month_change(entries: Sequence[Entry], name: str, start: date, end: date) -> MonthChange:
    days = _day_values(entries, name, start, end)
    if not days:
        return MonthChange(None, None, 0, 0, None, None, 0)
    first_day, last_day = min(days), max(days)
    span = (last_day - first_day).days + 1
    window = timedelta(days=HELPING_WINDOW - 1)
    first_span = (first_day, first_day + window)
    last_span = (last_day - window, last_day)
    first = [v for d, v in days.items() if first_span[0] <= d <= first_span[1]]
    last = [v for d, v in days.items() if last_span[0] <= d <= last_span[1]]
    return MonthChange(
        first=mean(first),
        last=mean(last),
        first_days=len(first),
        last_days=len(last),
        first_span=first_span,
        last_span=last_span,
        span_days=span,
    )


def around_sessions(
    entries: Sequence[Entry], symptom: str, start: date, end: date
) -> AroundSessions:
    period = [e for e in entries if start <= e.day <= end]
    changes = session_changes(period, symptom)
    outside = len(session_changes([e for e in period if outside_the_app(e)], symptom))
    enough = len(changes) >= HELPING_MIN_SESSIONS
    return AroundSessions(median(changes) if enough else None, len(changes), outside)


def is_it_helping(entries: Sequence[Entry], start: date, end: date) -> list[Helping]:
    """For each rating, from ``start`` to ``end``: the median change around a session and
    the change from the first month with ratings to the last."""
    return [
        Helping(
            name=name,
            around=None if name == "sleep" else around_sessions(entries, name, start, end),
            months=month_change(entries, name, start, end),
        )
        for name in HELPING_RATINGS
    ]


HELPING_MINIMUM = (
    f"Figures need at least {HELPING_MIN_SESSIONS} sessions rated before and after, "
    f"and, for the months, ratings spread over {HELPING_MIN_SPAN} days or more with "
    f"{HELPING_MIN_DAYS} rated days in each {HELPING_WINDOW}-day month."
)
HELPING_CAVEAT = (
    "These figures describe your own ratings: what changed for you, not what caused it. "
    "Sleep, weather, medicines, blood sugar and the usual ups and downs of neuropathy move "
    "ratings too. Lower is better on every scale."
)
NOT_ENOUGH = "not enough data yet"


def change_words(value: float) -> str:
    """A change on a scale where lower is better, in figures and plain words."""
    if round(value, 1) == 0:
        return "0, no change"
    return f"{signed_short(value)}, {'lower' if value < 0 else 'higher'}"


def signed_short(value: float) -> str:
    """−1.5, +2, 0: a real minus sign and at most one decimal."""
    text = short(abs(value))
    if text == "0":
        return "0"
    return ("−" if value < 0 else "+") + text


def around_text(around: AroundSessions | None) -> str:
    """ "−1.5, lower after (median of 12 sessions)" or why there is no figure."""
    if around is None:
        return "rated once a day, not around sessions"
    outside = f", {outside_words(around.outside)}" if around.outside else ""
    if around.median is None:
        return f"{NOT_ENOUGH} ({around.sessions} of {HELPING_MIN_SESSIONS} sessions{outside})"
    s = "" if around.sessions == 1 else "s"
    return f"{change_words(around.median)} after (median of {around.sessions} session{s}{outside})"


def outside_words(count: int) -> str:
    """How many sessions came from outside the app, e.g. "3 entered outside the app"."""
    return f"{count} entered outside the app (journal add)"


def months_text(months: MonthChange) -> str:
    """ "6.1 → 4 (−2.1, lower; 28 and 30 rated days)" or why there is no figure."""
    change = months.change
    if change is None or months.first is None or months.last is None:
        if months.span_days < HELPING_MIN_SPAN:
            return f"{NOT_ENOUGH} ({months.span_days} of {HELPING_MIN_SPAN} days)"
        return f"{NOT_ENOUGH} (too few rated days in a month)"
    # the change is taken from the figures shown, so the three always agree
    change = round(months.last, 1) - round(months.first, 1)
    return (
        f"{short(months.first)} → {short(months.last)} ({change_words(change)}; "
        f"{months.first_days} and {months.last_days} rated days)"
    )
