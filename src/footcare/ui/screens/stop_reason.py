"""Stop — something's wrong: ask why, in one key, and say what to do."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from footcare.domain.stops import CHOOSABLE, StopCause
from footcare.domain.wording import STOP_QUESTION, cause_label, chest_first


class StopReason(ModalScreen[tuple[StopCause, str] | None]):
    """Returns the cause (and any words typed for "something else"), or None to carry on."""

    BINDINGS = [Binding("escape", "cancel", "Carry on", id="stop.cancel", tooltip="Don't stop")]

    def __init__(self, emergency: str) -> None:
        super().__init__()
        self.emergency = emergency

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(STOP_QUESTION, classes="dialog-title")
            yield Static(chest_first(self.emergency), id="stop-emergency", markup=False)
            yield OptionList(
                *(
                    Option(f"{i + 1}. {cause_label(cause)}", id=cause.value)
                    for i, cause in enumerate(CHOOSABLE)
                )
            )
            yield Static("↑↓ and Enter, or a digit. Esc carries on with the session.")

    def on_mount(self) -> None:
        self.on_resize()
        self.query_one(OptionList).focus()
        # the question and whom to call come first, whatever the terminal's size
        self.call_after_refresh(self.query_one("#dialog").scroll_home, animate=False)

    def on_resize(self) -> None:
        self.set_class(self.app.size.height < 20, "-short")

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if isinstance(self.focused, OptionList) and character and character.isdigit():
            index = int(character) - 1
            if 0 <= index < len(CHOOSABLE):
                event.stop()
                self.choose(CHOOSABLE[index])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.choose(StopCause(event.option.id or StopCause.OTHER.value))

    def choose(self, cause: StopCause) -> None:
        # Stopped at once, whatever the cause: the words come after, in the entry's note,
        # so the session is in the journal even if footcare is closed while they are typed.
        self.dismiss((cause, ""))

    def action_cancel(self) -> None:
        self.dismiss(None)
