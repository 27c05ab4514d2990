"""The app's side of the session cues (services/cues.py): its bell, its terminal, its
notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from footcare.ui.compat import write_to_terminal

if TYPE_CHECKING:
    from footcare.ui.app import FootcareApp


class AppTerminal:
    def __init__(self, app: FootcareApp) -> None:
        self.app = app

    def ring(self, times: int) -> None:
        self.app.cue(double=times > 1)

    def write(self, sequence: str) -> None:
        """Straight to the terminal, as `App.bell` writes its BEL (nothing when headless)."""
        write_to_terminal(self.app, sequence)

    def notice(self, text: str) -> None:
        self.app.notify(text, title="Cues", severity="warning", timeout=15)
