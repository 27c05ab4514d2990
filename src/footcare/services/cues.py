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
- `bell_with_speech = true` (the default): the bell rings with the speech as well, since
  footcare can't know speech was heard (espeak-ng ends without an error when there is no
  sound device). `false`: speech alone.
- not set: speech when a speech program is found and the person is here; over SSH
  (`SSH_CONNECTION` set) the speech would play on the wrong computer, so the bell.
- `remote_notices = true`: also OSC 9 and OSC 777 at each step, the foot change and the
  end, which many terminals turn into a desktop notification.

And from the person's last cue test in this place (`footcare cues test`, or t on the start
screen): only the bell heard, the bell instead of speech; nothing heard, no sound at all
and a notice saying so (each step is on screen).

Speaking never waits: the program is started and left to run; a new announcement stops
one still speaking, with everything it started (services/speakers.py). Every text is
cleaned of control characters and passed as one argument, never through a shell.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from enum import Enum
from typing import IO, TYPE_CHECKING, Protocol

from footcare.domain.announce import (
    PAUSED_WHERE_YOU_STOPPED,
    notice_text,
    spoken_lines,
    spoken_segment,
)
from footcare.domain.cue_test import CueTest, Heard, Place
from footcare.domain.frozen import frozen
from footcare.domain.session import Event, EventKind
from footcare.domain.text import clean
from footcare.domain.wording import DEFAULT_EMERGENCY
from footcare.services.speakers import (
    Speaking,
    register,
    start_speaker,
    stop_speaking,
    unregister,
)

if TYPE_CHECKING:
    from footcare.services.runner import SessionRunner
    from footcare.storage.config import Config
    from footcare.storage.paths import Paths

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


@frozen
class Plan:
    """How this session cues, decided once at its start."""

    mode: Mode
    voice: tuple[str, ...] = ()
    """The speech program and its options, the text to follow; empty in the browser."""
    browser: bool = False
    notice: str = ""
    """Something to tell the person once (speech asked for but not possible)."""
    bell: bool = True
    """With speech, the bell rings too (speech may go unheard, and nobody can know)."""

    @property
    def voice_name(self) -> str:
        """The speech program's name ("browser" in the browser; "" for none)."""
        if self.browser:
            return "browser"
        return os.path.basename(self.voice[0]) if self.voice else ""


def place_of(env: Mapping[str, str]) -> Place:
    if env.get(BROWSER) == "1":
        return Place.BROWSER
    return Place.SSH if env.get(REMOTE) else Place.HERE


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
    bell_with_speech: bool = True,
    tested: CueTest | None = None,
) -> Plan:
    """The plan for `cues = setting` ("" when not set) in this environment, with the bell
    beside speech or not, adjusted by the last cue test here (`tested`)."""
    plan = replace(_planned(setting, env, which, tested), bell=bell_with_speech)
    return plan if tested is None or setting == Mode.OFF.value else after_test(plan, tested)


def _planned(
    setting: str,
    env: Mapping[str, str],
    which: Callable[[str], str | None],
    tested: CueTest | None = None,
) -> Plan:
    if setting == Mode.OFF.value:
        return Plan(Mode.OFF)
    if setting == Mode.BELL.value:
        return Plan(Mode.BELL)
    if env.get(BROWSER) == "1":
        return Plan(Mode.SPEECH, browser=True)
    heard_speech = tested is not None and tested.heard in (Heard.BOTH, Heard.SPEECH)
    if setting != Mode.SPEECH.value and env.get(REMOTE) and not heard_speech:
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


def after_test(plan: Plan, tested: CueTest) -> Plan:
    """`plan` as the last cue test allows: a cue that was not heard is not relied on.

    The answer counts only for the speech program it was given with (another one, since
    installed, may be heard)."""
    again = "Test again with `footcare cues test` (or t on the start screen)."
    if plan.mode is Mode.SPEECH and tested.voice != plan.voice_name:
        return plan
    if tested.heard is Heard.NOTHING:
        return Plan(
            Mode.OFF,
            notice=(
                "Your last cue test heard nothing, so this session makes no sound: "
                f"keep the screen in sight, each step shows there. {again}"
            ),
        )
    if tested.heard is Heard.BELL and plan.mode is Mode.SPEECH:
        return Plan(
            Mode.BELL,
            notice=(
                "Your last cue test heard the bell but not the words: the bell rings at "
                f"each step instead. {again}"
            ),
        )
    if tested.heard is Heard.SPEECH and plan.mode is Mode.BELL:
        return replace(
            plan,
            notice=(
                "Your last cue test did not hear the bell: keep the screen in sight, "
                f"each step shows there. {again}"
            ),
        )
    return plan


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


class PageSpeech:
    """What the browser page is saying (under footcare serve): stopped by the speech OSC
    with no text, when the session is left or footcare closes."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.running = True
        register(self)

    def replaced(self) -> None:
        """A new announcement took its place (the page stops this one itself)."""
        self.running = False
        unregister(self)

    def stop(self, wait: float = 0.0) -> None:
        if self.running:
            self.replaced()
            with contextlib.suppress(Exception):  # the app may be gone already
                self.terminal.write(osc(SPEECH_OSC, ""))


Spawn = Callable[[Sequence[str]], Speaking]
"""Starts a speech program (argv) in its own process group; raises OSError or ValueError."""


class CueEngine:
    """Listens to one session runner and cues what it does."""

    def __init__(
        self,
        runner: SessionRunner,
        plan: Plan,
        terminal: Terminal,
        remote_notices: bool = False,
        spawn: Spawn | None = None,
        emergency: str = DEFAULT_EMERGENCY,
    ) -> None:
        self.runner = runner
        self.emergency = emergency
        """The emergency number, said in the advice after a stop."""
        self.plan = plan
        self.terminal = terminal
        self.remote_notices = remote_notices
        self.spawn: Spawn = spawn or start_speaker
        self.speaking: Speaking | None = None
        self.said: list[str] = []
        """Everything spoken or sent to be spoken, in order (also for the browser)."""

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
        if rings and self.plan.mode is not Mode.OFF and (self.plan.bell or not spoken):
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
            if isinstance(self.speaking, PageSpeech):
                self.speaking.replaced()
            self.said.append(text)
            self.terminal.write(osc(SPEECH_OSC, text))
            self.speaking = PageSpeech(self.terminal)
            return True
        self.hush()
        try:
            self.speaking = self.spawn([*self.plan.voice, text])
        except (OSError, ValueError) as exc:
            # the program went away or can't run: the bell from now on, said once
            name = self.plan.voice_name or "speech"
            self.plan = Plan(Mode.BELL)
            self.terminal.notice(f"{name} could not start ({exc}); the bell rings instead.")
            return False
        self.said.append(text)
        return True

    def hush(self) -> None:
        """Stop whatever is still being said, with all it started, without waiting (it is
        reaped as soon as it ends)."""
        speaking, self.speaking = self.speaking, None
        if speaking is not None and speaking.running:
            speaking.stop()


def attach_cues(
    runner: SessionRunner, terminal: Terminal, config: Config, paths: Paths
) -> CueEngine:
    """Cue this session through the client's terminal, as config.toml and the last cue test
    here say."""
    stop_speaking()  # nothing said for an earlier session carries on into this one
    where = place_of(os.environ)
    tested = last_cue_test(paths, where, terminal)
    plan = plan_cues(
        config.cues, os.environ, bell_with_speech=config.bell_with_speech, tested=tested
    )
    return CueEngine(
        runner, plan, terminal, config.remote_notices, emergency=config.emergency_number
    ).attach()


def last_cue_test(paths: Paths, where: Place, terminal: Terminal) -> CueTest | None:
    """The last cue test's answer here; None when there is none or it can't be read (the
    problem is told once, and the session cues as if untested)."""
    from footcare.storage.cue_tests import load_cue_tests
    from footcare.storage.errors import StorageError

    try:
        return load_cue_tests(paths).get(where)
    except StorageError as exc:
        terminal.notice(f"{exc} (cues as if never tested)")
        return None
