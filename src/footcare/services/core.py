"""Everything the app and the plain clients need from below, gathered once (and injectable in
tests): config, routines, the gate, the journal, and the one live session runner."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from footcare.domain.text import clean
from footcare.services.gate import Gate
from footcare.storage.config import Config, load_config, remember
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.routines import Catalogue, load_catalogue
from footcare.storage.safety import SafetyStore
from footcare.storage.state import SetAside, TableFile, draft_file, session_file
from footcare.storage.tidy import tidy_at_start

if TYPE_CHECKING:
    from footcare.domain.journal import Ratings
    from footcare.domain.routine import Routine
    from footcare.services.cues import Terminal
    from footcare.services.runner import SessionRunner
    from footcare.storage.claim import Claim
    from footcare.storage.index import Index

# The session's modules (runner, cues, the session itself) are imported when a session is
# begun or settled: the first screen needs none of them.


@dataclass
class Services:
    paths: Paths
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = datetime.now
    config: Config = field(default_factory=Config)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        loaded = load_config(self.paths)
        self.config = loaded.config
        self.problems.extend(loaded.problems)
        self.journal = JournalStore(self.paths)
        self.safety = SafetyStore(self.paths)
        self.session_file: TableFile = session_file(self.paths)
        self.draft_file: TableFile = draft_file(self.paths)
        self.set_aside: list[str] = []
        """What was kept aside as unusable since the last ``settle``, to be said there."""
        self.gate = Gate(
            self.journal,
            self.safety,
            self.now,
            lambda: self.config.clearance_months,
            index=lambda: self.index,
            months_unknown=lambda: self.config.clearance_problem,
        )
        self.runner: SessionRunner | None = None
        self.claim: Claim | None = None
        """This process's claim on the person's session, while it holds one."""
        self.terminal: Terminal | None = None
        """The client's bell, escape sequences and notices, for cues (none: no cues)."""
        self._catalogue: Catalogue | None = None
        self._index: Index | None = None
        self._no_index = False

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
        """Footcare is leaving: nothing is left speaking; the index is closed (SQLite tidies
        its journal files)."""
        self.stop_cues()
        if self.claim is not None:
            self.claim.release()
            self.claim = None
        if self._index is not None:
            self._index.close()

    @property
    def catalogue(self) -> Catalogue:
        """Every routine, read when first needed (`journal add` never needs them)."""
        if self._catalogue is None:
            return self.reload_routines()
        return self._catalogue

    @property
    def whose(self) -> str:
        """Whose feet, for every header: the name in config.toml, else the profile's."""
        name = self.config.name
        if isinstance(name, str) and name.strip():
            return clean(" ".join(name.split()))[:40]
        return self.paths.profile

    def today(self) -> date:
        return self.now().date()

    def reload_routines(self) -> Catalogue:
        self._catalogue = load_catalogue(self.paths)
        return self._catalogue

    def routine(self, routine_id: str) -> Routine | None:
        return self.catalogue.routines.get(routine_id)

    def default_routine_id(self) -> str:
        ids = list(self.catalogue.routines)
        if self.config.routine in ids:
            return self.config.routine
        return "standard" if "standard" in ids else (ids[0] if ids else "")

    def remember(self, key: str, value: str) -> str | None:
        """Remember a choice in config.toml; the problem as text if it can't be. A file
        that says so already is left alone (most days the routine is yesterday's)."""
        try:
            if getattr(load_config(self.paths).config, key, None) == value:
                return None
            remember(self.paths, key, value)
        except StorageError as exc:
            return str(exc)
        return None

    # --- sessions ------------------------------------------------------------------------
    def read_session_file(self) -> dict[str, Any] | None:
        """The session file's table; None if there is none or it can't be read (then
        ``session_problem`` says why, and the file is kept, as it is or set aside)."""
        try:
            data = self.session_file.load()
        except SetAside as exc:  # gone from the way: said by the next ``settle``
            self.set_aside.append(str(exc))
            self.session_problem = ""
            return None
        except StorageError as exc:
            self.session_problem = f"{exc} (a session in it can't be carried on)"
            return None
        self.session_problem = ""
        return data

    def clear_session_file(self) -> None:
        with contextlib.suppress(StorageError):
            self.session_file.clear()

    def saved_session(self) -> dict[str, Any] | None:
        """Today's unfinished session, if there is one to carry on."""
        if self.runner is not None:
            return None
        data = self.read_session_file()
        if not data or data.get("started_on") != self.today().isoformat():
            return None
        if data.get("status") in ("finished", "stopped") or "entry" in data:
            return None
        if self.routine(str(data.get("routine_id", ""))) is None:
            return None
        from footcare.services.runner import running_elsewhere

        if running_elsewhere(self) is not None:
            return None  # it runs in another footcare: not this one's to carry on
        return data

    def settle(self) -> list[str]:
        """At start: what was kept aside (whoever looked first), then ``_settle``."""
        from footcare.services.runner import settle_claimed

        notices = settle_claimed(self, self._settle)
        told, self.set_aside = self.set_aside, []
        return [*told, *notices]

    def _settle(self) -> list[str]:
        """At start: finish whatever a closed footcare left in the session file.

        An ended session is made sure of in the journal (with a notice, once, that it has
        no after ratings); a session from an earlier day is entered as interrupted. Today's
        unfinished session is left to be carried on; a file that can't be read is kept."""
        data = self.read_session_file()
        if self.session_problem:
            return [self.session_problem]
        if not data or ("entry" not in data and self.saved_session() is not None):
            return []
        from footcare.services.runner import interrupted_entry, settle_saved, write_concluded

        try:
            entry = settle_saved(self, data) if "entry" in data else interrupted_entry(self, data)
            if entry is None:
                return [
                    f"{self.session_file.path}: holds a session footcare can't read; it is "
                    "kept as it is (move it away once you have looked at it)"
                ]
            write_concluded(self, entry)
        except StorageError as exc:
            return [str(exc)]
        self.clear_session_file()
        if "entry" in data and (not entry.after.empty or entry.note):
            return [f"Your session of {entry.at:%A %d %B, %H:%M} is now in your journal."]
        if "entry" in data:
            return [
                f"Your session of {entry.at:%A %d %B, %H:%M} is in your journal, without "
                "after-session ratings. Add them from the journal if you like (e)."
            ]
        return []

    def start_session(self, routine: Routine, before: Ratings) -> SessionRunner:
        """The one way into a new session; raises ScreeningRequired unless the gate passes.

        An unfinished session left from earlier goes into the journal as interrupted."""
        from footcare.domain.session import ScreeningRequired
        from footcare.services.cues import attach_cues
        from footcare.services.runner import (
            SessionRunner,
            interrupted_entry,
            take_claim,
            write_concluded,
        )

        if not self.gate.verdict(routine).may_start:
            raise ScreeningRequired("screening has unmet or blocking items")
        take_claim(self)  # SessionRunning when it runs in another footcare
        self.runner = None
        self.settle()
        if self.read_session_file() is not None:  # today's unfinished one, left behind
            entry = interrupted_entry(self, self.read_session_file() or {})
            if entry is not None:
                write_concluded(self, entry)
        self.runner = SessionRunner.begin(self, routine, before)
        attach_cues(self, self.runner)
        return self.runner

    def resume_session(self) -> SessionRunner:
        """Carry on today's unfinished session (through the gate again)."""
        from footcare.services.cues import attach_cues
        from footcare.services.runner import SessionRunner, ratings_from, take_claim

        take_claim(self)  # SessionRunning when it runs in another footcare
        data = self.saved_session()
        if data is None:
            raise LookupError("there is no unfinished session from today")
        routine = self.routine(str(data.get("routine_id", "")))
        assert routine is not None
        self.runner = SessionRunner.begin(self, routine, ratings_from(data.get("before")), data)
        attach_cues(self, self.runner)
        return self.runner

    def checkpoint(self) -> None:
        """Footcare is closing: nothing in progress is lost, and nothing is left speaking."""
        if self.runner is not None:
            self.runner.checkpoint()
        self.stop_cues()

    def stop_cues(self) -> None:
        """Stop every speech program still running (the session is left, or footcare is)."""
        import sys

        speakers = sys.modules.get("footcare.services.speakers")  # none started: none loaded
        if speakers is not None:
            speakers.stop_speaking()


def open_services(paths: Paths) -> Services:
    """The services for the app: the data folder made (private) first."""
    ensure_dir(paths.data)
    tidy_at_start(paths)
    return Services(paths)
