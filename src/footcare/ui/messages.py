"""What a screen asks of the app, as messages: screens never import the app."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.screen import Screen


class ReturnHome(Message):
    """Back to the first screen (a session is over); ``then``: a screen to show over it."""

    def __init__(self, then: Screen[Any] | None = None) -> None:
        super().__init__()
        self.then = then
