"""The old single object of services, kept while callers move to the use-cases
(services/build.py): built from the folders in its constructor (it reads config.toml), and
answering the old names by handing them to the use-case that owns each."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from footcare.services.build import UseCases
from footcare.services.settings import Settings
from footcare.storage.paths import Paths
from footcare.storage.state import TableFile

if TYPE_CHECKING:
    from footcare.domain.journal import Ratings
    from footcare.domain.routine import Routine
    from footcare.services.cues import Terminal
    from footcare.services.runner import SessionRunner
    from footcare.storage.claim import Claim
    from footcare.storage.config import Config
    from footcare.storage.routines import Catalogue


class Services(UseCases):
    def __init__(
        self,
        paths: Paths,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(paths, Settings.load(paths), clock, now)
        self.terminal: Terminal | None = None
        """The cues' bell and voice for ``start_session`` (none: no cues)."""

    # --- settings ------------------------------------------------------------------------
    @property
    def config(self) -> Config:
        return self.settings.config

    @config.setter
    def config(self, config: Config) -> None:
        self.settings.config = config

    @property
    def problems(self) -> list[str]:
        return self.settings.problems

    @property
    def catalogue(self) -> Catalogue:
        return self.settings.catalogue

    @property
    def whose(self) -> str:
        return self.settings.whose

    def reload_routines(self) -> Catalogue:
        return self.settings.reload_routines()

    def routine(self, routine_id: str) -> Routine | None:
        return self.settings.routine(routine_id)

    def default_routine_id(self) -> str:
        return self.settings.default_routine_id()

    def remember(self, key: str, value: str) -> str | None:
        return self.settings.remember(key, value)

    # --- sessions ------------------------------------------------------------------------
    @property
    def runner(self) -> SessionRunner | None:
        return self.sessions.runner

    @property
    def claim(self) -> Claim | None:
        return self.sessions.claim

    @claim.setter
    def claim(self, claim: Claim | None) -> None:
        self.sessions.claim = claim

    @property
    def session_file(self) -> TableFile:
        return self.sessions.session_file

    @property
    def session_problem(self) -> str:
        return self.sessions.session_problem

    @property
    def draft_file(self) -> TableFile:
        return self.journal_use.draft_file

    def read_session_file(self) -> dict[str, Any] | None:
        return self.sessions.read_session_file()

    def clear_session_file(self) -> None:
        self.sessions.clear_state()

    def saved_session(self) -> dict[str, Any] | None:
        return self.sessions.saved_session()

    def settle(self) -> list[str]:
        return self.sessions.settle()

    def start_session(self, routine: Routine, before: Ratings) -> SessionRunner:
        return self.sessions.start(routine, before, self.terminal)

    def resume_session(self) -> SessionRunner:
        return self.sessions.resume(self.terminal)

    def checkpoint(self) -> None:
        self.sessions.checkpoint()

    def stop_cues(self) -> None:
        self.sessions.stop_cues()
