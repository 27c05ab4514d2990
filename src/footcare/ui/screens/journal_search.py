"""The journal screen's search part: / finds entries (run once typing pauses), w keeps
those with a warning sign, a shows deleted ones too."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from footcare.domain.search import parse_query
from footcare.ui.screens.journal_core import SEARCH_LONGEST, JournalCore


class JournalSearch(JournalCore):
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
