"""After the session: it is already in the journal; add how your feet feel now and a note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from footcare.domain.journal import SCALE_HINTS, SYMPTOMS, Ratings
from footcare.domain.plain_words import SAVED
from footcare.domain.redflags import entry_flags
from footcare.domain.wording import ending_lines
from footcare.services.runner import SessionRunner
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.messages import ReturnHome
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.widgets.rating import RatingRow


def end_lines(runner: SessionRunner, emergency: str) -> tuple[str, str]:
    """The heading (why it ended, what to do now) and the before-standing line."""
    concluded = runner.concluded
    if concluded is None:
        return ending_lines(None, emergency)
    massage = runner.session.massage_done()
    return ending_lines(concluded.cause, emergency, concluded.sign, massage)


class EndScreen(FootcareScreen):
    TITLE_TEXT = "After the session"
    HELP_TEXT = """\
## After the session

The session is already in your journal. Rate how your feet feel now (a digit
sets a rating, left/right nudge it), add a note if you like, then press **s**
(or Enter in the note, or F2) to add them. Put socks and shoes or slippers on
before you stand up.
"""

    BINDINGS = [
        Binding("s", "save", "Save", id="end.save", tooltip="Add to the journal entry"),
        Binding("f2", "save", "Save", show=False, priority=True, id="end.save-f2"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="end.next-field"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="end.up"),
    ]

    def __init__(self, runner: SessionRunner) -> None:
        super().__init__(id="end")
        self.runner = runner
        self.saved = False

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with Vertical(id="end-body"):
            heading, safety = end_lines(self.runner, self.uses.settings.emergency_number)
            yield Static(heading, id="end-heading", markup=False)
            yield Static(safety, id="end-safety", markup=False)
            yield Static("How do your feet feel now? (0–10)", classes="section")
            for symptom in SYMPTOMS:
                yield RatingRow(
                    symptom, symptom.capitalize(), SCALE_HINTS[symptom], id=f"after-{symptom}"
                )
            yield Static("Note (optional):", classes="section")
            yield Input(placeholder="e.g. left heel felt warmer", id="end-note")
            yield Static("s or F2 saves · Enter in the note saves", id="end-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(f"#after-{SYMPTOMS[0]}", RatingRow).focus()
        if self.runner.problem:
            self.notify(
                self.runner.problem, title="The session could not be saved", severity="error"
            )

    def after(self) -> Ratings:
        return Ratings(**{s: self.query_one(f"#after-{s}", RatingRow).value for s in SYMPTOMS})

    def on_rating_row_changed(self, event: RatingRow.Changed) -> None:
        self.keep_typed()

    def keep_typed(self) -> None:
        """What the rows and the note show now (a rating is drawn before its message
        reaches this screen): kept with the entry if footcare leaves."""
        self.runner.keep_draft(self.after(), self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.runner.keep_draft(self.after(), event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.saved:
            return
        entry = self.runner.add_after(self.after(), self.query_one(Input).value)
        if entry is None:
            self.notify(
                self.runner.problem or "The session's entry is not in the journal.",
                title="Not saved — your answers are still here",
                severity="error",
                timeout=20,
            )
            return
        self.saved = True
        emergency = self.uses.settings.emergency_number
        flags = entry_flags(entry, emergency)
        then = FlagNotice(flags, emergency, saved=True) if flags else None
        if then is None:
            self.notify(SAVED, title="Saved")
        self.app.post_message(ReturnHome(then))
