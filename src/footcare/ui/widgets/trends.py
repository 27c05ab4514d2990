"""Trends as text: bar glyphs for the shape, numbers and words for the meaning."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich.text import Text
from textual.widgets import Static

from footcare.domain.figures import one_decimal
from footcare.domain.journal import SYMPTOMS, Entry
from footcare.domain.trends import (
    BARS,
    HELPING_CAVEAT,
    HELPING_MINIMUM,
    MISSING,
    WEEK_LABEL,
    Overview,
    Trend,
    around_text,
    direction,
    is_it_helping,
    months_text,
    overview,
    session_change,
    short,
    signed,
    streak_text,
    symptom_trends,
    week_marks,
)

LABEL = 10


def summary_text(o: Overview) -> Text:
    """The streak, the last 7 days and the weekly question: the journal's summary and the
    trends' first lines."""
    text = Text()
    text.append("Streak: ", style="bold")
    text.append(streak_text(o.streak))
    text.append(f"   {WEEK_LABEL}: ", style="bold")
    text.append(f"{week_marks(o.this_week)} {o.this_week} of 7 days (goal: daily)\n")
    text.append("Weekly question: ", style="bold")
    if o.weekly_due:
        text.append("due — it is in your next new entry (n)")
    elif o.last_weekly is not None:
        day, answer = o.last_weekly
        text.append(f"answered {day.isoformat()}: {answer}")
    return text


def overview_text(entries: Sequence[Entry], today: date) -> Text:
    return summary_text(overview(entries, today))


def _trend_lines(trend: Trend) -> Text:
    text = Text()
    name = "Sleep" if trend.name == "sleep" else trend.name.capitalize()
    text.append(f"{name:<{LABEL}}", style="bold")
    text.append("30 days ")
    text.append(trend.spark30)
    text.append(f"  avg {one_decimal(trend.avg30)}")
    if trend.low30 is not None and trend.high30 is not None:
        text.append(f"  range {short(trend.low30)}–{short(trend.high30)}")
    text.append("\n")
    text.append(" " * LABEL)
    text.append("90 days ")
    text.append(trend.spark90)
    text.append(f"  avg {one_decimal(trend.avg90)}")
    words = direction(trend.avg30, trend.previous30)
    if words:
        text.append(f"  last 30 d: {words}")
    text.append("\n")
    return text


def trends_text(entries: Sequence[Entry], today: date) -> Text:
    text = Text()
    text.append("Symptoms, daily average (0–10, lower is better)\n", style="bold underline")
    text.append(
        f"{BARS[0]} = 0 … {BARS[-1]} = 10, {MISSING} = no rating; 90 days: a mark per 3 days.\n"
        "“last 30 d” compares the last 30 days with the 30 days before.\n",
        style="italic",
    )
    for trend in symptom_trends(entries, today):
        text.append_text(_trend_lines(trend))
    return text


def changes_text(entries: Sequence[Entry]) -> Text:
    text = Text()
    text.append("Change during sessions: after − before", style="bold underline")
    text.append(" (minus = better)\n")
    any_sessions = False
    for symptom in SYMPTOMS:
        change = session_change(entries, symptom)
        if not change.sessions:
            continue
        any_sessions = True
        text.append(f"{symptom.capitalize():<{LABEL}}", style="bold")
        recent = " ".join(f"{signed(v):>2}" for v in change.recent)
        text.append(f"last {len(change.recent):>2}: {recent:<30}")
        assert change.average is not None
        text.append(f" average {signed(round(change.average, 1))} over {change.sessions}\n")
    if not any_sessions:
        text.append("No sessions with ratings before and after yet.\n")
    return text


HELPING_DAYS = 90


def helping_text(entries: Sequence[Entry], today: date) -> Text:
    """For each rating over the last 90 days: the median change around a session and the
    first month against the last, in figures and words, with how much data is behind them."""
    start = today - timedelta(days=HELPING_DAYS - 1)
    text = Text()
    text.append("Is it helping? What changed for you", style="bold underline")
    text.append(f" (last {HELPING_DAYS} days; lower is better)\n")
    for h in is_it_helping(entries, start, today):
        name = "Sleep" if h.name == "sleep" else h.name.capitalize()
        text.append(f"{name:<{LABEL}}", style="bold")
        if h.around is not None:
            text.append(f"around a session: {around_text(h.around)}\n")
            text.append(" " * LABEL)
        text.append(f"1st → last month: {months_text(h.months)}\n")
    text.append(f"{HELPING_CAVEAT} {HELPING_MINIMUM}\n", style="italic")
    return text


class TrendsPanel(Static):
    """Everything on the trends screen in one scrollable text."""

    DEFAULT_CSS = """
    TrendsPanel { height: auto; padding: 0 1; }
    """

    def show(self, entries: Sequence[Entry], today: date) -> None:
        text = overview_text(entries, today)
        text.append("\n\n")
        text.append_text(helping_text(entries, today))
        text.append("\n")
        text.append_text(trends_text(entries, today))
        text.append("\n")
        text.append_text(changes_text(entries))
        self.update(text)
