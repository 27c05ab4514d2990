"""A foot drawn in text cells: the area a step works, the way the strokes go, where to keep
away.

The drawing comes from the domain (its characters already carry the fill pattern and the
arrows); this widget only styles each cell by its role. Meaning never rests on colour alone:
the worked area is a fill pattern *and* the foot's colour, the places to keep away from are
drawn reversed, and the direction marks are arrows, bold in the worked area's colour (one
style with it: fewer bytes to send). So a picture reads the same with NO_COLOR,
at 16 colours and in the high-contrast theme.

A picture is drawn when it is given (once per step, and when the screen is resized), never
on the countdown's tick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol

from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from footcare.ui.compat import SizedInOneLayout


class Drawing(Protocol):
    """What a picture is to this widget: rows of characters and, cell for cell, their roles
    (' ' plain, 'w' the area worked, 'a' keep away, 'd' a direction mark)."""

    @property
    def rows(self) -> tuple[str, ...]: ...

    @property
    def roles(self) -> tuple[str, ...]: ...


ROLE_CLASSES = {
    "w": "foot-picture--worked",
    "a": "foot-picture--away",
    "d": "foot-picture--direction",
}


class FootPicture(SizedInOneLayout):
    """One foot's picture for one step; hidden when there is none (or no room for one).
    A new picture of another size is laid out and painted once."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"foot-picture--outline", *ROLE_CLASSES.values()}

    DEFAULT_CSS = """
    FootPicture {
        width: auto;
        height: auto;
        display: none;
    }
    FootPicture.-shown { display: block; }
    FootPicture > .foot-picture--outline { color: $text; }
    FootPicture > .foot-picture--worked { color: $accent; text-style: bold; }
    FootPicture > .foot-picture--away { color: $text; text-style: bold reverse; }
    FootPicture > .foot-picture--direction { color: $accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self._drawing: Drawing | None = None
        self._label = ""

    @property
    def drawing(self) -> Drawing | None:
        return self._drawing

    def show(self, drawing: Drawing | None, label: str = "") -> None:
        """Draw ``drawing`` (None hides the widget). ``label`` is what the picture shows, in
        words (read by a screen reader's review of the screen: the tooltip)."""
        if drawing is not None and drawing == self._drawing and label == self._label:
            return  # the same picture: nothing to draw again
        self._drawing = drawing
        self._label = label
        self.tooltip = label or None
        self.set_class(drawing is not None, "-shown")
        self.refresh(layout=True)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if self._drawing is None or not self._drawing.rows:
            return 0
        return max(len(row) for row in self._drawing.rows)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 0 if self._drawing is None else len(self._drawing.rows)

    def render(self) -> Text:
        drawing = self._drawing
        text = Text(no_wrap=True, end="")
        if drawing is None:
            return text
        styles: dict[str, Style] = {
            role: self.get_component_rich_style(name, partial=True)
            for role, name in ROLE_CLASSES.items()
        }
        plain = self.get_component_rich_style("foot-picture--outline", partial=True)
        for index, (row, roles) in enumerate(zip(drawing.rows, drawing.roles, strict=True)):
            if index:
                text.append("\n")
            for run, style in runs(row, roles, styles, plain):
                text.append(run, style)
        return text


def runs(row: str, roles: str, styles: dict[str, Style], plain: Style) -> list[tuple[str, Style]]:
    """One row as runs of one style each: the fewer style changes, the fewer bytes a slow
    link carries when the picture is drawn. A blank cell outside any area shows no
    colour, so it joins the run before it (unless that run is drawn reversed)."""
    found: list[tuple[str, Style]] = []
    for char, role in zip(row, roles, strict=True):
        style = styles.get(role, plain)
        if found and (
            found[-1][1] == style or (char == " " and role == " " and not found[-1][1].reverse)
        ):
            found[-1] = (found[-1][0] + char, found[-1][1])
        else:
            found.append((char, style))
    return found


GAP = 2
"""Columns between the words and the picture (the picture's left margin)."""
MIN_WORDS = 24
"""The words are never squeezed narrower than this for a picture."""
MIN_WIDTH = 8


def fit_picture(
    draw: Callable[[int, int], Drawing | None],
    words_height: Callable[[int], int],
    width: int,
    rows: int,
) -> Drawing | None:
    """The largest drawing that fits beside the words in ``width`` columns and ``rows``
    rows, the words (``words_height`` of a width) fitting in those rows too; None when no
    drawing does. ``draw(width, height)`` gives the largest drawing within that room."""
    widest = min(width // 2, width - GAP - MIN_WORDS)
    # nothing fits the largest room: nothing fits a smaller one either
    if rows <= 0 or widest < MIN_WIDTH or draw(widest, rows) is None:
        return None
    for room in range(widest, MIN_WIDTH - 1, -1):
        if words_height(width - GAP - room) > rows:
            continue
        drawing = draw(room, rows)
        if drawing is not None:
            return drawing
    return None
