"""The journal: every entry newest first, and the ways to write, open, change and export them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from footcare.domain.draft import FormState
from footcare.domain.errors import StorageError
from footcare.domain.journal import Entry, weekly_question_due
from footcare.domain.redflags import entry_flags
from footcare.domain.search import parse_query
from footcare.domain.trends import overview_of
from footcare.domain.wording import CONTACT
from footcare.services.history import History, month_start
from footcare.services.report import HTML_DAYS, REPORT_DAYS
from footcare.ui.compat import KeysFooter
from footcare.ui.screens.ask import confirm_delete
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.entry_view import EntryView
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.screens.trends import TrendsScreen
from footcare.ui.widgets.history_table import HistoryTable, cells
from footcare.ui.widgets.trends import summary_text

if TYPE_CHECKING:
    from footcare.services.history import Look

SEARCH_PAUSE = 0.3
"""Seconds of no typing before the search runs (Enter runs it at once)."""
SEARCH_LONGEST = 200
"""Characters a search keeps; the rest of a longer one (a stray paste) is left out."""


class YearTable(HistoryTable):
    """The history table, a year more at a time: each year read when the table reaches it."""

    def show_older(self) -> None:
        """Add the year before the oldest row at the bottom, reading it first."""
        if self.shown_since is None or not self.older_hidden():
            return
        history = self.history
        until = self.shown_since
        since = until.replace(year=until.year - 1)
        while not history.complete and history.since is not None and history.since > since:
            history.load_year_before()
        self.shown_since = since
        if not self.older_hidden():
            self.shown_since = None
        for entry in history.newest_first(self.show_deleted):
            if entry.day >= until:
                continue
            if entry.day < since:
                break
            self.add_row(*cells(entry), key=entry.id)
        self.add_blocked(self.shown_since, until)


class JournalScreen(FootcareScreen):
    TITLE_TEXT = "Journal"
    HELP_TEXT = f"""\
## Journal

Your entries, newest first: the date, the routine, minutes per foot, pain
before → after the session, and what the foot check noted.

- **n** new entry (also finishes an unsaved draft) · **Enter** open one
- **e** edit · **d** delete (asks first) · **u** undo the delete
- **a** show or hide deleted entries (restore one with **u**)
- **/** finds entries: words in the notes, foot check or routine, and
  `from:2026-10-01` / `to:2026-10-31` for dates (**Esc** clears it)
- **w** shows only entries with a warning sign (again: all of them)
- **t** trends: streak, this week, symptoms over 30 and 90 days
- **x** export: a one-page report for {CONTACT}
  (the last {REPORT_DAYS} days) and a CSV of every entry, saved in your reports folder

Ratings are what you noted yourself; footcare is not a diagnosis.
"""

    BINDINGS = [
        Binding("n", "new", "New", id="journal.new", tooltip="Write a new journal entry"),
        Binding("enter", "open", "Open", id="journal.open", tooltip="Show the entry in full"),
        Binding("e", "edit", "Edit", id="journal.edit", tooltip="Change the chosen entry"),
        Binding("d", "delete", "Delete", id="journal.delete", tooltip="Delete (asks first)"),
        Binding("u", "undo", "Undo", id="journal.undo", tooltip="Restore the deleted entry"),
        Binding(
            "a",
            "toggle_deleted",
            "Show deleted",
            show=False,
            id="journal.deleted",
            tooltip="Show or hide deleted entries",
        ),
        Binding("t", "trends", "Trends", id="journal.trends", tooltip="Streak, week, symptoms"),
        Binding("x", "export", "Export", id="journal.export", tooltip="Write a report to share"),
        Binding(
            "slash",
            "search",
            "Search",
            show=False,
            id="journal.search",
            tooltip="Find entries by words, from:DATE and to:DATE",
        ),
        Binding(
            "w",
            "warnings",
            "Warning signs",
            show=False,
            id="journal.warnings",
            tooltip="Show only entries with a warning sign (again: all)",
        ),
    ]

    DEFAULT_CSS = """
    JournalScreen #journal-summary { height: auto; padding: 0 1; }
    JournalScreen #journal-banner { padding: 0 1; text-style: bold reverse; display: none; }
    JournalScreen #journal-empty { padding: 1 2; display: none; }
    JournalScreen DataTable { height: 1fr; }
    JournalScreen #journal-more { padding: 0 1; text-style: italic; display: none; }
    JournalScreen #journal-search { display: none; }
    JournalScreen #journal-search.-open { display: block; }
    """

    history: History
    """Made in compose (it needs the app's services), read in on_mount."""

    def __init__(self) -> None:
        super().__init__(id="journal")
        self.undo_stack: list[str] = []
        self.search_pause = SEARCH_PAUSE
        self._search_timer: Timer | None = None
        self._search_note = ""
        """What the search could not use (a date it cannot read, a part cut off), shown in
        the banner until the search changes."""

    def compose(self) -> ComposeResult:
        self.history = self.uses.journal_use.history()
        self._away = False
        """Another screen was shown since the journal was read: read what changed."""
        self._reported: set[str] = set()
        """Problems already told (each once while the journal is open)."""
        yield Header()
        yield Static("", id="journal-summary")
        yield Static("", id="journal-banner")
        search = Input(
            placeholder="Find: words in the notes, from:2026-10-01 to:2026-10-31 (Esc clears)",
            id="journal-search",
        )
        search.can_focus = False  # hidden: every key goes to the table until / opens it
        yield search
        yield Static("No entries yet. Press n to write your first entry.", id="journal-empty")
        yield YearTable(self.history)
        yield Static("", id="journal-more")
        yield KeysFooter()

    @property
    def table(self) -> HistoryTable:
        return self.query_one(HistoryTable)

    # --- loading -------------------------------------------------------------------------
    def on_mount(self) -> None:
        history = self.history
        # from the index as it is; the month files are looked at once this is on screen
        history.load_recent(self.uses.today(), check_later=True)
        self.table.blocked = self.uses.journal_use.blocked_days()
        self.show_loaded()
        self.table.focus()
        if not history.checked:
            self.call_after_refresh(self.look_at_files)
        if self.uses.journal_use.has_draft():
            self.call_after_refresh(self.open_draft)

    def show_loaded(self) -> None:
        """Show what the history has just read."""
        history = self.history
        self.table.shown_since = month_start(history.cutoff) if history.cutoff else None
        self.report_problems(history.problems)
        self.rebuild()

    @work(thread=True, exclusive=True, group="journal-check")
    def look_at_files(self) -> None:
        """The month files' stamps, looked at off the main thread as soon as the journal is
        on screen: an edit made by hand since footcare last looked shows then."""
        report = self.history.look_at_files()
        self.app.call_from_thread(self.files_looked_at, report)

    def files_looked_at(self, report: Look) -> None:
        history = self.history
        if history.checked_files(self.uses.today(), report):
            self.report_problems(history.problems)
            self.rebuild()
        self.refresh_summary()

    def report_problems(self, problems: list[str]) -> None:
        for problem in problems:
            if problem not in self._reported:
                self._reported.add(problem)
                self.notify(
                    problem, title="A journal file was skipped", severity="warning", timeout=15
                )

    def on_screen_suspend(self) -> None:
        self._away = True

    def on_screen_resume(self) -> None:
        if not self._away:  # shown for the first time: on_mount has just read everything
            return
        self._away = False
        today = self.uses.today()
        blocked = self.uses.journal_use.blocked_days()
        changed = blocked != self.table.blocked
        self.table.blocked = blocked
        # a look at every month file's stamp: an edit anywhere shows
        changed = self.history.refresh_recent(today) or changed
        if changed:
            self.rebuild()
        self.refresh_summary()

    # --- the table -----------------------------------------------------------------------
    def rebuild(self, keep: str | None = None) -> None:
        self.table.rebuild(keep)
        self.after_rows_changed()

    def place(self, entry: Entry) -> None:
        self.table.place(entry)
        self.after_rows_changed()

    def after_rows_changed(self) -> None:
        table = self.table
        empty = table.row_count == 0
        self.query_one("#journal-empty").display = empty
        table.display = not empty
        if not empty and self.focused is None:
            table.focus()
        self.refresh_summary()

    def on_resize(self) -> None:
        if self.app.size.width != self.table.built_width:
            self.rebuild()

    def load_everything(self) -> None:
        """Read the older years now (for an export, or a draft of an old entry)."""
        if not self.history.complete:
            self.history.load_all()
            self.refresh_summary()

    def current_id(self) -> str | None:
        return self.table.current_id()

    def current_entry(self) -> Entry | None:
        entry_id = self.current_id()
        return self.history.get(entry_id) if entry_id else None

    def refresh_summary(self) -> None:
        tally = self.history.counts(self.uses.today())
        self.query_one("#journal-summary", Static).update(summary_text(overview_of(tally)))
        more = self.query_one("#journal-more", Static)
        since = self.table.shown_since
        more.display = self.table.older_hidden() and self.table.row_count > 0
        if more.display and since is not None:
            more.update(
                f"Showing entries since {since.isoformat()}. "
                "Reaching the last row shows the year before."
            )
        banner = self.query_one("#journal-banner", Static)
        wanted = self.table.filter
        note = f"{self._search_note} " if self._search_note else ""
        if not wanted.empty:
            shown = self.table.row_count
            what = "entry" if shown == 1 else "entries"
            what += " with a warning sign" if wanted.flags_only else ""
            banner.update(
                f"{note}Showing {shown} {what} found. / changes the search, Esc clears it"
                + (", w shows all" if wanted.flags_only else "")
                + "."
            )
            banner.display = True
        elif note:
            banner.update(f"{note}Esc clears the search.")
            banner.display = True
        elif self.uses.journal_use.has_draft():
            banner.update("An entry you have not saved yet is kept: press n to finish it.")
            banner.display = True
        elif self.table.show_deleted:
            banner.update("Showing deleted entries too (struck through): u restores, a hides them.")
            banner.display = True
        else:
            banner.display = False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "edit", "delete"):
            return self.current_id() is not None or None
        if action == "undo":
            current = self.current_entry()
            return bool(self.undo_stack) or bool(current and current.deleted)
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """Reaching the last row brings in the year before, below it."""
        table = self.table
        if event.cursor_row == table.row_count - 1 and table.older_hidden():
            table.show_older()  # a year more, read as it is reached
            self.after_rows_changed()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

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
        self.notify("Saved to your journal.", title="Saved")
        if flags:
            self.app.push_screen(FlagNotice(flags, emergency))

    def delete_entry(self, entry: Entry) -> None:
        def answered(choice: str | None) -> None:
            if choice == "delete":
                self.set_deleted(entry, True)

        question = confirm_delete(entry)
        signs = self.uses.journal_use.recorded_signs(entry)
        if signs:
            what = "; ".join(sorted({s.what for s in signs}))
            question.text += (
                f"\n\nThis entry noted a warning sign ({what}). Deleting the entry does not "
                "remove it from your safety record: sessions stay blocked until you record a "
                "professional's check of your feet."
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
        if entry is not None:
            self.app.push_screen(EntryView(entry, self))

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

    # --- search ----------------------------------------------------------------------------
    def action_search(self) -> None:
        field = self.query_one("#journal-search", Input)
        field.cursor_blink = False
        field.add_class("-open")
        field.can_focus = True
        field.focus()

    def close_search(self) -> None:
        field = self.query_one("#journal-search", Input)
        field.remove_class("-open")
        field.can_focus = False
        self.table.focus()

    def action_warnings(self) -> None:
        self.apply_filter(flags_only=not self.table.filter.flags_only)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Each key only restarts the wait: the search runs once typing pauses."""
        if event.input.id != "journal-search":
            return
        event.stop()
        if len(event.value) > SEARCH_LONGEST:
            event.input.value = event.value[:SEARCH_LONGEST]  # comes back as a new change
            return
        self.stop_search_timer()
        self._search_timer = self.set_timer(self.search_pause, self.search_now)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "journal-search":
            event.stop()
            self.search_now()
            self.table.focus()

    def stop_search_timer(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None

    def search_now(self) -> None:
        """Run the search as typed so far."""
        self.stop_search_timer()
        self.apply_filter(text=self.query_one("#journal-search", Input).value)

    def on_key(self, event: events.Key) -> None:
        field = self.query_one("#journal-search", Input)
        if event.key == "escape" and (field.has_focus or field.has_class("-open")):
            event.stop()
            self.stop_search_timer()
            with field.prevent(Input.Changed):
                field.value = ""
            self.close_search()
            self.apply_filter(text="")

    def apply_filter(self, text: str | None = None, flags_only: bool | None = None) -> None:
        """Show only what the search asks for; a search looks through every year. What it
        cannot use is said once, in the banner above the table."""
        current = self.table.filter
        words = self.query_one("#journal-search", Input).value if text is None else text
        flags = current.flags_only if flags_only is None else flags_only
        wanted, problems = parse_query(words, flags)
        if len(words) >= SEARCH_LONGEST:
            problems.append(f"A search keeps its first {SEARCH_LONGEST} characters.")
        note = " ".join(p if p.endswith(".") else f"{p}." for p in problems)
        if wanted == current:
            if note != self._search_note:
                self._search_note = note
                self.refresh_summary()
            return
        self._search_note = note
        if not wanted.empty:
            self.load_everything()
            self.table.shown_since = None
        self.table.filter = wanted
        self.rebuild()

    def action_toggle_deleted(self) -> None:
        self.table.show_deleted = not self.table.show_deleted
        self.rebuild()

    def action_trends(self) -> None:
        self.load_everything()  # the averages over every session
        self.app.push_screen(TrendsScreen(self.history.entries()))

    def action_export(self) -> None:
        self.load_everything()
        try:
            written = self.uses.journal_use.export(self.history.entries())
        except StorageError as exc:
            self.notify(str(exc), title="Export not written", severity="error", timeout=20)
            return
        from footcare.ui.screens.exported import Exported

        # each path whole, on screen until closed
        self.app.push_screen(
            Exported(
                [
                    (f"Printable report for your clinician (last {HTML_DAYS} days)", written.html),
                    (f"The same as text (last {REPORT_DAYS} days)", written.markdown),
                    ("All entries (CSV)", written.csv),
                ]
            )
        )
        for warning in written.warnings:
            self.notify(warning, title="Check config.toml", severity="warning", timeout=20)
