"""The go-aheads on record, folded into one line while every one of them is valid."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static


class GoAheadsLine(Horizontal, can_focus=True):
    """Drawn like a question row: the mark in its own column, the words wrapping beside it."""

    DEFAULT_CSS = """
    GoAheadsLine { height: auto; padding: 0 1 0 0; }
    GoAheadsLine > .mark { width: 7; text-style: bold; }
    GoAheadsLine > .body { width: 1fr; }
    GoAheadsLine:focus { background: $boost; text-style: bold; }
    GoAheadsLine:focus > .mark { text-style: bold reverse; }
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
        super().__init__(id="go-aheads-line")
        self.given = 0
        self.not_applying = 0
        self.until: date | None = None

    def show(self, given: int, not_applying: int, until: date | None) -> None:
        """``given``: go-aheads a professional gave; ``not_applying``: questions answered
        "doesn't apply"; ``until``: the last day the first of them to lapse counts."""
        self.given, self.not_applying, self.until = given, not_applying, until
        self.redraw()

    def summary(self) -> str:
        """ "1 go-ahead on record, 8 don't apply, valid until 2027-10-23"."""
        parts = []
        if self.given or not self.not_applying:
            noun = "go-ahead" if self.given == 1 else "go-aheads"
            parts.append(f"{self.given} {noun} on record")
        if self.not_applying:
            verb = "doesn't" if self.not_applying == 1 else "don't"
            parts.append(f"{self.not_applying} {verb} apply")
        when = f", valid until {self.until.isoformat()}" if self.until else ""
        return ", ".join(parts) + when

    def compose(self) -> ComposeResult:
        yield Static("", classes="mark", markup=False)
        yield Static("", classes="body", markup=False)

    def on_mount(self) -> None:
        self.redraw()
        # the pointer follows the screen's focus (a focus event may not reach a container)
        self.watch(self.screen, "focused", lambda _focused: self.redraw(), init=False)

    def redraw(self) -> None:
        if not self.is_mounted:
            return
        pointer = "▶" if self.screen.focused is self else " "
        self.query_one(".mark", Static).update(f"{pointer}ok")
        self.query_one(".body", Static).update(f"{self.summary()} (e to see)")

    def on_focus(self) -> None:
        self.redraw()

    def on_blur(self) -> None:
        self.redraw()

    def action_expand(self) -> None:
        self.post_message(self.Expand())
