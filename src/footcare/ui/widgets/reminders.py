"""Every reminder in one row, acknowledged with one key."""

from __future__ import annotations

from rich.text import Text

from footcare.domain.screening_items import REMINDERS_ITEM, Item
from footcare.ui.widgets.question import DONE, QuestionRow


class RemindersRow(QuestionRow):
    """The REMIND items together: read them, then y once for all of them."""

    def __init__(self, items: tuple[Item, ...]) -> None:
        super().__init__(REMINDERS_ITEM)
        self.items = items

    def _body_text(self) -> Text:
        text = Text()
        todo = self.state.open
        text.append("Before you start, read these:", style="bold" if todo else "")
        text.append("  ")
        text.append_text(self._choice("Done, understood", "y", self.answer == DONE))
        for item in self.items:
            text.append(f"\n• {item.question}")
        return text
