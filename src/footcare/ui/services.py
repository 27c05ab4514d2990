"""Everything a screen needs from outside the ui, gathered once and injectable in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from footcare.domain.journal import Entry
from footcare.domain.redflags import session_blocking_times
from footcare.domain.routine import Routine
from footcare.domain.screening import Answers, Clearance, Verdict, evaluate
from footcare.storage.config import Config, load_config, remember
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.routines import Catalogue, load_catalogue
from footcare.storage.state import ClearanceStore, TableFile, draft_file, session_file


@dataclass
class Services:
    paths: Paths
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = datetime.now
    config: Config = field(default_factory=Config)
    problems: list[str] = field(default_factory=list)
    catalogue: Catalogue = field(default_factory=Catalogue)

    def __post_init__(self) -> None:
        loaded = load_config(self.paths)
        self.config = loaded.config
        self.problems.extend(loaded.problems)
        self.journal = JournalStore(self.paths)
        self.clearance_store = ClearanceStore(self.paths)
        self.session_file: TableFile = session_file(self.paths)
        self.draft_file: TableFile = draft_file(self.paths)
        self._flag_cache: tuple[Any, tuple[list[datetime], list[str]]] | None = None
        self.reload_routines()

    def today(self) -> date:
        return self.now().date()

    def reload_routines(self) -> Catalogue:
        self.catalogue = load_catalogue(self.paths)
        return self.catalogue

    def routine(self, routine_id: str) -> Routine | None:
        return self.catalogue.routines.get(routine_id)

    def default_routine_id(self) -> str:
        ids = list(self.catalogue.routines)
        if self.config.routine in ids:
            return self.config.routine
        return "standard" if "standard" in ids else (ids[0] if ids else "")

    def remember(self, key: str, value: str) -> str | None:
        """Remember a choice in config.toml; the problem as text if it can't be."""
        try:
            remember(self.paths, key, value)
        except StorageError as exc:
            return str(exc)
        return None

    # screening ---------------------------------------------------------------------------
    def clearances(self) -> dict[str, Clearance]:
        return self.clearance_store.load()

    def red_flag_days(self) -> tuple[list[datetime], list[str]]:
        """Days with a session-blocking flag in the last year, and unreadable journal files.

        Cached on the month files' sizes and times, so answering screening questions one by
        one does not re-read a year of journal each time.
        """
        since = self.today().replace(day=1)
        month = f"{since.year - 1:04d}-{since.month:02d}"
        key = (month, self.journal.stamp(month))
        if self._flag_cache is None or self._flag_cache[0] != key:
            loaded = self.journal.load(since_month=month)
            result = (session_blocking_times(loaded.entries), list(loaded.problems))
            self._flag_cache = (key, result)
        return self._flag_cache[1]

    def verdict(self, answers: Answers, routine: Routine | None) -> Verdict:
        extra = routine.precautions if routine else ()
        days, unreadable = self.red_flag_days()
        return evaluate(
            answers,
            self.today(),
            extra_items=extra,
            red_flag_days=days,
            configured_months=self.config.clearance_months,
            unreadable_journal=unreadable,
        )

    # session state -----------------------------------------------------------------------
    def saved_session(self) -> dict[str, Any] | None:
        """Today's unfinished session, if any."""
        try:
            data = self.session_file.load()
        except StorageError:
            return None
        if not data or data.get("started_on") != self.today().isoformat():
            return None
        if data.get("status") in ("finished", "stopped"):
            return None
        if self.routine(str(data.get("routine_id", ""))) is None:
            return None
        return data

    def add_entry(self, entry: Entry) -> None:
        self.journal.add(entry)
