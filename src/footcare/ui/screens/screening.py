"""Screening before every session. Begin stays refused while anything is unmet.

The screen shows the verdict and forwards answers to the gate; it decides nothing itself.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from footcare.domain.advice import go_ahead_status
from footcare.domain.errors import CheckTooEarly, StorageError
from footcare.domain.journal import Ratings
from footcare.domain.routine import Routine
from footcare.domain.screening import (
    PROFESSIONAL_CHECK_ITEM,
    Tier,
    Verdict,
    all_items,
)
from footcare.domain.wording import CONTACT
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.ask import Ask
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.date_prompt import DatePrompt
from footcare.ui.screens.screening_todo import ToDo, to_do
from footcare.ui.widgets.go_aheads import GoAheadsLine
from footcare.ui.widgets.question import DONE, NO, YES, QuestionRow
from footcare.ui.widgets.reminders import RemindersRow

SECTION_TITLES = {
    Tier.BLOCK: "Today — any of these means no massage today",
    Tier.CLEARANCE: "A professional's go-ahead — recorded once, asked again when it expires",
    Tier.REMIND: "Before you start",
}


class UnmetPanel(VerticalScroll, can_focus=False):
    """What is still to do, under the questions. On a small terminal it scrolls: ↓ on the
    last question reads on in it, the highlight staying on that question."""

    def read_on(self) -> None:
        if self.scroll_y < self.max_scroll_y:
            lines = max(1, self.scrollable_content_region.height - 1)
            self.scroll_relative(y=lines, animate=False, immediate=True)


class ScreeningScreen(FootcareScreen):
    TITLE_TEXT = "Safety questions"
    HELP_TEXT = """\
## Safety questions

Every question must be answered before a session can begin; an unanswered
question counts as not yet safe. The line under the questions counts what is
still to do: each is a row marked TO DO (or STOP, a yes today) in the list,
and anything without a row of its own is listed under that line.

- **y** / **n** answer the highlighted question; **↑ ↓** or Tab move (a long
  row scrolls first, then the next question is highlighted).
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
        self.items = self.uses.gate.items(self.routine)
        yield SafeHeader()
        with VerticalScroll(id="questions", can_focus=False):
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
        with Vertical(id="unmet-box"):
            yield Static("", id="unmet")  # the count: always in view
            with UnmetPanel(id="unmet-panel"):
                yield Static("", id="unmet-notes")
        yield KeysFooter()

    def subtitle(self) -> str:
        return f"Safety questions — {self.routine.name}"

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """A question row scrolls itself into view when focused (whole, or from its top when
        it is taller than the list) rather than to the middle of the list."""
        if isinstance(widget, QuestionRow):
            scroll_visible = False
        super().set_focus(widget, scroll_visible, from_app_focus)

    def on_resize(self) -> None:
        # a short screen keeps its room for the questions: the panel under them scrolls
        self.set_class(self.app.size.height < 20, "-short")
        if isinstance(self.focused, QuestionRow):
            self.focused.bring_into_view()  # a new size: the highlighted row stays in view

    def on_mount(self) -> None:
        self.update_state()
        self.focus_first_open()

    def focus_first_open(self) -> None:
        rows = list(self.query(QuestionRow))
        open_rows = [row for row in rows if row.state.open]
        (open_rows or rows)[0].focus()

    async def redraw_questions(self) -> None:
        """The day gained a question while this screen was open (a stop or a yes in another
        terminal): draw every question the gate holds; the highlight stays where it was."""
        focused = self.focused
        was = focused.item.id if isinstance(focused, QuestionRow) else None
        await self.recompose()
        self.update_state()
        same = [row for row in self.query(QuestionRow) if row.item.id == was]
        if same:
            same[0].focus()
        else:
            self.focus_first_open()

    def update_state(self) -> Verdict:
        """Every row drawn as the gate holds it (today's kept answers too), then counted."""
        verdict = self.uses.gate.verdict(self.routine)
        if tuple(v.item for v in verdict.items) != self.items:
            self.call_later(self.redraw_questions)
        self.verdict = verdict
        pending = verdict.sign_to_check  # the sign the notes under the count name too
        rows = list(self.query(QuestionRow))
        for row in rows:
            state = verdict.item(row.item.id)
            if state is None:
                continue
            if row.item.tier is Tier.BLOCK:
                row.answer = None if state.present is None else (YES if state.present else NO)
            elif row.item.tier is Tier.CLEARANCE:
                check_for = pending if row.item.id == PROFESSIONAL_CHECK_ITEM else None
                ok = state.ok and check_for is None
                row.set_clearance(state.record, ok, go_ahead_status(state, check_for))
        reminders = self.query_one(RemindersRow)
        seen = [verdict.item(i.id) for i in reminders.items]
        reminders.answer = DONE if seen and all(v is not None and v.ok for v in seen) else None
        todo = to_do(verdict, rows)
        for row in rows:
            row.set_class(row.id in todo.rows, "-unmet")
        self.fold_go_aheads(verdict)
        self.show_unmet(verdict, todo)
        if isinstance(self.focused, QuestionRow):
            self.focused.bring_into_view()  # the rows above it may have grown
        return verdict

    def to_do(self) -> ToDo:
        verdict = self.verdict or self.update_state()
        return to_do(verdict, list(self.query(QuestionRow)))

    def help_text(self) -> str:
        heading, _, rest = self.HELP_TEXT.partition("\n\n")
        verdict = self.verdict or self.update_state()
        now = "all answered and safe" if verdict.may_start else self.to_do().where()
        return f"{heading}\n\n**Right now:** {now.removesuffix('.')}.\n\n{rest}"

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
        given = sum(1 for v in states if v.record is not None and v.record.applies)
        line.show(given, len(states) - given, min(days) if days else None)
        line.display = fold
        self.query_one("#go-aheads").display = not fold

    def on_question_row_past_last(self, event: QuestionRow.PastLast) -> None:
        self.query_one(UnmetPanel).read_on()

    def on_go_aheads_line_expand(self, event: GoAheadsLine.Expand) -> None:
        self.expanded = True
        if self.verdict is not None:
            self.fold_go_aheads(self.verdict)
        first = next((r for r in self.query(QuestionRow) if r.item.tier is Tier.CLEARANCE), None)
        if first is not None:
            first.focus()
            first.scroll_visible()

    def show_unmet(self, verdict: Verdict, todo: ToDo) -> None:
        panel = self.query_one("#unmet", Static)
        notes = self.query_one("#unmet-notes", Static)
        self.query_one("#unmet-box").set_class(verdict.may_start, "-ready")
        if verdict.may_start:
            panel.update(Text("All answered and safe. Press b to begin.", style="bold"))
            notes.update("")
            self.query_one(UnmetPanel).display = False
            return
        panel.update(Text(todo.headline(), style="bold"))
        text = Text()
        for line in todo.notes:
            label, _, rest = line.partition(": ")
            text.append("\n• " if text else "• ", style="bold")
            text.append(f"{label}: ", style="bold")
            text.append(rest)
        notes.update(text)
        self.query_one(UnmetPanel).display = bool(todo.notes)

    def on_question_row_answered(self, event: QuestionRow.Answered) -> None:
        row, item = event.row, event.row.item
        gate = self.uses.gate
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
                gate.record_go_ahead(item.id, False, self.uses.today())
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
        verdict = self.update_state()
        if item.tier is Tier.BLOCK and event.answer == YES:
            self.show_blocked(verdict)

    def confirm_take_back(self, row: QuestionRow) -> None:
        """A yes given earlier today: changing it is asked about, and noted."""
        row.answer = YES
        row.redraw()

        def answered(choice: str | None) -> None:
            if choice != "change":
                return
            try:
                self.uses.gate.answer_block(row.item.id, False, confirmed=True)
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
                row.set_status(f"Not recorded. Ask {CONTACT} first, then press y.")
                return
            try:
                kept = self.uses.gate.record_go_ahead(item.id, True, day)
            except CheckTooEarly as exc:
                row.set_status(str(exc))
                self.notify(str(exc), title="Not recorded", severity="warning", timeout=15)
                return
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
        self.app.push_screen(DatePrompt(question, self.uses.today()), chosen)

    def action_begin(self) -> None:
        verdict = self.update_state()
        if verdict.blocks:
            self.show_blocked(verdict)
            return
        if not verdict.may_start:
            todo = self.to_do()
            self.notify(todo.headline() + ".", title="Not yet", severity="warning")
            first = next((r for r in self.query(QuestionRow) if r.id in todo.rows), None)
            if first is not None and first.display and first.parent and first.parent.display:
                first.focus()
            return
        from footcare.ui.begin import begin_session
        from footcare.ui.cue_terminal import AppTerminal

        sessions, cues = self.uses.sessions, AppTerminal(self.app)
        begin_session(self.app, sessions, cues, self.routine, self.before, self.resume)

    def show_blocked(self, verdict: Verdict) -> None:
        from footcare.ui.screens.blocked import BlockedScreen

        emergency = self.uses.settings.emergency_number
        self.app.push_screen(BlockedScreen(verdict, emergency))

    def action_back(self) -> None:
        self.app.pop_screen()
