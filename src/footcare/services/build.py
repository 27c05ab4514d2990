"""footcare's use-cases, built in one place from the folders.

``open_footcare`` is the one way a client gets them: it makes the data folder, tidies what
a killed footcare left, reads config.toml, and wires the rest; no constructor below reads
or writes a file. Each client takes the use-case its work needs:

- ``settings``: config.toml, the routines, remembered choices;
- ``sessions``: start or carry on today's session, settle what was left (the runner's place);
- ``journal``: the entries, saving and deleting, the draft, the reports;
- ``gate``: the safety questions and the verdict (services/gate.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from footcare.services.gate import Gate
from footcare.services.journal_use import JournalUse
from footcare.services.sessions import Sessions
from footcare.services.settings import Settings
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository
from footcare.storage.safety import SafetyStore

if TYPE_CHECKING:
    from footcare.storage.index import Index


class UseCases:
    def __init__(
        self,
        paths: Paths,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.paths = paths
        self.clock = clock
        self.now = now
        self.settings = settings
        self.journal = JournalStore(paths)
        self.repository = JournalRepository(self.journal, lambda: self.index)
        """The journal as every reader sees it: through the index when it answers."""
        self.safety = SafetyStore(paths)
        self.gate = Gate(
            self.repository,
            self.safety,
            now,
            lambda: self.settings.config.clearance_months,
            months_unknown=lambda: self.settings.config.clearance_problem,
        )
        self.sessions = Sessions(paths, clock, now, self.gate, self.journal, settings)
        self.journal_use = JournalUse(
            paths,
            self.repository,
            self.gate,
            self.sessions,
            now,
            lambda: self.settings.emergency_number,
        )
        self._index: Index | None = None
        self._no_index = False

    def today(self) -> date:
        return self.now().date()

    @property
    def index(self) -> Index | None:
        """The journal's index in the cache folder, opened when first asked a question
        (the first screen never asks); None when there is no place for it. It is never
        the truth: whatever it can't answer is read from the month files."""
        if self._index is None and not self._no_index:
            try:
                where = self.paths.index
            except (OSError, RuntimeError):  # a data folder behind a loop of links
                self._no_index = True
                return None
            from footcare.storage.index import Index

            self._index = Index(where)
        return self._index

    def close(self) -> None:
        """Footcare is leaving: nothing is left speaking, the claim is let go, and the
        index is closed (SQLite tidies its journal files)."""
        self.sessions.close()
        if self._index is not None:
            self._index.close()


def open_footcare(
    paths: Paths,
    now: Callable[[], datetime] = datetime.now,
    clock: Callable[[], float] = time.monotonic,
) -> UseCases:
    """The use-cases for a client: the data folder made (private) first, what a killed
    footcare left tidied, config.toml read (its problems kept in ``settings.problems``).
    Raises StorageError when the data folder can't be made."""
    from footcare.storage.files import ensure_dir
    from footcare.storage.tidy import tidy_at_start

    ensure_dir(paths.data)
    tidy_at_start(paths)
    return read_footcare(paths, now, clock)


def read_footcare(
    paths: Paths,
    now: Callable[[], datetime] = datetime.now,
    clock: Callable[[], float] = time.monotonic,
) -> UseCases:
    """The use-cases over the folders as they are, nothing made or tidied first: for a
    command that reads, or adds one entry, or makes the data folder itself."""
    return UseCases(paths, Settings.load(paths), clock, now)
