"""Journal exports as text: CSV, JSON and a Markdown report a clinician can read.

Whatever an entry holds, what goes out is inert: text is cleaned again on the way out
(an entry saved before cleaning existed is safe too), a CSV cell never starts a
spreadsheet formula, and the report's Markdown shows a note's words, never its markup.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from footcare.domain.journal import (
    FINDINGS,
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    averages,
    entry_to_dict,
    live,
)
from footcare.domain.redflags import entry_flags, history_flags
from footcare.domain.text import clean, markdown_inline

CSV_COLUMNS = (
    ["id", "date", "time", "routine", "feet", "minutes_per_foot", "stopped_early", "stop_reason"]
    + [f"before_{s}" for s in SYMPTOMS]
    + [f"after_{s}" for s in SYMPTOMS]
    + ["sleep", "foot_check", "weekly_change", "note"]
)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list), even after spaces."""
MULTILINE_CELLS = ("note",)


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a formula gets a leading single quote."""
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def _findings_text(entry: Entry) -> str:
    return "; ".join(
        FINDINGS.get(k, k) + ("" if side == "yes" else f" ({side})")
        for k, side in entry.findings.items()
    )


def _row(entry: Entry) -> dict[str, Any]:
    s = entry.session
    row: dict[str, Any] = {
        "id": entry.id,
        "date": entry.day.isoformat(),
        "time": entry.at.strftime("%H:%M"),
        "routine": s.routine if s else "",
        "feet": " ".join(s.feet) if s else "",
        "minutes_per_foot": f"{s.minutes_per_foot:g}" if s else "",
        "stopped_early": ("yes" if s.stopped_early else "no") if s else "",
        "stop_reason": s.stop_reason if s else "",
        "sleep": "" if entry.sleep is None else entry.sleep,
        "foot_check": _findings_text(entry),
        "weekly_change": "" if entry.weekly_change is None else WEEKLY_CHANGE[entry.weekly_change],
        "note": entry.note,
    }
    for which in ("before", "after"):
        for symptom in SYMPTOMS:
            value = getattr(entry, which).get(symptom)
            row[f"{which}_{symptom}"] = "" if value is None else value
    return row


def to_csv(entries: Sequence[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in live(entries):
        row = _row(entry)
        for column, value in row.items():
            if isinstance(value, str):  # numbers (ratings) stay numbers
                row[column] = csv_cell(clean(value, multiline=column in MULTILINE_CELLS))
        writer.writerow(row)
    return buffer.getvalue()


def to_json(entries: Sequence[Entry]) -> str:
    """JSON escapes C0 controls itself but writes DEL, C1 and bidi controls raw: clean text."""

    def plain(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: plain(v, k) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, str):
            return clean(value, multiline=key == "note")
        return value

    data = [plain(entry_to_dict(e)) for e in live(entries)]
    return json.dumps({"self_reported": True, "entries": data}, indent=2, ensure_ascii=False) + "\n"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def to_markdown(entries: Sequence[Entry], today: date, since: date | None = None) -> str:
    """A one-page report: period, adherence, averages, change, red flags, notes."""
    rows = [e for e in live(entries) if since is None or e.day >= since]
    start = since or (rows[0].day if rows else today)
    days = (today - start).days + 1
    sessions = [e for e in rows if e.session is not None]
    session_days = {e.day for e in sessions}
    early = [e for e in sessions if e.session and e.session.stopped_early]
    before = averages(sessions, "before")
    after = averages(sessions, "after")
    lines = [
        "# Foot massage and symptom journal",
        "",
        f"Period: {start.isoformat()} to {today.isoformat()} "
        f"({days} day{'' if days == 1 else 's'}). "
        "All ratings are self-reported on 0–10 scales (0 = none or normal feeling).",
        "",
        "## Sessions",
        "",
        f"- Days with a session: {len(session_days)} of {days} (goal: daily)",
        f"- Sessions stopped early: {len(early)}",
    ]
    minutes = [e.session.minutes_per_foot for e in sessions if e.session]
    if minutes:
        lines.append(f"- Average minutes per foot: {sum(minutes) / len(minutes):.1f}")
    lines += [
        "",
        "## Average ratings around sessions",
        "",
        "| symptom | before | after | change |",
        "|---|---|---|---|",
    ]
    for symptom in SYMPTOMS:
        b, a = before.get(symptom), after.get(symptom)
        change = "–" if b is None or a is None else f"{a - b:+.1f}"
        lines.append(f"| {symptom} | {_fmt(b)} | {_fmt(a)} | {change} |")
    lines += _period_table(rows, start, today)
    sleep = [e.sleep for e in rows if e.sleep is not None]
    if sleep:
        lines += ["", f"Sleep interference, average: {sum(sleep) / len(sleep):.1f} of 10."]
    weekly = [e for e in rows if e.weekly_change is not None]
    if weekly:
        last = weekly[-1]
        assert last.weekly_change is not None
        lines.append(
            f"Latest weekly overall change ({last.day.isoformat()}): "
            f"{WEEKLY_CHANGE[last.weekly_change]}."
        )
    # a trend needs the weeks before the period too, so it reads every entry given
    flags = [f for e in rows for f in entry_flags(e)] + history_flags(entries, today)
    lines += ["", "## Warning signs noted", ""]
    if flags:
        lines += [
            f"- {f.day.isoformat()} ({f.urgency.value}): {markdown_inline(f.what)}" for f in flags
        ]
    else:
        lines.append("- None noted.")
    # a note or reason with nothing visible left in it is left out
    reasons = [
        (e.day, words)
        for e in early
        if e.session and (words := markdown_inline(e.session.stop_reason))
    ]
    notes = [(e.day, words) for e in rows if (words := markdown_inline(e.note))]
    if reasons or notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {day.isoformat()}, stopped early: {words}" for day, words in reasons]
        lines += [f"- {day.isoformat()}: {words}" for day, words in notes[-12:]]
        if len(notes) > 12:
            lines.append(f"- ({len(notes) - 12} earlier notes in the full export)")
    lines += [
        "",
        "---",
        "Self-reported by the patient with footcare, a self-care aid; not a diagnosis.",
        "",
    ]
    return "\n".join(lines)


def _mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _period_table(rows: Sequence[Entry], start: date, today: date) -> list[str]:
    """Symptoms over the whole period from every entry ("right now" or before a session),
    with the first and the last week side by side, so days without massage count too."""
    rated = [e for e in rows if not e.before.empty]
    if not rated:
        return []
    first_end = start + timedelta(days=6)
    last_start = today - timedelta(days=6)
    out = [
        "",
        "## Symptoms over the period (every entry)",
        "",
        "| symptom | average | first 7 days | last 7 days | lowest–highest |",
        "|---|---|---|---|---|",
    ]
    for symptom in SYMPTOMS:
        values = [(e.day, v) for e in rated if (v := e.before.get(symptom)) is not None]
        if not values:
            continue
        every = [v for _, v in values]
        first = [v for d, v in values if d <= first_end]
        last = [v for d, v in values if d >= last_start]
        out.append(
            f"| {symptom} | {_fmt(_mean(every))} | {_fmt(_mean(first))} | "
            f"{_fmt(_mean(last))} | {min(every)}–{max(every)} |"
        )
    return out


def list_lines(entries: Sequence[Entry]) -> list[str]:
    """One readable line per entry, oldest first (a note's line breaks become spaces)."""
    out = []
    for e in live(entries):
        ratings = e.after if not e.after.empty else e.before
        parts = [f"{e.at:%Y-%m-%d %H:%M}"]
        if e.session is not None:
            parts.append(f"{clean(e.session.routine)} {e.session.minutes_per_foot:g} min/foot")
        if not ratings.empty:
            parts.append(" ".join(f"{k} {v}" for k, v in ratings.as_dict().items()))
        if e.findings:
            parts.append("check: " + _findings_text(e))
        if e.note:
            parts.append(f"“{clean(e.note)}”")
        out.append("  ".join(parts))
    return out
