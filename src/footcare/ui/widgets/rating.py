"""A 0–10 rating on one line: a digit sets it, arrows nudge it, the scale's meaning beside it."""

from __future__ import annotations

import time

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class RatingRow(Widget, can_focus=True):
    """One symptom's rating. Unset until the person gives it."""

    DEFAULT_CSS = """
    RatingRow { height: 1; width: 1fr; }
    RatingRow:focus { background: $boost; text-style: bold; }
    """

    BINDINGS = [
        Binding("right,plus,equals_sign", "nudge(1)", "+1", show=False, id="rating.up"),
        Binding("left,minus", "nudge(-1)", "−1", show=False, id="rating.down"),
        Binding("backspace,delete", "clear", "Clear", show=False, id="rating.clear"),
        Binding("down", "app.focus_next", "Next", show=False, id="rating.next"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="rating.previous"),
        # Digits are bindings, not a key handler: bindings are resolved in arrival order
        # against the focus of the moment, so "4 ↓ 3 ↓ 2" typed in one burst (or delivered
        # in one packet over a laggy SSH link) lands in three rows, not one.
        *(
            Binding(str(d), f"digit({d})", str(d), show=False, id=f"rating.digit-{d}")
            for d in range(10)
        ),
        Binding("t", "digit(10)", "10", show=False, id="rating.ten"),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, row: RatingRow, value: int | None) -> None:
            super().__init__()
            self.row = row
            self.value = value

    def __init__(
        self, name: str, label: str, hint: str, value: int | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id, name=name)
        self.label = label
        self.hint = hint
        self._last_digit: tuple[int, float] = (-1, 0.0)
        self.set_reactive(RatingRow.value, value)

    def render(self) -> Text:
        shown = "–" if self.value is None else str(self.value)
        text = Text()
        text.append("▶" if self.has_focus else " ", style="bold")
        text.append(f"{self.label:<10}", style="bold")
        text.append(f"[{shown:>2}]", style="reverse bold")
        filled = 0 if self.value is None else self.value
        text.append(" " + "■" * filled + "·" * (10 - filled) + "  ")
        text.append(self.hint, style="dim" if self.value is None else "")
        return text

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def action_digit(self, digit: int) -> None:
        now = time.monotonic()
        last, when = self._last_digit
        if digit == 0 and last == 1 and now - when < 1.5:
            self.value = 10
        else:
            self.value = digit
        self._last_digit = (digit, now)

    def action_nudge(self, step: int) -> None:
        start = 0 if self.value is None else self.value + step
        self.value = max(0, min(10, start))

    def action_clear(self) -> None:
        self.value = None
