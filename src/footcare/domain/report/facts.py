"""What the report says, read once from the journal and the safety record; the Markdown and
the HTML report both write these facts out, in the same order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from datetime import date, timedelta
from typing import ParamSpec

from footcare.domain.charts import Week
from footcare.domain.frozen import frozen
from footcare.domain.journal import (
    WEEKLY_CHANGE,
    Entry,
    around_a_session,
    averages,
    day_blocks,
    live,
    massage_text,
    outside_the_app,
    weeks_back,
)
from footcare.domain.redflags import Flag, entry_signs, history_flags
from footcare.domain.report.owner import Owner
from footcare.domain.safety import SafetyRecord
from footcare.domain.screening import DAY_ITEMS, PROFESSIONAL_CHECK_ITEM, Item, all_items
from footcare.domain.signs import WarningSign
from footcare.domain.stops import parse_cause
from footcare.domain.text import clean
from footcare.domain.trends import Helping, is_it_helping
from footcare.domain.wording import cause_named

REPORT_DAYS = 90
"""The period every report covers unless told otherwise (the Markdown and the HTML report,
from the command line or the journal screen's x): the last three months, today included."""


def report_start(today: date, days: int = REPORT_DAYS) -> date:
    """The first day of the default report period ending ``today``."""
    return today - timedelta(days=days - 1)


def visible(text: str) -> bool:
    """Whether anything readable is left of ``text`` once cleaned."""
    return bool(clean(text, multiline=True).strip())


def stop_words(entry: Entry) -> str:
    """Why a session stopped early, in the cause's one name ("" if not recorded)."""
    s = entry.session
    if s is None or not s.stopped_early:
        return ""
    cause = parse_cause(s.stop_cause)
    return cause_named(cause) if cause is not None else ""


@frozen
class Stopped:
    """A session stopped early, with what the person said about it."""

    day: date
    cause: str
    """The cause in words ("" if not recorded)."""
    said: tuple[str, ...]
    """Words given at the stop, then the entry's note (each one shown, never both alike)."""
    done: str
    """The massage done, e.g. "massage done: left foot 0.4 min (under a minute)"; empty for an
    entry from before footcare kept it."""


@frozen
class SignLine:
    """A warning sign on record, and what has happened since."""

    sign: WarningSign
    checked: date | None
    """The date of a professional's check recorded after the sign, if any."""
    entry_deleted: bool
    """Its journal entry was deleted since (the sign stays on record)."""
    before_period: bool
    """Noticed before the period, and still waiting for a check."""


@frozen
class BlockedDay:
    day: date
    items: tuple[str, ...]
    """What was answered yes, in words."""
    massaged: bool = False
    """A session was recorded that day all the same (journal.DayBlock): the yes stays in
    the report, but the day is not one without massage."""


@frozen
class DailyCare:
    footwear_yes: int = 0
    footwear_no: int = 0
    exercise_days: int = 0
    exercise_minutes: int = 0
    blood_sugar: tuple[tuple[date, str], ...] = ()
    follow_up: date | None = None
    """The next follow-up date from the latest entry that gave one."""
    follow_up_noted: date | None = None

    @property
    def empty(self) -> bool:
        return not (
            self.footwear_yes
            or self.footwear_no
            or self.exercise_days
            or self.blood_sugar
            or self.follow_up
        )


@frozen
class Report:
    owner: Owner
    start: date
    end: date
    rows: Sequence[Entry]
    """Live entries in the period, oldest first."""
    signs: Sequence[SignLine]
    trend_flags: Sequence[Flag]
    blocked: Sequence[BlockedDay]
    """Every day with a yes on record in the period; ``no_massage`` those without a session."""
    helping: Sequence[Helping]
    weeks: Sequence[Week]
    care: DailyCare
    record_problems: Sequence[str] = field(default_factory=tuple)
    unread: Sequence[str] = field(default_factory=tuple)
    """Journal files that could not be read: their entries are missing from the report."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def no_massage(self) -> list[BlockedDay]:
        """Days a safety question's yes kept the massage off: no session that day."""
        return [b for b in self.blocked if not b.massaged]

    @property
    def sessions(self) -> list[Entry]:
        return [e for e in self.rows if e.session is not None]

    @property
    def session_days(self) -> set[date]:
        return {e.day for e in self.sessions}

    @property
    def early(self) -> list[Entry]:
        return [e for e in self.sessions if e.session and e.session.stopped_early]

    def stop_causes(self) -> list[tuple[str, int]]:
        return Counter(stop_words(e) or "cause not recorded" for e in self.early).most_common()

    def minutes_per_foot(self) -> float | None:
        """The mean of the massage done per foot; a session stopped early before footcare
        kept that is left out (its entry holds the routine's plan)."""
        minutes = [
            e.session.minutes_per_foot
            for e in self.sessions
            if e.session and (e.session.massage_seconds or not e.session.stopped_early)
        ]
        return sum(minutes) / len(minutes) if minutes else None

    def routines(self) -> list[tuple[str, int]]:
        return Counter(e.session.routine for e in self.sessions if e.session).most_common()

    def lotions(self) -> list[tuple[str, int]]:
        return Counter(
            e.session.lotion for e in self.sessions if e.session and visible(e.session.lotion)
        ).most_common()

    @property
    def rated(self) -> list[Entry]:
        """Sessions with after ratings: the app's, and those entered with `journal add`."""
        return [e for e in self.rows if around_a_session(e)]

    def outside(self) -> int:
        """Sessions rated before and after that were entered with `journal add`."""
        return sum(
            1
            for e in self.rows
            if outside_the_app(e) and any(e.before.get(s) is not None for s in e.after.as_dict())
        )

    def rated_words(self) -> str:
        """How many sessions were rated before and after, and how many of them were
        entered with `footcare journal add` rather than run in the app."""
        both = [
            e for e in self.rated if any(e.before.get(s) is not None for s in e.after.as_dict())
        ]
        outside = self.outside()
        return (
            f"Sessions rated before and after in this period: {len(both)}, of which {outside} "
            f"{'was' if outside == 1 else 'were'} entered with footcare journal add "
            "(outside the app)."
        )

    def around(self) -> tuple[dict[str, float], dict[str, float]]:
        return averages(self.rated, "before"), averages(self.rated, "after")

    def pairs(self, symptom: str) -> list[tuple[date, int, int]]:
        out = []
        for e in self.rated:
            b, a = e.before.get(symptom), e.after.get(symptom)
            if b is not None and a is not None:
                out.append((e.day, b, a))
        return out

    def daily(self, name: str) -> list[tuple[date, float]]:
        """A day's "right now" rating (before a session, or an entry alone), or its sleep."""
        per_day: dict[date, list[int]] = {}
        for e in self.rows:
            value = e.sleep if name == "sleep" else e.before.get(name)
            if value is not None:
                per_day.setdefault(e.day, []).append(value)
        return [(d, sum(v) / len(v)) for d, v in sorted(per_day.items())]

    def sleep(self) -> list[int]:
        return [e.sleep for e in self.rows if e.sleep is not None]

    def weekly_answers(self) -> list[tuple[date, str]]:
        return [
            (e.day, WEEKLY_CHANGE[e.weekly_change])
            for e in self.rows
            if e.weekly_change is not None
        ]

    def stopped_reasons(self) -> list[Stopped]:
        """Each session stopped early with words: those given at the stop and the note
        typed after it, with the cause and the massage actually done."""
        out = []
        for e in self.early:
            if e.session is None:
                continue
            said = [t for t in (e.session.stop_reason, e.note) if visible(t)]
            if len(said) == 2 and said[0].casefold() == said[1].casefold():
                said = said[:1]
            if said:
                done = massage_text(e.session) if e.session.massage_seconds else ""
                out.append(Stopped(e.day, stop_words(e), tuple(said), done))
        return out

    def notes(self) -> list[tuple[date, str]]:
        """Notes, but those of a session stopped early (they are with its reason)."""
        early = {e.id for e in self.early}
        return [(e.day, e.note) for e in self.rows if visible(e.note) and e.id not in early]


def _checked(record: SafetyRecord, sign: WarningSign) -> date | None:
    for check in record.go_aheads:
        if check.item_id == PROFESSIONAL_CHECK_ITEM and check.applies and check.answers(sign):
            return check.on
    return None


def _signs(
    entries: Sequence[Entry], rows: Sequence[Entry], record: SafetyRecord, start: date, end: date
) -> list[SignLine]:
    """Signs from the record (they stay even when their entry was deleted), and any sign
    of an entry in the period that the record lacks; open signs from before the period too."""
    deleted = {e.id for e in entries if e.deleted}
    found: dict[tuple[str, str, str], WarningSign] = {}
    for sign in record.signs:
        found.setdefault(sign.key, sign)
    for entry in rows:
        for sign in entry_signs(entry, recorded=entry.at):
            found.setdefault(sign.key, sign)
    out = []
    for sign in sorted(found.values(), key=lambda s: s.at):
        checked = _checked(record, sign)
        early = sign.day < start
        if sign.day > end or (early and (checked is not None or not sign.blocks_sessions)):
            continue
        out.append(SignLine(sign, checked, sign.entry_id in deleted, early))
    return out


def _blocked(
    record: SafetyRecord, rows: Sequence[Entry], start: date, end: date, items: Iterable[Item]
) -> list[BlockedDay]:
    labels = {item.id: item.label for item in items}
    return [
        BlockedDay(b.day, tuple(labels.get(i, i) for i in b.items), b.massaged)
        for b in day_blocks(record.blocked_days(), rows)
        if start <= b.day <= end
    ]


def _weeks(
    rows: Sequence[Entry], blocked: Sequence[BlockedDay], start: date, end: date
) -> list[Week]:
    """The period in weeks ending on its last day (journal.weeks_back)."""
    done = {e.day for e in rows if e.session is not None}
    stopped = {b.day for b in blocked if not b.massaged}
    out = []
    for first, last in weeks_back(start, end):
        span = {first + timedelta(days=i) for i in range((last - first).days + 1)}
        out.append(Week(first, len(span), len(span & done), len(span & stopped)))
    return out


def _care(rows: Sequence[Entry]) -> DailyCare:
    exercise = [e.exercise_minutes for e in rows if e.exercise_minutes is not None]
    follow = [e for e in rows if e.next_follow_up is not None]
    return DailyCare(
        footwear_yes=sum(1 for e in rows if e.footwear is True),
        footwear_no=sum(1 for e in rows if e.footwear is False),
        exercise_days=sum(1 for m in exercise if m > 0),
        exercise_minutes=sum(exercise),
        blood_sugar=tuple((e.day, e.blood_sugar) for e in rows if visible(e.blood_sugar)),
        follow_up=follow[-1].next_follow_up if follow else None,
        follow_up_noted=follow[-1].day if follow else None,
    )


def gather(
    entries: Sequence[Entry],
    today: date,
    since: date | None = None,
    *,
    record: SafetyRecord | None = None,
    owner: Owner | None = None,
    items: Iterable[Item] = (),
    record_problems: Sequence[str] = (),
    unread: Sequence[str] = (),
) -> Report:
    """The report's facts for ``since`` (or the first entry) to ``today``.

    ``entries`` may hold deleted entries (they are left out, but a warning sign they
    recorded stays) and entries before ``since`` (trends need the weeks before)."""
    history = live(entries)
    rows = [e for e in history if (since is None or e.day >= since) and e.day <= today]
    start = since or (rows[0].day if rows else today)
    record = record or SafetyRecord()
    named = all_items(items, (*DAY_ITEMS, *record.answered_items()))
    blocked = _blocked(record, rows, start, today, named)
    return Report(
        owner=owner or Owner(),
        start=start,
        end=today,
        rows=rows,
        signs=_signs(entries, rows, record, start, today),
        trend_flags=[f for f in history_flags(entries, today) if f.day >= start],
        blocked=blocked,
        helping=is_it_helping(rows, start, today),
        weeks=_weeks(rows, blocked, start, today),
        care=_care(rows),
        record_problems=tuple(record_problems),
        unread=tuple(unread),
    )


P = ParamSpec("P")


def _from_facts(
    facts: Callable[P, Report],
) -> Callable[[Callable[[Report], str]], Callable[P, str]]:
    def bind(render: Callable[[Report], str]) -> Callable[P, str]:
        def made(*args: P.args, **kwargs: P.kwargs) -> str:
            return render(facts(*args, **kwargs))

        made.__name__ = made.__qualname__ = render.__name__
        made.__module__, made.__doc__ = render.__module__, render.__doc__
        return made

    return bind


rendered = _from_facts(gather)
"""``rendered(page)`` is a report made from the arguments ``gather`` takes: one signature
for every format of the report (``export.to_markdown``, ``page.to_html``)."""
