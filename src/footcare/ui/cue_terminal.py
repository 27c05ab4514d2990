"""The app's side of the session cues (services/cues.py): its bell, its terminal, its
notices."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcare.ui.app import FootcareApp


class AppTerminal:
    def __init__(self, app: FootcareApp) -> None:
        self.app = app

    def ring(self, times: int) -> None:
        self.app.cue(double=times > 1)

    def write(self, sequence: str) -> None:
        """Straight to the terminal, as `App.bell` writes its BEL (nothing when headless)."""
        driver = self.app._driver
        if not self.app.is_headless and driver is not None:
            driver.write(sequence)

    def notice(self, text: str) -> None:
        self.app.notify(text, title="Cues", severity="warning", timeout=15)
