"""The safety record as the TOML tables of its file, and back: every problem named by its
key path (``events[3].on``), every warning sign read even from a record that can't be trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from footcare.domain.journal import FINDINGS, SIDES
from footcare.domain.problems import Collector, join
from footcare.domain.safety_events import (
    FORMAT,
    GENESIS,
    BlockAnswer,
    Event,
    EventKind,
    SafetyRecord,
    SessionStop,
    event_fields,
    moment,
    seal_of,
)
from footcare.domain.schema import MISSING, Anything, Key, Shape, Table
from footcare.domain.schema_typed import Tagged, Typed
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import StopCause


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
    for raw in raw_events:
        if not isinstance(raw, Mapping) or raw.get("kind") not in _SIGN_OR_CHECK:
            continue
        event = _event(raw, c)  # its problems are not told here: no path needed
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


_MOMENT = Typed(datetime, "a date and time")
_ENTRY = Key(Typed(str, "an entry id"), True)
_ITEM = Key(Typed(str, "an item id"), True)
_DAY = Key(Typed(date, "a date"), True)
_YES_NO = Key(Typed(bool, "true or false"), True)
_SIDE_WORDS = "left, right, both or yes"
_EVERY: dict[str, Key | Shape] = {
    "kind": Anything(),
    "recorded": Key(_MOMENT, True),
    "seal": Anything(),
}
"""What every event has, before its own keys."""
FINDING_NAMES = tuple(FINDINGS)
UNKNOWN_FINDING = "unknown finding '{}'"
CAUSE_NAMES = tuple(cause.value for cause in StopCause)
UNKNOWN_CAUSE = "unknown stop cause '{}'"

EVENT = Tagged(
    "kind",
    {
        EventKind.WARNING_SIGN.value: Table(
            {
                **_EVERY,
                "finding": Key(Typed(str, "a finding name", FINDING_NAMES, UNKNOWN_FINDING), True),
                "side": Key(Typed(str, _SIDE_WORDS, (*SIDES, "yes")), True),
                "at": Key(_MOMENT, True),
                "entry": _ENTRY,
                "source": Typed(str, "journal or session", tuple(s.value for s in SignSource)),
            }
        ),
        EventKind.GO_AHEAD.value: Table({**_EVERY, "item": _ITEM, "applies": _YES_NO, "on": _DAY}),
        EventKind.BLOCK_ANSWER.value: Table(
            {
                **_EVERY,
                "item": _ITEM,
                "day": _DAY,
                "present": _YES_NO,
                "question": Typed(str, "text"),
                "title": Typed(str, "text"),
                "advice": Typed(str, "text"),
            }
        ),
        EventKind.SESSION_STOP.value: Table(
            {
                **_EVERY,
                "cause": Key(Typed(str, "a stop cause", CAUSE_NAMES, UNKNOWN_CAUSE), True),
                "at": Key(_MOMENT, True),
                "entry": _ENTRY,
            }
        ),
    },
    what="a table ([[events]])",
)
"""One event of the safety record, declared once: its checks and messages come from here."""


def _event(raw: Any, c: Collector, path: str = "") -> Event | None:
    """The event a table holds, or None when a key it needs is missing or wrong (each
    named in ``c``; an unknown key is named too, but the event is still read)."""
    got = EVENT.check(raw, path, c)
    if got is MISSING:
        return None
    table = EVENT.tables[got["kind"]]
    if any(key in raw and key not in got for key in table.keys):
        return None  # a value of the wrong kind: already named
    if any(isinstance(k, Key) and k.required and name not in got for name, k in table.keys.items()):
        return None  # a key it needs is missing: already named
    kind, recorded = EventKind(got["kind"]), moment(got["recorded"])
    if kind is EventKind.WARNING_SIGN:
        source = SignSource(got.get("source", SignSource.JOURNAL.value))
        at = moment(got["at"])
        return WarningSign(got["finding"], got["side"], at, recorded, got["entry"], source)
    if kind is EventKind.SESSION_STOP:
        return SessionStop(StopCause(got["cause"]), moment(got["at"]), got["entry"], recorded)
    if kind is EventKind.GO_AHEAD:
        return Clearance(got["item"], got["applies"], got["on"], recorded)
    words = {key: got.get(key, "") for key in ("question", "title", "advice")}
    return BlockAnswer(got["item"], got["day"], got["present"], recorded, **words)


def record_from_dict(data: Mapping[str, Any]) -> tuple[SafetyRecord, list[str]]:
    """The record and its problems. Any problem means the record can't be trusted: the
    caller keeps the gate shut. Problems name key paths such as ``events[3].on``."""
    c = Collector()
    c.unknown_keys(data, ("format", "profile", "count", "events"))
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
        event = _event(raw, c, path)
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
