"""What was noticed, what to do, and whom to contact: shown when an entry raises a red flag."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from footcare.domain.plain_words import SAVED
from footcare.domain.redflags import Flag
from footcare.domain.wording import STAYS_BLOCKED, URGENCY_HEADINGS, whom_to_contact

HEADINGS = URGENCY_HEADINGS
CLOSE = "Press Enter to close."


class FlagNotice(ModalScreen[None]):
    DEFAULT_CSS = """
    FlagNotice #flag-close { dock: bottom; height: 1; text-style: bold; }
    """

    BINDINGS = [
        Binding("enter,escape,o", "close", "OK", id="flag.ok", tooltip="Close this notice"),
    ]

    def __init__(self, flags: list[Flag], emergency: str, saved: bool = False) -> None:
        super().__init__()
        self.flags = flags
        self.emergency = emergency
        self.saved = saved
        """The entry raising them was just saved: said here, where no toast covers it."""

    def compose(self) -> ComposeResult:
        text = Text(f"{SAVED}\n\n" if self.saved else "")
        for flag in self.flags:
            text.append(HEADINGS[flag.urgency] + "\n", style="bold reverse")
            text.append("Noticed: ", style="bold")
            text.append(flag.what + "\n")
            text.append("What to do: ", style="bold")
            text.append(flag.action + "\n\n")
        text.append("Whom to contact: ", style="bold")
        text.append(whom_to_contact(self.emergency) + "\n")
        if any(f.blocks_sessions for f in self.flags):
            text.append(f"\n{STAYS_BLOCKED}\n", style="bold")
        with VerticalScroll(id="dialog"):
            # docked: however far the words scroll, how to close the notice stays in view
            yield Static(CLOSE, id="flag-close")
            yield Static(text, id="flag-text")

    def action_close(self) -> None:
        self.dismiss(None)
