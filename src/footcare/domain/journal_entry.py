"""A journal entry: the ratings before and after, the session's facts, the foot-check findings,
and the names and scales they use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field, replace
from datetime import date, datetime
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.text import clean

SYMPTOMS = ("numbness", "tingling", "burning", "pain")
SCALE_HINTS = {
    "numbness": "0 normal feeling … 10 no feeling",
    "tingling": "0 none … 10 worst imaginable",
    "burning": "0 none … 10 worst imaginable",
    "pain": "0 none … 10 worst imaginable",
    "sleep": "0 sleep not disturbed … 10 could not sleep",
}
SIDES = ("left", "right", "both")
WEEKLY_CHANGE = (
    "very much better",
    "much better",
    "a little better",
    "no change",
    "a little worse",
    "much worse",
    "very much worse",
)
FINDINGS = {
    "wound": "new wound, blister or cut",
    "not_healing": "a wound that is not healing",
    "redness": "redness",
    "swelling": "swelling",
    "warmth": "warmth, or one foot hotter than the other",
    "shape_change": "colour or shape change",
    "pus": "pus, a smell or spreading redness",
    "session_injury": "a new mark, blister, burn or broken skin from massage",
    "chest": "chest pain or sudden breathlessness",
    "red_leg_unwell": "a red leg with confusion, fast breathing or collapse",
}
SIDED_FINDINGS = ("wound", "redness", "swelling", "warmth", "shape_change", "session_injury")
"""Findings kept with a side ("left", "right", "both"); one from before a side was asked, from
a stop whose foot is not known, or given with no side, holds "yes": no foot named."""
UNNAMED_FOOT_ALLOWED = ("session_injury",)
"""Sided findings that may be given with no foot named ("yes"), as `journal add --foot-check
session-injury` was before it took a side; a stop while getting ready names none either."""
SIDE_WORDS = {"left": "left foot", "right": "right foot", "both": "both feet"}
"""Where a sided finding is, in words."""
NO_FOOT_NAMED = "foot not named"
"""A sided finding kept as "yes", where a side is chosen (its name alone says it elsewhere)."""


def finding_words(key: str, side: str) -> str:
    """A finding as it is named wherever a sign is, the foot after it in brackets:
    "swelling (left foot)"; a finding on no foot named is its name alone."""
    where = SIDE_WORDS.get(side)
    return FINDINGS.get(key, key) + (f" ({where})" if where else "")


@frozen
class Ratings:
    numbness: int | None = None
    tingling: int | None = None
    burning: int | None = None
    pain: int | None = None

    def get(self, name: str) -> int | None:
        value: int | None = getattr(self, name)
        return value

    def as_dict(self) -> dict[str, int]:
        return {k: v for k in SYMPTOMS if (v := self.get(k)) is not None}

    @property
    def empty(self) -> bool:
        return not self.as_dict()


@frozen
class SessionFacts:
    routine: str
    feet: tuple[str, ...]
    minutes_per_foot: float
    stopped_early: bool = False
    stop_reason: str = ""
    """Words about the stop: the person's own, or the label of an entry from 0.1."""
    lotion: str = ""
    stop_cause: str = ""
    """A StopCause value ("pain", "new-mark", …); empty when not stopped or not known."""
    massage_seconds: Mapping[str, int] = field(default_factory=dict)
    """Seconds of massage actually done on each foot (steps with pressure above none);
    empty in entries from before footcare kept them (``minutes_per_foot`` then holds the
    routine's plan)."""

    def foot_minutes(self) -> dict[str, float]:
        """Minutes of massage done on each foot, to a tenth, never rounded up."""
        return {foot: tenths(sec) for foot, sec in self.massage_seconds.items()}


def tenths(seconds: int) -> float:
    """Whole seconds as minutes to one decimal, rounded down (25 s is 0.4 min)."""
    return max(0, seconds) // 6 / 10


def minutes_words(minutes: float) -> str:
    """ "12.5 min", "0.4 min (under a minute)": how much massage, for reading."""
    text = f"{minutes:g} min"
    return f"{text} (under a minute)" if minutes < 1 else text


@frozen
class Entry:
    id: str
    at: datetime
    before: Ratings = field(default_factory=Ratings)
    after: Ratings = field(default_factory=Ratings)
    sleep: int | None = None
    findings: Mapping[str, str] = field(default_factory=dict)
    """Foot check: finding name → side ("left", "right", "both") or "yes" for unsided ones."""
    session: SessionFacts | None = None
    weekly_change: int | None = None
    """Index into WEEKLY_CHANGE, 0 = very much better."""
    footwear: bool | None = None
    exercise_minutes: int | None = None
    blood_sugar: str = ""
    next_follow_up: date | None = None
    note: str = ""
    deleted: bool = False

    def __post_init__(self) -> None:
        # Text from a file, a command line or a form: no control or disguising characters.
        object.__setattr__(self, "note", clean(self.note, multiline=True))
        object.__setattr__(self, "blood_sugar", clean(self.blood_sugar))
        s = self.session
        if s is not None:
            routine, reason, lotion = clean(s.routine), clean(s.stop_reason), clean(s.lotion)
            if (routine, reason, lotion) != (s.routine, s.stop_reason, s.lotion):
                tidy = replace(s, routine=routine, stop_reason=reason, lotion=lotion)
                object.__setattr__(self, "session", tidy)

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def month_key(self) -> str:
        return f"{self.at.year:04d}-{self.at.month:02d}"

    def with_changes(self, **changes: Any) -> Entry:
        return replace(self, **changes)


def massage_text(s: SessionFacts) -> str:
    """The massage done, foot by foot ("massage done: left foot 0.4 min (under a minute)");
    an entry from before footcare kept it per foot gives its minutes per foot (the plan,
    said so for a session stopped early)."""
    if s.massage_seconds or not s.feet:
        minutes = s.foot_minutes()
        done = [f"{foot} foot {minutes_words(minutes.get(foot, 0.0))}" for foot in s.feet]
        return "massage done: " + (", ".join(done) if done else "none (no foot reached)")
    feet = " and ".join(s.feet)
    if s.stopped_early:  # such an entry holds the routine's plan, not what was done
        return (
            f"{s.minutes_per_foot:g} min per foot planned (massage done not recorded), "
            f"feet reached: {feet}"
        )
    return f"{s.minutes_per_foot:g} min per foot, feet done: {feet}"
