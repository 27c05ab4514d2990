"""Ninety days of varied journal entries and the safety record beside them, for the report
tests (and to look at the report by hand: `python tests/reportdata.py > report.html`)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from footcare.domain.journal import SYMPTOMS, Entry, Ratings, SessionFacts
from footcare.domain.safety import BlockAnswer, SafetyRecord
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import StopCause

TODAY = date(2026, 11, 24)
DAYS = 90
START = TODAY - timedelta(days=DAYS - 1)
LONG_NOTE = (
    "Walked to the market and back, about forty minutes, in the new shoes the podiatrist "
    "suggested. The left heel felt warm in the evening but looked fine when I checked with "
    "the mirror; the tingling in both feet was worse after standing in the queue. "
) * 4


def _clip(value: float) -> int:
    return max(0, min(10, round(value)))


def ninety_days(seed: int = 7) -> tuple[list[Entry], SafetyRecord]:
    """Entries from START to TODAY: most days a session rated before and after, some days
    only a rating, some nothing; stops, warning signs, daily care, weekly answers, notes."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    record = SafetyRecord()
    for n in range(DAYS):
        day = START + timedelta(days=n)
        at = datetime.combine(day, time(19, rng.randrange(60)))
        if rng.random() < 0.12 and n not in (30, 50, 75, 86):
            continue  # no entry at all
        drift = n / DAYS  # symptoms ease a little over the three months
        before = Ratings(
            numbness=_clip(6.5 - 1.5 * drift + rng.gauss(0, 0.8)),
            tingling=_clip(5 - 2 * drift + rng.gauss(0, 1.2)),
            burning=_clip(3 - drift + rng.gauss(0, 1)),
            pain=_clip(5.5 - 2.5 * drift + rng.gauss(0, 1.3)),
        )
        session = rng.random() < 0.85
        fields: dict[str, object] = {
            "sleep": _clip(4.5 - 2 * drift + rng.gauss(0, 1.5)) if rng.random() < 0.8 else None,
            "footwear": rng.random() < 0.8 if rng.random() < 0.7 else None,
            "exercise_minutes": rng.choice((0, 10, 20, 30, 45)) if rng.random() < 0.6 else None,
            "blood_sugar": f"{rng.uniform(5.2, 8.9):.1f} mmol/L" if rng.random() < 0.3 else "",
            "weekly_change": rng.choice((1, 2, 2, 3, 3, 4)) if n % 7 == 3 else None,
        }
        if n % 9 == 4:
            fields["note"] = (
                LONG_NOTE
                if n % 18 == 4
                else f"Day {n}: feet felt {rng.choice(('light', 'heavy', 'cold', 'fine'))}."
            )
        if n == 60:
            fields["next_follow_up"] = TODAY + timedelta(days=21)
        facts = None
        after = Ratings()
        if session:
            stopped = rng.random() < 0.08
            cause = rng.choice((StopCause.PAIN, StopCause.UNWELL, StopCause.OTHER))
            facts = SessionFacts(
                routine=rng.choice(("standard", "standard", "gentle", "evening")),
                feet=("left", "right"),
                minutes_per_foot=rng.choice((12.5, 10.0, 10.5)) if not stopped else 4.0,
                stopped_early=stopped,
                stop_reason="the arch cramped" if stopped and cause is StopCause.OTHER else "",
                lotion=rng.choice(("", "unscented cream", "urea 10% cream")),
                stop_cause=cause.value if stopped else "",
            )
            after = Ratings(
                **{
                    k: _clip(v - rng.choice((0, 1, 1, 2)))
                    for k, v in before.as_dict().items()
                    if rng.random() < 0.9
                }
            )
        entry = Entry(id=f"d{n:02d}", at=at, before=before, after=after, session=facts, **fields)  # type: ignore[arg-type]
        if n in (30, 75, 86):
            finding = {30: ("wound", "left"), 75: ("swelling", "both"), 86: ("redness", "right")}
            key, side = finding[n]
            entry = entry.with_changes(findings={key: side}, session=None, after=Ratings())
            record = record.with_event(
                WarningSign(key, side, entry.at, entry.at, entry.id, SignSource.JOURNAL)
            )
        if n == 50:  # a sign whose entry was deleted later: it stays on record
            entry = entry.with_changes(findings={"warmth": "left"}, deleted=True)
            record = record.with_event(WarningSign("warmth", "left", entry.at, entry.at, entry.id))
        entries.append(entry)
        if n in (33, 53):  # a professional checked the feet
            record = record.with_event(
                Clearance(PROFESSIONAL_CHECK_ITEM, True, day, at + timedelta(minutes=5))
            )
        if n in (31, 32, 87):  # a safety question answered yes: no massage that day
            item = "wound" if n < 80 else "infection"
            record = record.with_event(BlockAnswer(item, day, True, at - timedelta(hours=1)))
    return entries, record


def crowded(seed: int = 11) -> tuple[list[Entry], SafetyRecord]:
    """Ninety days with as much as any list in the report can hold: two entries a day, a
    long note on each, blood sugar daily, a session stopped early every other day with its
    reason, thirty warning signs, forty blocked days, twenty lotions."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    record = SafetyRecord()
    findings = [("wound", "left"), ("redness", "right"), ("swelling", "both"), ("pus", "yes")]
    for n in range(DAYS):
        day = START + timedelta(days=n)
        at = datetime.combine(day, time(8, 30))
        before = Ratings(*(rng.randrange(11) for _ in SYMPTOMS))
        after = Ratings(*(rng.randrange(11) for _ in SYMPTOMS))
        facts = SessionFacts(
            routine=f"routine number {n % 9} with a rather long name",
            feet=("left", "right"),
            minutes_per_foot=12.5,
            stopped_early=n % 2 == 0,
            stop_reason=("W" * 30 + " ") * 12 if n % 2 == 0 else "",
            lotion=f"lotion {n % 20} with a long descriptive name",
            stop_cause=StopCause.OTHER.value if n % 2 == 0 else "",
        )
        entries.append(
            Entry(
                id=f"s{n:02d}",
                at=at,
                before=before,
                after=after,
                session=facts,
                sleep=rng.randrange(11),
                footwear=True,
                exercise_minutes=30,
                blood_sugar="7.1 mmol/L before breakfast, 9.4 after a big lunch, checked twice",
                next_follow_up=TODAY + timedelta(days=30),
                weekly_change=rng.randrange(7),
                note=LONG_NOTE * 3,
            )
        )
        evening = Entry(id=f"e{n:02d}", at=at + timedelta(hours=12), note=LONG_NOTE)
        if n % 3 == 0:
            key, side = findings[n % 4]
            evening = evening.with_changes(findings={key: side})
            record = record.with_event(WarningSign(key, side, evening.at, evening.at, evening.id))
        entries.append(evening)
        if n % 9 < 4:
            record = record.with_event(BlockAnswer("wound", day, True, at))
            record = record.with_event(BlockAnswer("infection", day, True, at))
    return entries, record


if __name__ == "__main__":
    import sys

    from footcare.domain.report.owner import Owner
    from footcare.domain.report.page import to_html

    entries, record = crowded() if sys.argv[1:] == ["crowded"] else ninety_days()
    owner = Owner("Alex Example", date(1951, 4, 30))
    print(to_html(entries, TODAY, START, record=record, owner=owner), end="")
