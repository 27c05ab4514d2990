"""The whole plain session: the routine, the gate, every step announced, the after ratings."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from footcare.domain import plain_words as words
from footcare.domain.announce import event_lines, segment_lines
from footcare.domain.errors import RunningElsewhere, StorageError
from footcare.domain.journal import Entry, Ratings
from footcare.domain.redflags import entry_flags
from footcare.domain.routine import Routine, format_minutes
from footcare.domain.screening import Verdict
from footcare.domain.session import ScreeningRequired
from footcare.domain.stops import CHOOSABLE, StopCause
from footcare.domain.text import clean
from footcare.domain.wording import (
    STAYS_BLOCKED,
    STOP_QUESTION,
    URGENCY_HEADINGS,
    cause_label,
    chest_first,
    whom_to_contact,
)
from footcare.folders import Paths
from footcare.plain.lines import Lines
from footcare.plain.prompts import Prompts
from footcare.plain.screening import refuse, screen
from footcare.plain.unsaved import keep_trying, left_unsaved
from footcare.services.plain_session import RUNNING_ELSEWHERE, PlainUse, SessionRunner

if TYPE_CHECKING:
    from footcare.services.plain_session import UseCases

REFUSED = words.REFUSED
NOT_SAVED = words.NOT_SAVED


class PlainSession(Prompts):
    def __init__(
        self,
        services: UseCases,
        out: TextIO,
        lines: Lines,
        bell: bool = True,
    ) -> None:
        self.use = PlainUse(services, out, bell)
        super().__init__(out, lines, self.use.today)
        self.bell = bell
        self.emergency = self.use.emergency_number

    # --- the gate ------------------------------------------------------------------------
    def refuse(self, verdict: Verdict) -> int:
        return refuse(self, verdict, self.emergency)

    def screening(self, routine: Routine) -> Verdict:
        """Ask what is open, in the app's order; stop at the first "no massage today"."""
        return screen(self, self.use.gate, routine)

    # --- the session ---------------------------------------------------------------------
    def choose_stop(self) -> tuple[StopCause, str] | None:
        """The app's list of causes, numbered in the same order; the number picks the
        typed cause (the words are only shown)."""
        self.say(f"{STOP_QUESTION} {chest_first(self.emergency)}")
        for i, cause in enumerate(CHOOSABLE, 1):
            self.say(f"  {i}. {cause_label(cause)}")
        answer = self.ask(words.PICK_STOP)
        if not answer or not answer.isdigit() or not 1 <= int(answer) <= len(CHOOSABLE):
            return None
        return CHOOSABLE[int(answer) - 1], ""

    def run_session(self, runner: SessionRunner) -> bool:
        """Announce every step until the session ends; False if the person left (q)."""
        session = runner.session

        def announce(events: list) -> None:  # type: ignore[type-arg]
            concluded = runner.concluded  # set before a stop's event: its sign, if any
            sign = concluded.sign if concluded is not None else None
            # cued by the services; the end's advice is said here, at once, as in the app
            self.say(*event_lines(session, events, runner.lighter, self.emergency, sign))

        runner.listeners.append(announce)
        if session.paused:
            self.say(words.PAUSED)
        self.say(*segment_lines(session, runner.lighter))
        told = ""
        while runner.concluded is None:
            told = self.progress(runner, told)
            left = session.segment_left(self.use.clock())
            line = self.lines.poll(max(0.05, min(0.5, left + 0.01)))
            if line is not None and not self.command(runner, line):
                return False
            runner.tick()
        return True

    def progress(self, runner: SessionRunner, told: str) -> str:
        """Say once when the session's progress could not be saved, and once when it is
        saved again; what has been said."""
        problem = runner.problem if runner.concluded is None else told
        if problem and not told:
            self.say(words.progress_not_saved(problem))
        elif told and not problem:
            self.say(words.PROGRESS_SAVED)
        return problem

    def command(self, runner: SessionRunner, line: str) -> bool:
        """Do what a line typed during the session asks; False if it was to leave (q)."""
        command = words.COMMANDS.get(line.strip().lower())
        if command is None:
            # an answer typed ahead (a script's after ratings) waits for its question
            if line.strip() or self.lines.echo:
                self.lines.kept.append(line)
        elif command == "pause":
            runner.toggle_pause()
        elif command == "next":
            runner.next()
        elif command == "back":
            runner.back()
        elif command == "stop":
            runner.pause()
            choice = self.choose_stop()
            if choice is None:
                runner.resume()
            else:
                runner.stop(*choice)
        elif command == "quit":
            runner.checkpoint()
            return False
        return True

    def leave(self, runner: SessionRunner) -> int:
        """The person left mid-session (q), its progress saved: say so, or, where it could
        not be, keep trying until it is or they let it go."""
        if not keep_trying(self, self.use, runner, runner.checkpoint):
            return NOT_SAVED
        self.say(words.SAVED_LEFT)
        return 0

    def after(self, runner: SessionRunner) -> int:
        """The after ratings and a note, into the session's entry; the exit status."""
        concluded = runner.concluded
        if concluded is None:
            return 0
        held = self.use.held_only_here(runner)
        if held:
            self.say(words.not_saved_yet(held))
        self.say("", words.FEEL_AFTER)
        after = self.ratings()
        other = concluded.cause is StopCause.OTHER
        note = self.ask(words.WHAT_HAPPENED if other else words.A_NOTE) or ""
        saved = runner.add_after(after, note) is not None or keep_trying(
            self, self.use, runner, lambda: runner.add_after(after, note)
        )
        if saved:
            self.where_it_stands(runner)
        concluded = runner.concluded
        assert concluded is not None
        self.flags(concluded.entry, saved)
        return 0 if saved else NOT_SAVED

    def where_it_stands(self, runner: SessionRunner) -> None:
        """Saved: in the journal, or kept beside it until the next start."""
        beside = self.use.waits_beside(runner)
        if beside is not None:
            self.say(words.waits_beside(*beside))
        elif runner.in_journal:
            self.say(words.SAVED)

    def flags(self, entry: Entry, saved: bool) -> None:
        """What the after ratings call for, as the app's notice has it; that sessions stay
        blocked only where the entry is saved (an unsaved one records no sign)."""
        flags = entry_flags(entry, self.emergency)
        for flag in flags:  # as the app's notice has it
            self.say("", URGENCY_HEADINGS[flag.urgency])
            self.say(f"Noticed: {flag.what}", f"What to do: {flag.action}")
        if flags:
            self.say(f"Whom to contact: {whom_to_contact(self.emergency)}")
        if saved and any(flag.blocks_sessions for flag in flags):
            self.say(STAYS_BLOCKED)

    # --- all of it -----------------------------------------------------------------------
    def choose_routine(self, routine_id: str | None) -> tuple[Routine | None, bool]:
        """Today's unfinished session if the person carries it on, else the routine asked
        for (or the last one); and whether it is a resumption."""
        unfinished = self.use.unfinished_routine_id()
        if unfinished is not None and self.yes_no(words.CARRY_ON):
            return self.use.routine_named(unfinished), True
        wanted, routine = self.use.routine(routine_id)
        if routine is None:
            known = ", ".join(self.use.known_routines()) or "none"
            self.fail(f"footcare: there is no routine '{clean(wanted)}' (known: {known})")
        return routine, False

    def run(self, routine_id: str | None = None) -> int:
        use = self.use
        self.say(words.heading(use.whose))
        for problem in use.problems:
            self.say(f"Note: {problem}")
        try:  # one session per person: this one is this process's from here on
            settled = use.claim()
        except RunningElsewhere as exc:
            self.fail(f"footcare: {exc}")
            return RUNNING_ELSEWHERE
        for notice in settled:
            self.say(notice)
        routine, resuming = self.choose_routine(routine_id)
        if routine is None:
            return 1
        self.say(words.routine_line(routine.name, format_minutes(routine.minutes_per_foot)))
        before = Ratings()
        if not resuming:
            self.say("", words.FEEL_NOW)
            before = self.ratings()
        verdict = self.screening(routine)
        if not verdict.may_start:
            return self.refuse(verdict)
        try:
            runner = use.begin(routine, before, resuming)
        except ScreeningRequired:
            return self.refuse(use.gate.verdict(routine))
        self.say("", "Beginning. " + words.HELP)
        if runner.lighter:
            self.say(words.LIGHTER)
        with leave_on_signals(lambda: self.leave_now(runner)):
            if not self.run_session(runner):
                return self.leave(runner)
        return self.after(runner)

    def leave_now(self, runner: SessionRunner) -> None:
        """A closed terminal or a kill request: the session saved as far as it can be,
        and, where it could not be, printed to be written down."""
        runner.checkpoint()
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
            left_unsaved(self, self.use)


@contextlib.contextmanager
def leave_on_signals(leave_now: Callable[[], None]) -> Iterator[None]:
    """A closed terminal or a kill request saves the session (``leave_now``) before
    leaving."""

    def leave(signum: int, frame: object) -> None:
        leave_now()
        sys.exit(128 + signum)

    handlers: dict[signal.Signals, Any] = {}
    for sig in (signal.SIGHUP, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError, AttributeError):
            handlers[sig] = signal.signal(sig, leave)
    try:
        yield
    finally:
        for sig, old in handlers.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(sig, old)


def run_plain(services: UseCases, routine_id: str | None, bell: bool = True) -> int:
    session = PlainSession(services, sys.stdout, Lines(sys.stdin), bell=bell)
    try:
        return session.run(routine_id)
    except KeyboardInterrupt:
        session.use.checkpoint()
        if left_unsaved(session, session.use):
            return NOT_SAVED
        session.say("", words.SAVED_LEFT)
        return 130
    except StorageError as exc:
        session.use.checkpoint()
        session.fail(f"footcare: {exc}")
        return 1


def main(paths: Paths, routine_id: str | None, bell: bool = True) -> int:
    """`footcare session --plain`: the data folder made, the use-cases built, the session."""
    from footcare.services.plain_session import open_plain

    return run_plain(open_plain(paths), routine_id, bell=bell)
