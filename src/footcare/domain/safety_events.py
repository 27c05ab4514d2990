"""The safety record's events (warning signs, go-aheads, BLOCK answers, session stops), the
record that holds them in order, and the seal that chains each event to the one before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.screening import (
    AFTER_STOP_ITEM,
    Clearance,
    Item,
    Tier,
    core_ids,
)
from footcare.domain.signs import WarningSign
from footcare.domain.stops import StopCause

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


@frozen
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


@frozen
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


@frozen
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


def moment(value: datetime) -> datetime:
    return value.replace(microsecond=0, tzinfo=None)


def event_fields(event: Event) -> dict[str, Any]:
    """An event as its TOML table, without the seal."""
    if isinstance(event, WarningSign):
        return {
            "kind": EventKind.WARNING_SIGN.value,
            "recorded": moment(event.recorded),
            "finding": event.finding,
            "side": event.side,
            "at": moment(event.at),
            "entry": event.entry_id,
            "source": event.source.value,
        }
    if isinstance(event, Clearance):
        recorded = event.recorded or datetime.combine(event.on, datetime.min.time())
        return {
            "kind": EventKind.GO_AHEAD.value,
            "recorded": moment(recorded),
            "item": event.item_id,
            "applies": event.applies,
            "on": event.on,
        }
    if isinstance(event, SessionStop):
        return {
            "kind": EventKind.SESSION_STOP.value,
            "recorded": moment(event.recorded),
            "cause": event.cause.value,
            "at": moment(event.at),
            "entry": event.entry_id,
        }
    words = {"question": event.question, "title": event.title, "advice": event.advice}
    return {
        "kind": EventKind.BLOCK_ANSWER.value,
        "recorded": moment(event.recorded),
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
