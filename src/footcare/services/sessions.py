"""Sessions: start or carry on today's session, settle what a closed footcare left, and
keep the one live runner. This is the place a session lives (services/ports.py): the
runner saves, ends and lets go through it, and knows nothing else of footcare."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from footcare.services.claims import release_claim, settle_claimed, take_claim
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths
from footcare.storage.state import SetAside, TableFile, session_file

if TYPE_CHECKING:
    from footcare.domain.journal import Entry, Ratings
    from footcare.domain.routine import Routine
    from footcare.domain.screening import Verdict
    from footcare.domain.signs import WarningSign
    from footcare.services.cues import Terminal
    from footcare.services.gate import Gate
    from footcare.services.runner import SessionRunner
    from footcare.services.settings import Settings
    from footcare.storage.claim import Claim
    from footcare.storage.journal import JournalStore

# The session's modules (runner, cues, the session itself) are imported when a session is
# begun or settled: the first screen needs none of them.


class Sessions:
    def __init__(
        self,
        paths: Paths,
        clock: Callable[[], float],
        now: Callable[[], datetime],
        gate: Gate,
        journal: JournalStore,
        settings: Settings,
    ) -> None:
        self._paths = paths
        self._clock = clock
        self._now = now
        self.gate = gate
        self.journal = journal
        self.settings = settings
        self.session_file: TableFile = session_file(paths)
        self.runner: SessionRunner | None = None
        """The session running in this footcare, from its start until it is wholly in the
        journal (the runner says so through ``ended``)."""
        self.claim: Claim | None = None
        """This process's claim on the person's session, while it holds one."""
        self.set_aside: list[str] = []
        """What was kept aside as unusable since the last ``settle``, to be said there."""
        self.session_problem = ""
        self.state_unsaved = ""
        """Why the session file's last save failed ("" when it was saved)."""
        self.entry_unsaved = ""
        """Why the last journal entry written here was not ("" when it was)."""

    # --- the place a session lives (services/ports.py) -----------------------------------
    @property
    def paths(self) -> Paths:
        return self._paths

    def clock(self) -> float:
        return self._clock()

    def now(self) -> datetime:
        return self._now()

    def verdict(self, routine: Routine) -> Verdict:
        return self.gate.verdict(routine)

    def visit_used(self) -> None:
        self.gate.visit_used()

    def pending_since(self, at: datetime) -> list[WarningSign]:
        return self.gate.pending_since(at)

    def save_state(self, data: dict[str, Any]) -> None:
        try:
            self.session_file.save(data)
        except StorageError as exc:
            self.state_unsaved = str(exc)
            raise
        self.state_unsaved = ""

    def clear_state(self) -> None:
        with contextlib.suppress(StorageError):
            self.session_file.clear()

    def write_entry(self, entry: Entry, overwrite: bool = False) -> None:
        """Warning signs into the record, then the entry into the journal (both idempotent:
        an entry with its id already there is written over only if ``overwrite``, or to
        fill in after ratings and a note it lacks)."""
        from footcare.domain.signs import SignSource
        from footcare.storage.safety import UntrustedRecord

        try:
            # an untrusted record keeps the gate shut by itself; the journal still gets it
            with contextlib.suppress(UntrustedRecord):
                self.gate.record_signs(entry, SignSource.SESSION)
            self.journal.put(entry, overwrite=overwrite)
        except StorageError as exc:
            self.entry_unsaved = str(exc)
            raise
        self.entry_unsaved = ""
        self.gate.forget()

    def ended(self, runner: object) -> None:
        if self.runner is runner:
            self.runner = None
        release_claim(self)

    def routine(self, routine_id: str) -> Routine | None:
        return self.settings.routine(routine_id)

    # --- the session file ----------------------------------------------------------------
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

    def saved_session(self) -> dict[str, Any] | None:
        """Today's unfinished session, if there is one to carry on."""
        if self.runner is not None:
            return None
        data = self.read_session_file()
        if not data:
            return None
        from footcare.domain.session import saved_day  # the session's own module, when one is

        if saved_day(data) != self.now().date():
            return None
        if data.get("status") in ("finished", "stopped") or "entry" in data:
            return None
        if self.routine(str(data.get("routine_id", ""))) is None:
            return None
        from footcare.services.claims import running_elsewhere

        if running_elsewhere(self) is not None:
            return None  # it runs in another footcare: not this one's to carry on
        return data

    def settle(self) -> list[str]:
        """At start: what was kept aside (whoever looked first), then ``_settle``."""
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
        from footcare.services.runner import interrupted_entry, settle_saved

        try:
            entry = settle_saved(data) if "entry" in data else interrupted_entry(self, data)
            if entry is None:
                return [
                    f"{self.session_file.path}: holds a session footcare can't read; it is "
                    "kept as it is (move it away once you have looked at it)"
                ]
            self.write_entry(entry)
        except StorageError as exc:
            return [str(exc)]
        self.clear_state()
        if "entry" in data and (not entry.after.empty or entry.note):
            return [f"Your session of {entry.at:%A %d %B, %H:%M} is now in your journal."]
        if "entry" in data:
            return [
                f"Your session of {entry.at:%A %d %B, %H:%M} is in your journal, without "
                "after-session ratings. Add them from the journal if you like (e)."
            ]
        return []

    # --- beginning -----------------------------------------------------------------------
    def start(
        self, routine: Routine, before: Ratings, cues: Terminal | None = None
    ) -> SessionRunner:
        """The one way into a new session; raises ScreeningRequired unless the gate passes.
        ``cues``: the client's bell and voice (None: no cues).

        An unfinished session left from earlier goes into the journal as interrupted."""
        from footcare.domain.session import ScreeningRequired
        from footcare.services.runner import SessionRunner, interrupted_entry

        if not self.gate.verdict(routine).may_start:
            raise ScreeningRequired("screening has unmet or blocking items")
        take_claim(self)  # SessionRunning when it runs in another footcare
        self.runner = None
        self.settle()
        if self.read_session_file() is not None:  # today's unfinished one, left behind
            entry = interrupted_entry(self, self.read_session_file() or {})
            if entry is not None:
                self.write_entry(entry)
        self.runner = SessionRunner.begin(self, routine, before)
        self._cue(self.runner, cues)
        return self.runner

    def resume(self, cues: Terminal | None = None) -> SessionRunner:
        """Carry on today's unfinished session (through the gate again)."""
        from footcare.services.runner import SessionRunner, ratings_from

        take_claim(self)  # SessionRunning when it runs in another footcare
        data = self.saved_session()
        if data is None:
            raise LookupError("there is no unfinished session from today")
        routine = self.routine(str(data.get("routine_id", "")))
        assert routine is not None
        self.runner = SessionRunner.begin(self, routine, ratings_from(data.get("before")), data)
        self._cue(self.runner, cues)
        return self.runner

    def _cue(self, runner: SessionRunner, cues: Terminal | None) -> None:
        if cues is not None:
            from footcare.services.cues import attach_cues

            attach_cues(runner, cues, self.settings.config, self._paths)

    # --- the end -------------------------------------------------------------------------
    def checkpoint(self) -> None:
        """Footcare is closing: nothing in progress is lost, and nothing is left speaking."""
        if self.runner is not None:
            self.runner.checkpoint()
        self.stop_cues()

    def left_unsaved(self) -> str:
        """Why the session that ended here is still not in the journal ("" if it is)."""
        left = self.runner
        if left is not None and left.concluded is not None and not left.in_journal:
            return left.problem
        return ""

    def held_only_here(self, runner: SessionRunner) -> list[str]:
        """Why what ``runner`` holds is on no disk, and would go with this footcare: the
        reasons, each once (none when it is saved: progress in the session file, an ended
        session in the journal or, until it can go there, in the session file beside it)."""
        if runner.concluded is not None and runner.in_journal:
            return []
        if runner.concluded is None:
            return [runner.problem] if runner.problem else []
        if not self.state_unsaved:
            return []
        return list(dict.fromkeys(r for r in (self.entry_unsaved, self.state_unsaved) if r))

    def facts(self, runner: SessionRunner) -> Entry:
        """The session as the journal would hold it, to be written down while it is saved
        nowhere: an ended one's entry, a running one's as left now (unfinished)."""
        from footcare.services.runner import interrupted_entry

        if runner.concluded is not None:
            return runner.concluded.entry
        entry = interrupted_entry(self, runner.state())
        assert entry is not None  # the runner's own state always holds its start
        return entry

    def stop_cues(self) -> None:
        """Stop every speech program still running (the session is left, or footcare is)."""
        import sys

        speakers = sys.modules.get("footcare.services.speakers")  # none started: none loaded
        if speakers is not None:
            speakers.stop_speaking()

    def close(self) -> None:
        """Footcare is leaving: nothing is left speaking, and the claim is let go."""
        self.stop_cues()
        release_claim(self)
