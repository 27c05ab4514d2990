"""One question with a few answers on one line: a letter picks, left/right step through them.

The chosen answer is marked with (•) and shown in reverse, so it reads without colour.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from footcare.domain.frozen import frozen


@frozen
class Option:
    value: str
    label: str
    key: str = ""
    """A letter or digit that picks this answer directly."""
    about: str = ""
    """What the answer means, in the keys' hint, for one picked by no key."""


class ChoiceRow(Widget, can_focus=True):
    """``value`` is the chosen option's value; "" is the first (usually "no" / "not noted")."""

    DEFAULT_CSS = """
    ChoiceRow { height: 1; width: 1fr; }
    ChoiceRow:focus { background: $boost; text-style: bold; }
    """

    BINDINGS = [
        Binding(
            "right,space",
            "step(1)",
            "Next answer",
            show=False,
            id="choice.next",
            tooltip="Choose the next answer on this line",
        ),
        Binding(
            "left",
            "step(-1)",
            "Previous answer",
            show=False,
            id="choice.previous",
            tooltip="Choose the previous answer on this line",
        ),
        Binding(
            "down",
            "app.focus_next",
            "Next",
            show=False,
            id="choice.down",
            tooltip="Go to the next question",
        ),
        Binding(
            "up",
            "app.focus_previous",
            "Previous",
            show=False,
            id="choice.up",
            tooltip="Go to the previous question",
        ),
    ]

    value: reactive[str] = reactive("")

    class Changed(Message):
        def __init__(self, row: ChoiceRow, value: str) -> None:
            super().__init__()
            self.row = row
            self.value = value

    def __init__(
        self,
        name: str,
        label: str,
        options: list[Option],
        value: str = "",
        *,
        spin: bool = False,
        label_width: int = 28,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, name=name)
        self.label = label
        self.options = options
        self.spin = spin
        self.label_width = label_width
        values = [o.value for o in options]
        self.set_reactive(ChoiceRow.value, value if value in values else options[0].value)

    @property
    def index(self) -> int:
        values = [o.value for o in self.options]
        return values.index(self.value) if self.value in values else 0

    @property
    def keys_hint(self) -> str:
        """Each key and what it picks ("y yes · n no"), the key said once where the label
        starts with it; a scale of numbers as its two ends and its middle, which fits a line
        of 80 ("1–7: 1 very much better … 4 no change … 7 very much worse")."""
        keyed = [o for o in self.options if o.key]
        scale = [o for o in keyed if o.key.isdigit()]
        if len(scale) > 4:
            ends = [scale[0], scale[len(scale) // 2], scale[-1]]
            named = " … ".join(_key_and_label(o) for o in ends)
            return f"{scale[0].key}–{scale[-1].key}: {named} · ←→ change"
        keys = [
            _key_and_label(o) if o.key else f"{o.label}: {o.about}"
            for o in self.options
            if o.key or o.about
        ]
        return " · ".join(keys) + " · ←→ change"

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {self.label:<{self.label_width}}", style="bold" if self.value else "")
        if self.spin:
            current = self.options[self.index]
            text.append("◀ ")
            text.append(f" {current.label} ", style="reverse bold" if self.value else "")
            text.append(" ▶")
            return text
        for option in self.options:
            chosen = option.value == self.value
            mark = "(•)" if chosen else "( )"
            text.append(f"{mark} {option.label}", style="reverse bold" if chosen else "")
            text.append("  ")
        return text

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def on_key(self, event: events.Key) -> None:
        character = (event.character or "").lower()
        if not character:
            return
        for option in self.options:
            if option.key and option.key == character:
                self.value = option.value
                event.stop()
                event.prevent_default()
                return

    def action_step(self, step: int) -> None:
        self.value = self.options[(self.index + step) % len(self.options)].value

    def on_click(self) -> None:
        self.focus()


def _key_and_label(option: Option) -> str:
    """ "y yes"; "1 very much better" for a label that starts with its key already."""
    if option.label.startswith(f"{option.key} "):
        return option.label
    return f"{option.key} {option.label}"
