"""Cues during a session: each step spoken aloud, a bell, or nothing, and, for a person
away from this computer, a notice through their terminal.

The engine is one more listener of the session runner, attached by the services when a
session starts or carries on, so the app and the plain session cue alike. Each client
gives it a `Terminal`: how to ring its bell, how to write an escape sequence to the
person's terminal, and how to show a notice.

What it does, from `config.toml`:

- `cues = "speech"`: says each moment aloud through `espeak-ng`, else `spd-say`, found on
  PATH. Under `footcare serve` the browser speaks instead (a private OSC sequence its page
  reads), since this computer's speaker may be in another room. None found: the bell, and
  one notice.
- `cues = "bell"`: one bell at each step, two at the foot change and the end.
- `cues = "off"`: nothing.
- not set: speech when a speech program is found and the person is here; over SSH
  (`SSH_CONNECTION` set) the speech would play on the wrong computer, so the bell.
- `remote_notices = true`: also OSC 9 and OSC 777 at each step, the foot change and the
  end, which many terminals turn into a desktop notification.

Speaking never waits: the program is started and left to run; a new announcement stops
one still speaking. Every text is cleaned of control characters and passed as one
argument, never through a shell.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import IO, TYPE_CHECKING, Protocol

from footcare.domain.announce import (
    PAUSED_WHERE_YOU_STOPPED,
    notice_text,
    spoken_lines,
    spoken_segment,
)
from footcare.domain.session import Event, EventKind
from footcare.domain.wording import DEFAULT_EMERGENCY
from footcare.domain.text import clean

if TYPE_CHECKING:
    from footcare.services.core import Services
    from footcare.services.runner import SessionRunner

BROWSER = "FOOTCARE_BROWSER"
"""Set to 1 by `footcare serve` for the app it runs: the page in the browser speaks."""
REMOTE = "SSH_CONNECTION"
SPEECH_PROGRAMS: dict[str, tuple[str, ...]] = {
    "espeak-ng": ("--",),
    # priority "text": speech-dispatcher drops a text still being said for the next one
    "spd-say": ("-P", "text", "--"),
}
"""Each program, in the order tried, with what goes between it and the text."""
SPEECH_OSC = "7701"
"""The private OSC code whose text the browser page says aloud (xterm.js shows nothing)."""
INSTALL = "sudo apt install espeak-ng (or speech-dispatcher)"


class Mode(Enum):
    SPEECH = "speech"
    BELL = "bell"
    OFF = "off"


@dataclass(frozen=True)
class Plan:
    """How this session cues, decided once at its start."""

    mode: Mode
    voice: tuple[str, ...] = ()
    """The speech program and its options, the text to follow; empty in the browser."""
    browser: bool = False
    notice: str = ""
    """Something to tell the person once (speech asked for but not possible)."""


def find_voice(which: Callable[[str], str | None] = shutil.which) -> tuple[str, ...]:
    """The first speech program on PATH with its options, or ()."""
    for program, options in SPEECH_PROGRAMS.items():
        found = which(program)
        if found:
            return (found, *options)
    return ()


def plan_cues(
    setting: str,
    env: Mapping[str, str],
    which: Callable[[str], str | None] = shutil.which,
) -> Plan:
    """The plan for `cues = setting` ("" when not set) in this environment."""
    if setting == Mode.OFF.value:
        return Plan(Mode.OFF)
    if setting == Mode.BELL.value:
        return Plan(Mode.BELL)
    if env.get(BROWSER) == "1":
        return Plan(Mode.SPEECH, browser=True)
    if setting != Mode.SPEECH.value and env.get(REMOTE):
        return Plan(Mode.BELL)  # over SSH the speaker is on the wrong computer
    voice = find_voice(which)
    if voice:
        return Plan(Mode.SPEECH, voice)
    if setting == Mode.SPEECH.value:
        names = " or ".join(SPEECH_PROGRAMS)
        return Plan(
            Mode.BELL,
            notice=(
                f'config.toml asks for spoken steps (cues = "speech"), but neither {names} '
                f"was found: the bell rings instead. To hear the steps: {INSTALL}."
            ),
        )
    return Plan(Mode.BELL)


def osc(code: str, *fields: str) -> str:
    """An OSC sequence ended by BEL; every field cleaned, so none can end it early."""
    return "\x1b]" + ";".join([code, *(clean(f) for f in fields)]) + "\x07"


def desktop_notices(text: str) -> str:
    """OSC 9 (iTerm2, WezTerm, kitty, Ghostty…) and OSC 777 (foot, Ghostty, urxvt's notify
    extension…) for one notice."""
    text = clean(text).replace(";", ",")
    return osc("9", f"footcare: {text}") + osc("777", "notify", "footcare", text)


class Terminal(Protocol):
    """What a client gives the engine."""

    def ring(self, times: int) -> None:
        """The bell, `times` times (1 or 2)."""

    def write(self, sequence: str) -> None:
        """Escape sequences, to the person's terminal (never mixed into a line of text)."""

    def notice(self, text: str) -> None:
        """Tell the person something once."""


class StreamTerminal:
    """A terminal on a text stream: the plain session's stdout."""

    def __init__(self, out: IO[str], bell: bool = True) -> None:
        self.out = out
        self.bell = bell

    def ring(self, times: int) -> None:
        if self.bell:
            self.write("\a" * times)

    def write(self, sequence: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.out.write(sequence)
            self.out.flush()

    def notice(self, text: str) -> None:
        self.write(f"Note: {text}\n")


Spawn = Callable[..., "subprocess.Popen[bytes]"]


class CueEngine:
    """Listens to one session runner and cues what it does."""

    def __init__(
        self,
        runner: SessionRunner,
        plan: Plan,
        terminal: Terminal,
        remote_notices: bool = False,
        spawn: Spawn = subprocess.Popen,
        emergency: str = DEFAULT_EMERGENCY,
    ) -> None:
        self.runner = runner
        self.emergency = emergency
        """The emergency number, said in the advice after a stop."""
        self.plan = plan
        self.terminal = terminal
        self.remote_notices = remote_notices
        self.spawn = spawn
        self.speaking: subprocess.Popen[bytes] | None = None
        self.said: list[str] = []
        """Everything spoken or sent to be spoken, in order (also for the browser)."""
        self._stopping: list[subprocess.Popen[bytes]] = []

    # --- attaching -----------------------------------------------------------------------
    def attach(self) -> CueEngine:
        """Listen from now on, and announce where the session stands."""
        if self.plan.notice:
            self.terminal.notice(self.plan.notice)
        self.runner.listeners.append(self)
        session = self.runner.session
        lines = spoken_segment(session, self.runner.lighter)
        if session.paused:
            lines = [PAUSED_WHERE_YOU_STOPPED, *lines]
        self.announce(lines, rings=0, notify=True)
        return self

    def detach(self) -> None:
        if self in self.runner.listeners:
            self.runner.listeners.remove(self)

    # --- events --------------------------------------------------------------------------
    def __call__(self, events: list[Event]) -> None:
        kinds = {e.kind for e in events}
        concluded = self.runner.concluded  # set before a stop's event: its warning sign
        sign = concluded.sign if concluded is not None else None
        lines = spoken_lines(self.runner.session, events, self.runner.lighter, self.emergency, sign)
        if kinds & {EventKind.FOOT_CHANGE, EventKind.FINISHED}:
            rings = 2
        elif kinds & {EventKind.STEP, EventKind.GET_READY, EventKind.STOPPED}:
            rings = 1
        else:
            rings = 0
        self.announce(lines, rings=rings, notify=rings > 0)

    def announce(self, lines: list[str], rings: int, notify: bool) -> None:
        if not lines:
            return
        spoken = self.plan.mode is Mode.SPEECH and self.say(" ".join(lines))
        if rings and not spoken and self.plan.mode is not Mode.OFF:
            self.terminal.ring(rings)
        if notify and self.remote_notices:
            self.terminal.write(desktop_notices(notice_text(lines)))

    # --- speech --------------------------------------------------------------------------
    def say(self, text: str) -> bool:
        """Start saying ``text`` (stopping what is still being said); False if it can't be."""
        text = " ".join(clean(text).split())
        if not text:
            return False
        if self.plan.browser:
            self.said.append(text)
            self.terminal.write(osc(SPEECH_OSC, text))
            return True
        self.hush()
        try:
            self.speaking = self.spawn(
                [*self.plan.voice, text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except (OSError, ValueError) as exc:
            # the program went away or can't run: the bell from now on, said once
            name = os.path.basename(self.plan.voice[0]) if self.plan.voice else "speech"
            self.plan = Plan(Mode.BELL)
            self.terminal.notice(f"{name} could not start ({exc}); the bell rings instead.")
            return False
        self.said.append(text)
        return True

    def hush(self) -> None:
        """Stop whatever is still being said, without waiting for it."""
        self._stopping = [p for p in self._stopping if p.poll() is None]
        speaking, self.speaking = self.speaking, None
        if speaking is not None and speaking.poll() is None:
            with contextlib.suppress(OSError):
                speaking.terminate()
            self._stopping.append(speaking)


def attach_cues(services: Services, runner: SessionRunner) -> CueEngine | None:
    """Cue this session through the client's terminal (none: the client cues nothing)."""
    terminal: Terminal | None = services.terminal
    if terminal is None:
        return None
    config = services.config
    plan = plan_cues(config.cues, os.environ)
    return CueEngine(
        runner, plan, terminal, config.remote_notices, emergency=config.emergency_number
    ).attach()
