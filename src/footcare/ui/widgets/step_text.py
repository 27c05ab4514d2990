"""The step's words on the session screen: what they say at each point of the session, and
the widgets that hold them (each laid out once when a step change resizes it)."""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from footcare.domain.frozen import frozen
from footcare.domain.session import Session
from footcare.domain.wording import LIGHTER, LOOK_FIRST_SCREEN
from footcare.ui.compat import SizedInOneLayout


class StepText(Static, SizedInOneLayout):
    """A line or paragraph of the step: painted once when a step change resizes it."""


class StepRow(Horizontal, SizedInOneLayout):
    """The words and the picture side by side: laid out once when a new picture changes
    its height."""


class StepWords(Vertical, SizedInOneLayout):
    """The step's words beside its picture: laid out once when the picture beside them
    changes width."""


@frozen
class StepLines:
    """What the screen says of where the session is: its title, what to do, how (the
    pressure and direction), and what comes next."""

    title: str
    words: str
    cue: str
    next: str


def step_lines(session: Session, lighter: bool) -> StepLines:
    """The words for the session's current segment; ``lighter`` when the person feels less
    and is asked to press more lightly."""
    seg = session.current
    step = session.current_step
    steps = len(session.routine.steps)
    foot = seg.foot.upper()
    if step is None or seg.step_index is None:
        title = f"GET READY — {foot} FOOT"
        words = LOOK_FIRST_SCREEN
        cue = "Sit comfortably with the foot in reach."
    else:
        title = f"{foot} FOOT — step {seg.step_index + 1} of {steps}: {step.name}"
        words = step.instructions
        cue = f"Pressure: {step.pressure}"
        if step.direction:
            cue += f" · Direction: {step.direction}"
        cue += "." + (" " + LIGHTER if lighter else "")
    return StepLines(title, words, cue, next_text(session))


def next_text(session: Session) -> str:
    """What comes after the current segment: the end, the other foot, or the next step."""
    seg = session.current
    upcoming = session.next_segment()
    if upcoming is None:
        return "Next: the end — after-session ratings."
    if upcoming.foot != seg.foot:
        return f"Next: the {upcoming.foot} foot."
    nxt = session.next_step()
    return f"Next: {nxt.name}" if nxt else ""
