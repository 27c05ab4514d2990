"""The session's countdown: Textual's three-row ``Digits`` on a small screen, and seven-row
block digits on a screen with room, readable at arm's length.

The large digits are full blocks only, so they read the same with NO_COLOR, at 16 colours
and in any theme. The widget repaints only when its text is updated (once a second while a
session runs, by the screen, and only when the time shown changes).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.geometry import Size
from textual.widgets import Digits

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": (" ███ ", "█   █", "█  ██", "█ █ █", "██  █", "█   █", " ███ "),
    "1": ("  █  ", " ██  ", "  █  ", "  █  ", "  █  ", "  █  ", " ███ "),
    "2": (" ███ ", "█   █", "    █", "   █ ", "  █  ", " █   ", "█████"),
    "3": ("████ ", "    █", "    █", " ███ ", "    █", "    █", "████ "),
    "4": ("   █ ", "  ██ ", " █ █ ", "█  █ ", "█████", "   █ ", "   █ "),
    "5": ("█████", "█    ", "████ ", "    █", "    █", "█   █", " ███ "),
    "6": (" ███ ", "█    ", "█    ", "████ ", "█   █", "█   █", " ███ "),
    "7": ("█████", "    █", "   █ ", "  █  ", "  █  ", "  █  ", "  █  "),
    "8": (" ███ ", "█   █", "█   █", " ███ ", "█   █", "█   █", " ███ "),
    "9": (" ███ ", "█   █", "█   █", " ████", "    █", "    █", " ███ "),
    ":": ("   ", " █ ", " █ ", "   ", " █ ", " █ ", "   "),
    " ": ("   ",) * 7,
}
"""Each character as seven rows of equal width (digits five columns, the colon three)."""

HEIGHT = 7


def big_lines(text: str) -> list[str]:
    """``text`` (digits, colons, spaces) as seven rows; one blank column between glyphs."""
    glyphs = [GLYPHS.get(char, GLYPHS[" "]) for char in text]
    return [" ".join(glyph[row] for glyph in glyphs) for row in range(HEIGHT)]


class Countdown(Digits):
    """``Digits`` that can grow: ``set_big(True)`` draws the seven-row font."""

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value, id=id)
        self._big = False

    @property
    def big(self) -> bool:
        return self._big

    def set_big(self, on: bool) -> None:
        if on != self._big:
            self._big = on
            self.refresh(layout=True)

    def render(self) -> RenderResult:
        if not self._big:
            return super().render()
        return Text("\n".join(big_lines(self.value)), self.rich_style, no_wrap=True, end="")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        if not self._big:
            return super().get_content_width(container, viewport)
        return len(big_lines(self.value)[0]) if self.value else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEIGHT if self._big else super().get_content_height(container, viewport, width)
