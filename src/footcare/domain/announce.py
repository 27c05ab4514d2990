"""What is said at each moment of a session, in short plain sentences.

Used for the plain-text session's lines and for spoken cues: a screen reader, a braille
display or a speech synthesiser gets the same words.
"""

from __future__ import annotations

import re

from footcare.domain.feet import describe
from footcare.domain.routine import Step
from footcare.domain.session import Event, EventKind, Session, Status
from footcare.domain.signs import WarningSign
from footcare.domain.text import clean
from footcare.domain.wording import (
    DEFAULT_EMERGENCY,
    FOOT_CHANGE,
    FOOT_CHANGE_SPOKEN,
    LIGHTER,
    LIGHTER_SPOKEN,
    LOOK_FIRST,
    LOOK_FIRST_SPOKEN,
    PAUSED,
    PAUSED_WHERE_YOU_STOPPED,
    RESUMED,
    STOP_IF,
    ending_lines,
    pressure_spoken,
    spoken_duration,
)

__all__ = ["PAUSED_WHERE_YOU_STOPPED"]

NOTICE_LENGTH = 160
"""The longest a desktop notice's text may be; longer ones end with an ellipsis."""
WORDS_PER_MINUTE = 150
"""A slow, conservative speaking rate (espeak-ng's usual one is 175)."""
SPOKEN_SHARE = 0.75
"""The share of a step's time its words may take: the rest is quiet, for the hands."""
_SENTENCE_END = re.compile(r"[.!?](?=\s+[^\sa-z]|$)")
"""A full stop that ends a sentence: at the end, or before a word that is not in lower
case (so "e.g. this" reads on)."""
_SAFETY = re.compile(
    r"\b(stop\w*|don'?t|do not|never|not|no|none|avoid\w*|dry|sock\w*|barefoot|stand\w*|"
    r"hurt\w*|pain\w*|tender|ease|skip|light\w*|gentl\w*|soft\w*|careful\w*|broken|"
    r"red\w*|swell\w*|warm\w*|heart|upwards?|towards?|slipp\w*|fragile|barely|comfortabl\w*)\b",
    re.IGNORECASE,
)
"""Words that mark a sentence of a step as one about safety or the direction: such a
sentence is always said, however short the step."""
_DASH = re.compile(r"\s*[—–]\s*")


def segment_lines(session: Session, lighter: bool = False) -> list[str]:
    """The current segment: a get-ready (what to look for, and when to stop at once), or a
    step with its instructions and pressure."""
    seg = session.current
    step = session.current_step
    if step is None or seg.step_index is None:
        return [
            f"Get ready: {seg.foot} foot, {spoken_duration(seg.duration)}.",
            LOOK_FIRST,
            STOP_IF,  # the session screen shows it at every step
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
    where = describe(step, "right" if seg.foot == "right" else "left")
    # the session screen's picture, in words: nothing of it is lost to a screen reader
    return [head, step.instructions, detail] + ([f"Where: {where}"] if where else [])


def _ending(
    session: Session, kinds: set[EventKind], emergency: str, sign: WarningSign | None
) -> list[str] | None:
    """The end's words (why it ended and what to do now) for a batch that ends it."""
    if EventKind.FINISHED in kinds:
        return list(ending_lines(None, emergency, massage=session.massage_done()))
    if EventKind.STOPPED in kinds:
        stopped = session.status is Status.STOPPED and session.stop_cause is not None
        cause = session.stop_cause if stopped else None
        if cause is None:
            return ["Session stopped.", *ending_lines(None, emergency)[1:]]
        return list(ending_lines(cause, emergency, sign))
    return None


def event_lines(
    session: Session,
    events: list[Event],
    lighter: bool = False,
    emergency: str = DEFAULT_EMERGENCY,
    sign: WarningSign | None = None,
) -> list[str]:
    """What to say for a batch of events from the session runner (``sign``: the warning
    sign that stopped the session, if one did)."""
    kinds = {e.kind for e in events}
    ending = _ending(session, kinds, emergency, sign)
    if ending is not None:
        return ending
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
def sentences(text: str) -> list[str]:
    """``text`` cut into its sentences, each on one line."""
    text = " ".join(clean(text).split())
    out: list[str] = []
    while text:
        found = _SENTENCE_END.search(text)
        cut = found.end() if found else len(text)
        out.append(text[:cut].strip())
        text = text[cut:].strip()
    return [s for s in out if s]


def concerns_safety(sentence: str) -> bool:
    """Whether a sentence of a step speaks of safety or of the direction."""
    return _SAFETY.search(sentence) is not None


def _sentence(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) or not text else text + "."


def for_the_ear(text: str) -> str:
    """One line as it is best said: a dash becomes a pause."""
    return _DASH.sub(", ", " ".join(clean(text).split()))


def word_count(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def speaking_seconds(lines: list[str]) -> float:
    """How long ``lines`` take to say at the conservative rate."""
    return word_count(lines) * 60 / WORDS_PER_MINUTE


def spoken_step(step: Step, head: str, lighter: bool = False) -> list[str]:
    """A step said whole: ``head``, every sentence of its instructions, its pressure in
    words for the ear, its direction. When all of it would not be over in time, the
    sentences that say neither safety nor direction are left out (never the others)."""
    said = [_sentence(for_the_ear(s)) for s in sentences(step.instructions)]
    tail = [pressure_spoken(clean(step.pressure))]
    if step.direction.strip():
        tail.append(_sentence(f"Direction: {for_the_ear(step.direction)}"))
    if lighter:
        tail.append(LIGHTER_SPOKEN)
    whole = [head, *said, *tail]
    if speaking_seconds(whole) <= step.duration * SPOKEN_SHARE or not said:
        return whole
    kept = [said[0], *(s for s in said[1:] if concerns_safety(s))]
    return [head, *kept, *tail]


def spoken_segment(session: Session, lighter: bool = False) -> list[str]:
    """The current segment as it is said: the foot and the step, its name and how long,
    then the step whole (see `spoken_step`)."""
    seg = session.current
    step = session.current_step
    if step is None or seg.step_index is None:
        return [f"Get ready: {seg.foot} foot, {spoken_duration(seg.duration)}.", LOOK_FIRST_SPOKEN]
    total = len(session.routine.steps)
    head = (
        f"{seg.foot.capitalize()} foot, step {seg.step_index + 1} of {total}: "
        f"{_sentence(clean(step.name))} {spoken_duration(step.duration)}."
    )
    return spoken_step(step, head, lighter)


def spoken_lines(
    session: Session,
    events: list[Event],
    lighter: bool = False,
    emergency: str = DEFAULT_EMERGENCY,
    sign: WarningSign | None = None,
) -> list[str]:
    """What to say aloud for a batch of events from the session runner (nothing for a
    batch that changes nothing one can hear)."""
    kinds = {e.kind for e in events}
    ending = _ending(session, kinds, emergency, sign)
    if ending is not None:
        return ending
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
