"""How one journal entry reads in a history table and in full: plain words, no colour needed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from footcare.domain.journal import (
    FINDINGS,
    SIDED_FINDINGS,
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
    finding_words,
    massage_text,
)
from footcare.domain.report.facts import stop_words
from footcare.domain.screening import DAY_ITEMS, Item, Tier, all_items

SHORT_FINDINGS = {
    "wound": "New wound, blister or cut",
    "not_healing": "Wound not healing",
    "redness": "Redness",
    "swelling": "Swelling",
    "warmth": "Warmth, one foot hotter",
    "shape_change": "Colour or shape change",
    "pus": "Pus, smell, spreading red",
    "session_injury": "New mark/burn from massage",
    "chest": "Chest pain, breathless",
    "red_leg_unwell": "Red leg, unwell, confused",
}
"""Labels short enough for one line at 80 columns (FINDINGS has the full wording)."""

TABLE_FINDINGS = {
    "wound": "wound/blister",
    "not_healing": "not healing",
    "redness": "redness",
    "swelling": "swelling",
    "warmth": "warmth",
    "shape_change": "shape change",
    "pus": "pus/smell",
    "session_injury": "massage mark/burn",
    "chest": "CHEST PAIN",
    "red_leg_unwell": "RED LEG, UNWELL",
}

HISTORY_COLUMNS = ("Date", "Routine", "Min", "Numb", "Ting", "Burn", "Pain", "Foot check")
"""The history table's columns: every rating reads before→after (or the one rating)."""


def _side(side: str) -> str:
    return "" if side == "yes" else f" {side}"


def findings_words(entry: Entry) -> str:
    """The foot check in a few words, e.g. "wound/blister left, swelling both"."""
    parts = [
        TABLE_FINDINGS.get(key, key) + _side(side) for key, side in _ordered(entry.findings.items())
    ]
    return ", ".join(parts)


def _ordered(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    order = list(FINDINGS)
    return sorted(items, key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))


def rating_text(value: int | None) -> str:
    return "–" if value is None else str(value)


def pain_text(entry: Entry, symptom: str = "pain") -> str:
    """Before → after for a session; the one rating for an entry without a session."""
    before, after = entry.before.get(symptom), entry.after.get(symptom)
    if after is None:
        return rating_text(before)
    return f"{rating_text(before)} → {after}"


def short_rating(entry: Entry, symptom: str) -> str:
    """Before→after in as few columns as it takes ("4→2", "3", "–")."""
    before, after = entry.before.get(symptom), entry.after.get(symptom)
    if after is None:
        return rating_text(before)
    return f"{rating_text(before)}→{after}"


def table_row(entry: Entry) -> tuple[str, ...]:
    s = entry.session
    routine = s.routine if s else "(no session)"
    if s and s.stopped_early:
        routine = f"stopped: {routine}"  # first: a narrow column cuts the routine's name
    minutes = f"{s.minutes_per_foot:g}" if s else ""
    flags = findings_words(entry) or "nothing noted"
    if entry.deleted:
        flags = "DELETED · " + flags
    ratings = tuple(short_rating(entry, symptom) for symptom in SYMPTOMS)
    return (entry.day.isoformat(), routine, minutes, *ratings, flags)


def stop_text(entry: Entry) -> str:
    """Why a session stopped early: its cause in words, and any words given with the stop."""
    s = entry.session
    cause = stop_words(entry)
    reason = s.stop_reason if s is not None else ""
    if cause and reason and reason.casefold() != cause.casefold():
        return f"{cause} ({reason})"
    return cause or reason or "no reason given"


def full_text_lines(entry: Entry) -> list[tuple[str, str]]:
    """(heading, body) pairs describing the whole entry, in reading order."""
    out: list[tuple[str, str]] = [("When", f"{entry.at:%A %d %B %Y, %H:%M}")]
    if entry.deleted:
        out.append(("Status", "deleted (press u to restore it)"))
    s = entry.session
    if s is not None:
        session = f"{s.routine}, {massage_text(s)}"
        if s.stopped_early:
            session += f"; stopped early: {stop_text(entry)}"
        if s.lotion:
            session += f"; lotion/oil: {s.lotion}"
        out.append(("Session", session))
    else:
        out.append(("Session", "none (a journal entry on its own)"))
    label = "Ratings (before → after, 0–10)" if s is not None else "Ratings (0–10)"
    rows = []
    for symptom in SYMPTOMS:
        rows.append(f"{symptom:<9} {pain_text(entry, symptom)}")
    out.append((label, "\n".join(rows)))
    out.append(("Sleep interference", rating_text(entry.sleep)))
    if entry.findings:
        check = "\n".join(finding_words(k, side) for k, side in _ordered(entry.findings.items()))
    else:
        check = "nothing noted"
    out.append(("Foot check", check))
    if entry.weekly_change is not None:
        out.append(("This week overall", WEEKLY_CHANGE[entry.weekly_change]))
    care = []
    if entry.footwear is not None:
        care.append(f"supportive footwear: {'yes' if entry.footwear else 'no'}")
    if entry.exercise_minutes is not None:
        care.append(f"gentle exercise: {entry.exercise_minutes} min")
    if entry.blood_sugar:
        care.append(f"blood sugar: {entry.blood_sugar}")
    if entry.next_follow_up is not None:
        care.append(f"next follow-up: {entry.next_follow_up.isoformat()}")
    if care:
        out.append(("Daily care", "\n".join(care)))
    if entry.note:
        out.append(("Note", entry.note))
    return out


def blocked_items(ids: Iterable[str]) -> list[Item]:
    """The questions answered yes on a blocked day (one the app no longer asks: its id)."""
    known = {item.id: item for item in all_items(held=DAY_ITEMS)}
    return [known.get(i) or Item(i, Tier.BLOCK, i, "") for i in ids]


def blocked_words(ids: Iterable[str]) -> str:
    """A blocked day in the history table's last column."""
    return "blocked: " + ", ".join(item.label for item in blocked_items(ids))


def blocked_day_lines(day: date, ids: Iterable[str]) -> list[tuple[str, str]]:
    """(heading, body) pairs for a day the safety questions blocked, read as an entry is."""
    items = blocked_items(ids)
    advice = "\n".join(dict.fromkeys(i.advice for i in items if i.advice))
    return [
        ("When", f"{day:%A %d %B %Y}"),
        ("Session", "no massage: a safety question was answered yes"),
        ("Answered yes", "\n".join(item.question for item in items)),
        *([("What to do", advice)] if advice else []),
    ]


def sided(key: str) -> bool:
    return key in SIDED_FINDINGS
