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
from footcare.domain.frozen import frozen

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


@frozen
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


@dataclass
class _Canvas:
    """A view drawn ``rows`` tall while it is being drawn: each cell's character and role,
    and what is known of each cell (how much of it is inside the foot, which part)."""

    view: View
    rows: int
    cols: int
    counts: Grid
    parts: tuple[tuple[str | None, ...], ...]
    chars: list[list[str]]
    roles: list[list[str]]
    marks: int = 0

    @classmethod
    def outline(cls, view: View, rows: int) -> _Canvas:
        """The foot's outline in quadrant blocks, nothing filled or marked yet."""
        counts, masks, parts = _cells(view, rows)
        chars = [[_QUADRANTS[mask] for mask in row] for row in masks]
        cols = columns(view, rows)
        roles = [[" "] * cols for _ in range(rows)]
        return cls(view, rows, cols, counts, parts, chars, roles)

    def full(self, r: int, c: int) -> bool:
        return 0 <= r < self.rows and 0 <= c < self.cols and self.counts[r][c] == 4

    def inside_at_all(self, r: int, c: int) -> bool:
        return 0 <= r < self.rows and 0 <= c < self.cols and self.counts[r][c] >= 2

    def interior(self, r: int, c: int) -> bool:
        return self.full(r, c) and all(
            self.inside_at_all(r + dr, c + dc) for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1))
        )

    def centre(self, r: int, c: int) -> tuple[float, float]:
        return ((c + 0.5) / self.cols, (r + 0.5) / self.rows)

    def at(self, x: float, y: float) -> tuple[int, int]:
        """The cell at (x, y) of the view (0 to 1 each way)."""
        return min(self.rows - 1, int(y * self.rows)), min(self.cols - 1, int(x * self.cols))

    def put(self, r: int, c: int, glyph: str, role: str) -> None:
        self.chars[r][c], self.roles[r][c] = glyph, role

    def still_filled(self, cells: list[tuple[int, int]]) -> set[tuple[int, int]]:
        """Those of ``cells`` that show the area worked's fill still (none crossed out or
        marked since)."""
        return {cell for cell in cells if self.filled(*cell)}

    def filled(self, r: int, c: int) -> bool:
        """Whether a cell shows the area worked's fill."""
        return self.roles[r][c] == "w" and self.chars[r][c] == WORKED

    def mark(self, r: int, c: int, glyph: str) -> None:
        """A direction mark on a cell."""
        self.put(r, c, glyph, "d")
        self.marks += 1

    def picture(self) -> Picture:
        return _trimmed(
            Picture(
                tuple("".join(row) for row in self.chars),
                tuple("".join(row) for row in self.roles),
            )
        )


@lru_cache(maxsize=512)
def draw_left(area: str, motion: str, avoid: str, rows: int) -> Picture | None:
    """The left foot ``rows`` rows tall working ``area`` with ``motion``, ``avoid`` (an
    area, or "") crossed out where this view shows it; None when at that size the worked
    area or the direction would not show."""
    canvas = _Canvas.outline(AREAS[area].view, rows)
    worked = _fill_areas(canvas, area, avoid)
    worked += _fill_between_toes(canvas, area, avoid)
    if not worked:
        return None
    _mark_direction(canvas, motion, canvas.still_filled(worked))
    if motion != "none" and not canvas.marks:
        return None
    if not any("w" in row for row in canvas.roles):
        return None  # marks and no area: too small to read
    return canvas.picture()


def _fill_areas(canvas: _Canvas, area: str, avoid: str) -> list[tuple[int, int]]:
    """Fill the area worked and cross out the one to keep away from, where the view shows
    it; the rest of the inside is left blank. The cells worked, in order."""
    worked: list[tuple[int, int]] = []
    shown_away = bool(avoid) and avoid != area and AREAS[avoid].view == canvas.view
    for r in range(canvas.rows):
        for c in range(canvas.cols):
            # toes are small: a whole cell of toe is worked, even at the outline
            if not (canvas.interior(r, c) or (area == "toes" and canvas.full(r, c))):
                continue
            part = canvas.parts[r][c]
            if shown_away and covers_part(avoid, *canvas.centre(r, c), part):
                canvas.put(r, c, AWAY, "a")
            elif covers_part(area, *canvas.centre(r, c), part):
                canvas.put(r, c, WORKED, "w")
                worked.append((r, c))
            elif canvas.interior(r, c):
                # the foot is its outline: only the area worked is filled
                canvas.chars[r][c] = " "
    return worked


def _fill_between_toes(canvas: _Canvas, area: str, avoid: str) -> list[tuple[int, int]]:
    """The few cells between the toes (top view), worked or kept away from; the cells
    worked."""
    if canvas.view != "top" or "between-toes" not in (area, avoid):
        return []
    fill, role = (JUNCTION_WORKED, "w") if area == "between-toes" else (AWAY, "a")
    for x, y in BETWEEN_TOES:
        canvas.put(*canvas.at(x, y), fill, role)
    return [canvas.at(x, y) for x, y in BETWEEN_TOES] if role == "w" else []


def _mark_direction(canvas: _Canvas, motion: str, free: set[tuple[int, int]]) -> None:
    """Mark on the cells worked and not yet marked (``free``) how the hands move."""
    if motion in STROKES or motion == "circles":
        _mark_strokes_or_circles(canvas, motion, free)
    elif motion == "each-toe":
        for cx, cy, _rx, _ry in TOES:
            r, c = canvas.at(cx, cy)
            if canvas.parts[r][c] == "toe" and (r, c) in free:
                canvas.mark(r, c, CIRCLE)
    elif motion == "squeeze":
        _mark_squeeze(canvas, free)


def _spacing(canvas: _Canvas) -> tuple[int, int]:
    """Columns and rows between two marks: wider apart on a bigger drawing."""
    return (4, 3) if canvas.rows >= 12 else (3, 2)


def _mark_strokes_or_circles(canvas: _Canvas, motion: str, free: set[tuple[int, int]]) -> None:
    """An arrow the way of the stroke, or a circle, on a staggered lattice of the free
    cells (on the middle one when the lattice misses them all)."""
    step_c, step_r = _spacing(canvas)
    lattice = [
        (r, c)
        for r, c in sorted(free)
        if r % step_r == 1 and (c + (r // step_r) * (step_c // 2)) % step_c == 1
    ]
    if canvas.view == "side" and motion in STROKES:
        # strokes run from the toes to the ankle: none drawn on the heel behind it
        lattice = [(r, c) for r, c in lattice if not _behind_ankle(*canvas.centre(r, c))]
    for r, c in lattice or _middle(free):
        if motion == "circles":
            glyph = CIRCLE
        else:
            glyph = _arrow(*_heading(canvas.view, motion, *canvas.centre(r, c)))
        canvas.mark(r, c, glyph)


def _mark_squeeze(canvas: _Canvas, free: set[tuple[int, int]]) -> None:
    """Arrows pressing in from the top and the bottom edge of every few columns."""
    step_c, _step_r = _spacing(canvas)
    by_column: dict[int, list[int]] = {}
    for r, c in free:
        by_column.setdefault(c, []).append(r)
    for c in sorted(by_column)[1:-1:step_c]:
        top, bottom = min(by_column[c]), max(by_column[c])
        if top == bottom:
            canvas.mark(top, c, "↕")
        else:
            canvas.mark(top, c, "↓")
            canvas.mark(bottom, c, "↑")


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
