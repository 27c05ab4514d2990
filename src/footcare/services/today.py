"""How today stands, for the start screen: the facts `footcare status` reports (the same
use-case and the same words for today's session, so the two never disagree).

Nothing here decides anything the gate has not: the words follow the status's reasons.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from footcare.domain.advice import reason_text
from footcare.domain.frozen import frozen
from footcare.domain.screening import ReasonKind, sign_named
from footcare.domain.wording import DEFAULT_EMERGENCY, have_it_checked, sign_noted
from footcare.services.claims import running_elsewhere
from footcare.services.status import Status, session_line, status

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
    emergency: str = DEFAULT_EMERGENCY
    """The number to call, as config.toml says."""

    @property
    def standing(self) -> Standing:
        report = self.status
        if report.pending_signs:
            return Standing.WARNING_SIGN
        if any(r.kind is not UNANSWERED for r in report.reasons):
            return Standing.BLOCKED
        return Standing.DONE if report.session_today else Standing.NOT_YET

    def lines(self) -> list[str]:
        """The start screen's words for it: what stands first, the count (or the yes
        today), today's session, then what else the gate holds, longest last, so what a
        person needs first stays in view; while a session runs elsewhere, that in place of
        what is to do and today's session."""
        report, left = self.status, self.status.to_do
        out: list[str] = [report.running.words] if report.running is not None else []
        if report.pending_signs:
            sign = sign_named(report.reasons) or report.pending_signs[-1]
            out.append(
                "No massage for now: a warning sign waits for a professional's check. "
                f"It was {sign_noted(sign)}. "
                + have_it_checked(sign, self.emergency, " in the safety questions (c).")
            )
        if report.running is not None:
            return out
        if left.held():
            out.append(f"{left.held()} {left.stops[0].reasons[0].advice}")
        elif left.count:
            out.append(f"{left.says()} in the safety questions (c).")
        out.append(session_line(report))
        if self.standing is Standing.BLOCKED:
            held = [r for r in report.reasons if r.kind not in (ReasonKind.BLOCKED, UNANSWERED)]
            if held:
                out.append("Before a session: " + " ".join(reason_text(r) for r in held))
        return out


def today(services: UseCases) -> Today:
    return Today(status(services), services.settings.emergency_number)


def running_elsewhere_now(services: UseCases) -> bool:
    """Whether a session runs in another footcare now: a look at its claim alone, light
    enough to ask every few seconds."""
    return running_elsewhere(services.sessions) is not None
