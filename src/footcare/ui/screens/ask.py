"""A short question with lettered answers; Esc always means "no, go back" (never destructive)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from footcare.domain.journal import Entry
from footcare.domain.text import clean


class Ask(ModalScreen[str | None]):
    """Dismisses with the chosen answer's value, or None for Esc.

    Everything is shown as Text, never parsed as markup, and cleaned of control
    characters: a question may quote what a person typed."""

    DEFAULT_CSS = """
    Ask #ask-keys { margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape", "answer('')", "Back", id="ask.back", tooltip="Go back, change nothing"),
    ]

    def __init__(self, title: str, text: str, answers: list[tuple[str, str, str]]) -> None:
        """``answers``: (key, label, value) — e.g. ("y", "Yes, delete it", "delete")."""
        super().__init__()
        self.title_text = title
        self.text = text
        self.answers = answers

    def compose(self) -> ComposeResult:
        keys = Text()
        for key, label, _ in [*self.answers, ("Esc", "go back", "")]:
            keys.append(key, style="bold")
            keys.append(f" {clean(label)}   ")
        keys.rstrip()
        with Vertical(id="dialog"):
            yield Static(Text(clean(self.title_text)), classes="dialog-title")
            yield Static(Text(clean(self.text, multiline=True)))
            yield Static(keys, id="ask-keys")

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").lower()
        for key, _, value in self.answers:
            if character == key:
                event.stop()
                self.dismiss(value)
                return

    def action_answer(self, value: str) -> None:
        self.dismiss(value or None)


def confirm_delete(entry: Entry) -> Ask:
    when = f"{entry.at:%A %d %B %Y, %H:%M}"
    return Ask(
        "Delete this entry?",
        f"The entry of {when} will be hidden from your journal and reports.\n"
        "It is not gone: press u straight after, or show deleted entries (a) to restore it.",
        [("y", "Yes, delete it", "delete"), ("n", "No, keep it", "keep")],
    )


def confirm_leave() -> Ask:
    return Ask(
        "Leave this entry?",
        "What you typed is not in your journal yet.",
        [("k", "Keep it as a draft for later", "keep"), ("d", "Discard it", "discard")],
    )
