"""The words of a refusal: why no massage today, what to do, whom to contact.

The app's screens, the plain-text session and `footcare status` all say it with these
functions, so a refusal reads the same wherever it is met.
"""

from __future__ import annotations

from enum import Enum

from footcare.domain.frozen import frozen
from footcare.domain.screening import ItemState, ItemVerdict, Reason, ReasonKind, Verdict
from footcare.domain.signs import WarningSign
from footcare.domain.wording import CONTACT, sign_noted

REST = "Resting today is the safe choice. Your journal and routine are kept as they are."


class Part(Enum):
    """What a line of a refusal is: the rules (how it is laid out) read this, never its label."""

    WHY = "why"
    WHAT_TO_DO = "what to do"
    CONTACT = "contact"
    PLAIN = "plain"


LABELS = {
    Part.WHY: "Why",
    Part.WHAT_TO_DO: "What to do",
    Part.CONTACT: "Whom to contact",
    Part.PLAIN: "",
}


@frozen
class Line:
    part: Part
    text: str

    @property
    def label(self) -> str:
        """ "Why", "What to do", "Whom to contact" or "" for plain text."""
        return LABELS[self.part]


def contact_line(emergency: str) -> Line:
    return Line(
        Part.CONTACT,
        f"{CONTACT}. If you have chest pain or sudden breathlessness, call {emergency} now.",
    )


def refusal(verdict: Verdict, emergency: str) -> list[Line]:
    """A BLOCK answered yes: why, what to do, whom to contact."""
    lines: list[Line] = []
    for reason in verdict.blocks:
        lines.append(Line(Part.WHY, reason.message))
        lines.append(Line(Part.WHAT_TO_DO, reason.advice))
    lines.append(contact_line(emergency))
    lines.append(Line(Part.PLAIN, REST))
    return lines


def reason_text(reason: Reason) -> str:
    """One reason in a sentence or two, as in the list of what is still to do."""
    if reason.kind is ReasonKind.UNANSWERED:
        return f"{reason.item.label}: not answered yet."
    return f"{reason.item.label}: {reason.message.rstrip('.?!')}. {reason.advice}"


def go_ahead_status(verdict: ItemVerdict, check_for: WarningSign | None = None) -> str:
    """Words for a go-ahead's state; every fact comes from the verdict, none is worked out here.

    ``check_for``: a warning sign waiting for a professional's check (shown on the
    "talked with a professional" row, where that check is recorded)."""
    record = verdict.record
    if check_for is not None:
        return (
            f"A warning sign was {sign_noted(check_for)}. "
            "Have your feet checked by a professional, then record that check (y)."
        )
    if record is None:
        return "Not recorded yet."
    on = record.on.isoformat()
    until = verdict.last_valid_day.isoformat() if verdict.last_valid_day else ""
    state = verdict.state
    if state is ItemState.VOIDED and verdict.voided_by is not None:
        sign = verdict.voided_by
        return (
            f"Recorded {on}; since then a warning sign was {sign_noted(sign)}. "
            "Please record it again (y)."
        )
    if state is ItemState.EXPIRED:
        return f"Recorded {on}; it counted until {until}: please answer again."
    if state is ItemState.NEEDS_CLEARANCE:
        return f"Recorded {on} as not applying, but everyone needs this one: press y."
    if not record.applies:
        return f"You said this doesn't apply, on {on} (asked again after {until})."
    return f"Go-ahead recorded {on}, valid until {until}."
