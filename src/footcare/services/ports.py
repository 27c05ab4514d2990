"""The narrow interfaces a session runs on: a clock, and a place that keeps it.

The runner sees nothing else of footcare: no bag of services, no folders, no client. The
sessions use-case (services/sessions.py) is the place; tests may give their own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from footcare.domain.journal import Entry
    from footcare.domain.routine import Routine
    from footcare.domain.screening import Verdict
    from footcare.domain.signs import WarningSign


class Clocks(Protocol):
    def clock(self) -> float:
        """Seconds on a clock that never goes back (the countdown's)."""
        ...

    def now(self) -> datetime:
        """The wall clock (dates and the journal's times)."""
        ...


class SessionPlace(Clocks, Protocol):
    """Where a session lives: the gate it passed, its saved progress, the journal."""

    def verdict(self, routine: Routine) -> Verdict:
        """The gate's verdict for this routine, built afresh from the records."""
        ...

    def visit_used(self) -> None:
        """The day's answers were used by a session (they are asked again next time)."""
        ...

    def pending_since(self, at: datetime) -> list[WarningSign]:
        """Session-blocking warning signs logged since ``at`` (may raise StorageError)."""
        ...

    def save_state(self, data: dict[str, Any]) -> None:
        """Keep the session's progress (raises StorageError when it can't)."""
        ...

    def clear_state(self) -> None:
        """The saved progress is no longer needed (a failure is left for the next start)."""
        ...

    def write_entry(self, entry: Entry, overwrite: bool = False) -> None:
        """The warning signs into the record, then the entry into the journal (raises
        StorageError when it can't)."""
        ...

    def ended(self, runner: object) -> None:
        """The session ``runner`` ran is wholly in the journal: the place lets it go."""
        ...
