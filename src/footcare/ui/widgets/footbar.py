"""A progress row labelled in words, with a percentage, so colour never carries the meaning."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class FootBar(Horizontal):
    DEFAULT_CSS = """
    FootBar { height: 1; }
    FootBar > Label { width: 12; }
    FootBar > .note { width: auto; padding-left: 1; }
    FootBar ProgressBar { width: 1fr; }
    FootBar Bar { width: 1fr; }
    """

    def __init__(self, label: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self._shown = -1
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        yield ProgressBar(total=100, show_eta=False)
        yield Label("", classes="note")

    def set_progress(self, fraction: float, note: str = "") -> None:
        """Repaint only when the whole-percent value or the note changes."""
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        if percent != self._shown:
            self._shown = percent
            self.query_one(ProgressBar).update(progress=percent)
        if note != self._note:
            self._note = note
            self.query_one(".note", Label).update(note)
