"""Trends: streak, this week against daily, the weekly question, symptoms over 30 and 90 days,
and what changed for you ("is it helping?")."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll

from footcare.domain.journal import Entry
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.widgets.trends import TrendsPanel


class TrendsScreen(FootcareScreen):
    TITLE_TEXT = "Journal trends"
    HELP_TEXT = """\
## Trends

- **Streak**: days in a row with a session, up to today (or yesterday).
- **Last 7 days**: days with a session in the 7 days ending today (the reports count
  their weeks the same way, back from their last day); the goal is daily.
- **Symptoms**: each day's average rating. A bar per day over 30 days, and
  one per 3 days over 90 days: ▁ is 0, █ is 10, · means no rating that day.
  The numbers beside them say the same in figures.
- **Change during sessions**: the after rating minus the before rating;
  a minus sign means you felt better after the massage.
- **Is it helping?**: over the last 90 days, for each rating, the middle
  value (median) of after − before across your sessions, and your average
  in the first 30 days with ratings against the last 30. They say what
  changed for you, not why: many things move these ratings. With fewer than
  5 sessions, or less than 60 days of ratings, they say "not enough data yet".

**↑ ↓** scroll, **Esc** goes back to the list.
"""

    BINDINGS = [
        Binding("escape,t", "back", "Back", id="trends.back", tooltip="Back to the journal list"),
    ]

    def __init__(self, entries: Sequence[Entry]) -> None:
        super().__init__(id="trends")
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with VerticalScroll(id="trends-body"):
            yield TrendsPanel()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(TrendsPanel).show(self.entries, self.uses.today())
        self.query_one("#trends-body").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
