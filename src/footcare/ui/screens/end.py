"""After the session: how do your feet feel now, a note, and one key saves it to the journal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Static

from footcare.domain.journal import SCALE_HINTS, SYMPTOMS, Entry, Ratings, SessionFacts
from footcare.domain.redflags import entry_flags
from footcare.domain.session import Session, Status
from footcare.storage.errors import StorageError
from footcare.storage.journal import new_id
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.widgets.rating import RatingRow

REASON_ADVICE = {
    "It hurts": "Rest the foot. If the pain stays, or you see a mark, contact your doctor, "
    "nurse or podiatrist.",
    "I feel unwell or dizzy": "Stay sitting or lie down; don't stand up yet. If it doesn't "
    "pass soon, get help.",
    "A new mark, blister or broken skin": "Don't massage that foot again until your doctor, "
    "nurse or podiatrist has looked at it.",
    "Sudden swelling": "Contact your doctor, nurse or podiatrist today.",
}

REASON_FINDINGS = {
    "A new mark, blister or broken skin": {"session_injury": "yes"},
    "Sudden swelling": {"swelling": "yes"},
    "Chest pain or breathlessness": {"chest": "yes"},
}


class EndScreen(FootcareScreen):
    TITLE_TEXT = "After the session"
    HELP_TEXT = """\
## After the session

Rate how your feet feel now (a digit sets a rating, left/right nudge it), add a
note if you like, then press **s** (or Enter in the note, or F2) to save it to
your journal. Put socks and shoes or slippers on before you stand up.
"""

    BINDINGS = [
        Binding("s", "save", "Save", id="end.save", tooltip="Save to the journal"),
        Binding("f2", "save", "Save", show=False, priority=True, id="end.save-f2"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="end.next-field"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="end.up"),
    ]

    def __init__(self, session: Session, before: Ratings) -> None:
        super().__init__(id="end")
        self.session = session
        self.before = before
        self.saved = False

    def compose(self) -> ComposeResult:
        yield Header()
        stopped = self.session.status is Status.STOPPED
        with Vertical(id="end-body"):
            if stopped:
                heading = f"Session stopped: {self.session.stop_reason}."
                if "chest" in REASON_FINDINGS.get(self.session.stop_reason, {}):
                    emergency = self.services.config.emergency_number
                    heading += f" Call {emergency} now."
                elif self.session.stop_reason in REASON_ADVICE:
                    heading += " " + REASON_ADVICE[self.session.stop_reason]
            else:
                heading = "Well done — session complete."
            yield Static(heading, id="end-heading")
            yield Static(
                "Wipe off extra lotion, dry between the toes, and put socks on before standing.",
                id="end-safety",
            )
            yield Static("How do your feet feel now? (0–10)", classes="section")
            for symptom in SYMPTOMS:
                yield RatingRow(
                    symptom, symptom.capitalize(), SCALE_HINTS[symptom], id=f"after-{symptom}"
                )
            yield Static("Note (optional):", classes="section")
            yield Input(placeholder="e.g. left heel felt warmer", id="end-note")
            yield Static("s or F2 saves · Enter in the note saves", id="end-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(f"#after-{SYMPTOMS[0]}", RatingRow).focus()

    def build_entry(self) -> Entry:
        session = self.session
        after = Ratings(**{s: self.query_one(f"#after-{s}", RatingRow).value for s in SYMPTOMS})
        stopped = session.status is Status.STOPPED
        at = self.services.now().replace(microsecond=0)
        findings = REASON_FINDINGS.get(session.stop_reason, {}) if stopped else {}
        return Entry(
            id=new_id(at),
            at=at,
            before=self.before,
            after=after,
            findings=findings,
            session=SessionFacts(
                routine=session.routine.id,
                feet=session.feet_done(),
                minutes_per_foot=round(session.routine.minutes_per_foot, 1),
                stopped_early=stopped,
                stop_reason=session.stop_reason if stopped else "",
            ),
            note=self.query_one(Input).value.strip(),
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def save_entry(self) -> Entry | None:
        """Write the entry once; None (with a notice) if it could not be written."""
        if self.saved:
            return None
        entry = self.build_entry()
        try:
            self.services.add_entry(entry)
        except StorageError as exc:
            self.notify(
                f"{exc}",
                title="Not saved — your answers are still here",
                severity="error",
                timeout=20,
            )
            return None
        self.saved = True
        self.fapp.clear_session_state()
        return entry

    def action_save(self) -> None:
        entry = self.save_entry()
        if entry is None:
            return
        flags = entry_flags(entry, self.services.config.emergency_number)
        self.notify("Saved to your journal.", title="Saved")
        self.fapp.return_home()
        if flags:
            self.app.push_screen(FlagNotice(flags, self.services.config.emergency_number))
