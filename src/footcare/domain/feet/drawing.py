"""A foot as text cells: the outline in quadrant blocks, the area worked filled with a
pattern, arrows or circles for the way the hands move, crosses where to keep away.

Drawn for the left foot; the right foot is the mirror image (``mirror``). Pure: no Textual,
no I/O. Each size is drawn once and kept (a picture is asked for at many sizes while a
screen finds the room it has).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from footcare.domain.feet.shapes import (
    ANKLE,
    AREAS,
    ASPECT,
    BETWEEN_TOES,
    TOES,
    View,
    covers_part,
    row_parts,
)

WORKED = "░"
"""The fill of the area a step works (a pattern, so it reads without colour)."""
JUNCTION_WORKED = "▓"
"""Between the toes when that is the area worked: darker, the cells are few."""
AWAY = "×"
"""Keep away from here."""
CIRCLE = "↻"

ARROWS = "→↘↓↙←↖↑↗"
"""Arrows by direction, clockwise from pointing right (a text row's y grows downwards)."""

# a quadrant character from which of its quarters are inside: top-left, top-right,
# bottom-left, bottom-right (bits 8, 4, 2, 1)
_QUADRANTS = " ▗▖▄▝▐▞▟▘▚▌▙▀▜▛█"

MIRRORED = dict(zip("▘▝▖▗▌▐▛▜▙▟▚▞↗↖↘↙→←↻↺", "▝▘▗▖▐▌▜▛▟▙▞▚↖↗↙↘←→↺↻", strict=True))
"""Each character that is drawn differently in the mirror image, and its image."""

MIN_ROWS: dict[View, int] = {"top": 6, "sole": 6, "side": 5}
"""Below this a view's drawing no longer reads as a foot."""
MAX_ROWS = 20
"""A picture grows with the room up to this (about 40 columns by 20 rows for the side)."""


@dataclass(frozen=True)
class Picture:
    """A drawing in text cells, and the role of each cell (same shape): ' ' plain (the
    outline), 'w' the area worked, 'a' keep away, 'd' a direction mark."""

    rows: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    @property
    def height(self) -> int:
        return len(self.rows)


def columns(view: View, rows: int) -> int:
    """How wide a view is drawn ``rows`` rows tall."""
    return max(1, round(2 * ASPECT[view] * rows))


def mirror(picture: Picture) -> Picture:
    """The picture flipped left to right (the other foot)."""
    return Picture(
        tuple("".join(MIRRORED.get(ch, ch) for ch in reversed(row)) for row in picture.rows),
        tuple(row[::-1] for row in picture.roles),
    )


def _arrow(dx: float, dy: float) -> str:
    sector = round(math.atan2(dy, dx) / (math.pi / 4)) % 8
    return ARROWS[sector]


def _heading(view: View, motion: str, x: float, y: float) -> tuple[float, float]:
    """Which way the hands go at (x, y) for a stroke ``motion``."""
    if view != "side":
        return (0.0, 1.0)  # toes at the top: towards the heel is down
    if motion == "toes-to-calf" and y < 0.45 and x < 0.45:
        return (0.0, -1.0)  # up the leg
    ax, ay = ANKLE
    if math.hypot(ax - x, ay - y) < 0.1:
        return (0.0, -1.0)
    return (ax - x, (ay - y) * 2)  # a cell is twice as tall as wide


STROKES = ("toes-to-ankle", "toes-to-calf", "ball-to-heel")

Grid = tuple[tuple[int, ...], ...]


@lru_cache(maxsize=128)
def _cells(view: View, rows: int) -> tuple[Grid, Grid, tuple[tuple[str | None, ...], ...]]:
    """For each cell of a view ``rows`` tall: how many of its four quarters are inside the
    foot, which ones (a quadrant character's bits), and what of the foot is at its centre."""
    cols = columns(view, rows)
    halves = [(c + 0.25) / cols for c in range(cols)], [(c + 0.75) / cols for c in range(cols)]
    centres = [(c + 0.5) / cols for c in range(cols)]
    counts, masks, parts = [], [], []
    for r in range(rows):
        upper = [row_parts(view, (r + 0.25) / rows, xs) for xs in halves]
        lower = [row_parts(view, (r + 0.75) / rows, xs) for xs in halves]
        mask_row = tuple(
            (8 if upper[0][c] else 0)
            | (4 if upper[1][c] else 0)
            | (2 if lower[0][c] else 0)
            | (1 if lower[1][c] else 0)
            for c in range(cols)
        )
        masks.append(mask_row)
        counts.append(tuple(bin(mask).count("1") for mask in mask_row))
        parts.append(tuple(row_parts(view, (r + 0.5) / rows, centres)))
    return tuple(counts), tuple(masks), tuple(parts)


@lru_cache(maxsize=512)
def draw_left(area: str, motion: str, avoid: str, rows: int) -> Picture | None:
    """The left foot ``rows`` rows tall working ``area`` with ``motion``, ``avoid`` (an
    area, or "") crossed out where this view shows it; None when at that size the worked
    area or the direction would not show."""
    view = AREAS[area].view
    cols = columns(view, rows)
    counts, masks, parts = _cells(view, rows)
    chars = [[_QUADRANTS[mask] for mask in row] for row in masks]

    def full(r: int, c: int) -> bool:
        return 0 <= r < rows and 0 <= c < cols and counts[r][c] == 4

    def inside_at_all(r: int, c: int) -> bool:
        return 0 <= r < rows and 0 <= c < cols and counts[r][c] >= 2

    def interior(r: int, c: int) -> bool:
        return full(r, c) and all(
            inside_at_all(r + dr, c + dc) for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1))
        )

    def centre(r: int, c: int) -> tuple[float, float]:
        return ((c + 0.5) / cols, (r + 0.5) / rows)

    roles = [[" "] * cols for _ in range(rows)]
    worked: list[tuple[int, int]] = []
    shown_away = bool(avoid) and avoid != area and AREAS[avoid].view == view
    for r in range(rows):
        for c in range(cols):
            # toes are small: a whole cell of toe is worked, even at the outline
            if not (interior(r, c) or (area == "toes" and full(r, c))):
                continue
            if shown_away and covers_part(avoid, *centre(r, c), parts[r][c]):
                chars[r][c], roles[r][c] = AWAY, "a"
            elif covers_part(area, *centre(r, c), parts[r][c]):
                chars[r][c], roles[r][c] = WORKED, "w"
                worked.append((r, c))
            elif interior(r, c):
                chars[r][c] = " "  # the foot is its outline: only the area worked is filled
    if view == "top" and (area == "between-toes" or avoid == "between-toes"):
        fill, role = (JUNCTION_WORKED, "w") if area == "between-toes" else (AWAY, "a")
        for x, y in BETWEEN_TOES:
            r, c = min(rows - 1, int(y * rows)), min(cols - 1, int(x * cols))
            chars[r][c], roles[r][c] = fill, role
            if role == "w":
                worked.append((r, c))
    if not worked:
        return None

    marks = 0

    def mark(r: int, c: int, glyph: str) -> None:
        nonlocal marks
        chars[r][c], roles[r][c] = glyph, "d"
        marks += 1

    free = {
        cell
        for cell in worked
        if roles[cell[0]][cell[1]] == "w" and chars[cell[0]][cell[1]] == WORKED
    }
    step_c, step_r = (4, 3) if rows >= 12 else (3, 2)
    lattice = [
        (r, c)
        for r, c in sorted(free)
        if r % step_r == 1 and (c + (r // step_r) * (step_c // 2)) % step_c == 1
    ]
    if view == "side" and motion in STROKES:
        # strokes run from the toes to the ankle: none drawn on the heel behind it
        lattice = [(r, c) for r, c in lattice if not _behind_ankle(*centre(r, c))]
    if motion in STROKES or motion == "circles":
        for r, c in lattice or _middle(free):
            glyph = (
                CIRCLE if motion == "circles" else _arrow(*_heading(view, motion, *centre(r, c)))
            )
            mark(r, c, glyph)
    elif motion == "each-toe":
        for cx, cy, _rx, _ry in TOES:
            r, c = min(rows - 1, int(cy * rows)), min(cols - 1, int(cx * cols))
            if parts[r][c] == "toe" and (r, c) in free:
                mark(r, c, CIRCLE)
    elif motion == "squeeze":
        by_column: dict[int, list[int]] = {}
        for r, c in free:
            by_column.setdefault(c, []).append(r)
        for c in sorted(by_column)[1:-1:step_c]:
            top, bottom = min(by_column[c]), max(by_column[c])
            if top == bottom:
                mark(top, c, "↕")
            else:
                mark(top, c, "↓")
                mark(bottom, c, "↑")
    if motion != "none" and not marks:
        return None
    if not any("w" in row for row in roles):
        return None  # marks and no area: too small to read
    return _trimmed(
        Picture(tuple("".join(row) for row in chars), tuple("".join(row) for row in roles))
    )


def _trimmed(picture: Picture) -> Picture:
    """Without blank rows above and below and blank columns either side."""
    rows = [i for i, row in enumerate(picture.rows) if row.strip()]
    cols = [i for i in range(picture.width) if any(row[i] != " " for row in picture.rows)]
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    return Picture(
        tuple(row[left:right] for row in picture.rows[top:bottom]),
        tuple(row[left:right] for row in picture.roles[top:bottom]),
    )


def _behind_ankle(x: float, y: float) -> bool:
    """The heel, under and behind the ankle (side view)."""
    return x < ANKLE[0] + 0.04 and y > ANKLE[1] - 0.05


def _middle(cells: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cell nearest the middle of ``cells`` (a small drawing's one mark)."""
    if not cells:
        return []
    mr = sum(r for r, _ in cells) / len(cells)
    mc = sum(c for _, c in cells) / len(cells)
    return [min(sorted(cells), key=lambda rc: (rc[0] - mr) ** 2 + ((rc[1] - mc) / 2) ** 2)]
