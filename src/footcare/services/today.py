"""How today stands, for the start screen: the facts `footcare status` reports (the same
use-case, so the two never disagree), plus the time of today's session.

Nothing here decides anything the gate has not: the words follow the status's reasons.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING

from footcare.domain.advice import reason_text
from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry, live
from footcare.domain.screening import ReasonKind
from footcare.domain.wording import CONTACT
from footcare.services.status import Status, status

if TYPE_CHECKING:
    from footcare.services.build import UseCases

UNANSWERED = ReasonKind.UNANSWERED


class Standing(Enum):
    """Where today stands, the first that applies."""

    WARNING_SIGN = "warning sign"
    """A warning sign waits for a professional's check: no session until it is recorded."""
    BLOCKED = "blocked"
    """A yes today, or something else the gate holds (an expired go-ahead, a file)."""
    DONE = "done"
    NOT_YET = "not yet"


@frozen
class Today:
    status: Status
    session_at: datetime | None
    stopped_early: bool = False
    """Today's last session was stopped before its end."""
    """When today's last session was recorded (None: none yet, or it can't be read)."""

    @property
    def standing(self) -> Standing:
        report = self.status
        if report.pending_signs:
            return Standing.WARNING_SIGN
        if any(r.kind is not UNANSWERED for r in report.reasons):
            return Standing.BLOCKED
        return Standing.DONE if report.session_today else Standing.NOT_YET

    def lines(self) -> list[str]:
        """The start screen's words for it: what stands first, then today's session."""
        report = self.status
        out: list[str] = []
        standing = self.standing
        if standing is Standing.WARNING_SIGN:
            sign = report.pending_signs[-1]
            out.append(
                f"No massage for now: a warning sign noted on {sign.day.isoformat()} "
                f"({sign.what}) waits for a professional's check. Have {CONTACT} check "
                "your feet, then record that check in the safety questions (c)."
            )
        elif standing is Standing.BLOCKED:
            yes_today = [r for r in report.reasons if r.kind is ReasonKind.BLOCKED]
            if yes_today:
                out.append(
                    "No massage today: you answered yes to "
                    + "; ".join(r.item.label for r in yes_today)
                    + f". {yes_today[0].advice}"
                )
            held = [r for r in report.reasons if r.kind not in (ReasonKind.BLOCKED, UNANSWERED)]
            if held:
                out.append("Before a session: " + " ".join(reason_text(r) for r in held))
        unanswered = [r for r in report.reasons if r.kind is UNANSWERED]
        if unanswered:
            count = len(unanswered)
            out.append(
                f"{count} go-ahead question{'s' if count != 1 else ''} to answer first, "
                "in the safety questions (c)."
            )
        if report.session_today:
            at = f" at {self.session_at:%H:%M}" if self.session_at else ""
            done = "stopped early" if self.stopped_early else "done"
            out.append(f"Today's session: {done}{at}.")
        else:
            out.append("Today's session: not yet.")
        return out


def last_session(services: UseCases, day: date) -> Entry | None:
    """The last session recorded on ``day``."""
    entries = services.repository.entries(since=day, until=day, include_deleted=False)
    sessions = [e for e in live(entries) if e.session is not None and e.day == day]
    return max(sessions, key=lambda e: e.at, default=None)


def today(services: UseCases) -> Today:
    report = status(services)
    last = last_session(services, services.today()) if report.session_today else None
    if last is None or last.session is None:
        return Today(report, None)
    return Today(report, last.at, last.session.stopped_early)
