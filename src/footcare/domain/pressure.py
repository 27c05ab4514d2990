"""Lighter pressure: what a session becomes for someone who bruises easily or feels little.

With blood thinners, a bleeding or platelet problem, or severe neuropathy, no step presses
harder than "light", and a step that works with the knuckles becomes light strokes with the
flat fingers for the same time.
"""

from __future__ import annotations

from dataclasses import replace

from footcare.domain.routine import PRESSURES, Routine, Step

LIGHTEST_ALLOWED = "light"
HARD_TECHNIQUES = frozenset({"knuckle-rub"})

SOFTENED_NAME = "Light strokes (in place of {name})"
SOFTENED_INSTRUCTIONS = (
    "Stroke the sole slowly with the flat of your fingers, lightly, from the toes towards "
    "the heel and up to the ankle."
)


def cap(pressure: str, limit: str = LIGHTEST_ALLOWED) -> str:
    """The lighter of ``pressure`` and ``limit``."""
    order = {p: i for i, p in enumerate(PRESSURES)}
    if order.get(pressure, len(PRESSURES)) > order[limit]:
        return limit
    return pressure


def lighten_step(step: Step) -> Step:
    if step.technique in HARD_TECHNIQUES:
        return replace(
            step,
            name=SOFTENED_NAME.format(name=step.name.lower()),
            technique="effleurage",
            instructions=SOFTENED_INSTRUCTIONS,
            pressure=cap(step.pressure),
            direction=step.direction or "toes to ankle",
        )
    return replace(step, pressure=cap(step.pressure))


def lighten(routine: Routine) -> Routine:
    """The same routine, timing unchanged, with no pressure above light and no knuckle work."""
    return replace(routine, steps=tuple(lighten_step(s) for s in routine.steps))
