"""The journal: recent entries. (The full journal screen builds on this.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from footcare.domain.export import list_lines
from footcare.ui.screens.base import FootcareScreen


class JournalScreen(FootcareScreen):
    TITLE_TEXT = "Journal"
    HELP_TEXT = "## Journal\n\nYour entries, newest first."

    def __init__(self) -> None:
        super().__init__(id="journal")

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="journal-list")
        yield Footer()

    def on_screen_resume(self) -> None:
        loaded = self.services.journal.load()
        lines = list(reversed(list_lines(loaded.entries)))[:20]
        self.query_one("#journal-list", Static).update("\n".join(lines) or "No entries yet.")
