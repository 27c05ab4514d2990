"""The safety record: warning signs, go-aheads and blocked days, kept as events that only grow.

Nothing here is ever removed or rewritten: deleting or editing a journal entry leaves the
warning signs it recorded in place, and a BLOCK answered yes stays part of that day. Each
event carries a seal chained to the one before it, so a record changed by hand (an event
removed, a date moved) is noticed; the gate then stays shut until the file is put back or a
professional's check starts a fresh record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from footcare.domain.journal import FINDINGS, SIDES
from footcare.domain.problems import Collector, join
from footcare.domain.screening import (
    AFTER_STOP_ITEM,
    PROFESSIONAL_CHECK_ITEM,
    Clearance,
    Item,
    Tier,
    core_ids,
)
from footcare.domain.signs import SignSource, WarningSign, as_of
from footcare.domain.stops import StopCause, parse_cause

FORMAT = 1
GENESIS = "footcare-safety-record-1"


class EventKind(Enum):
    WARNING_SIGN = "warning-sign"
    GO_AHEAD = "go-ahead"
    """A CLEARANCE answer; for "talked with a professional" it is also a professional's check."""
    BLOCK_ANSWER = "block-answer"
    """A BLOCK item answered yes (a blocked day), or a yes taken back later that day."""
    SESSION_STOP = "session-stop"
    """A session stopped because it hurt or the person felt unwell or dizzy."""


ASK_AFTER = frozenset({StopCause.PAIN, StopCause.UNWELL})
"""Stop causes after which the next start that day first asks whether it has passed."""


@dataclass(frozen=True)
class BlockAnswer:
    item_id: str
    day: date
    present: bool
    """True: the sign is there (no massage today). False: a yes taken back, confirmed."""
    recorded: datetime
    question: str = ""
    """For a routine's own question: its words as asked (core questions are known by id),
    so a yes still says what it was when another routine is chosen, or this one changed."""
    title: str = ""
    advice: str = ""


@dataclass(frozen=True)
class SessionStop:
    """A session stopped for a cause after which the next start that day asks first."""

    cause: StopCause
    at: datetime
    """When the session stopped."""
    entry_id: str
    """The journal entry of that session."""
    recorded: datetime

    @property
    def day(self) -> date:
        return self.at.date()


Event = WarningSign | Clearance | BlockAnswer | SessionStop


@dataclass(frozen=True)
class SafetyRecord:
    """Every event, in the order recorded, and what the gate reads from them."""

    events: tuple[Event, ...] = ()
    seals: tuple[str, ...] = ()
    """The seal written with each event (same length as ``events``)."""

    @property
    def signs(self) -> tuple[WarningSign, ...]:
        return tuple(e for e in self.events if isinstance(e, WarningSign))

    @property
    def go_aheads(self) -> tuple[Clearance, ...]:
        return tuple(e for e in self.events if isinstance(e, Clearance))

    @property
    def block_answers(self) -> tuple[BlockAnswer, ...]:
        return tuple(e for e in self.events if isinstance(e, BlockAnswer))

    @property
    def stops(self) -> tuple[SessionStop, ...]:
        return tuple(e for e in self.events if isinstance(e, SessionStop))

    def stopped_on(self, day: date) -> tuple[SessionStop, ...]:
        """Stops on ``day`` after which the next start asks first whether it has passed."""
        return tuple(s for s in self.stops if s.day == day and s.cause in ASK_AFTER)

    def held_items(self, day: date) -> tuple[Item, ...]:
        """The questions ``day`` carries whatever routine is chosen: the after-stop question
        after such a stop, and every question answered yes that day and not taken back that
        the core does not ask anyway (a routine's own, with its words as answered)."""
        out: list[Item] = []
        if self.stopped_on(day):
            out.append(AFTER_STOP_ITEM)
        said: dict[str, BlockAnswer] = {}
        for answer in self.block_answers:
            if answer.day == day and answer.present:
                said[answer.item_id] = answer
        core = core_ids()
        for item_id in self.blocks_on(day):
            if item_id == AFTER_STOP_ITEM.id:
                if AFTER_STOP_ITEM not in out:
                    out.append(AFTER_STOP_ITEM)
            elif item_id not in core:
                out.append(_answered_item(said[item_id]))
        return tuple(out)

    def clearances(self) -> dict[str, Clearance]:
        """The answer in force for each CLEARANCE item: the last one recorded."""
        out: dict[str, Clearance] = {}
        for answer in self.go_aheads:
            out[answer.item_id] = answer
        return out

    def blocks_on(self, day: date) -> dict[str, bool]:
        """BLOCK items answered yes on ``day`` and not taken back since."""
        latest: dict[str, bool] = {}
        for answer in self.block_answers:
            if answer.day == day:
                latest[answer.item_id] = answer.present
        return {k: True for k, present in latest.items() if present}

    def blocked_days(self) -> dict[date, tuple[str, ...]]:
        """Every day with a BLOCK answered yes, and which items (a day stays blocked even if
        the answer was taken back: it was said)."""
        days: dict[date, list[str]] = {}
        for answer in self.block_answers:
            if answer.present and answer.item_id not in days.setdefault(answer.day, []):
                days[answer.day].append(answer.item_id)
        return {d: tuple(items) for d, items in sorted(days.items())}

    def answered_items(self) -> tuple[Item, ...]:
        """Every question outside the core answered yes in the record, on any day, with its
        words as last answered: what names a blocked day when its routine is gone."""
        said: dict[str, BlockAnswer] = {}
        for answer in self.block_answers:
            if answer.present and answer.item_id not in core_ids():
                said[answer.item_id] = answer
        return tuple(_answered_item(a) for a in said.values())

    def last_seal(self) -> str:
        return self.seals[-1] if self.seals else GENESIS

    def with_event(self, event: Event) -> SafetyRecord:
        seal = seal_of(self.last_seal(), event_fields(event))
        return SafetyRecord((*self.events, event), (*self.seals, seal))


def _answered_item(answer: BlockAnswer) -> Item:
    """A routine's question as it was answered yes (its routine may not be chosen now)."""
    return Item(
        answer.item_id,
        Tier.BLOCK,
        answer.question or f"A question of your routine ({answer.item_id}), answered yes today",
        answer.advice or "Don't massage today.",
        core=False,
        title=answer.title,
    )


def new_stops(record: SafetyRecord, candidates: Iterable[SessionStop]) -> list[SessionStop]:
    """The candidates not yet in the record (a stop is the same stop by its entry), each once."""
    known = {s.entry_id for s in record.stops}
    out: list[SessionStop] = []
    for stop in candidates:
        if stop.entry_id not in known:
            known.add(stop.entry_id)
            out.append(stop)
    return out


# --- the file's tables ------------------------------------------------------------------


def _moment(value: datetime) -> datetime:
    return value.replace(microsecond=0, tzinfo=None)


def event_fields(event: Event) -> dict[str, Any]:
    """An event as its TOML table, without the seal."""
    if isinstance(event, WarningSign):
        return {
            "kind": EventKind.WARNING_SIGN.value,
            "recorded": _moment(event.recorded),
            "finding": event.finding,
            "side": event.side,
            "at": _moment(event.at),
            "entry": event.entry_id,
            "source": event.source.value,
        }
    if isinstance(event, Clearance):
        recorded = event.recorded or datetime.combine(event.on, datetime.min.time())
        return {
            "kind": EventKind.GO_AHEAD.value,
            "recorded": _moment(recorded),
            "item": event.item_id,
            "applies": event.applies,
            "on": event.on,
        }
    if isinstance(event, SessionStop):
        return {
            "kind": EventKind.SESSION_STOP.value,
            "recorded": _moment(event.recorded),
            "cause": event.cause.value,
            "at": _moment(event.at),
            "entry": event.entry_id,
        }
    words = {"question": event.question, "title": event.title, "advice": event.advice}
    return {
        "kind": EventKind.BLOCK_ANSWER.value,
        "recorded": _moment(event.recorded),
        "item": event.item_id,
        "day": event.day,
        "present": event.present,
        # only when given: a record written before these existed keeps its seals
        **{k: v for k, v in words.items() if v},
    }


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def seal_of(previous: str, fields: Mapping[str, Any]) -> str:
    body = json.dumps(dict(sorted((k, _canonical(v)) for k, v in fields.items())))
    return hashlib.sha256(f"{previous}\n{body}".encode()).hexdigest()[:20]


def record_to_dict(record: SafetyRecord, profile: str | None = None) -> dict[str, Any]:
    """The file's tables; ``profile`` names whose record it is ("" for the folder's own
    person when no profile is chosen), so a record copied in from another is refused."""
    events = [{**event_fields(e), "seal": record.seals[i]} for i, e in enumerate(record.events)]
    whose = {} if profile is None else {"profile": profile}
    return {"format": FORMAT, **whose, "count": len(events), "events": events}


def signs_in(raw_events: Any, open_only: bool = False) -> list[WarningSign]:
    """Every warning sign that can be read from a list of event tables, whatever else is
    wrong with them (a record set aside as untrusted still holds its signs). ``open_only``:
    without those a professional's check later in the same list answers."""
    if not isinstance(raw_events, list):
        return []
    c = Collector()
    out: list[WarningSign] = []
    for i, raw in enumerate(raw_events):
        if not isinstance(raw, Mapping) or raw.get("kind") not in _SIGN_OR_CHECK:
            continue
        event = _event(raw, f"events[{i}]", c)
        if isinstance(event, WarningSign):
            out.append(event)
        elif (
            open_only
            and isinstance(event, Clearance)
            and event.item_id == PROFESSIONAL_CHECK_ITEM
            and event.applies
        ):
            out = [s for s in out if not event.answers(s)]
    return out


_SIGN_OR_CHECK = (EventKind.WARNING_SIGN.value, EventKind.GO_AHEAD.value)


_EVENT_KEYS = {
    EventKind.WARNING_SIGN: ("finding", "side", "at", "entry", "source"),
    EventKind.GO_AHEAD: ("item", "applies", "on"),
    EventKind.BLOCK_ANSWER: ("item", "day", "present", "question", "title", "advice"),
    EventKind.SESSION_STOP: ("cause", "at", "entry"),
}


def _get(raw: Mapping[str, Any], key: str, kind: type, path: str, c: Collector, what: str) -> Any:
    """The value at ``key`` if it is of ``kind`` (true/false only where a bool is wanted)."""
    value = raw.get(key)
    if value is None:
        c.add(join(path, key), "is required")
        return None
    if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
        c.add(join(path, key), f"must be {what}")
        return None
    return value


def _event(raw: Any, path: str, c: Collector) -> Event | None:
    if not isinstance(raw, Mapping):
        c.add(path, "must be a table ([[events]])")
        return None
    try:
        kind = EventKind(raw.get("kind"))
    except ValueError:
        c.add(join(path, "kind"), "must be warning-sign, go-ahead, block-answer or session-stop")
        return None
    c.unknown_keys(raw, ("kind", "recorded", "seal", *_EVENT_KEYS[kind]), path)
    before = len(c.problems)
    recorded = _get(raw, "recorded", datetime, path, c, "a date and time")
    if kind is EventKind.WARNING_SIGN:
        finding = _get(raw, "finding", str, path, c, "a finding name")
        side = _get(raw, "side", str, path, c, "left, right, both or yes")
        at = _get(raw, "at", datetime, path, c, "a date and time")
        entry = _get(raw, "entry", str, path, c, "an entry id")
        source = raw.get("source", SignSource.JOURNAL.value)
        if finding is not None and finding not in FINDINGS:
            c.add(join(path, "finding"), f"unknown finding '{finding}'")
        if side is not None and side not in (*SIDES, "yes"):
            c.add(join(path, "side"), "must be left, right, both or yes")
        if source not in [s.value for s in SignSource]:
            c.add(join(path, "source"), "must be journal or session")
        if len(c.problems) > before:
            return None
        return WarningSign(finding, side, _moment(at), _moment(recorded), entry, SignSource(source))
    if kind is EventKind.SESSION_STOP:
        return _stop(raw, path, c, recorded, before)
    item = _get(raw, "item", str, path, c, "an item id")
    if kind is EventKind.GO_AHEAD:
        applies = _get(raw, "applies", bool, path, c, "true or false")
        on = _get(raw, "on", date, path, c, "a date")
        if len(c.problems) > before:
            return None
        if isinstance(on, datetime):
            c.add(join(path, "on"), "must be a date without a time")
            return None
        return Clearance(item, applies, on, _moment(recorded))
    day = _get(raw, "day", date, path, c, "a date")
    present = _get(raw, "present", bool, path, c, "true or false")
    words = {
        key: _get(raw, key, str, path, c, "text") if key in raw else ""
        for key in ("question", "title", "advice")
    }
    if len(c.problems) > before:
        return None
    if isinstance(day, datetime):
        c.add(join(path, "day"), "must be a date without a time")
        return None
    return BlockAnswer(item, day, present, _moment(recorded), **words)


def _stop(
    raw: Mapping[str, Any], path: str, c: Collector, recorded: Any, before: int
) -> SessionStop | None:
    cause_name = _get(raw, "cause", str, path, c, "a stop cause")
    at = _get(raw, "at", datetime, path, c, "a date and time")
    entry = _get(raw, "entry", str, path, c, "an entry id")
    cause = parse_cause(cause_name)
    if cause_name is not None and cause is None:
        c.add(join(path, "cause"), f"unknown stop cause '{cause_name}'")
    if len(c.problems) > before or cause is None:
        return None
    return SessionStop(cause, _moment(at), entry, _moment(recorded))


def record_from_dict(data: Mapping[str, Any]) -> tuple[SafetyRecord, list[str]]:
    """The record and its problems. Any problem means the record can't be trusted: the
    caller keeps the gate shut. Problems name key paths such as ``events[3].on``."""
    c = Collector()
    c.unknown_keys(data, ("format", "profile", "count", "events"), "")
    if not isinstance(data.get("profile", ""), str):
        c.add("profile", "must be a profile name")
    if data.get("format", FORMAT) != FORMAT:
        c.add("format", f"must be {FORMAT}: this record was written by another footcare version")
    raw_events = data.get("events", [])
    if not isinstance(raw_events, list):
        c.add("events", "must be a list of tables ([[events]])")
        raw_events = []
    events: list[Event] = []
    seals: list[str] = []
    previous = GENESIS
    for i, raw in enumerate(raw_events):
        path = f"events[{i}]"
        event = _event(raw, path, c)
        seal = raw.get("seal") if isinstance(raw, Mapping) else None
        if event is not None:
            if seal != seal_of(previous, event_fields(event)):
                c.add(
                    join(path, "seal"),
                    "does not match: this event, or one before it, was changed or removed by hand",
                )
            events.append(event)
            seals.append(str(seal))  # (only a record without problems is ever written)
        # a broken event names its own problem; the ones after it are still checked in chain
        if isinstance(seal, str):
            previous = seal
    count = data.get("count", len(raw_events))
    if count != len(raw_events):
        c.add(
            "count", f"says {count} events but the file holds {len(raw_events)}: some were removed"
        )
    problems = [p.render() for p in c.problems]
    return SafetyRecord(tuple(events), tuple(seals)), problems


def new_signs(record: SafetyRecord, candidates: Iterable[WarningSign]) -> list[WarningSign]:
    """The candidates not yet in the record (a sign is the same sign by entry, finding and
    side), each once."""
    known = {s.key for s in record.signs}
    out: list[WarningSign] = []
    for sign in candidates:
        if sign.key not in known:
            known.add(sign.key)
            out.append(sign)
    return out


@dataclass(frozen=True)
class SafetyFacts:
    """What the gate reads: the record, and what could not be read."""

    record: SafetyRecord = field(default_factory=SafetyRecord)
    unreadable: Sequence[str] = ()
    traces: Sequence[WarningSign] = ()
    """Warning signs found outside the record as read: in the witness of what was last seen
    of it, and what can be read of a record that can't be trusted or was set aside."""
    trusted: bool = True
    """The record itself was read and can be added to; False when it can't be trusted
    (``unreadable`` then says why, in words for the person)."""


def signs_as_of(
    record: SafetyRecord, signs: Iterable[WarningSign], today: date
) -> tuple[WarningSign, ...]:
    """The signs as the gate weighs them ``today``. One dated after today counts from
    today (signs.as_of); and as its times can't be trusted, the record's order decides
    which check saw it: a check written down before it (or a sign the record doesn't hold
    yet) never answers it."""
    position = {e.key: i for i, e in enumerate(record.events) if isinstance(e, WarningSign)}
    check_at, check = -1, None
    for i, event in enumerate(record.events):
        if isinstance(event, Clearance) and event.item_id == PROFESSIONAL_CHECK_ITEM:
            check_at, check = i, event
    out: list[WarningSign] = []
    for sign in signs:
        weighed = as_of(sign, today)
        if (
            weighed is not sign
            and check is not None
            and check.recorded is not None
            and position.get(sign.key, len(record.events)) > check_at
            and weighed.recorded <= check.recorded
        ):
            weighed = replace(weighed, recorded=check.recorded + timedelta(seconds=1))
        out.append(weighed)
    return tuple(out)
