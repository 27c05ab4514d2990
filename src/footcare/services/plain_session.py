"""What the plain session (`footcare session --plain`, footcare/plain/) asks of the
use-cases: the person's one session claimed and what was left settled, the routine to
run, the gate, the session begun with the cues on a text stream, and it saved at a leave.

The plain session says and asks; each choice it forwards here is made by the same
use-cases the app calls (sessions, settings, the gate).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TextIO

from footcare.services.claims import take_claim
from footcare.services.cues import StreamTerminal
from footcare.services.gate import Gate
from footcare.services.runner import RUNNING_ELSEWHERE, SessionRunner

if TYPE_CHECKING:
    from footcare.domain.journal import Entry, Ratings
    from footcare.domain.routine import Routine
    from footcare.folders import Paths
    from footcare.services.build import UseCases

__all__ = ["RUNNING_ELSEWHERE", "Gate", "PlainUse", "SessionRunner", "UseCases", "open_plain"]


def open_plain(paths: Paths) -> UseCases:
    """The use-cases for `footcare session --plain`: the data folder made first (a
    StorageError if it can't be), then the folders read as they are."""
    from footcare.services.build import read_footcare
    from footcare.services.folders import ensure_data_folder

    ensure_data_folder(paths)
    return read_footcare(paths)


class PlainUse:
    """The use-cases as the plain session sees them."""

    def __init__(self, uses: UseCases, out: TextIO, bell: bool = True) -> None:
        self._uses = uses
        self._sessions = uses.sessions
        self.gate: Gate = uses.gate
        self.cues = StreamTerminal(out, bell)
        """The session's cues: speech or a bell, as config.toml and the cue test say."""

    # --- what the session says first ----------------------------------------------------
    def today(self) -> date:
        return self._uses.today()

    def clock(self) -> float:
        return self._uses.clock()

    @property
    def whose(self) -> str:
        return self._uses.settings.whose

    @property
    def problems(self) -> list[str]:
        """config.toml's problems, one line each."""
        return self._uses.settings.problems

    @property
    def emergency_number(self) -> str:
        return self._uses.settings.emergency_number

    # --- the claim and the routine -------------------------------------------------------
    def claim(self) -> list[str]:
        """This process takes the person's one session (RunningElsewhere when another
        footcare holds it), then settles what a closed footcare left: what to say of it."""
        take_claim(self._sessions)
        return self._sessions.settle()

    def unfinished_routine_id(self) -> str | None:
        """The routine of today's unfinished session, if there is one to carry on."""
        saved = self._sessions.saved_session()
        return None if saved is None else str(saved.get("routine_id", ""))

    def routine_named(self, routine_id: str) -> Routine | None:
        return self._uses.settings.routine(routine_id)

    def routine(self, routine_id: str | None) -> tuple[str, Routine | None]:
        """The routine asked for (None: the last one used, else the default), with the id
        it was looked up by; None when there is no such routine."""
        wanted = routine_id or self._uses.settings.default_routine_id()
        return wanted, self.routine_named(wanted)

    def known_routines(self) -> list[str]:
        return list(self._uses.settings.catalogue.routines)

    # --- the session ---------------------------------------------------------------------
    def begin(self, routine: Routine, before: Ratings, resuming: bool) -> SessionRunner:
        """Today's unfinished session carried on, or a new one of ``routine``, cued on the
        stream; raises ScreeningRequired when the gate does not let it start."""
        if resuming:
            return self._sessions.resume(self.cues)
        return self._sessions.start(routine, before, self.cues)

    def checkpoint(self) -> None:
        """The person is leaving: nothing in progress is lost, nothing left speaking."""
        self._sessions.checkpoint()

    # --- what could not be saved ---------------------------------------------------------
    @property
    def runner(self) -> SessionRunner | None:
        """The session running in this footcare (None: none, or it is wholly saved)."""
        return self._sessions.runner

    def held_only_here(self, runner: SessionRunner) -> list[str]:
        """Why what ``runner`` holds is saved nowhere (each reason once; none when saved)."""
        return self._sessions.held_only_here(runner)

    def waits_beside(self, runner: SessionRunner) -> tuple[str, str] | None:
        """For an ended session not in the journal yet, but kept in the session file until
        it can go there (at the next start): why, and that file. None otherwise."""
        if runner.concluded is None or runner.in_journal or self.held_only_here(runner):
            return None
        why = self._sessions.entry_unsaved or runner.problem
        return why, str(self._sessions.session_file.path)

    def facts(self, runner: SessionRunner) -> Entry:
        """The session as the journal would hold it (Sessions.facts)."""
        return self._sessions.facts(runner)
