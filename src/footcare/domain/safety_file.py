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
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import parse_cause


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


def _event(raw: Any, c: Collector, path: str = "") -> Event | None:
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
        return WarningSign(finding, side, moment(at), moment(recorded), entry, SignSource(source))
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
        return Clearance(item, applies, on, moment(recorded))
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
    return BlockAnswer(item, day, present, moment(recorded), **words)


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
    return SessionStop(cause, moment(at), entry, moment(recorded))


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
