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
from datetime import date
from typing import Any

from footcare.domain.history import short_rating, stop_text
from footcare.domain.journal import (
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    SessionFacts,
    entry_to_dict,
    finding_words,
    live,
    massage_text,
)
from footcare.domain.report.facts import rendered
from footcare.domain.report.markdown import to_markdown as report_markdown
from footcare.domain.routine import FEET
from footcare.domain.text import clean

CSV_COLUMNS = (
    ["id", "date", "time", "routine", "feet", "minutes_per_foot"]
    + ["massage_minutes_left", "massage_minutes_right", "stopped_early"]
    + ["stop_cause", "stop_reason", "lotion"]
    + [f"before_{s}" for s in SYMPTOMS]
    + [f"after_{s}" for s in SYMPTOMS]
    + ["sleep", "foot_check", "weekly_change"]
    + ["footwear", "exercise_minutes", "blood_sugar", "next_follow_up", "note"]
)
"""Every field of an entry, as the README's "CSV columns" describes them."""
BOM = "\ufeff"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's list), even after spaces."""
MULTILINE_CELLS = ("note",)


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a formula gets a leading single quote."""
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        return "'" + text
    return text


def _findings_text(entry: Entry) -> str:
    return "; ".join(finding_words(k, side) for k, side in entry.findings.items())


def _foot_minutes(entry: Entry, foot: str) -> str:
    """Minutes of massage done on one foot; empty if not reached or not recorded."""
    s = entry.session
    if s is None or foot not in s.massage_seconds:
        return ""
    return f"{s.foot_minutes()[foot]:g}"


def _row(entry: Entry) -> dict[str, Any]:
    s = entry.session
    row: dict[str, Any] = {
        "id": entry.id,
        "date": entry.day.isoformat(),
        "time": entry.at.strftime("%H:%M"),
        "routine": s.routine if s else "",
        "feet": " ".join(s.feet) if s else "",
        "minutes_per_foot": f"{s.minutes_per_foot:g}" if s else "",
        **{f"massage_minutes_{foot}": _foot_minutes(entry, foot) for foot in FEET},
        "stopped_early": ("yes" if s.stopped_early else "no") if s else "",
        "stop_cause": s.stop_cause if s else "",
        "stop_reason": s.stop_reason if s else "",
        "lotion": s.lotion if s else "",
        "sleep": "" if entry.sleep is None else entry.sleep,
        "foot_check": _findings_text(entry),
        "weekly_change": "" if entry.weekly_change is None else WEEKLY_CHANGE[entry.weekly_change],
        "footwear": "" if entry.footwear is None else ("yes" if entry.footwear else "no"),
        "exercise_minutes": "" if entry.exercise_minutes is None else entry.exercise_minutes,
        "blood_sugar": entry.blood_sugar,
        "next_follow_up": "" if entry.next_follow_up is None else entry.next_follow_up.isoformat(),
        "note": entry.note,
    }
    for which in ("before", "after"):
        for symptom in SYMPTOMS:
            value = getattr(entry, which).get(symptom)
            row[f"{which}_{symptom}"] = "" if value is None else value
    return row


def to_csv(entries: Sequence[Entry], *, bom: bool = False) -> str:
    """Every live entry, oldest first; ``bom`` starts the text with a byte-order mark, which
    tells spreadsheet programs the file is UTF-8."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
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


to_markdown = rendered(report_markdown)
"""The clinician's report in Markdown (see report/markdown.py)."""


def session_text(s: SessionFacts) -> str:
    """The routine and its minutes per foot ("standard 12.5 min/foot"); the massage done on
    each foot, as the entry view says it, when the feet got different amounts (a session
    stopped on the second foot is no "6.7 min/foot" average)."""
    if len(set(s.foot_minutes().values())) > 1:
        return f"{clean(s.routine)}, {massage_text(s)}"
    return f"{clean(s.routine)} {s.minutes_per_foot:g} min/foot"


def list_lines(entries: Sequence[Entry]) -> list[str]:
    """One readable line per entry, oldest first (a note's line breaks become spaces); a
    session stopped early says so and why. Each rating reads as the journal screen's does
    (history.short_rating): before→after ("numbness 7→3"), or the one rating given."""
    out = []
    for e in live(entries):
        rated = [k for k in SYMPTOMS if e.before.get(k) is not None or e.after.get(k) is not None]
        parts = [f"{e.at:%Y-%m-%d %H:%M}"]
        if e.session is not None:
            session = session_text(e.session)
            if e.session.stopped_early:  # and why, in the words of the journal's own views
                session += f", stopped early: {clean(stop_text(e))}"
            parts.append(session)
        if rated:
            parts.append(" ".join(f"{k} {short_rating(e, k)}" for k in rated))
        if e.findings:
            parts.append("check: " + _findings_text(e))
        if e.note:
            parts.append(f"“{clean(e.note)}”")
        out.append("  ".join(parts))
    return out
