"""Where a step works, as a picture of the foot and in words (issue 20).

``picture(step, side, width, height)`` is the largest drawing of the step's area and
movement that fits the room, or None (never a cut drawing); ``describe`` says the same in
words, for ``--plain`` and screen readers. Pure: no Textual, no I/O.
"""

from __future__ import annotations

from typing import Literal

from footcare.domain.feet.drawing import (
    MAX_ROWS,
    MIN_ROWS,
    Picture,
    columns,
    draw_left,
    mirror,
)
from footcare.domain.feet.shapes import AREAS
from footcare.domain.routine import Step

Side = Literal["left", "right"]

MOTIONS: dict[str, str] = {
    "none": "",
    "toes-to-ankle": "stroke from the toes towards the ankle",
    "toes-to-calf": "stroke from the toes to the ankle, then on up the calf",
    "circles": "small circles with the thumbs",
    "ball-to-heel": "rub from the ball of the foot down to the heel",
    "each-toe": "each toe in turn",
    "squeeze": "squeeze softly from the top and from below",
}
"""Every movement a routine step may name (``motion = "…"``), and how it is said."""

DEFAULTS: dict[str, tuple[str, str]] = {
    "prepare": ("top", "none"),
    "effleurage": ("whole-foot", "toes-to-ankle"),
    "thumb-circles": ("sole", "circles"),
    "knuckle-rub": ("sole", "ball-to-heel"),
    "squeeze-knead": ("whole-foot", "squeeze"),
    "toe-work": ("toes", "each-toe"),
    "upward-strokes": ("foot-and-calf", "toes-to-calf"),
    "finish": ("between-toes", "none"),
}
"""The area and movement of each technique when its step names none. "other" has none:
without an area such a step has no picture rather than a wrong one."""

KEEP_AWAY: dict[str, str] = {"prepare": "between-toes"}
"""Where a technique keeps away from when its step names nowhere (the lotion)."""

VIEW_WORDS = {
    "top": "seen from above",
    "sole": "the sole",
    "side": "seen from the inner side",
}

__all__ = ["AREAS", "Picture"]


def area_and_motion(step: Step) -> tuple[str, str] | None:
    """The area a step works and how, from the step or its technique; None when unknown."""
    default = DEFAULTS.get(step.technique)
    area = step.area or (default[0] if default else "")
    if not area:
        return None
    if step.motion:
        return area, step.motion
    motion = default[1] if default else "none"
    if motion == "each-toe" and area != "toes":
        motion = "none"  # the technique's movement, where it can be drawn on the area named
    return area, motion


def picture(step: Step, side: Side, width: int, height: int) -> Picture | None:
    """The largest drawing of ``step`` on the ``side`` foot that fits ``width`` × ``height``
    text cells; None when none fits or the step has no picture."""
    found = area_and_motion(step)
    if found is None:
        return None
    area, motion = found
    view = AREAS[area].view
    avoid = keep_away(step)
    for rows in range(min(height, MAX_ROWS), MIN_ROWS[view] - 1, -1):
        if columns(view, rows) > width:
            continue
        left = draw_left(area, motion, avoid, rows)
        if left is not None:
            return left if side == "left" else mirror(left)
    return None


def legend_picture(technique: str, width: int, height: int) -> Picture | None:
    """A technique's picture (its default area and movement, left foot) for a legend."""
    return picture(Step("", technique, 1, ""), "left", width, height)


def describe(step: Step, side: Side) -> str:
    """Where on the foot the step works, and which way, in words."""
    found = area_and_motion(step)
    if found is None:
        return ""
    area, motion = found
    words = f"{side.capitalize()} foot, {VIEW_WORDS[AREAS[area].view]}: {AREAS[area].words}"
    if motion != "none":
        words += f"; {MOTIONS[motion]}"
    avoid = keep_away(step)
    if avoid:
        words += f"; keep away from {AREAS[avoid].words}"
    return words + "."


def keep_away(step: Step) -> str:
    """Where the step keeps away from (a key of AREAS), or ""."""
    return step.avoid or KEEP_AWAY.get(step.technique, "")
