"""Why a session stopped early: a typed cause, and the findings each cause records.

The stop dialog shows a label for each cause; nothing here depends on those labels, so
rewording one can never change what is recorded or what the next session's gate sees.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType


class StopCause(Enum):
    PAIN = "pain"
    NEW_MARK = "new-mark"
    SWELLING = "swelling"
    CHEST = "chest"
    UNWELL = "unwell"
    OTHER = "other"
    WARNING_SIGN = "warning-sign"
    """A warning sign was logged in the journal while the session ran."""
    INTERRUPTED = "interrupted"
    """The app was closed mid-session and the session was never carried on."""


CAUSE_FINDINGS: Mapping[StopCause, Mapping[str, str]] = MappingProxyType(
    {
        StopCause.NEW_MARK: MappingProxyType({"session_injury": "yes"}),
        StopCause.SWELLING: MappingProxyType({"swelling": "yes"}),
        StopCause.CHEST: MappingProxyType({"chest": "yes"}),
    }
)
"""The journal findings (and so the warning signs) a stop for this cause records, on no
foot named ("yes"); `findings_for` puts a sign seen where the hands are on the foot in hand."""

WHERE_THE_HANDS_ARE = frozenset({StopCause.NEW_MARK})
"""Causes whose sign shows on the foot being massaged (a new mark, blister or broken skin).
Swelling is not one: it is a sign of the leg (a clot shows in one leg or calf), and
may be seen in the other leg, so it stays on no foot named."""

CHOOSABLE = (
    StopCause.PAIN,
    StopCause.NEW_MARK,
    StopCause.SWELLING,
    StopCause.CHEST,
    StopCause.UNWELL,
    StopCause.OTHER,
)
"""The causes a person picks from, in the order they are offered."""


ONE_FOOT = ("left", "right")


def findings_for(cause: StopCause | None, foot: str | None = None) -> dict[str, str]:
    """What a stop for ``cause`` records: a sign seen where the hands are on ``foot`` (the one
    being massaged), any other on no foot named. Never "both": no step massages both feet,
    and swelling on both feet reads as a milder sign (signs.urgency_of)."""
    if cause is None:
        return {}
    found = dict(CAUSE_FINDINGS.get(cause, {}))
    if cause in WHERE_THE_HANDS_ARE and foot is not None and foot in ONE_FOOT:
        return dict.fromkeys(found, foot)
    return found


def parse_cause(value: object) -> StopCause | None:
    """The cause stored in a file, or None if there is none or it is not one we know."""
    if not isinstance(value, str):
        return None
    try:
        return StopCause(value)
    except ValueError:
        return None
