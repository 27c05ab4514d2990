"""A foot picture as lines of terminal text, for `footcare routines show`.

Without colour the characters carry everything (the fill pattern, the arrows, the
crosses); with colour each role is also styled, as on the session screen.
"""

from __future__ import annotations

from footcare.domain.feet import Side, describe, picture
from footcare.domain.feet.drawing import Picture
from footcare.domain.routine import Step

STYLES = {"w": "\x1b[33m", "d": "\x1b[1m", "a": "\x1b[1;7m"}
"""SGR per role: the area worked yellow, direction marks bold, keep-away reversed."""
RESET = "\x1b[0m"

ROOM = (24, 12)
"""The room a step's picture is printed in: the session screen's drawing at 80×24."""


def picture_lines(picture: Picture, *, colour: bool, indent: str = "") -> list[str]:
    """The picture's rows, each after ``indent``; styled by role when ``colour``."""
    lines = []
    for row, roles in zip(picture.rows, picture.roles, strict=True):
        if not colour:
            lines.append((indent + row).rstrip())
            continue
        out, start = [indent], 0
        for end in range(1, len(row) + 1):
            if end == len(row) or roles[end] != roles[start]:
                run = row[start:end]
                style = STYLES.get(roles[start])
                out.append(f"{style}{run}{RESET}" if style else run)
                start = end
        lines.append("".join(out).rstrip())
    return lines


def step_lines(step: Step, side: Side, *, plain: bool, colour: bool) -> list[str]:
    """What `routines show` prints under a step for where it works: its picture (``plain``:
    the same in words, for a screen reader); nothing for a step without one."""
    words = describe(step, side)
    if not words:
        return []
    drawing = None if plain else picture(step, side, *ROOM)
    if drawing is None:
        return [f"    where: {words}"]
    return picture_lines(drawing, colour=colour, indent="    ")


def key_line(side: Side) -> str:
    """What the printed pictures show, said once above them."""
    return (
        f"Pictures: the {side} foot (the other is its mirror image). ░ the area worked, "
        "arrows and ↻ the way the hands move, × keep away."
    )
