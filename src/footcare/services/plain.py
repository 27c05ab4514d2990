"""`footcare session --plain`: the whole session as lines of text, answers typed on stdin.

For screen readers and braille displays, `TERM=dumb`, the slowest links, and scripts. It is
a second client of the same gate and the same session runner as the app: it asks the same
questions, refuses for the same reasons with the same advice, and saves the same way.
Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import select
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any, TextIO

from footcare.domain.advice import go_ahead_status, refusal, still_to_do
from footcare.domain.announce import event_lines, segment_lines
from footcare.domain.journal import SCALE_HINTS, SYMPTOMS, Ratings
from footcare.domain.redflags import entry_flags
from footcare.domain.routine import Routine, format_minutes
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, ItemState, Tier, Verdict
from footcare.domain.session import ScreeningRequired
from footcare.domain.stops import CHOOSABLE, StopCause
from footcare.domain.text import clean
from footcare.domain.typed import NotADay, parse_day
from footcare.domain.wording import (
    CAUSE_LABELS,
    STAYS_BLOCKED,
    STOP_QUESTION,
    URGENCY_HEADINGS,
    chest_first,
    whom_to_contact,
)
from footcare.services.cues import StreamTerminal
from footcare.services.runner import RUNNING_ELSEWHERE, SessionRunner, take_claim
from footcare.storage.claim import SessionRunning
from footcare.storage.errors import StorageError

if TYPE_CHECKING:
    from footcare.services.core import Services

REFUSED = 3
"""Exit status when the gate refuses a session (0 when a session ran, 1 on a file problem)."""

COMMANDS = {
    "p": "pause",
    "pause": "pause",
    "space": "pause",
    "n": "next",
    "next": "next",
    "b": "back",
    "back": "back",
    "x": "stop",
    "stop": "stop",
    "q": "quit",
    "quit": "quit",
}
HELP = (
    "While it runs, type a word and press Enter: p pauses or carries on, n skips to the next "
    "step, b goes back one, x stops because something is wrong, q saves and leaves."
)


class Lines:
    """Lines typed on stdin. During the session they are read as they come, without
    waiting; a line that is not a command is kept for the next question."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.kept: deque[str] = deque()
        self.eof = stream is None
        """No stdin at all (``0<&-``) is the end of input from the start."""
        try:
            self.echo = stream is None or not stream.isatty()
        except (AttributeError, ValueError, OSError):
            self.echo = True
        """Answers from a pipe or a file are not shown by a terminal: write them out."""

    def _read(self) -> str | None:
        if self.eof or self.stream is None:
            return None
        try:
            line = self.stream.readline()
        except (OSError, ValueError, UnicodeDecodeError):  # closed, or not text: the end
            line = ""
        if line == "":
            self.eof = True
            return None
        return line.rstrip("\r\n")

    def next(self) -> str | None:
        if self.kept:
            return self.kept.popleft()
        return self._read()

    def poll(self, timeout: float) -> str | None:
        """A line if one arrives within ``timeout`` seconds, else None (having waited)."""
        if self.eof or self.stream is None:
            time.sleep(timeout)
            return None
        try:
            ready, _, _ = select.select([self.stream], [], [], timeout)
        except (OSError, ValueError, TypeError):
            time.sleep(timeout)
            return None
        return self._read() if ready else None


class PlainSession:
    def __init__(
        self,
        services: Services,
        out: TextIO,
        lines: Lines,
        bell: bool = True,
    ) -> None:
        self.services = services
        self.out = out
        self.lines = lines
        self.bell = bell
        self.emergency = services.config.emergency_number
        services.terminal = StreamTerminal(out, bell)  # the cues: speech or a bell, as set

    # --- output and questions ------------------------------------------------------------
    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(line + "\n")
        self.out.flush()

    def fail(self, line: str) -> None:
        """An error that ends the command: on standard error, after what was said so far."""
        self.out.flush()
        print(line, file=sys.stderr, flush=True)

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt + " ")
        self.out.flush()
        answer = self.lines.next()
        if answer is None:
            self.say("(no answer)")
        elif self.lines.echo:
            self.say(answer)
        return None if answer is None else " ".join(answer.split())

    def yes_no(self, prompt: str) -> bool | None:
        for _ in range(3):
            answer = self.ask(f"{prompt} (y/n)")
            if answer is None:
                return None
            word = answer.lower()
            if word in ("y", "yes"):
                return True
            if word in ("n", "no"):
                return False
            self.say("Please type y for yes or n for no.")
        return None

    def ask_date(self, prompt: str) -> date | None:
        today = self.services.today()
        for _ in range(3):
            answer = self.ask(f"{prompt} (YYYY-MM-DD, Enter for today, 'none' if not yet)")
            if answer is None or answer.lower() in ("none", "no", "n"):
                return None
            if answer == "":
                return today
            try:
                chosen = parse_day(answer)
            except NotADay as exc:
                self.say(f"{exc}.")
                continue
            if chosen > today:
                self.say("The date can't be in the future.")
                continue
            return chosen
        return None

    def ask_rating(self, name: str) -> int | None:
        label = f"{name.capitalize()} ({SCALE_HINTS[name]}), 0-10 or Enter to skip:"
        for _ in range(3):
            answer = self.ask(label)
            if not answer:
                return None
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.say("Please type a whole number from 0 to 10, or just Enter.")
        return None

    def ratings(self) -> Ratings:
        return Ratings(**{name: self.ask_rating(name) for name in SYMPTOMS})

    # --- the gate ------------------------------------------------------------------------
    def refuse(self, verdict: Verdict) -> int:
        if verdict.blocks:
            self.say("", "No massage today.")
            for line in refusal(verdict, self.emergency):
                self.say(f"{line.label}: {line.text}" if line.label else line.text)
        else:
            self.say("", f"The session can't begin yet. Still to do ({len(verdict.reasons)}):")
            self.say(*(f"- {line}" for line in still_to_do(verdict.reasons)))
        return REFUSED

    def screening(self, routine: Routine) -> Verdict:
        """Ask what is open, in the app's order; stop at the first "no massage today"."""
        gate = self.services.gate
        verdict = gate.verdict(routine)
        self.say("", "Safety questions. Answer each with y or n and Enter.")
        if any(r.item.id == "files-readable" for r in verdict.reasons):
            return verdict
        for sign in verdict.pending_signs[-1:]:
            self.say(f"A warning sign was noted on {sign.day.isoformat()}: {sign.what}.")
            if self.yes_no("Has a professional checked your feet since then?"):
                day = self.ask_date("The date of that check")
                if day is not None:
                    gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, day)
            verdict = gate.verdict(routine)
            if verdict.pending_signs:
                return verdict
        for state in verdict.items:
            item = state.item
            if item.tier is Tier.BLOCK:
                if gate.held_yes(item.id):
                    self.say(f"Earlier today you answered yes to: {item.question}")
                    if not self.yes_no("Was that a mistake?"):
                        return gate.verdict(routine)
                    gate.answer_block(item.id, False, confirmed=True)
                    continue
                answer = self.yes_no(item.question)
                if answer is None:
                    return gate.verdict(routine)
                gate.answer_block(item.id, answer)
                if answer:
                    return gate.verdict(routine)
            elif item.tier is Tier.CLEARANCE and not state.ok:
                self.go_ahead(routine, state.item.id)
        reminders = [s.item for s in gate.verdict(routine).items if s.item.tier is Tier.REMIND]
        self.say("", "Before you start:")
        for item in reminders:
            self.say(f"- {item.question} {item.advice}")
        read = self.ask("Press Enter (or type y) once you have read these.")
        if read is not None and read.lower() in ("", "y", "yes", "ok"):
            for item in reminders:
                gate.acknowledge(item.id, True)
        return gate.verdict(routine)

    def go_ahead(self, routine: Routine, item_id: str) -> None:
        gate = self.services.gate
        state = gate.verdict(routine).item(item_id)
        if state is None or state.ok:
            return
        item = state.item
        if state.state is not ItemState.UNANSWERED:
            self.say(go_ahead_status(state))
        if item.everyone:
            if self.yes_no(f"{item.question} Has a professional said it suits you?"):
                day = self.ask_date("When did they say so?")
                if day is not None:
                    gate.record_go_ahead(item.id, True, day)
            return
        applies = self.yes_no(item.question)
        if applies is False:
            gate.record_go_ahead(item.id, False, self.services.today())
        elif applies:
            day = self.ask_date("When did a professional say foot massage is fine for you?")
            if day is not None:
                gate.record_go_ahead(item.id, True, day)
            else:
                self.say(item.advice)

    # --- the session ---------------------------------------------------------------------
    def choose_stop(self) -> tuple[StopCause, str] | None:
        """The app's list of causes, numbered in the same order; the number picks the
        typed cause (the words are only shown)."""
        self.say(f"{STOP_QUESTION} {chest_first(self.emergency)}")
        for i, cause in enumerate(CHOOSABLE, 1):
            self.say(f"  {i}. {CAUSE_LABELS[cause]}")
        answer = self.ask("Type its number (Enter carries on with the session):")
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
            self.say("Paused where you stopped. Type p and Enter to carry on.")
        self.say(*segment_lines(session, runner.lighter))
        while runner.concluded is None:
            left = session.segment_left(self.services.clock())
            line = self.lines.poll(max(0.05, min(0.5, left + 0.01)))
            if line is not None:
                command = COMMANDS.get(line.strip().lower())
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
                    self.say("Saved. Start footcare again today to carry on where you stopped.")
                    return False
            runner.tick()
        return True

    def after(self, runner: SessionRunner) -> None:
        concluded = runner.concluded
        if concluded is None:
            return
        if runner.problem:
            self.say(f"Not saved yet: {runner.problem}")
        self.say("", "How do your feet feel now?")
        after = self.ratings()
        prompt = (
            "What happened? (a note), then Enter:"
            if concluded.cause is StopCause.OTHER
            else "A note (optional), then Enter:"
        )
        note = self.ask(prompt) or ""
        entry = runner.add_after(after, note)
        if entry is None:
            self.say(f"Not saved: {runner.problem}" if runner.problem else "")
            return
        self.say("Saved to your journal.")
        flags = entry_flags(entry, self.emergency)
        for flag in flags:  # as the app's notice has it
            self.say("", URGENCY_HEADINGS[flag.urgency])
            self.say(f"Noticed: {flag.what}", f"What to do: {flag.action}")
        if flags:
            self.say(f"Whom to contact: {whom_to_contact(self.emergency)}")
        if any(flag.blocks_sessions for flag in flags):
            self.say(STAYS_BLOCKED)

    # --- all of it -----------------------------------------------------------------------
    def run(self, routine_id: str | None = None) -> int:
        services = self.services
        self.say(
            "footcare - plain session"
            + (f" for {services.whose}" if services.whose else "")
            + ". A self-care aid, not medical advice.",
        )
        for problem in services.problems:
            self.say(f"Note: {problem}")
        try:  # one session per person: this one is this process's from here on
            take_claim(services)
        except SessionRunning as exc:
            self.fail(f"footcare: {exc}")
            return RUNNING_ELSEWHERE
        for notice in services.settle():
            self.say(notice)
        resume = services.saved_session()
        if resume is not None and self.yes_no(
            "An unfinished session from today can be carried on. Carry on?"
        ):
            routine = services.routine(str(resume.get("routine_id", "")))
        else:
            resume = None
            wanted = routine_id or services.default_routine_id()
            routine = services.routine(wanted)
            if routine is None:
                known = ", ".join(services.catalogue.routines) or "none"
                self.fail(f"footcare: there is no routine '{clean(wanted)}' (known: {known})")
                return 1
        if routine is None:
            return 1
        self.say(
            f"Routine: {routine.name}, "
            f"{format_minutes(routine.minutes_per_foot)} of massage per foot.",
        )
        before = Ratings()
        if resume is None:
            self.say("", "How do your feet feel right now?")
            before = self.ratings()
        verdict = self.screening(routine)
        if not verdict.may_start:
            return self.refuse(verdict)
        try:
            if resume is not None:
                runner = services.resume_session()
            else:
                runner = services.start_session(routine, before)
        except ScreeningRequired:
            return self.refuse(services.gate.verdict(routine))
        self.say("", "Beginning. " + HELP)
        if runner.lighter:
            self.say("Your go-ahead answers call for lighter pressure: light at most, no knuckles.")
        with leave_on_signals(runner):
            if not self.run_session(runner):
                return 0
        self.after(runner)
        return 0


@contextlib.contextmanager
def leave_on_signals(runner: SessionRunner) -> Iterator[None]:
    """A closed terminal or a kill request saves the session before leaving."""

    def leave(signum: int, frame: object) -> None:
        runner.checkpoint()
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


def run_plain(services: Services, routine_id: str | None, bell: bool = True) -> int:
    session = PlainSession(services, sys.stdout, Lines(sys.stdin), bell=bell)
    try:
        return session.run(routine_id)
    except KeyboardInterrupt:
        services.checkpoint()
        session.say("", "Saved. Start footcare again today to carry on where you stopped.")
        return 130
    except StorageError as exc:
        services.checkpoint()
        session.fail(f"footcare: {exc}")
        return 1
