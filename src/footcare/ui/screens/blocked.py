"""A calm stop: no massage today, why, what to do, and whom to contact."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from footcare.domain.advice import Part, refusal
from footcare.domain.screening import Verdict
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen


def refusal_text(verdict: Verdict, emergency: str) -> Text:
    """The refusal as shown: each "why" right above its "what to do", a blank line after."""
    text = Text()
    text.append("No massage today.\n\n", style="bold")
    for line in refusal(verdict, emergency):
        if line.label:
            text.append(f"{line.label}: ", style="bold")
        text.append(line.text + ("\n" if line.part is Part.WHY else "\n\n"))
    text.rstrip()
    return text


class BlockedScreen(FootcareScreen):
    TITLE_TEXT = "No massage today"
    HELP_TEXT = """\
## No massage today

One of your answers means a foot massage could do harm today. The screen says
why and what to do. You can note it in your journal (**j**), go back and
correct an answer given by mistake (**a**), or close footcare (**q**).
"""

    BINDINGS = [
        Binding(
            "j", "app.switch_mode('journal')", "Journal", id="blocked.journal", tooltip="Note it"
        ),
        Binding("a", "back", "Change answers", id="blocked.back", tooltip="Back to the questions"),
    ]

    def __init__(self, verdict: Verdict, emergency: str) -> None:
        super().__init__(id="blocked")
        self.verdict = verdict
        self.emergency = emergency

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        text = refusal_text(self.verdict, self.emergency)
        with VerticalScroll(id="blocked-body"):
            yield Static(text, id="blocked-text")
        yield KeysFooter()

    def action_back(self) -> None:
        self.app.pop_screen()
