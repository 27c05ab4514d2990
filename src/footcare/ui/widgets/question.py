"""One screening question with its answer, answered by keyboard or mouse."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from footcare.domain.screening import Clearance, Item, Tier
from footcare.domain.wording import everyone_needs
from footcare.ui.compat import layout_pending

YES, NO, DONE = "yes", "no", "done"


class Mark(Enum):
    """Where a row stands, as its mark shows it: the rules read this, never the words."""

    TO_DO = "TO DO"
    OK = "ok"
    STOP = "STOP"

    @property
    def open(self) -> bool:
        """Something is still to do on this row (a STOP holds the day; nothing to answer)."""
        return self is Mark.TO_DO


LAYOUT_WAITS = 20
"""Screen refreshes a scroll to the highlighted row waits, at most, for the layout."""


def row_id(item: Item) -> str:
    """The id of the row that asks ``item``: the reminders share one row."""
    if item.tier is Tier.REMIND:
        return "q-reminders"
    return f"q-{item.id.replace(':', '-')}"


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
        Binding("down", "move(1)", "Next", show=False, id="screening.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="screening.up"),
    ]

    class PastLast(Message):
        """↓ on the last question: the highlight stays on it."""

    class Answered(Message):
        def __init__(self, row: QuestionRow, answer: str | None) -> None:
            super().__init__()
            self.row = row
            self.answer = answer

    def __init__(
        self, item: Item, on_go_ahead: Callable[[QuestionRow], None] | None = None
    ) -> None:
        super().__init__(
            id=row_id(item),
            classes="-clearance" if item.tier is Tier.CLEARANCE else "",
        )
        self.item = item
        self.on_go_ahead = on_go_ahead
        self._answer: str | None = None
        self.clearance: Clearance | None = None
        self.valid = False
        self.status = ""

    def compose(self) -> ComposeResult:
        yield Static(self._mark_text(), classes="mark")
        yield Static(self._body_text(), classes="body")

    def on_focus(self) -> None:
        self.redraw(focused=True)
        # the highlighted question is always on screen, whatever the terminal's size
        self.bring_into_view()

    def bring_into_view(self) -> None:
        """Once the screen is laid out again: rows above may have grown meanwhile."""
        self.call_after_refresh(self._bring_into_view, LAYOUT_WAITS)

    def _bring_into_view(self, waits: int = 0) -> None:
        """Scroll the list so the whole row shows (its top, if it is taller than the list).

        Only on the screen as laid out now: a row redrawn or a group folded a moment ago
        may not be laid out yet, and a scroll worked out from where the rows were would
        land elsewhere (at 40×15, on the end of the reminders instead of their question)."""
        if not self.has_focus:
            return
        if waits > 0 and layout_pending(self.screen):
            self.call_after_refresh(self._bring_into_view, waits - 1)
            return
        self.scroll_visible(animate=False, top=self._taller_than_view(), immediate=True)

    def on_blur(self) -> None:
        self.redraw(focused=False)

    @property
    def answer(self) -> str | None:
        return self._answer

    @answer.setter
    def answer(self, value: str | None) -> None:
        """Setting an answer draws it: a row never shows other than what it holds."""
        if value != self._answer:
            self._answer = value
            self.redraw()

    @property
    def state(self) -> Mark:
        tier = self.item.tier
        if tier is Tier.BLOCK:
            return {YES: Mark.STOP, NO: Mark.OK}.get(self.answer or "", Mark.TO_DO)
        if tier is Tier.CLEARANCE:
            return Mark.OK if self.valid else Mark.TO_DO
        return Mark.OK if self.answer == DONE else Mark.TO_DO

    @property
    def mark(self) -> str:
        """The mark as shown: "TO DO", "ok" or "STOP"."""
        return self.state.value

    def _mark_text(self, focused: bool | None = None) -> str:
        pointer = "▶" if (self.has_focus if focused is None else focused) else " "
        return f"{pointer}{self.mark}"

    def _body_text(self) -> Text:
        text = Text()
        text.append(self.item.question, style="bold" if self.state.open else "")
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

    def _scroller(self) -> Widget | None:
        """The scrolling list the row is in (None on its own)."""
        node = self.parent
        while isinstance(node, Widget):
            if node.is_scrollable:
                return node
            node = node.parent
        return None

    def _taller_than_view(self) -> bool:
        scroller = self._scroller()
        view = scroller.content_region.height if scroller is not None else 0
        return 0 < view < self.outer_size.height

    def action_move(self, step: int) -> None:
        """↓ / ↑: the next or previous question. A row taller than the list's view (a small
        terminal) is scrolled through first, so none of its lines is out of reach."""
        scroller = self._scroller()
        if scroller is not None and self.outer_size.height:
            view, row = scroller.content_region, self.region
            hidden = row.bottom - view.bottom if step > 0 else view.y - row.y
            if hidden > 0:
                lines = min(hidden, max(1, view.height - 1))
                scroller.scroll_relative(y=step * lines, animate=False, immediate=True)
                return
        chain = self.screen.focus_chain
        if step > 0 and chain and chain[-1] is self:
            # the last question: the highlight stays; what lies below may be read on
            self.post_message(self.PastLast())
            return
        if step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

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
                self.notify(everyone_needs("press y to record the date"))
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
            if row.state.open:
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
