"""Stop — something's wrong: ask why, in one key, and say what to do."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

REASONS = (
    ("pain", "It hurts"),
    ("mark", "A new mark, blister or broken skin"),
    ("swelling", "Sudden swelling"),
    ("chest", "Chest pain or breathlessness"),
    ("unwell", "I feel unwell or dizzy"),
    ("other", "Something else (type it)"),
)


class StopReason(ModalScreen[str | None]):
    """Returns the reason text, or None to carry on."""

    BINDINGS = [Binding("escape", "cancel", "Carry on", id="stop.cancel", tooltip="Don't stop")]

    def __init__(self, emergency: str) -> None:
        super().__init__()
        self.emergency = emergency

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Stopping. What happened?", classes="dialog-title")
            yield Static(
                f"Chest pain or breathlessness: call {self.emergency} now.", id="stop-emergency"
            )
            yield OptionList(
                *(Option(f"{i + 1}. {label}", id=key) for i, (key, label) in enumerate(REASONS))
            )
            yield Input(placeholder="What happened? (Enter saves)", id="stop-other")
            yield Static("↑↓ and Enter, or a digit. Esc carries on with the session.")

    def on_mount(self) -> None:
        other = self.query_one(Input)
        other.cursor_blink = False
        other.display = False
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if isinstance(self.focused, OptionList) and character and character.isdigit():
            index = int(character) - 1
            if 0 <= index < len(REASONS):
                event.stop()
                self.choose(REASONS[index][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(event.option.id or "other")

    def choose(self, key: str) -> None:
        if key == "other":
            field = self.query_one(Input)
            field.display = True
            field.focus()
            return
        self.dismiss(dict(REASONS)[key])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or "something else")

    def action_cancel(self) -> None:
        self.dismiss(None)
