"""Charts as inline SVG text for the printable report: legible in black and white.

Meaning is carried by shape and words, never by colour: each rating has a panel of its own
with its name beside it, a day's rating is a dot and the 7-day average a solid line, before a
session is a hollow circle and after it a filled one, the daily goal is a dashed line with its
name. Every text is escaped; nothing is fetched from anywhere (no links, no fonts, no images).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from footcare.domain.frozen import frozen

WIDTH = 700
LEFT = 96
"""Room for a panel's name and its 0/5/10 scale."""
RIGHT = 112
"""Room for the direct label at the end of a panel (its average or median)."""
PLOT = WIDTH - LEFT - RIGHT
PANEL = 38
"""Height of one 0–10 panel."""
GAP = 9
AXIS = 18
LEGEND = 18
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
INK = "#000"
GREY = "#777"
FAINT = "#ccc"


@frozen
class Series:
    """One rating: a value per day that has one."""

    label: str
    points: Sequence[tuple[date, float]]
    note: str = ""
    """Shown at the right end of the panel (e.g. "average 4.2")."""


@frozen
class Pairs:
    """One rating: (day, before, after) for each session rated both times."""

    label: str
    pairs: Sequence[tuple[date, int, int]]
    note: str = ""


@frozen
class Week:
    start: date
    days: int
    """Days of the period in this week (the last one may be shorter)."""
    done: int
    """Days with a session."""
    blocked: int
    """Days a safety answer kept the massage off (no session that day)."""

    @property
    def end(self) -> date:
        """The week's last day: a week is the 7 days ending on it (journal.week_ending)."""
        return self.start + timedelta(days=self.days - 1)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


class _Frame:
    """Where a day and a 0–10 value land in a panel."""

    def __init__(self, start: date, end: date) -> None:
        self.start = start
        self.span = max(1, (end - start).days)

    def x(self, day: date) -> float:
        return LEFT + (day - self.start).days / self.span * PLOT

    @staticmethod
    def y(top: float, value: float) -> float:
        return top + PANEL - max(0.0, min(10.0, value)) / 10 * PANEL


def _ticks(start: date, end: date) -> list[date]:
    """Month starts, or a tick a week when the period is short."""
    days = (end - start).days
    if days < 45:
        return [start + timedelta(days=i) for i in range(0, days + 1, 7)]
    out = []
    day = date(start.year, start.month, 1)
    while day <= end:
        if day >= start:
            out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _open(height: float, title: str) -> list[str]:
    return [
        f'<svg viewBox="0 0 {WIDTH} {_n(height)}" width="100%" role="img" '
        f'aria-label="{escape(title)}" font-size="10">',
        f"<title>{escape(title)}</title>",
    ]


def _text(x: float, y: float, words: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{extra}>{escape(words)}</text>'


def _panel_frame(frame: _Frame, top: float, label: str, note: str, ticks: list[date]) -> list[str]:
    out = [_text(4, top + PANEL / 2 + 4, label, extra=' font-weight="bold"')]
    for value in (0, 5, 10):
        y = frame.y(top, value)
        dash = "" if value == 0 else ' stroke-dasharray="1 3"'
        out.append(
            f'<line x1="{LEFT}" y1="{_n(y)}" x2="{LEFT + PLOT}" y2="{_n(y)}" '
            f'stroke="{GREY if value == 0 else FAINT}" stroke-width="0.8"{dash}/>'
        )
        out.append(_text(LEFT - 4, y + 3, str(value), "end", f' fill="{GREY}" font-size="8"'))
    for tick in ticks:
        x = frame.x(tick)
        out.append(
            f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(top + PANEL)}" '
            f'stroke="{FAINT}" stroke-width="0.6"/>'
        )
    if note:
        out.append(_text(LEFT + PLOT + 8, top + PANEL / 2 + 4, note))
    return out


def _time_axis(frame: _Frame, y: float, ticks: list[date]) -> list[str]:
    return [_text(frame.x(t), y + 12, day_label(t), "middle") for t in ticks]


def _rolling(points: Sequence[tuple[date, float]], days: int = 7) -> list[list[tuple[date, float]]]:
    """The mean of each day's last ``days`` days with a rating, as runs of days (a run
    breaks where a whole week has no rating)."""
    values = dict(points)
    runs: list[list[tuple[date, float]]] = []
    if not values:
        return runs
    day, last = min(values), max(values)
    current: list[tuple[date, float]] = []
    while day <= last:
        window = [values[d] for i in range(days) if (d := day - timedelta(days=i)) in values]
        if window:
            current.append((day, sum(window) / len(window)))
        elif current:
            runs.append(current)
            current = []
        day += timedelta(days=1)
    if current:
        runs.append(current)
    return runs


def _path(frame: _Frame, top: float, run: Sequence[tuple[date, float]]) -> str:
    return " ".join(
        f"{'M' if i == 0 else 'L'}{_n(frame.x(d))},{_n(frame.y(top, v))}"
        for i, (d, v) in enumerate(run)
    )


def ratings_chart(series: Sequence[Series], start: date, end: date, title: str) -> str:
    """A panel per rating over the period: a dot a day and the 7-day average as a line."""
    frame = _Frame(start, end)
    ticks = _ticks(start, end)
    height = LEGEND + len(series) * (PANEL + GAP) + AXIS
    out = _open(height, title)
    out.append(f'<circle cx="{LEFT + 4}" cy="8" r="2" fill="{GREY}"/>')
    out.append(_text(LEFT + 10, 11, "a day’s rating"))
    out.append(
        f'<line x1="{LEFT + 96}" y1="8" x2="{LEFT + 118}" y2="8" stroke="{INK}" '
        'stroke-width="1.8"/>'
    )
    out.append(_text(LEFT + 124, 11, "average of the last 7 days"))
    out.append(_text(LEFT + PLOT, 11, "0 = none … 10 = worst", "end", f' fill="{GREY}"'))
    top = float(LEGEND)
    for s in series:
        out += _panel_frame(frame, top, s.label, s.note, ticks)
        for day, value in s.points:
            out.append(
                f'<circle cx="{_n(frame.x(day))}" cy="{_n(frame.y(top, value))}" r="1.6" '
                f'fill="{GREY}"/>'
            )
        for run in _rolling(s.points):
            if len(run) == 1:
                d, v = run[0]
                out.append(
                    f'<circle cx="{_n(frame.x(d))}" cy="{_n(frame.y(top, v))}" r="1.4" '
                    f'fill="{INK}"/>'
                )
            else:
                out.append(
                    f'<path d="{_path(frame, top, run)}" fill="none" stroke="{INK}" '
                    'stroke-width="1.8" stroke-linejoin="round"/>'
                )
        top += PANEL + GAP
    out += _time_axis(frame, top - GAP + 2, ticks)
    out.append("</svg>")
    return "\n".join(out)


def sessions_chart(panels: Sequence[Pairs], start: date, end: date, title: str) -> str:
    """A panel per rating: each session a hollow circle (before) joined to a filled one
    (after), so a drop reads as a line going down whatever the colours."""
    frame = _Frame(start, end)
    ticks = _ticks(start, end)
    height = LEGEND + len(panels) * (PANEL + GAP) + AXIS
    out = _open(height, title)
    out.append(f'<circle cx="{LEFT + 4}" cy="8" r="2.6" fill="#fff" stroke="{INK}"/>')
    out.append(_text(LEFT + 10, 11, "before the session"))
    out.append(f'<circle cx="{LEFT + 118}" cy="8" r="2.6" fill="{INK}"/>')
    out.append(_text(LEFT + 124, 11, "after it"))
    out.append(_text(LEFT + PLOT, 11, "lower is better", "end", f' fill="{GREY}"'))
    top = float(LEGEND)
    for p in panels:
        out += _panel_frame(frame, top, p.label, p.note, ticks)
        for day, before, after in p.pairs:
            x, yb, ya = frame.x(day), frame.y(top, before), frame.y(top, after)
            if before != after:
                out.append(
                    f'<line x1="{_n(x)}" y1="{_n(yb)}" x2="{_n(x)}" y2="{_n(ya)}" '
                    f'stroke="{INK}" stroke-width="1"/>'
                )
            out.append(
                f'<circle cx="{_n(x)}" cy="{_n(yb)}" r="2.4" fill="#fff" stroke="{INK}" '
                'stroke-width="0.9"/>'
            )
            out.append(f'<circle cx="{_n(x)}" cy="{_n(ya)}" r="1.7" fill="{INK}"/>')
        top += PANEL + GAP
    out += _time_axis(frame, top - GAP + 2, ticks)
    out.append("</svg>")
    return "\n".join(out)


def weeks_chart(weeks: Sequence[Week], title: str, goal: int = 7) -> str:
    """Days with a session in each week as a bar with its number, against a dashed line at
    the daily goal; the days a safety answer blocked are written under the week (✕2)."""
    bar_area = 44
    top = 14.0
    height = top + bar_area + 30
    out = _open(height, title)
    count = max(1, len(weeks))
    slot = (WIDTH - LEFT - RIGHT) / count
    base = top + bar_area
    goal_y = base - bar_area
    out.append(_text(4, top + bar_area / 2 + 4, "Days a week", extra=' font-weight="bold"'))
    out.append(
        f'<line x1="{LEFT}" y1="{_n(goal_y)}" x2="{LEFT + PLOT}" y2="{_n(goal_y)}" '
        f'stroke="{INK}" stroke-width="1" stroke-dasharray="5 3"/>'
    )
    out.append(_text(LEFT + PLOT + 8, goal_y + 4, f"goal: daily ({goal})"))
    if any(week.blocked for week in weeks):
        out.append(_text(LEFT + PLOT + 8, base + 21, "✕n: days blocked", extra=' font-size="8"'))
    out.append(
        f'<line x1="{LEFT}" y1="{_n(base)}" x2="{LEFT + PLOT}" y2="{_n(base)}" '
        f'stroke="{GREY}" stroke-width="0.8"/>'
    )
    for i, week in enumerate(weeks):
        x = LEFT + i * slot
        width = max(2.0, slot * 0.6)
        h = week.done / goal * bar_area
        cx = x + slot / 2
        if week.done:
            out.append(
                f'<rect x="{_n(cx - width / 2)}" y="{_n(base - h)}" width="{_n(width)}" '
                f'height="{_n(h)}" fill="#fff" stroke="{INK}" stroke-width="1"/>'
            )
        shown = f"{week.done}" if week.days == goal else f"{week.done}/{week.days}"
        out.append(_text(cx, base - h - 3, shown, "middle"))
        out.append(_text(cx, base + 11, day_label(week.end), "middle", ' font-size="8"'))
        if week.blocked:
            out.append(_text(cx, base + 21, f"✕{week.blocked}", "middle", ' font-size="8"'))
    out.append("</svg>")
    return "\n".join(out)
