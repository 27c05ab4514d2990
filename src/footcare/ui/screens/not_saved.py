"""Leaving while the session is saved nowhere (a full disk, a folder gone): what could not
be saved and why, the session to write down, and a choice. Footcare never quits in silence
with a session that is only in this window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from footcare.domain.plain_words import WRITE_DOWN, not_saved

Choice = Literal["again", "back", "leave"]

KEYS = "Enter tries again · Esc goes back to footcare · l leaves without saving it"


class NotSaved(ModalScreen[Choice]):
    """Enter tries the save again, Esc goes back, l leaves without it."""

    BINDINGS = [
        Binding("enter", "choose('again')", "Try again", id="unsaved.again", tooltip="Save again"),
        Binding("escape", "choose('back')", "Back", id="unsaved.back", tooltip="Back to footcare"),
        Binding("l", "choose('leave')", "Leave", id="unsaved.leave", tooltip="Leave unsaved"),
    ]

    def __init__(self, why: Sequence[str], ended: bool, facts: Sequence[str]) -> None:
        super().__init__()
        self.why = list(why)
        self.ended = ended
        self.facts = list(facts)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static("Not saved", classes="dialog-title", markup=False)
            yield Static(not_saved(self.why, self.ended), markup=False)
            yield Static(f"\n{KEYS}.", markup=False)
            yield Static(f"\n{WRITE_DOWN}", markup=False)
            yield Static("\n".join(self.facts), markup=False)

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)
