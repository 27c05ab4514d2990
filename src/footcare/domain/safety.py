"""The safety record: warning signs, go-aheads and blocked days, kept as events that only grow.

Nothing here is ever removed or rewritten: deleting or editing a journal entry leaves the
warning signs it recorded in place, and a BLOCK answered yes stays part of that day. Each
event carries a seal chained to the one before it, so a record changed by hand (an event
removed, a date moved) is noticed; the gate then stays shut until the file is put back or a
professional's check starts a fresh record.

The events and the record are in ``safety_events``, the file's tables in ``safety_file``;
every name is importable from here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field, replace
from datetime import date, timedelta

from footcare.domain.frozen import frozen
from footcare.domain.safety_events import (
    ASK_AFTER,
    BlockAnswer,
    Event,
    SafetyRecord,
    SessionStop,
    event_fields,
    new_stops,
)
from footcare.domain.safety_file import record_from_dict, record_to_dict, signs_in
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance
from footcare.domain.signs import WarningSign, as_of

__all__ = [
    "ASK_AFTER",
    "BlockAnswer",
    "Event",
    "SafetyRecord",
    "SessionStop",
    "event_fields",
    "new_stops",
    "record_from_dict",
    "record_to_dict",
    "signs_in",
]


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


@frozen
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
    yet) never answers it. A sign the record holds after the last check was not seen by
    that check either, even when both were written down in the same second."""
    checks = [
        (i, e)
        for i, e in enumerate(record.events)
        if isinstance(e, Clearance) and e.item_id == PROFESSIONAL_CHECK_ITEM
    ]
    if not checks:
        return tuple(as_of(sign, today) for sign in signs)
    last, check = checks[-1]
    seen = {e.key for e in record.events[:last] if isinstance(e, WarningSign)}
    """The signs written down before the last check: the only ones it can have seen."""
    after = {e.key for e in record.events[last + 1 :] if isinstance(e, WarningSign)}
    out: list[WarningSign] = []
    for sign in signs:
        weighed = as_of(sign, today)
        unseen = sign.key in after or (weighed is not sign and sign.key not in seen)
        if unseen and check.recorded is not None and weighed.recorded <= check.recorded:
            weighed = replace(weighed, recorded=check.recorded + timedelta(seconds=1))
        out.append(weighed)
    return tuple(out)
