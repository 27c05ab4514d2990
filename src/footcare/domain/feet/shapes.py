"""The outline of a foot in three views, and where each area of it lies.

Everything is drawn for the LEFT foot (the right foot is its mirror image), in a unit
square: x from 0 (left of the picture) to 1, y from 0 (top) to 1. Pure geometry, no
characters: drawing.py turns it into text cells.

- "top": the foot seen from above, toes up, big toe on the right (the inner side).
- "sole": the sole, toes up, big toe on the right, as a person sees their own sole with
  the foot across the other knee.
- "side": the inner side of the foot with the lower leg, toes pointing right.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import Literal

from footcare.domain.frozen import frozen

View = Literal["top", "sole", "side"]

Point = tuple[float, float]

ASPECT: dict[View, float] = {"top": 0.5, "sole": 0.5, "side": 1.0}
"""Width over height of each view's unit square, in the person's eyes (a text cell is
about twice as tall as it is wide, so a view is 2 × ASPECT × rows columns wide)."""

BODY: tuple[Point, ...] = (
    (0.10, 0.27),
    (0.20, 0.21),
    (0.40, 0.15),
    (0.62, 0.13),
    (0.85, 0.17),
    (0.95, 0.28),
    (0.94, 0.42),
    (0.85, 0.55),
    (0.81, 0.68),
    (0.83, 0.80),
    (0.79, 0.93),
    (0.64, 1.00),
    (0.46, 0.99),
    (0.34, 0.92),
    (0.30, 0.80),
    (0.26, 0.62),
    (0.15, 0.45),
    (0.09, 0.35),
)
"""The foot without its toes, seen from above or below (left foot)."""

TOES: tuple[tuple[float, float, float, float], ...] = (
    (0.80, 0.11, 0.115, 0.11),  # the big toe: centre x, y, radius across, radius down
    (0.58, 0.08, 0.07, 0.08),
    (0.425, 0.10, 0.06, 0.075),
    (0.29, 0.14, 0.055, 0.07),
    (0.17, 0.20, 0.05, 0.065),
)
"""The five toes, big toe first (left foot, from above)."""

BETWEEN_TOES: tuple[Point, ...] = ((0.68, 0.17), (0.50, 0.15), (0.355, 0.18), (0.23, 0.23))
"""Where each pair of toes meet: the skin that lotion must keep away from."""

_SIDE: tuple[Point, ...] = (
    (0.16, 0.00),
    (0.42, 0.00),
    (0.40, 0.22),
    (0.42, 0.40),
    (0.55, 0.45),
    (0.72, 0.51),
    (0.88, 0.57),
    (0.97, 0.66),
    (0.98, 0.82),
    (0.90, 0.89),
    (0.75, 0.89),
    (0.60, 0.85),
    (0.42, 0.87),
    (0.26, 0.94),
    (0.10, 0.91),
    (0.05, 0.78),
    (0.09, 0.58),
    (0.14, 0.40),
    (0.11, 0.20),
    (0.12, 0.06),
)
"""The inner side of the left foot and lower leg: heel at the left, toes at the right."""

ANKLE: Point = (0.28, 0.50)
"""Where strokes along the foot are heading (side view)."""


def _in_polygon(x: float, y: float, polygon: tuple[Point, ...]) -> bool:
    inside = False
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def _toe_at(x: float, y: float) -> int | None:
    for index, (cx, cy, rx, ry) in enumerate(TOES):
        if ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1:
            return index
    return None


def part(view: View, x: float, y: float) -> str | None:
    """What of the foot is at (x, y): "toe", "body" (top and sole), "leg" or "foot" (side),
    None outside it."""
    if view == "side":
        if not _in_polygon(x, y, _SIDE):
            return None
        return "leg" if y < 0.40 and x < 0.45 else "foot"
    if _toe_at(x, y) is not None:
        return "toe"
    return "body" if _in_polygon(x, y, BODY) else None


def _crossings(y: float, polygon: tuple[Point, ...]) -> list[float]:
    """Where the row at ``y`` crosses the polygon's edges, left to right."""
    out = []
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        if (y1 > y) != (y2 > y):
            out.append((x2 - x1) * (y - y1) / (y2 - y1) + x1)
        x1, y1 = x2, y2
    return sorted(out)


def row_parts(view: View, y: float, xs: Sequence[float]) -> list[str | None]:
    """``part`` for many points of one row: the edges are crossed once per row, not once
    per point (a drawing asks for thousands)."""
    crossings = _crossings(y, _SIDE if view == "side" else BODY)

    def in_outline(x: float) -> bool:
        return (len(crossings) - bisect_right(crossings, x)) % 2 == 1

    if view == "side":
        leg = y < 0.40
        return [("leg" if leg and x < 0.45 else "foot") if in_outline(x) else None for x in xs]
    toes = []
    for cx, cy, rx, ry in TOES:
        dy = (y - cy) / ry
        if dy * dy <= 1:
            half = rx * math.sqrt(1 - dy * dy)
            toes.append((cx - half, cx + half))
    out: list[str | None] = []
    for x in xs:
        if any(low <= x <= high for low, high in toes):
            out.append("toe")
        else:
            out.append("body" if in_outline(x) else None)
    return out


@frozen
class Area:
    """One area a step may work: the view that shows it, and what of the view it covers."""

    view: View
    words: str


Covers = Callable[[float, float, str | None], bool]
"""Whether an area takes in (x, y), given what of the foot is there (``part``)."""

_COVERS: dict[str, Covers] = {
    "top": lambda x, y, p: p is not None,
    "sole": lambda x, y, p: p == "body",
    "ball": lambda x, y, p: p == "body" and y < 0.40,
    "arch": lambda x, y, p: p == "body" and 0.40 <= y < 0.72,
    "heel": lambda x, y, p: p == "body" and y >= 0.72,
    "toes": lambda x, y, p: p == "toe",
    "between-toes": lambda x, y, p: False,  # drawn where the toes meet (BETWEEN_TOES)
    "whole-foot": lambda x, y, p: p is not None and y >= 0.40,
    "ankle": lambda x, y, p: p is not None and 0.30 <= y < 0.68 and x < 0.5,
    "calf": lambda x, y, p: p == "leg",
    "foot-and-calf": lambda x, y, p: p is not None,
}


AREAS: dict[str, Area] = {
    "whole-foot": Area("side", "the whole foot, top and sole, up to the ankle"),
    "top": Area("top", "the top of the foot"),
    "sole": Area("sole", "from the ball of the foot to the heel"),
    "ball": Area("sole", "the ball of the foot"),
    "arch": Area("sole", "the arch"),
    "heel": Area("sole", "the heel"),
    "toes": Area("top", "the toes"),
    "between-toes": Area("top", "between the toes"),
    "ankle": Area("side", "around the ankle"),
    "calf": Area("side", "the calf"),
    "foot-and-calf": Area("side", "the foot and on up the calf"),
}
"""Every area a routine step may name (``area = "…"``), in the order the schema lists them."""


def covers_part(area: str, x: float, y: float, found: str | None) -> bool:
    """Whether ``area`` (a key of AREAS) takes in the point (x, y) of its view, given what
    of the foot is there (``found``, from ``part``)."""
    return _COVERS[area](x, y, found)
