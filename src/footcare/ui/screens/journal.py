"""The journal: every entry newest first, and the ways to write, open, change and export them.

The screen is made of parts: reading and the table (journal_core.py), writing
(journal_writes.py), the search (journal_search.py); the trends and the export are here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from footcare.domain.errors import StorageError
from footcare.domain.wording import CONTACT
from footcare.services.report import HTML_DAYS, REPORT_DAYS
from footcare.ui.screens.journal_search import JournalSearch
from footcare.ui.screens.journal_writes import JournalWrites
from footcare.ui.screens.trends import TrendsScreen

if TYPE_CHECKING:
    pass


class JournalScreen(JournalSearch, JournalWrites):
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

    def action_trends(self) -> None:
        self.load_everything()  # the averages over every session
        self.app.push_screen(TrendsScreen(self.history.entries()))

    def action_export(self) -> None:
        self.load_everything()
        try:
            written = self.uses.journal_use.export(self.history.entries(), self.history.problems)
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
