"""One screening question with its answer, answered by keyboard or mouse."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from footcare.domain.advice import go_ahead_status as clearance_status
from footcare.domain.screening import Clearance, Item, Tier

__all__ = ["DONE", "NO", "YES", "QuestionRow", "clearance_status"]

YES, NO, DONE = "yes", "no", "done"


class QuestionRow(Horizontal, can_focus=True):
    """BLOCK: yes / no. CLEARANCE: go-ahead recorded (dated) or does not apply. REMIND: done."""

    DEFAULT_CSS = """
    QuestionRow { height: auto; padding: 0 1 0 0; }
    QuestionRow.-clearance { padding: 0 1 1 0; }
    QuestionRow > .mark { width: 7; text-style: bold; }
    QuestionRow > .body { width: 1fr; }
    QuestionRow:focus { background: $boost; }
    QuestionRow:focus > .mark { text-style: bold reverse; }
    """

    BINDINGS = [
        Binding("y", "answer('yes')", "Yes", id="screening.yes", tooltip="Answer yes"),
        Binding("n", "answer('no')", "No", id="screening.no", tooltip="Answer no"),
        Binding("down", "app.focus_next", "Next", show=False, id="screening.down"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="screening.up"),
    ]

    class Answered(Message):
        def __init__(self, row: QuestionRow, answer: str | None) -> None:
            super().__init__()
            self.row = row
            self.answer = answer

    def __init__(
        self, item: Item, on_go_ahead: Callable[[QuestionRow], None] | None = None
    ) -> None:
        super().__init__(
            id=f"q-{item.id.replace(':', '-')}",
            classes="-clearance" if item.tier is Tier.CLEARANCE else "",
        )
        self.item = item
        self.on_go_ahead = on_go_ahead
        self.answer: str | None = None
        self.clearance: Clearance | None = None
        self.valid = False
        self.status = ""

    def compose(self) -> ComposeResult:
        yield Static(self._mark_text(), classes="mark")
        yield Static(self._body_text(), classes="body")

    def on_focus(self) -> None:
        self.redraw(focused=True)

    def on_blur(self) -> None:
        self.redraw(focused=False)

    @property
    def mark(self) -> str:
        tier = self.item.tier
        if tier is Tier.BLOCK:
            return {YES: "STOP", NO: "ok"}.get(self.answer or "", "TO DO")
        if tier is Tier.CLEARANCE:
            return "ok" if self.valid else "TO DO"
        return "ok" if self.answer == DONE else "TO DO"

    def _mark_text(self, focused: bool | None = None) -> str:
        pointer = "▶" if (self.has_focus if focused is None else focused) else " "
        return f"{pointer}{self.mark}"

    def _body_text(self) -> Text:
        text = Text()
        text.append(self.item.question, style="bold" if self.mark == "TO DO" else "")
        # a yes/no question keeps its answers on its own last line: two lines, not three
        text.append("  " if self.item.tier is Tier.BLOCK else "\n")
        text.append_text(self._choices())
        if self.status:
            text.append("\n" + self.status, style="italic")
        return text

    def redraw(self, focused: bool | None = None) -> None:
        if not self.is_mounted:
            return
        self.query_one(".mark", Static).update(self._mark_text(focused))
        self.query_one(".body", Static).update(self._body_text())

    def _choice(self, label: str, key: str | None, chosen: bool) -> Text:
        body = f"[{'x' if chosen else ' '}] {label}" + (f" ({key})" if key else "")
        return Text(body, style="bold reverse" if chosen else "") + Text("  ")

    def _choices(self) -> Text:
        tier = self.item.tier
        if tier is Tier.BLOCK:
            # short, to keep each question on two lines at 80 columns: the keys are y and n
            # (the footer and the help say so)
            return Text.assemble(
                self._choice("Yes", None, self.answer == YES),
                self._choice("No", None, self.answer == NO),
            )
        if tier is Tier.REMIND:
            return self._choice("Done, understood", "y", self.answer == DONE)
        applies = self.clearance.applies if self.clearance else None
        label = "Yes: record the date"
        if not self.item.everyone:
            label = "Yes, with a go-ahead: record its date"
        parts = [self._choice(label, "y", bool(applies and self.valid))]
        if not self.item.everyone:
            parts.append(self._choice("No, doesn't apply", "n", applies is False and self.valid))
        return Text.assemble(*parts)

    def on_click(self) -> None:
        self.focus()

    def action_answer(self, value: str) -> None:
        tier = self.item.tier
        if tier is Tier.REMIND:
            value = DONE if value == YES else ""
        if tier is Tier.CLEARANCE:
            if value == YES:
                # A go-ahead is never recorded by one key: the date is asked and confirmed.
                if self.on_go_ahead is not None:
                    self.on_go_ahead(self)
                return
            if self.item.everyone:
                self.notify(
                    "Everyone needs this one. Ask your doctor, nurse or podiatrist whether "
                    "foot self-massage suits you, then press y to record the date."
                )
                return
        self.answer = value or None
        self.redraw()
        self.post_message(self.Answered(self, self.answer))
        if self.answer and not (tier is Tier.BLOCK and self.answer == YES):
            self.focus_next_open()

    def focus_next_open(self) -> None:
        """Move to the next question still to do; stay put when none is left below."""
        rows = list(self.screen.query(QuestionRow))
        after = rows[rows.index(self) + 1 :] if self in rows else []
        for row in after:
            if row.mark == "TO DO":
                # set_focus acts at once (focus() waits a turn): keys typed in a burst land
                # on the row they were meant for
                self.screen.set_focus(row)
                return

    def set_status(self, status: str) -> None:
        self.status = status
        self.redraw()

    def set_clearance(self, clearance: Clearance | None, valid: bool, status: str) -> None:
        self.clearance = clearance
        self.valid = valid
        self.status = status
        self.redraw()
