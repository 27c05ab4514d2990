"""Screening before every session. Begin stays refused while anything is unmet.

The screen shows the verdict and forwards answers to the gate; it decides nothing itself.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Static

from footcare.domain.advice import still_to_do
from footcare.domain.journal import Ratings
from footcare.domain.routine import Routine
from footcare.domain.screening import (
    PROFESSIONAL_CHECK_ITEM,
    ReasonKind,
    Tier,
    Verdict,
    all_items,
)
from footcare.services import StorageError
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.date_prompt import DatePrompt
from footcare.ui.widgets.go_aheads import GoAheadsLine
from footcare.ui.widgets.question import DONE, NO, YES, QuestionRow, clearance_status
from footcare.ui.widgets.reminders import RemindersRow

ROW_KINDS = (ReasonKind.UNANSWERED, ReasonKind.NOT_ACKNOWLEDGED)
"""Reasons that are simply a row still marked TO DO: listed by name only."""

SECTION_TITLES = {
    Tier.BLOCK: "Today — any of these means no massage today",
    Tier.CLEARANCE: "A professional's go-ahead — recorded once, asked again when it expires",
    Tier.REMIND: "Before you start",
}


class ScreeningScreen(FootcareScreen):
    TITLE_TEXT = "Safety questions"
    HELP_TEXT = """\
## Safety questions

Every question must be answered before a session can begin; an unanswered
question counts as not yet safe.

- **y** / **n** answer the highlighted question; **↑ ↓** or Tab move.
- For a professional's go-ahead: **y** asks for the date it was given,
  **n** says it doesn't apply to you.
- **b** begins the session once everything is answered and safe.

A "yes" to a question about today holds for the rest of the day; changing it
back asks first and is noted. If anything means no massage today, footcare
says why and what to do.
"""

    BINDINGS = [
        Binding("b", "begin", "Begin", id="screening.begin", tooltip="Begin the session"),
        Binding(
            "d", "date", "Other date", show=False, id="screening.date", tooltip="Go-ahead date"
        ),
        Binding("escape", "back", "Back", id="screening.back", tooltip="Back to today's setup"),
        Binding("tab", "app.focus_next", "Next", show=False, id="screening.next-field"),
    ]

    def __init__(self, routine: Routine, before: Ratings, resume: bool = False) -> None:
        super().__init__(id="screening")
        self.routine = routine
        self.before = before
        self.resume = resume
        self.items = all_items(routine.precautions)
        self.verdict: Verdict | None = None
        self.expanded = False
        """The go-ahead questions shown one by one even though all of them are valid."""

    def compose(self) -> ComposeResult:
        # the gate's questions: the day's own (after a stop, a yes to another routine's) too
        self.items = self.services.gate.items(self.routine)
        yield Header()
        with VerticalScroll(id="questions"):
            yield Static(SECTION_TITLES[Tier.BLOCK], classes="section")
            for item in self.items:
                if item.tier is Tier.BLOCK:
                    yield QuestionRow(item)
            yield GoAheadsLine()
            with Vertical(id="go-aheads"):
                yield Static(SECTION_TITLES[Tier.CLEARANCE], classes="section")
                for item in self.items:
                    if item.tier is Tier.CLEARANCE:
                        yield QuestionRow(item, on_go_ahead=self.ask_go_ahead)
            yield RemindersRow(tuple(i for i in self.items if i.tier is Tier.REMIND))
        yield Static("", id="unmet")
        yield Footer()

    def subtitle(self) -> str:
        return f"Safety questions — {self.routine.name}"

    def on_mount(self) -> None:
        answers = self.services.gate.answers()
        for row in self.query(QuestionRow):
            item_id = row.item.id
            if row.item.tier is Tier.BLOCK and item_id in answers.blocks:
                row.answer = YES if answers.blocks[item_id] else NO
        reminders = self.query_one(RemindersRow)
        if reminders.items and all(i.id in answers.acknowledged for i in reminders.items):
            reminders.answer = DONE
        self.update_state()
        rows = list(self.query(QuestionRow))
        open_rows = [row for row in rows if row.mark == "TO DO"]
        (open_rows or rows)[0].focus()

    def update_state(self) -> Verdict:
        verdict = self.services.gate.verdict(self.routine)
        self.verdict = verdict
        pending = verdict.pending_signs[-1] if verdict.pending_signs else None
        open_items = {r.item.id for r in verdict.reasons}
        for row in self.query(QuestionRow):
            state = verdict.item(row.item.id)
            if state is not None and row.item.tier is Tier.CLEARANCE:
                check_for = pending if row.item.id == PROFESSIONAL_CHECK_ITEM else None
                ok = state.ok and check_for is None
                row.set_clearance(state.record, ok, clearance_status(state, check_for))
            row.set_class(row.item.id in open_items, "-unmet")
        reminders = self.query_one(RemindersRow)
        reminders.set_class(any(i.id in open_items for i in reminders.items), "-unmet")
        self.fold_go_aheads(verdict)
        self.show_unmet(verdict)
        return verdict

    def fold_go_aheads(self, verdict: Verdict) -> None:
        """While every go-ahead is valid they take one line (e shows them); on the first run,
        or once one lapses, each is asked."""
        states = [v for v in verdict.items if v.item.tier is Tier.CLEARANCE]
        fold = (
            not self.expanded
            and bool(states)
            and all(v.ok for v in states)
            and not verdict.pending_signs
        )
        line = self.query_one(GoAheadsLine)
        days = [v.last_valid_day for v in states if v.last_valid_day is not None]
        line.show(len(states), min(days) if days else None)
        line.display = fold
        self.query_one("#go-aheads").display = not fold

    def on_go_aheads_line_expand(self, event: GoAheadsLine.Expand) -> None:
        self.expanded = True
        if self.verdict is not None:
            self.fold_go_aheads(self.verdict)
        first = next((r for r in self.query(QuestionRow) if r.item.tier is Tier.CLEARANCE), None)
        if first is not None:
            first.focus()
            first.scroll_visible()

    def show_unmet(self, verdict: Verdict) -> None:
        panel = self.query_one("#unmet", Static)
        if verdict.may_start:
            panel.update(Text("All answered and safe. Press b to begin.", style="bold"))
            panel.set_class(True, "-ready")
            return
        panel.set_class(False, "-ready")
        open_rows = [r for r in verdict.reasons if r.kind in ROW_KINDS]
        others = tuple(r for r in verdict.reasons if r.kind not in ROW_KINDS)
        titles = [r.item.label for r in open_rows if r.item.tier is not Tier.REMIND]
        if any(r.item.tier is Tier.REMIND for r in open_rows):
            titles.append("Before you start")
        text = Text()
        text.append(f"Begin is not possible yet — {len(titles) + len(others)} to do", style="bold")
        if titles:
            text.append(f": {len(titles)} marked TO DO above")
        for line in still_to_do(others):
            label, _, rest = line.partition(": ")
            text.append("\n• ", style="bold")
            text.append(f"{label}: ", style="bold")
            text.append(rest)
        panel.update(text)

    def on_question_row_answered(self, event: QuestionRow.Answered) -> None:
        row, item = event.row, event.row.item
        gate = self.services.gate
        try:
            if item.tier is Tier.BLOCK:
                present = event.answer == YES
                if not gate.answer_block(item.id, present):
                    self.confirm_take_back(row)
                    return
            elif isinstance(row, RemindersRow):
                for reminder in row.items:
                    gate.acknowledge(reminder.id, event.answer == DONE)
            elif event.answer == NO:
                gate.record_go_ahead(item.id, False, self.services.today())
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
        verdict = self.update_state()
        if item.tier is Tier.BLOCK and event.answer == YES:
            self.fapp.show_blocked(verdict)

    def confirm_take_back(self, row: QuestionRow) -> None:
        """A yes given earlier today: changing it is asked about, and noted."""
        row.answer = YES
        row.redraw()

        def answered(choice: str | None) -> None:
            if choice != "change":
                return
            try:
                self.services.gate.answer_block(row.item.id, False, confirmed=True)
            except StorageError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=15)
                return
            row.answer = NO
            row.redraw()
            self.update_state()
            row.focus_next_open()

        self.app.push_screen(
            Ask(
                "Change today's answer?",
                f"Earlier today you answered yes to:\n{row.item.question}\n\n"
                "Change it to no only if that was a mistake. The change is noted in your "
                "safety record, and the yes stays part of today.",
                [("y", "Yes, it was a mistake: change to no", "change"), ("n", "No, keep yes", "")],
            ),
            answered,
        )

    def action_date(self) -> None:
        row = self.focused
        if not isinstance(row, QuestionRow) or row.item.tier is not Tier.CLEARANCE:
            self.notify("Choose a go-ahead question first (the second group).")
            return
        self.ask_go_ahead(row)

    def ask_go_ahead(self, row: QuestionRow) -> None:
        """A go-ahead is recorded only with a date the person confirms."""
        item = row.item
        verdict = self.verdict
        sign = verdict.pending_signs[-1] if verdict and verdict.pending_signs else None

        def chosen(day: date | None) -> None:
            if day is None:
                row.set_status(
                    "Not recorded. Ask your doctor, nurse or podiatrist first, then press y."
                )
                return
            try:
                kept = self.services.gate.record_go_ahead(item.id, True, day)
            except StorageError as exc:
                self.notify(str(exc), title="Not saved", severity="error", timeout=15)
                return
            if kept is not None:
                self.notify(
                    f"A new safety record starts with this check; the old one is kept as {kept}.",
                    title="Safety record",
                    timeout=20,
                )
            self.update_state()
            row.focus_next_open()

        if item.id == PROFESSIONAL_CHECK_ITEM and sign is not None:
            question = (
                f"This records a professional's check of your feet after the warning sign "
                f"noted on {sign.day.isoformat()}: {sign.what}.\n\nWhen did they check your "
                "feet? Enter accepts the date; Esc if nobody has yet."
            )
        else:
            question = (
                f"{item.question}\n\nWhen did a professional say foot massage is fine for you? "
                "Enter accepts the date; Esc if nobody has yet."
            )
        self.app.push_screen(DatePrompt(question, self.services.today()), chosen)

    def action_begin(self) -> None:
        verdict = self.update_state()
        if verdict.blocks:
            self.fapp.show_blocked(verdict)
            return
        if not verdict.may_start:
            first = verdict.reasons[0].item.id.replace(":", "-")
            self.notify(
                f"{len(verdict.reasons)} still to do — see the list at the bottom.",
                title="Not yet",
                severity="warning",
            )
            for row in self.query(QuestionRow):
                if row.id == f"q-{first}":
                    row.focus()
                    row.scroll_visible()
            return
        self.fapp.begin_session(self.routine, self.before, self.resume)

    def action_back(self) -> None:
        self.app.pop_screen()
