"""What is said at each moment of a session, in short plain sentences.

Used for the plain-text session's lines and for spoken cues: a screen reader, a braille
display or a speech synthesiser gets the same words.
"""

from __future__ import annotations

import re

from footcare.domain.session import Event, EventKind, Session
from footcare.domain.text import clean

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
PAUSED_WHERE_YOU_STOPPED = "Paused where you stopped."
LOOK_FIRST_SPOKEN = "Look at it first: broken skin, redness, swelling or warmth means stop."
LIGHTER_SPOKEN = "Light at most, for you."
FOOT_CHANGE_SPOKEN = "Change feet: now the {foot} foot. Wipe the lotion off your hands."
"""Said aloud: short enough to be over (7 to 9 seconds with espeak-ng) before a 10-second
get-ready ends and the first step is announced."""
NOTICE_LENGTH = 160
"""The longest a desktop notice's text may be; longer ones end with an ellipsis."""
_SENTENCE_END = re.compile(r"[.!?](?=\s+[^\sa-z]|$)")
"""A full stop that ends a sentence: at the end, or before a word that is not in lower
case (so "e.g. this" reads on)."""


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


# --- spoken -------------------------------------------------------------------------------
def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when it has no full stop), one line."""
    text = " ".join(clean(text).split())
    found = _SENTENCE_END.search(text)
    return text[: found.end()] if found else text


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) or not text else text + "."


def spoken_segment(session: Session, lighter: bool = False) -> list[str]:
    """The current segment, short enough to say aloud before it is half over: the foot and
    the step, its name and how long, the first sentence of the instructions, the pressure."""
    seg = session.current
    step = session.current_step
    if step is None or seg.step_index is None:
        return [f"Get ready: {seg.foot} foot, {spoken_duration(seg.duration)}.", LOOK_FIRST_SPOKEN]
    total = len(session.routine.steps)
    lines = [
        f"{seg.foot.capitalize()} foot, step {seg.step_index + 1} of {total}: "
        f"{_sentence(clean(step.name))} {spoken_duration(step.duration)}.",
    ]
    instruction = first_sentence(step.instructions)
    if instruction:
        lines.append(_sentence(instruction))
    lines.append(f"Pressure: {clean(step.pressure)}.")
    if lighter:
        lines.append(LIGHTER_SPOKEN)
    return lines


def spoken_lines(session: Session, events: list[Event], lighter: bool = False) -> list[str]:
    """What to say aloud for a batch of events from the session runner (nothing for a
    batch that changes nothing one can hear)."""
    kinds = {e.kind for e in events}
    if EventKind.FINISHED in kinds:
        return [FINISHED]
    if EventKind.STOPPED in kinds:
        return [STOPPED]
    if EventKind.FOOT_CHANGE in kinds:
        lines = [FOOT_CHANGE_SPOKEN.format(foot=session.current.foot), LOOK_FIRST_SPOKEN]
        if session.current.is_step:  # a routine with no get-ready: straight to the step
            lines.extend(spoken_segment(session, lighter))
        return lines
    lines = []
    if kinds & {EventKind.STEP, EventKind.GET_READY}:
        lines.extend(spoken_segment(session, lighter))
    elif EventKind.PAUSED in kinds and session.paused:
        lines.append(PAUSED)
    elif EventKind.RESUMED in kinds and not session.paused:
        lines.append(RESUMED)
    return lines


def notice_text(lines: list[str]) -> str:
    """One short line for a desktop notice: the first thing said, plain, no semicolons (a
    terminal splits a notice's fields at them)."""
    text = " ".join(clean(lines[0]).split()).replace(";", ",") if lines else ""
    if len(text) > NOTICE_LENGTH:
        text = text[: NOTICE_LENGTH - 1].rstrip() + "…"
    return text
