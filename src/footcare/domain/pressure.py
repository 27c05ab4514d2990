"""Lighter pressure: what a session becomes for someone who bruises easily or feels little.

With blood thinners, a bleeding or platelet problem, or severe neuropathy, no step presses
harder than "light"; a step that works with the knuckles, or whose own words ask for more
than light pressure ("press deeply", "knead hard"), is shown and said in its technique's
light wording instead, for the same time. The runner shapes the routine once, so the
session screen, `session --plain` and speech all take a step's words from here.
"""

from __future__ import annotations

from dataclasses import replace

from footcare.domain.routine import PRESSURES, Routine, Step
from footcare.domain.wording import (
    KNUCKLE_TECHNIQUES,
    LIGHT_DIRECTION,
    firm_words,
    light_wording,
    replaced_name,
)

LIGHTEST_ALLOWED = "light"
HARD_TECHNIQUES = KNUCKLE_TECHNIQUES


def cap(pressure: str) -> str:
    """The lighter of ``pressure`` and light (light for a pressure it doesn't know)."""
    order = {p: i for i, p in enumerate(PRESSURES)}
    return min(pressure, LIGHTEST_ALLOWED, key=lambda p: order.get(p, len(PRESSURES)))


def asks_too_much(step: Step) -> bool:
    """Whether a step's own words ask for more than light pressure, or for knuckles."""
    return step.technique in HARD_TECHNIQUES or any(
        firm_words(text) for text in (step.name, step.instructions)
    )


def lighten_step(step: Step) -> Step:
    """The step for someone who needs lighter pressure: pressure light at most, in its
    technique's light wording when its own words ask for more, and toes to ankle when its
    direction does. A knuckle step becomes the light stroke whole: its words, its direction
    and its picture (the stroke's own area and movement) all go toes to ankle, whatever its
    own direction said."""
    direction = step.direction
    if firm_words(direction):
        direction = LIGHT_DIRECTION
    if not asks_too_much(step):
        return replace(step, pressure=cap(step.pressure), direction=direction)
    knuckles = step.technique in HARD_TECHNIQUES
    return replace(
        step,
        name=replaced_name(step.technique, step.name),
        technique="effleurage" if knuckles else step.technique,
        instructions=light_wording(step.technique)[1],
        pressure=cap(step.pressure),
        direction=LIGHT_DIRECTION if knuckles else direction,
        area="" if knuckles else step.area,
        motion="" if knuckles else step.motion,
    )


def lighten(routine: Routine) -> Routine:
    """The same routine, timing unchanged, with no pressure above light, no knuckle work
    and no words asking for more."""
    return replace(routine, steps=tuple(lighten_step(s) for s in routine.steps))


def firm_warnings(routine: Routine) -> list[str]:
    """For `routines validate`: each step whose words ask for more than light pressure or
    for knuckles (a warning, not an error: such a step is fine for most people)."""
    out: list[str] = []
    for i, step in enumerate(routine.steps):
        for key in ("name", "instructions", "direction"):
            words = firm_words(str(getattr(step, key)), step.technique)
            if words:
                quoted = ", ".join(f'"{w}"' for w in dict.fromkeys(words))
                out.append(
                    f"steps[{i}].{key} asks for more than light pressure ({quoted}): for "
                    "someone who needs lighter pressure footcare shows and says this step "
                    "in its light wording instead"
                )
    return out
