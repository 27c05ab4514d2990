"""A new or edited journal entry, by keyboard; every change is kept as a draft until saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from footcare.domain.draft import MAX_NOTE, FormState
from footcare.domain.errors import StorageError
from footcare.domain.history import SHORT_FINDINGS, sided
from footcare.domain.journal import (
    FINDINGS,
    NO_FOOT_NAMED,
    SCALE_HINTS,
    SYMPTOMS,
    WEEKLY_CHANGE,
    Entry,
)
from footcare.services.journal import new_id
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.ask import confirm_leave
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.widgets.choice import ChoiceRow, Option
from footcare.ui.widgets.rating import RatingRow

SIDE_OPTIONS = [
    Option("", "no", "n"),
    Option("left", "left", "l"),
    Option("right", "right", "r"),
    Option("both", "both", "b"),
]
YES_NO_OPTIONS = [Option("", "no", "n"), Option("yes", "yes", "y")]
FOOTWEAR_OPTIONS = [
    Option("", "not noted", "-"),
    Option("yes", "yes", "y"),
    Option("no", "no", "n"),
]
WEEKLY_OPTIONS = [Option("", "not answered", "-")] + [
    Option(str(i), f"{i + 1} {label}", str(i + 1)) for i, label in enumerate(WEEKLY_CHANGE)
]
TEXT_INPUTS = {
    "exercise": ("Gentle exercise (minutes)", "e.g. 20"),
    "sugar": ("Blood sugar", "e.g. 6.8 mmol/L before breakfast"),
    "follow_up": ("Next follow-up (date)", "YYYY-MM-DD"),
}
RATING_HINT = "0–9 set it · 1 then 0 (or t) = 10 · ←→ nudge · ↓ next · s or F2 saves"
INPUT_HINT = "Type, then Enter or Tab for the next field · F2 saves · Esc leaves"

Saved = Callable[[Entry, Entry | None], None]
"""Called after a save with the new entry and, for an edit, the entry as it was."""


def draft_record(state: FormState, saved_at: Any) -> dict[str, Any]:
    return {"form": state.to_dict(), "saved_at": saved_at}


class EntryForm(FootcareScreen):
    TITLE_TEXT = "Journal entry"
    HELP_TEXT = """\
## Journal entry

Move with **Tab** / **Shift+Tab** or the **↑ ↓** arrows.

- **Ratings** (0–10): a digit sets it, **1** then **0** (or **t**) gives 10,
  **← →** nudge it, **Backspace** clears it.
- **Foot check**: look at both feet. On each line **n** no, **l** left,
  **r** right, **b** both (or **y** yes); **← →** step through the answers.
- **Daily care** and the **note** are optional.

**s** or **F2** saves (in a text field only **F2**). Everything you type is kept
as a draft straight away, so nothing is lost if footcare or the connection
stops. **Esc** leaves: you choose to keep the draft or discard it.
"""

    BINDINGS = [
        Binding("s", "save", "Save", id="entry.save", tooltip="Save this entry to your journal"),
        Binding(
            "f2", "save", "Save", priority=True, id="entry.save-f2", tooltip="Save (works anywhere)"
        ),
        Binding("escape", "leave", "Back", id="entry.back", tooltip="Leave (keep or discard)"),
        # ↓ and ↑ leave a text field too, as they do every other row of the form
        Binding("down", "app.focus_next", "Next", show=False, id="entry.down"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="entry.up"),
    ]

    def __init__(
        self,
        state: FormState,
        base: Entry | None,
        on_saved: Saved,
        *,
        restored: bool = False,
    ) -> None:
        super().__init__(id="entry-form")
        self.state = state.copy()
        self.base = base
        self.on_saved = on_saved
        self.restored = restored
        self.original = (
            FormState.from_entry(base)
            if base is not None
            else FormState(ask_weekly=state.ask_weekly)
        )
        self._last_draft: dict[str, Any] | None = state.to_dict() if restored else None
        self._draft_warned = False
        self._saving = False

    # --- layout --------------------------------------------------------------------------
    def _heading(self) -> str:
        if self.base is not None:
            text = f"Editing the entry of {self.base.at:%A %d %B %Y, %H:%M}."
        else:
            text = f"New entry — {self.uses.now():%A %d %B %Y}."
        if self.restored:
            text += " Restored from your unsaved draft."
        return text

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with VerticalScroll(id="form-body"):
            yield Static(self._heading(), id="form-heading")
            yield from self._ratings()
            yield from self._foot_check()
            yield from self._daily_care()
        yield Static(RATING_HINT, id="form-hint")
        yield KeysFooter()

    def _ratings(self) -> ComposeResult:
        """Before (and after, for a session), sleep, and the weekly question when due."""
        s = self.state
        first = (
            "Before the session (0–10)"
            if s.with_session
            else "How do your feet feel right now? (0–10)"
        )
        parts = [(first, "before", s.before)]
        if s.with_session:
            parts.append(("After the session (0–10)", "after", s.after))
        for title, when, ratings in parts:
            yield Static(title, classes="section")
            for symptom in SYMPTOMS:
                yield RatingRow(
                    symptom,
                    symptom.capitalize(),
                    SCALE_HINTS[symptom],
                    ratings[symptom],
                    id=f"{when}-{symptom}",
                )
        yield Static("How much did your feet disturb your sleep? (0–10)", classes="section")
        yield RatingRow("sleep", "Sleep", SCALE_HINTS["sleep"], s.sleep, id="sleep")
        if s.ask_weekly:
            yield Static(
                "Once a week: your feet overall, compared with a week ago", classes="section"
            )
            yield ChoiceRow(
                "weekly",
                "This week (1–7, ←→)",
                WEEKLY_OPTIONS,
                "" if s.weekly is None else str(s.weekly),
                spin=True,
                id="weekly",
            )

    def _foot_check(self) -> ComposeResult:
        yield Static(
            "Foot check: tops, soles, heels, between the toes. Anything new?",
            classes="section",
        )
        for key in FINDINGS:
            value = self.state.findings.get(key, "")
            options = SIDE_OPTIONS if sided(key) else YES_NO_OPTIONS
            if value not in (o.value for o in options):  # "yes": no foot named, kept as is
                about = NO_FOOT_NAMED if value == "yes" else ""
                options = [*options, Option(value, value, "", about)]
            yield ChoiceRow(key, SHORT_FINDINGS[key], options, value, id=f"finding-{key}")

    def _daily_care(self) -> ComposeResult:
        """Footwear, the short daily-care fields, and the note."""
        s = self.state
        yield Static("Daily care (optional)", classes="section")
        footwear = "" if s.footwear is None else ("yes" if s.footwear else "no")
        yield ChoiceRow(
            "footwear", "Supportive footwear worn", FOOTWEAR_OPTIONS, footwear, id="footwear"
        )
        for name, (label, placeholder) in TEXT_INPUTS.items():
            with Horizontal(classes="form-field"):
                yield Label(f" {label}")
                yield Input(
                    getattr(s, name),
                    placeholder=placeholder,
                    id=name,
                    compact=True,
                    type="integer" if name == "exercise" else "text",
                    max_length=40,
                    select_on_focus=False,
                )
        yield Static("Note (optional)", classes="section")
        yield Input(
            s.note,
            placeholder="e.g. new socks; medication changed",
            id="note",
            compact=True,
            max_length=MAX_NOTE,
            select_on_focus=False,
        )

    DEFAULT_CSS = """
    EntryForm #form-body { padding: 0 1; }
    EntryForm #form-heading { text-style: italic; }
    EntryForm .form-field { height: 1; }
    EntryForm .form-field > Label { width: 29; }
    EntryForm .form-field > Input { width: 1fr; }
    EntryForm #note { margin-left: 1; }
    EntryForm #form-hint { height: auto; max-height: 2; background: $panel; padding: 0 1; }
    EntryForm #form-hint.-error { text-style: bold reverse; }
    """

    def on_mount(self) -> None:
        # after the first refresh: keys typed ahead (j then n at once) can mount the form
        # before its fields are in place
        self.call_after_refresh(self.settle_fields)

    def settle_fields(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        for first in self.query(f"#before-{SYMPTOMS[0]}"):
            first.focus()

    # --- keeping the state and the draft -------------------------------------------------
    def on_rating_row_changed(self, event: RatingRow.Changed) -> None:
        row_id = event.row.id or ""
        if row_id == "sleep":
            self.state.sleep = event.value
        elif row_id.startswith(("before-", "after-")):
            which, symptom = row_id.split("-", 1)
            getattr(self.state, which)[symptom] = event.value
        self.changed()

    def on_choice_row_changed(self, event: ChoiceRow.Changed) -> None:
        row_id = event.row.id or ""
        if row_id == "weekly":
            self.state.weekly = int(event.value) if event.value else None
        elif row_id == "footwear":
            self.state.footwear = None if not event.value else event.value == "yes"
        elif row_id.startswith("finding-"):
            key = row_id.removeprefix("finding-")
            if event.value:
                self.state.findings[key] = event.value
            else:
                self.state.findings.pop(key, None)
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        if name in ("note", *TEXT_INPUTS):
            setattr(self.state, name, event.value)
            self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    @property
    def dirty(self) -> bool:
        return self.restored or self.state.to_dict() != self.original.to_dict()

    def changed(self) -> None:
        """Write the draft now (atomically), so a crash or a dropped link loses nothing."""
        if not self.is_mounted or self._saving:
            return
        data = self.state.to_dict()
        if data == self._last_draft or not self.dirty:
            return
        try:
            self.uses.journal_use.save_draft(
                draft_record(self.state, self.uses.now().replace(microsecond=0))
            )
        except StorageError as exc:
            if not self._draft_warned:
                self._draft_warned = True
                self.notify(str(exc), title="Draft not saved", severity="error", timeout=15)
            return
        self._last_draft = data

    def clear_draft(self) -> None:
        try:
            self.uses.journal_use.clear_draft()
        except StorageError as exc:
            self.notify(str(exc), title="Draft not removed", severity="warning")

    # --- hints ---------------------------------------------------------------------------
    def on_descendant_focus(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        hint = self.query_one("#form-hint", Static)
        hint.remove_class("-error")
        if isinstance(widget, ChoiceRow):
            hint.update(widget.keys_hint + " · s or F2 saves")
        elif isinstance(widget, Input):
            hint.update(INPUT_HINT)
        else:
            hint.update(RATING_HINT)

    def show_problem(self, message: str) -> None:
        hint = self.query_one("#form-hint", Static)
        hint.update(f"Not saved: {message}")
        hint.add_class("-error")

    # --- actions -------------------------------------------------------------------------
    def action_save(self) -> None:
        if self._saving:
            return
        problems = self.state.problems()
        if problems:
            name, message = problems[0]
            self.query_one(f"#{name}", Widget).focus()
            self.show_problem(message)
            self.notify(message, title="Not saved yet", severity="error")
            return
        if self.base is None and self.state.empty:
            self.show_problem("nothing is filled in yet.")
            return
        at = self.uses.now().replace(microsecond=0)
        if self.base is None and not self.state.entry_id:
            # the draft knows the new entry's id before anything is written: saved again
            # after a crash in between, it is the same entry with the same warning signs
            self.state.entry_id = new_id(at)
            self.changed()
        entry = self.state.build(self.base, self.state.entry_id, at)
        try:
            stale = self.uses.journal_use.save(entry, self.base)
        except StorageError as exc:
            self.notify(
                str(exc), title="Not saved — what you typed is kept", severity="error", timeout=20
            )
            return
        if stale is not None:  # changed or deleted elsewhere since the form opened
            self.notify(stale.message, title="Not saved", severity="warning", timeout=30)
            if stale.now is None or stale.now.deleted:
                self.keep_as_draft(gone=stale.now is None)
            else:
                self.call_later(self.show_as_now, stale.now)
            return
        self._saving = True
        self.clear_draft()
        self.app.pop_screen()
        self.on_saved(entry, self.base)

    def keep_as_draft(self, gone: bool) -> None:
        """The entry was deleted (or is gone): what was typed is kept as a draft, finished
        later with n (as a new entry when the one it changed is gone)."""
        if gone:
            self.state.mode, self.state.entry_id = "new", ""
        self.changed()
        self._saving = True
        self.app.pop_screen()

    async def show_as_now(self, now: Entry) -> None:
        """The entry as it is now, with the person's own changes on top (kept as a draft)."""
        self.state = self.uses.journal_use.keep_changes(self.state, self.original, now)
        self.base = now
        self.original = FormState.from_entry(now)
        self.changed()
        await self.recompose()
        self.settle_fields()

    def action_leave(self) -> None:
        if not self.dirty:
            self.app.pop_screen()
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self._saving = True
                self.clear_draft()
                self.notify("The draft was discarded.")
                self.app.pop_screen()
            elif choice == "keep":
                self.changed()
                self.notify("Kept as a draft: press n in the journal to finish it.")
                self.app.pop_screen()

        self.app.push_screen(confirm_leave(), answered)
