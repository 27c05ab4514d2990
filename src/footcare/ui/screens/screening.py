"""Screening before every session. Begin stays refused while anything is unmet."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from footcare.domain.journal import Ratings
from footcare.domain.routine import Routine
from footcare.domain.screening import (
    PROFESSIONAL_CHECK_ITEM,
    Answers,
    Clearance,
    ReasonKind,
    Tier,
    Verdict,
    add_months,
    all_items,
    clearance_months,
)
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.date_prompt import DatePrompt
from footcare.ui.widgets.question import DONE, NO, YES, QuestionRow, clearance_status

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
- For a professional's go-ahead: **y** records it as given today, **d** lets you
  type the date it was given, **n** says it doesn't apply to you.
- **b** begins the session once everything is answered and safe.

If anything means no massage today, footcare says why and what to do.
"""

    BINDINGS = [
        Binding("b", "begin", "Begin", id="screening.begin", tooltip="Begin the session"),
        Binding("d", "date", "Other date", id="screening.date", tooltip="Go-ahead date"),
        Binding("escape", "back", "Back", id="screening.back", tooltip="Back to today's setup"),
        Binding("tab", "app.focus_next", "Next", show=False, id="screening.next-field"),
    ]

    def __init__(self, routine: Routine, before: Ratings, saved: dict[str, Any] | None) -> None:
        super().__init__(id="screening")
        self.routine = routine
        self.before = before
        self.saved = saved
        self.blocks: dict[str, bool] = {}
        self.acknowledged: set[str] = set()
        self.items = all_items(routine.precautions)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="questions"):
            tier = None
            for item in self.items:
                if item.tier is not tier:
                    tier = item.tier
                    yield Static(SECTION_TITLES[tier], classes="section")
                yield QuestionRow(item, on_go_ahead=self.ask_go_ahead)
        yield Static("", id="unmet")
        yield Footer()

    def subtitle(self) -> str:
        return f"Safety questions — {self.routine.name}"

    def on_mount(self) -> None:
        self.update_state()
        rows = list(self.query(QuestionRow))
        open_rows = [row for row in rows if row.mark == "TO DO"]
        (open_rows or rows)[0].focus()

    def answers(self) -> Answers:
        return Answers(
            blocks=dict(self.blocks),
            acknowledged=frozenset(self.acknowledged),
            clearances=self.services.clearances(),
        )

    def update_state(self) -> Verdict:
        answers = self.answers()
        verdict = self.services.verdict(answers, self.routine)
        months = clearance_months(answers, self.services.config.clearance_months)
        open_items = {r.item.id for r in verdict.reasons if r.kind is not ReasonKind.RED_FLAG}
        flagged = any(r.kind is ReasonKind.RED_FLAG for r in verdict.unmet)
        for row in self.query(QuestionRow):
            if row.item.tier is Tier.CLEARANCE:
                record = answers.clearances.get(row.item.id)
                valid = row.item.id not in open_items
                expires = add_months(record.on, months) if record else None
                check_needed = flagged and row.item.id == PROFESSIONAL_CHECK_ITEM
                voided = check_needed or (
                    record is not None and "warning sign" in self._reason_text(verdict, row.item.id)
                )
                ok = valid and not check_needed
                row.set_clearance(record, ok, clearance_status(record, ok, expires, voided))
            row.set_class(row.item.id in open_items, "-unmet")
        self.show_unmet(verdict)
        return verdict

    def show_unmet(self, verdict: Verdict) -> None:
        panel = self.query_one("#unmet", Static)
        if verdict.may_start:
            panel.update(Text("All answered and safe. Press b to begin.", style="bold"))
            panel.set_class(True, "-ready")
            return
        panel.set_class(False, "-ready")
        text = Text()
        text.append(f"Begin is not possible yet — {len(verdict.reasons)} to do:\n", style="bold")
        for reason in verdict.reasons:
            text.append("• ", style="bold")
            text.append(f"{reason.item.label}: ", style="bold")
            if reason.kind is ReasonKind.UNANSWERED:
                text.append("not answered yet.")
            else:
                text.append(f"{reason.message.rstrip('.?!')}. {reason.advice}")
            text.append("\n")
        panel.update(text)

    @staticmethod
    def _reason_text(verdict: Verdict, item_id: str) -> str:
        return " ".join(r.message for r in verdict.reasons if r.item.id == item_id)

    def on_question_row_answered(self, event: QuestionRow.Answered) -> None:
        item = event.row.item
        today = self.services.today()
        if item.tier is Tier.BLOCK:
            self.blocks[item.id] = event.answer == YES
        elif item.tier is Tier.REMIND:
            if event.answer == DONE:
                self.acknowledged.add(item.id)
            else:
                self.acknowledged.discard(item.id)
        elif event.answer == NO:
            self.record(Clearance(item.id, False, today, self.services.now()))
        verdict = self.update_state()
        if item.tier is Tier.BLOCK and event.answer == YES:
            self.fapp.show_blocked(verdict)

    def record(self, clearance: Clearance) -> None:
        from footcare.storage.errors import StorageError

        try:
            self.services.clearance_store.record(clearance)
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)

    def action_date(self) -> None:
        row = self.focused
        if not isinstance(row, QuestionRow) or row.item.tier is not Tier.CLEARANCE:
            self.notify("Choose a go-ahead question first (the second group).")
            return
        self.ask_go_ahead(row)

    def ask_go_ahead(self, row: QuestionRow) -> None:
        """A go-ahead is recorded only with a date the person confirms."""
        item = row.item

        def chosen(day: date | None) -> None:
            if day is None:
                row.set_status(
                    "Not recorded. Ask your doctor, nurse or podiatrist first, then press y."
                )
                return
            self.record(Clearance(item.id, True, day, self.services.now()))
            self.update_state()
            row.focus_next_open()

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
        self.fapp.begin_session(self.routine, self.answers(), self.before, self.saved)

    def action_back(self) -> None:
        self.app.pop_screen()
