"""The journal's history table: newest first, a few months at first, a year more at a time.

Only the journal screen imports this module (DataTable is not needed anywhere else).
Rows are placed one by one when an entry is added, changed, deleted or restored,
so ten years of entries never have to be redrawn at once.
"""

from __future__ import annotations

from datetime import date, datetime, time

from rich.text import Text
from textual.binding import Binding

from footcare.domain.history import HISTORY_COLUMNS, blocked_words, table_row
from footcare.domain.journal import Entry
from footcare.domain.redflags import entry_flags
from footcare.domain.search import Filter, matches
from footcare.domain.text import clean
from footcare.services.history import History
from footcare.ui.compat.table import OneLineTable

FIXED_WIDTHS = (10, 12, 4, 5, 5, 5, 5)
"""Date, routine, minutes per foot, the four ratings; the foot check column takes the rest."""
CELL_PADDING = 2
SCROLLBAR = 2


class When(str):
    """A date cell that sorts by the entry's full time (two entries can share a day)."""

    at: datetime

    def __new__(cls, text: str, at: datetime) -> When:
        cell = super().__new__(cls, text)
        cell.at = at
        return cell


def cells(entry: Entry) -> list[str | Text]:
    """The row for one entry: words first; struck through if deleted, bold if it has a flag.

    Cells other than the date are Text (a str cell would be read as markup), cleaned of
    control characters whatever the entry holds."""
    date_text, *rest = table_row(entry)
    out: list[str | Text] = [When(date_text, entry.at)]
    texts = [Text(clean(value), no_wrap=True, overflow="ellipsis") for value in rest]
    for text in texts:
        if entry.deleted:
            text.stylize("strike")
    if entry_flags(entry):
        texts[-1].stylize("bold")
    return out + list(texts)


BLOCKED_KEY = "blocked:"
"""Row keys of blocked days start with this; every other row key is an entry id."""


def blocked_cells(day: date, items: tuple[str, ...]) -> list[str | Text]:
    """A blocked day: no massage, and which of today's questions said so."""
    return [
        When(day.isoformat(), datetime.combine(day, time(23, 59, 59))),
        Text("NO MASSAGE", style="bold"),
        *(Text("–") for _ in range(len(HISTORY_COLUMNS) - 3)),
        Text(clean(blocked_words(items)), style="bold", no_wrap=True, overflow="ellipsis"),
    ]


class HistoryTable(OneLineTable):
    """Home and End go to the newest and oldest entry shown (in DataTable they scroll sideways)."""

    BINDINGS = [
        Binding(
            "home",
            "scroll_top",
            "First entry",
            show=False,
            id="journal.first",
            tooltip="Go to the newest entry",
        ),
        Binding(
            "end",
            "scroll_bottom",
            "Last entry",
            show=False,
            id="journal.last",
            tooltip="Go to the oldest entry shown (and show the year before)",
        ),
    ]

    def __init__(self, history: History) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False)
        self.history = history
        self.show_deleted = False
        self.shown_since: date | None = None
        """Entries from this day on are shown; None: all of them."""
        self.built_width = 0
        self.filter = Filter()
        """What the search box asks for; empty shows everything."""
        self.blocked: dict[date, tuple[str, ...]] = {}
        """Blocked days from the safety record: shown as rows of their own."""
        self.blocked_rows: set[str] = set()
        """The keys of the rows that show a blocked day (every other row is an entry, whatever
        its id reads)."""

    def shows(self, entry: Entry) -> bool:
        if entry.deleted and not self.show_deleted:
            return False
        if not matches(entry, self.filter):
            return False
        return self.shown_since is None or entry.day >= self.shown_since

    def flags_width(self) -> int:
        used = sum(FIXED_WIDTHS) + CELL_PADDING * (len(FIXED_WIDTHS) + 1) + SCROLLBAR
        return max(14, self.app.size.width - used)

    def add_cells(self, row: list[str | Text], key: str) -> None:
        """One row. Its last cell (the foot check, or why a day was blocked) is never cut:
        words longer than its column run on over the lines they need."""
        last = row[-1]
        height: int | None = 1
        if isinstance(last, Text) and last.cell_len > self.flags_width():
            last.no_wrap, last.overflow, height = False, "fold", None
        self.add_row(*row, key=key, height=height)

    def current_key(self) -> str | None:
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return None if row_key.value is None else str(row_key.value)

    def current_id(self) -> str | None:
        """The entry under the cursor (None on a blocked day's row)."""
        key = self.current_key()
        return None if key is None or key in self.blocked_rows else key

    def current_day(self) -> tuple[date, tuple[str, ...]] | None:
        """The blocked day under the cursor and the questions answered yes on it."""
        key = self.current_key()
        if key is None or key not in self.blocked_rows:
            return None
        day = date.fromisoformat(key.removeprefix(BLOCKED_KEY))
        return day, self.blocked.get(day, ())

    def add_blocked(self, since: date | None, until: date | None) -> None:
        """Rows for the blocked days from ``since`` up to (not including) ``until``."""
        added = False
        wanted = self.filter
        if wanted.text:  # words are looked for in entries; a blocked day has none
            return
        for day, items in self.blocked.items():
            key = f"{BLOCKED_KEY}{day.isoformat()}"
            if key in self.rows or (since and day < since) or (until and day >= until):
                continue
            if (wanted.since and day < wanted.since) or (wanted.until and day > wanted.until):
                continue
            self.add_cells(blocked_cells(day, items), key)
            self.blocked_rows.add(key)
            added = True
        if added:
            self.sort(HISTORY_COLUMNS[0], key=lambda when: when.at, reverse=True)

    def rebuild(self, keep: str | None = None) -> None:
        """Fill the table again, keeping the cursor on ``keep`` (or the current entry)."""
        keep = keep or self.current_id()
        self.clear(columns=True)
        self.blocked_rows.clear()
        self.built_width = self.app.size.width
        widths = [*FIXED_WIDTHS, self.flags_width()]
        for label, width in zip(HISTORY_COLUMNS, widths, strict=True):
            self.add_column(label, width=width, key=label)
        for entry in self.history.newest_first(self.show_deleted):
            if self.shows(entry):
                self.add_cells(cells(entry), entry.id)
        self.add_blocked(self.shown_since, None)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep))

    def place(self, entry: Entry) -> None:
        """Show one added, changed, deleted or restored entry without redrawing the rest."""
        if entry.id in self.rows:  # placed again: its words may take more lines, or fewer
            self.remove_row(entry.id)
        if self.shows(entry):
            self.add_cells(cells(entry), entry.id)
            self.sort(HISTORY_COLUMNS[0], key=lambda when: when.at, reverse=True)
            self.move_cursor(row=self.get_row_index(entry.id))

    def older_hidden(self) -> bool:
        """Entries exist (or may, while still being read) before the first day shown."""
        if self.shown_since is None:
            return False
        if not self.history.complete:
            return True
        first = self.history.entries()[:1]
        return bool(first) and first[0].day < self.shown_since

    def show_older(self) -> None:
        """Add the year before the oldest row at the bottom, reading it first: each year is
        read when the table reaches it."""
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
            self.add_cells(cells(entry), entry.id)
        self.add_blocked(self.shown_since, until)
