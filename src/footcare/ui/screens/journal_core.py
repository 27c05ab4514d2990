"""The journal screen's core: the entries read (a year at a time), the table, the summary
and the banner above it. The writing and the search are parts of their own
(journal_writes.py, journal_search.py); the screen itself is journal.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from footcare.domain.journal import Entry
from footcare.domain.trends import overview_of
from footcare.services.history import History, month_start
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.widgets.history_table import HistoryTable
from footcare.ui.widgets.trends import summary_text

if TYPE_CHECKING:
    from footcare.services.history import Look

SEARCH_PAUSE = 0.3
"""Seconds of no typing before the search runs (Enter runs it at once)."""
LOOK_EVERY = 3.0
"""Seconds between looks at the journal's files while the list is on screen: an entry
added, changed or deleted elsewhere (by hand, by another footcare) shows a moment later."""
SEARCH_LONGEST = 200
"""Characters a search keeps; the rest of a longer one (a stray paste) is left out."""


class JournalCore(FootcareScreen):
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
        self._seen: object = None
        """The files' version the last look every LOOK_EVERY seconds found."""
        yield SafeHeader()
        yield Static("", id="journal-summary")
        yield Static("", id="journal-banner")
        search = Input(
            placeholder="Find: words in the notes, from:2026-10-01 to:2026-10-31 (Esc clears)",
            id="journal-search",
        )
        search.can_focus = False  # hidden: every key goes to the table until / opens it
        yield search
        yield Static("No entries yet. Press n to write your first entry.", id="journal-empty")
        yield HistoryTable(self.history)
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
        self.set_interval(LOOK_EVERY, self.look_again)

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

    def look_again(self) -> None:
        """Every LOOK_EVERY seconds, while the list is the screen shown: a look at the
        month files' stamps (off the main thread), and what changed is shown."""
        if self.is_current and self.history.checked:
            self.look_elsewhere()

    @work(thread=True, exclusive=True, group="journal-look")
    def look_elsewhere(self) -> None:
        report = self.history.look_at_files()
        if not get_current_worker().is_cancelled:  # not when the screen is gone
            self.app.call_from_thread(self.looked_elsewhere, report)

    def looked_elsewhere(self, report: Look) -> None:
        if report.version is not None and report.version == self._seen:
            return  # proven unchanged since the last look
        self._seen = report.version
        if self.is_current and self.is_attached:  # not while footcare closes
            self.read_again()

    def read_again(self) -> None:
        """Show the journal as the files hold it now, the highlighted row kept (or the
        one in its place, when it is gone)."""
        if self.history.refresh_recent(self.uses.today()):
            table = self.table
            row, keep = table.cursor_row, self.current_id()
            self.report_problems(self.history.problems)
            self.rebuild(keep)
            if keep is not None and keep not in table.rows and table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))
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
        if action == "open":
            return self.current_id() is not None or self.table.current_day() is not None or None
        if action in ("edit", "delete"):
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

    # the writing part's own (journal_writes.py), called from here
    def action_open(self) -> None:
        raise NotImplementedError

    def open_draft(self) -> None:
        raise NotImplementedError
