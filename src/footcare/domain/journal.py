"""Journal entries, their validation, and what can be read from a history of them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from footcare.domain.problems import Collector, join
from footcare.domain.stops import StopCause, parse_cause
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
    "session_injury": "a burn or injury from a session",
    "chest": "chest pain or sudden breathlessness",
    "red_leg_unwell": "a red leg with confusion, fast breathing or collapse",
}
SIDED_FINDINGS = ("wound", "redness", "swelling", "warmth", "shape_change")


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


# --- validation / serialisation ---------------------------------------------------------


def check_rating(value: Any, name: str, c: Collector, path: str = "") -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        c.add(join(path, name), f"must be a whole number from 0 to 10 (got {value!r})")
        return None
    return value


def _ratings(raw: Any, path: str, c: Collector) -> Ratings:
    if raw is None:
        return Ratings()
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table of ratings")
        return Ratings()
    c.unknown_keys(raw, SYMPTOMS, path)
    return Ratings(**{k: check_rating(raw.get(k), k, c, path) for k in SYMPTOMS})


SESSION_KEYS = (
    "routine", "feet", "minutes_per_foot", "stopped_early", "stop_reason", "lotion", "stop_cause",
    "massage_seconds",
)  # fmt: skip


def _massage_seconds(raw: Any, path: str, c: Collector) -> dict[str, int]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table such as { left = 600, right = 540 }")
        return {}
    out: dict[str, int] = {}
    for foot, value in raw.items():
        if foot not in ("left", "right"):
            c.add(join(path, str(foot)), 'must be "left" or "right"')
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            c.add(join(path, foot), "must be a whole number of seconds")
        else:
            out[foot] = value
    return out


def _session_facts(raw: Any, path: str, c: Collector) -> SessionFacts | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table")
        return None
    c.unknown_keys(raw, SESSION_KEYS, path)
    feet: list[str] = []
    raw_feet = raw.get("feet", [])
    if not isinstance(raw_feet, list):
        c.add(join(path, "feet"), 'must be a list such as ["left", "right"]')
    else:
        for i, foot in enumerate(raw_feet):
            if foot in ("left", "right"):
                feet.append(foot)
            else:
                c.add(f"{join(path, 'feet')}[{i}]", 'must be "left" or "right"')
    minutes = raw.get("minutes_per_foot", 0)
    if isinstance(minutes, bool) or not isinstance(minutes, int | float) or minutes < 0:
        c.add(join(path, "minutes_per_foot"), "must be a number of minutes")
        minutes = 0
    stopped = raw.get("stopped_early", False)
    if not isinstance(stopped, bool):
        c.add(join(path, "stopped_early"), "must be true or false")
        stopped = False
    cause = raw.get("stop_cause", "")
    if cause and parse_cause(cause) is None:
        known = ", ".join(c.value for c in StopCause)
        c.add(join(path, "stop_cause"), f"must be one of {known}")
        cause = ""
    return SessionFacts(
        stop_cause=str(cause),
        routine=str(raw.get("routine", "")),
        feet=tuple(feet),
        minutes_per_foot=float(minutes),
        stopped_early=stopped,
        stop_reason=str(raw.get("stop_reason", "")),
        lotion=str(raw.get("lotion", "")),
        massage_seconds=_massage_seconds(
            raw.get("massage_seconds"), join(path, "massage_seconds"), c
        ),
    )


def _flag(raw: Mapping[str, Any], key: str, path: str, c: Collector) -> bool | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, bool):
        c.add(join(path, key), "must be true or false")
        return None
    return value


def entry_from_dict(raw: Mapping[str, Any], path: str = "") -> Entry:
    """Rebuild an entry from its TOML table; raises ValidationError with every problem."""
    c = Collector()
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table ([[entries]])")
        c.raise_if_any()
    allowed = (
        "id", "at", "before", "after", "sleep", "findings", "session", "weekly_change",
        "footwear", "exercise_minutes", "blood_sugar", "next_follow_up", "note", "deleted",
    )  # fmt: skip
    c.unknown_keys(raw, allowed, path)
    at = raw.get("at")
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            at = None
    if not isinstance(at, datetime):
        c.add(join(path, "at"), "must be a date and time")
        at = datetime(1970, 1, 1)
    at = at.replace(tzinfo=None)
    findings: dict[str, str] = {}
    raw_findings = raw.get("findings", {})
    if isinstance(raw_findings, Mapping):
        for key, side in raw_findings.items():
            if key not in FINDINGS:
                c.add(join(path, f"findings.{key}"), "unknown finding")
            elif side not in (*SIDES, "yes"):
                c.add(join(path, f"findings.{key}"), "must be left, right, both or yes")
            else:
                findings[key] = side
    else:
        c.add(join(path, "findings"), "must be a table of finding = side")
    session = _session_facts(raw.get("session"), join(path, "session"), c)
    weekly = raw.get("weekly_change")
    if weekly is not None and (
        isinstance(weekly, bool) or not isinstance(weekly, int) or not 0 <= weekly < 7
    ):
        c.add(join(path, "weekly_change"), "must be 0 (very much better) to 6 (very much worse)")
        weekly = None
    follow = raw.get("next_follow_up")
    if isinstance(follow, datetime):
        follow = follow.date()
    if follow is not None and not isinstance(follow, date):
        c.add(join(path, "next_follow_up"), "must be a date")
        follow = None
    exercise = raw.get("exercise_minutes")
    if exercise is not None and (
        isinstance(exercise, bool) or not isinstance(exercise, int) or not 0 <= exercise <= 1440
    ):
        c.add(join(path, "exercise_minutes"), "must be minutes from 0 to 1440")
        exercise = None
    entry = Entry(
        id=str(raw.get("id", "")),
        at=at,
        before=_ratings(raw.get("before"), join(path, "before"), c),
        after=_ratings(raw.get("after"), join(path, "after"), c),
        sleep=check_rating(raw.get("sleep"), "sleep", c, path),
        findings=findings,
        session=session,
        weekly_change=weekly,
        footwear=_flag(raw, "footwear", path, c),
        exercise_minutes=exercise,
        blood_sugar=str(raw.get("blood_sugar", "")),
        next_follow_up=follow,
        note=str(raw.get("note", "")),
        deleted=bool(_flag(raw, "deleted", path, c)),
    )
    if not entry.id:
        c.add(join(path, "id"), "is required")
    c.raise_if_any()
    return entry


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """A TOML-ready table (no None values: TOML has no null)."""
    out: dict[str, Any] = {"id": entry.id, "at": entry.at.replace(microsecond=0)}
    if not entry.before.empty:
        out["before"] = entry.before.as_dict()
    if not entry.after.empty:
        out["after"] = entry.after.as_dict()
    if entry.sleep is not None:
        out["sleep"] = entry.sleep
    if entry.findings:
        out["findings"] = dict(entry.findings)
    if entry.session is not None:
        s = entry.session
        out["session"] = {
            "routine": s.routine,
            "feet": list(s.feet),
            "minutes_per_foot": s.minutes_per_foot,
            "stopped_early": s.stopped_early,
            **({"stop_reason": s.stop_reason} if s.stop_reason else {}),
            **({"lotion": s.lotion} if s.lotion else {}),
            **({"stop_cause": s.stop_cause} if s.stop_cause else {}),
            **({"massage_seconds": dict(s.massage_seconds)} if s.massage_seconds else {}),
        }
    if entry.weekly_change is not None:
        out["weekly_change"] = entry.weekly_change
    if entry.footwear is not None:
        out["footwear"] = entry.footwear
    if entry.exercise_minutes is not None:
        out["exercise_minutes"] = entry.exercise_minutes
    if entry.blood_sugar:
        out["blood_sugar"] = entry.blood_sugar
    if entry.next_follow_up is not None:
        out["next_follow_up"] = entry.next_follow_up
    if entry.note:
        out["note"] = entry.note
    if entry.deleted:
        out["deleted"] = True
    return out


# --- reading a history ------------------------------------------------------------------


def live(entries: Iterable[Entry]) -> list[Entry]:
    return sorted((e for e in entries if not e.deleted), key=lambda e: e.at)


def session_days(entries: Iterable[Entry]) -> set[date]:
    return {e.day for e in entries if e.session is not None and not e.deleted}


def streak(entries: Iterable[Entry], today: date) -> int:
    """Consecutive days with a session, ending today (or yesterday if none yet today)."""
    days = session_days(entries)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def sessions_this_week(entries: Iterable[Entry], today: date) -> int:
    """Days with a session in the 7 days ending today (the goal is daily: 7)."""
    start = today - timedelta(days=6)
    return sum(1 for d in session_days(entries) if start <= d <= today)


def daily_series(
    entries: Iterable[Entry], symptom: str, today: date, days: int
) -> list[float | None]:
    """One value a day for the last ``days`` days: the day's mean rating, None if no rating."""
    start = today - timedelta(days=days - 1)
    sums: dict[date, list[int]] = {}
    for e in entries:
        if e.deleted or not start <= e.day <= today:
            continue
        for ratings in (e.before, e.after):
            value = ratings.get(symptom)
            if value is not None:
                sums.setdefault(e.day, []).append(value)
    out: list[float | None] = []
    for i in range(days):
        values = sums.get(start + timedelta(days=i))
        out.append(sum(values) / len(values) if values else None)
    return out


def around_a_session(entry: Entry) -> bool:
    """A session's entry: one from the app, or one added with `footcare journal add` that
    has after ratings (rated after a session done without the app)."""
    return entry.session is not None or not entry.after.empty


def outside_the_app(entry: Entry) -> bool:
    """A session rated before and after that was entered with `journal add`, not run in
    the app."""
    return entry.session is None and not entry.after.empty


def session_changes(entries: Iterable[Entry], symptom: str) -> list[int]:
    """after − before for each session that has both ratings, oldest first (those entered
    with `journal add` too)."""
    out = []
    for e in live(entries):
        b, a = e.before.get(symptom), e.after.get(symptom)
        if around_a_session(e) and b is not None and a is not None:
            out.append(a - b)
    return out


def weekly_question_due(entries: Iterable[Entry], today: date) -> bool:
    """The weekly overall-change question is asked once in any 7 days."""
    start = today - timedelta(days=6)
    return not any(e.weekly_change is not None and start <= e.day <= today for e in live(entries))


def averages(entries: Sequence[Entry], which: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for symptom in SYMPTOMS:
        values = [v for e in entries if (v := getattr(e, which).get(symptom)) is not None]
        if values:
            out[symptom] = sum(values) / len(values)
    return out
