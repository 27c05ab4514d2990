"""Ask for a date (a professional's go-ahead), by keyboard."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from footcare.domain.typed import NotADay, parse_day


class DatePrompt(ModalScreen[date | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="date.cancel", tooltip="Cancel"),
        Binding("enter", "accept", "Accept", show=False, id="date.accept"),
    ]

    def __init__(self, question: str, today: date) -> None:
        super().__init__()
        self.question = question
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static("Type the date as YYYY-MM-DD and press Enter (Esc cancels).")
            yield Input(value=self.today.isoformat(), id="date-input")
            yield Static("", id="date-error")

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 20, "-short")
        field = self.query_one(Input)
        field.cursor_blink = False
        field.focus()
        # the date Enter accepts is in view, whatever the terminal's size
        self.call_after_refresh(field.scroll_visible, animate=False)

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < 20, "-short")

    def action_accept(self) -> None:
        """Enter pressed before the field had focus (keys sent in a burst)."""
        self.accept(self.query_one(Input).value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.accept(event.value)

    def accept(self, value: str) -> None:
        error = self.query_one("#date-error", Static)
        try:
            chosen = parse_day(value)
        except NotADay as exc:
            error.update(f"{exc}. Try again.")
            return
        if chosen > self.today:
            error.update("The date can't be in the future.")
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
