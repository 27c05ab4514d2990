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

from footcare.services.gate import Gate
from footcare.services.journal_use import JournalUse
from footcare.services.sessions import Sessions
from footcare.services.settings import Settings
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository
from footcare.storage.safety import SafetyStore


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
        self.repository = JournalRepository.at(paths)
        """The journal as every reader sees it: through its index (in the cache folder,
        opened at the first question: the first screen never asks) when that answers, else
        from the month files."""
        self.journal = self.repository.store
        self.safety = SafetyStore(paths)
        self.gate = Gate(
            self.repository,
            self.safety,
            now,
            lambda: self.settings.config.clearance_months,
            months_unknown=lambda: self.settings.config.clearance_problem,
            emergency=lambda: self.settings.emergency_number,
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

    def today(self) -> date:
        return self.now().date()

    def close(self) -> None:
        """Footcare is leaving: nothing is left speaking, the claim is let go, and the
        index is closed (SQLite tidies its journal files)."""
        self.sessions.close()
        self.repository.close()


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
