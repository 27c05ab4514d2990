"""Warning signs as safety facts, and when a professional's check answers one.

A warning sign comes from a journal entry's foot check or from the cause a session was
stopped for. Once recorded it is part of the safety record: deleting or editing the entry
it came from never takes it away. Only a professional's check recorded after it lifts the
block it causes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from enum import Enum

from footcare.domain.frozen import frozen
from footcare.domain.journal import finding_words


class Urgency(Enum):
    EMERGENCY = "emergency"
    SAME_DAY = "same day"
    SOON = "soon"


EMERGENCY_FINDINGS = frozenset({"chest", "red_leg_unwell"})


def urgency_of(finding: str, side: str) -> Urgency:
    """How soon a finding needs a professional; the one place this is decided."""
    if finding in EMERGENCY_FINDINGS:
        return Urgency.EMERGENCY
    if finding == "swelling" and side == "both":
        return Urgency.SOON
    return Urgency.SAME_DAY


def blocks_sessions(finding: str, side: str) -> bool:
    return urgency_of(finding, side) is not Urgency.SOON


class SignSource(Enum):
    JOURNAL = "journal"
    """The foot check of a journal entry (from the app or the command line)."""
    SESSION = "session"
    """The cause a session was stopped for."""


@frozen
class WarningSign:
    finding: str
    """A key of FINDINGS."""
    side: str
    """"left", "right", "both" or "yes" for a finding that has no side."""
    at: datetime
    """When the sign was noticed: the journal entry's date and time."""
    recorded: datetime
    """When it entered the safety record."""
    entry_id: str
    source: SignSource = SignSource.JOURNAL

    @property
    def day(self) -> date:
        return self.at.date()

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a sign the same sign: its entry, finding and side."""
        return (self.entry_id, self.finding, self.side)

    @property
    def urgency(self) -> Urgency:
        return urgency_of(self.finding, self.side)

    @property
    def blocks_sessions(self) -> bool:
        return blocks_sessions(self.finding, self.side)

    @property
    def what(self) -> str:
        return finding_words(self.finding, self.side)


def postdates(on: date, recorded: datetime | None, sign: WarningSign) -> bool:
    """Whether a go-ahead given ``on`` and written down at ``recorded`` answers ``sign``.

    It must be given on a later day, or on the same day and written down after the sign
    was noticed; and it must be written down after the sign entered the record (a sign
    added later, even for an earlier day, was not seen by that professional).
    """
    if recorded is not None and recorded < sign.recorded:
        return False
    return on > sign.day or (on == sign.day and recorded is not None and recorded > sign.at)


def as_of(sign: WarningSign, today: date) -> WarningSign:
    """The sign as the gate weighs it ``today``: one dated after today (the clock set back
    since, or running fast when it was logged) counts from the start of today, never not at
    all; a check given today and written down after that answers it."""
    if sign.day <= today:
        return sign
    start = datetime.combine(today, time.min)
    return replace(sign, at=start, recorded=min(sign.recorded, start))
