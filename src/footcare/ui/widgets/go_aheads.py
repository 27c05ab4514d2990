"""The go-aheads on record, folded into one line while every one of them is valid."""

from __future__ import annotations

from datetime import date

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static


class GoAheadsLine(Static, can_focus=True):
    DEFAULT_CSS = """
    GoAheadsLine { height: auto; padding: 0 1 0 0; }
    GoAheadsLine:focus { background: $boost; text-style: bold; }
    """

    BINDINGS = [
        Binding(
            "e,enter",
            "expand",
            "Show go-aheads",
            id="screening.expand",
            tooltip="Show each go-ahead and change one",
        ),
        Binding("down", "app.focus_next", "Next", show=False, id="screening.expand-down"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="screening.expand-up"),
    ]

    class Expand(Message):
        """Show the go-ahead questions one by one."""

    def __init__(self) -> None:
        super().__init__("", id="go-aheads-line", markup=False)
        self.count = 0
        self.until: date | None = None

    def show(self, count: int, until: date | None) -> None:
        self.count, self.until = count, until
        self.redraw()

    def redraw(self) -> None:
        pointer = "▶" if self.has_focus else " "
        when = f", valid until {self.until.isoformat()}" if self.until else ""
        noun = "go-ahead" if self.count == 1 else "go-aheads"
        self.update(f"{pointer}ok    {self.count} {noun} on record{when} (e shows them)")

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()

    def action_expand(self) -> None:
        self.post_message(self.Expand())
