"""Is it helping? What changed for this person around sessions and from month to month, in
figures and words: never a claim of cause."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from footcare.domain.figures import mean, median, short
from footcare.domain.frozen import frozen
from footcare.domain.journal import SYMPTOMS, Entry, outside_the_app, session_changes

HELPING_MIN_SESSIONS = 5
"""Sessions with a rating before and after, below which no median is given."""
HELPING_WINDOW = 30
"""Days in the first and in the last "month" compared."""
HELPING_MIN_SPAN = 2 * HELPING_WINDOW
"""Days from the first rating to the last before two months can be compared."""
HELPING_MIN_DAYS = 5
"""Days with a rating each month needs."""
HELPING_RATINGS = (*SYMPTOMS, "sleep")


@frozen
class AroundSessions:
    """after − before for one rating, over the sessions that have both."""

    median: float | None
    """None below HELPING_MIN_SESSIONS sessions."""
    sessions: int
    outside: int = 0
    """How many of the sessions were entered with `footcare journal add` (run outside the
    app, rated before and after)."""


@frozen
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


@frozen
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
