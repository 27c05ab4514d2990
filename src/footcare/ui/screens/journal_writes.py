"""The journal screen's writing part: a new entry or a draft finished, an edit, a delete
asked first and undone with u; every write through the journal use-case."""

from __future__ import annotations

from footcare.domain.draft import FormState
from footcare.domain.errors import StorageError
from footcare.domain.journal import Entry, weekly_question_due
from footcare.domain.plain_words import SAVED
from footcare.domain.redflags import entry_flags
from footcare.domain.wording import signs_words
from footcare.ui.screens.ask import confirm_delete
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.entry_view import DayView, EntryView
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.screens.journal_core import JournalCore


class JournalWrites(JournalCore):
    # --- writing -------------------------------------------------------------------------
    def load_draft(self) -> FormState | None:
        try:
            data = self.uses.journal_use.load_draft()
        except StorageError as exc:
            self.notify(str(exc), title="The draft could not be read", severity="warning")
            return None
        form = data.get("form") if data else None
        return FormState.from_dict(form) if isinstance(form, dict) else None

    def open_draft(self) -> None:
        state = self.load_draft()
        if state is None:
            return
        base = None
        if state.mode == "edit":
            if self.history.get(state.entry_id) is None:
                self.load_everything()
            base = self.history.get(state.entry_id)
            if base is None:
                state.mode, state.entry_id = "new", ""
        self.notify("Your unsaved entry is back. s or F2 saves it.", title="Draft restored")
        self.app.push_screen(EntryForm(state, base, self.saved, restored=True))

    def action_new(self) -> None:
        if self.uses.journal_use.has_draft():
            self.open_draft()
            return
        due = weekly_question_due(self.history.entries(), self.uses.today())
        self.app.push_screen(EntryForm(FormState(ask_weekly=due), None, self.saved))

    def edit_entry(self, entry: Entry) -> None:
        if self.uses.journal_use.has_draft():
            self.notify("Finish or discard the unsaved entry first (press n).", severity="warning")
            return
        if entry.deleted:
            self.notify("Restore this entry first (u), then edit it.")
            return
        self.app.push_screen(EntryForm(FormState.from_entry(entry), entry, self.saved))

    def saved(self, entry: Entry, before: Entry | None) -> None:
        """After the form saved: show it in the table, and any warning sign it raises."""
        self.history.put(entry)
        self.place(entry)
        emergency = self.uses.settings.emergency_number
        flags = entry_flags(entry, emergency)
        if before is not None:
            old = {f.what for f in entry_flags(before, emergency)}
            flags = [f for f in flags if f.what not in old]
        if flags:
            self.app.push_screen(FlagNotice(flags, emergency, saved=True))
        else:
            self.notify(SAVED, title="Saved")

    def delete_entry(self, entry: Entry) -> None:
        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.set_deleted(entry, True)

        question = confirm_delete(entry)
        signs = self.uses.journal_use.recorded_signs(entry)
        if signs:
            question.text += (
                f"\n\nThis entry noted a warning sign: {signs_words(signs)}. Deleting the "
                "entry does not remove it from your safety record: sessions stay blocked until "
                "you record a professional's check of your feet."
            )
        self.app.push_screen(question, answered)

    def restore_entry(self, entry: Entry) -> None:
        self.set_deleted(entry, False)

    def set_deleted(self, entry: Entry, deleted: bool) -> None:
        try:
            changed = self.uses.journal_use.set_deleted(entry, deleted)
        except StorageError as exc:
            self.notify(str(exc), title="Nothing changed", severity="error", timeout=15)
            return
        if not isinstance(changed, Entry):  # changed or deleted elsewhere: shown as it is now
            self.notify(changed.message, title="Nothing changed", severity="warning", timeout=20)
            if changed.now is None:
                self.read_again()
            else:
                self.history.put(changed.now)
                self.place(changed.now)
            return
        self.history.put(changed)
        if deleted:
            self.undo_stack.append(changed.id)
            self.notify("Entry deleted. Press u to undo.", title="Deleted")
        else:
            if changed.id in self.undo_stack:
                self.undo_stack.remove(changed.id)
            self.notify("Entry restored.", title="Restored")
        self.place(changed)

    # --- actions -------------------------------------------------------------------------
    def action_open(self) -> None:
        entry = self.current_entry()
        blocked = self.table.current_day()
        if entry is not None:
            self.app.push_screen(EntryView(entry, self))
        elif blocked is not None:
            self.app.push_screen(DayView(*blocked))

    def action_edit(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.edit_entry(entry)

    def action_delete(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if entry.deleted:
            self.notify("This entry is already deleted; u restores it.")
            return
        self.delete_entry(entry)

    def action_undo(self) -> None:
        current = self.current_entry()
        if current is not None and current.deleted:
            self.restore_entry(current)
            return
        while self.undo_stack:
            entry = self.history.get(self.undo_stack[-1])
            if entry is not None and entry.deleted:
                self.restore_entry(entry)
                return
            self.undo_stack.pop()
        self.notify("Nothing to undo.")
