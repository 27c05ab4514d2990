"""The app's side of the session cues (services/cues.py): its bell, its terminal, its
notices."""

from __future__ import annotations

from typing import Any

from textual.app import App

from footcare.ui.compat import write_to_terminal


class AppTerminal:
    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def ring(self, times: int) -> None:
        """The bell (twice for a double cue)."""
        self.app.bell()
        if times > 1:
            self.app.set_timer(0.4, self.app.bell)

    def write(self, sequence: str) -> None:
        """Straight to the terminal, as `App.bell` writes its BEL (nothing when headless)."""
        write_to_terminal(self.app, sequence)

    def notice(self, text: str) -> None:
        self.app.notify(text, title="Cues", severity="warning", timeout=15)
