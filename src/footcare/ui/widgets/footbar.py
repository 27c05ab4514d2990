"""A progress row labelled in words, drawn with two glyphs and a percentage, so neither
colour nor NO_COLOR can hide how far along it is."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label

DONE, TODO = "█", "░"


class GlyphBar(Widget):
    """Done cells are solid, the rest shaded: readable in any colour mode."""

    DEFAULT_CSS = "GlyphBar { width: 1fr; height: 1; }"

    percent: reactive[int] = reactive(0)

    def render(self) -> Text:
        width = max(1, self.size.width)
        done = round(width * self.percent / 100)
        return Text(DONE * done + TODO * (width - done))


class FootBar(Horizontal):
    DEFAULT_CSS = """
    FootBar { height: 1; }
    FootBar > Label { width: 12; }
    FootBar > .note { width: 18; padding-left: 1; }
    """

    def __init__(self, label: str, *, id: str | None = None, classes: str = "") -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self._note = ""

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        yield GlyphBar()
        yield Label("", classes="note")

    def compact(self, on: bool) -> None:
        """On a narrow screen the label is its first word ("Left", "Right")."""
        self.query_one(Label).update(self.label.split()[0] if on else self.label)

    def set_progress(self, fraction: float, note: str = "") -> None:
        """Repaint only when the whole-percent value or the note changes."""
        percent = int(max(0.0, min(1.0, fraction)) * 100)
        self.query_one(GlyphBar).percent = percent
        text = f"{percent:>3}% {note}"
        if text != self._note:
            self._note = text
            self.query_one(".note", Label).update(text)
