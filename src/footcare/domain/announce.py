"""What is said at each moment of a session, in short plain sentences.

Used for the plain-text session's lines and for spoken cues: a screen reader, a braille
display or a speech synthesiser gets the same words.
"""

from __future__ import annotations

from footcare.domain.session import Event, EventKind, Session

LOOK_FIRST = (
    "Look at this foot first: the top, the sole, the heel and between the toes. If you see "
    "broken skin, redness or swelling, or it feels warm, stop."
)
STOP_IF = "Stop at once if it hurts, if you see a new mark, or if the foot swells."
LIGHTER = "Lighter pressure for you: light at most, never the knuckles."
FOOT_CHANGE = "Change feet: now the {foot} foot. Wipe extra lotion off your hands first."
FINISHED = (
    "Session complete. Wipe off extra lotion, dry between the toes, and put socks on "
    "before you stand up."
)
STOPPED = "Session stopped."
PAUSED = "Paused."
RESUMED = "Carrying on."


def spoken_duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if rest:
        parts.append(f"{rest} second" + ("s" if rest != 1 else ""))
    return " and ".join(parts) or "0 seconds"


def segment_lines(session: Session, lighter: bool = False) -> list[str]:
    """The current segment: a get-ready, or a step with its instructions and pressure."""
    seg = session.current
    step = session.current_step
    if step is None or seg.step_index is None:
        return [
            f"Get ready: {seg.foot} foot, {spoken_duration(seg.duration)}.",
            LOOK_FIRST,
        ]
    total = len(session.routine.steps)
    head = (
        f"Step {seg.step_index + 1} of {total}, {seg.foot} foot: {step.name}. "
        f"{spoken_duration(step.duration)}."
    )
    detail = f"Pressure: {step.pressure}."
    if step.direction:
        detail += f" Direction: {step.direction}."
    if lighter:
        detail += " " + LIGHTER
    return [head, step.instructions, detail]


def event_lines(session: Session, events: list[Event], lighter: bool = False) -> list[str]:
    """What to say for a batch of events from the session runner."""
    kinds = {e.kind for e in events}
    if EventKind.FINISHED in kinds:
        return [FINISHED]
    if EventKind.STOPPED in kinds:
        return [STOPPED]
    lines: list[str] = []
    if EventKind.PAUSED in kinds:
        lines.append(PAUSED)
    if EventKind.RESUMED in kinds:
        lines.append(RESUMED)
    if EventKind.FOOT_CHANGE in kinds:
        lines.append(FOOT_CHANGE.format(foot=session.current.foot))
    if kinds & {EventKind.STEP, EventKind.GET_READY}:
        lines.extend(segment_lines(session, lighter))
    return lines
