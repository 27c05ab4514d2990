"""The cue test (`footcare cues test`, t on the start screen): a line said and the bell
rung, as a session would here, and the person's answer kept for this place, where the
next sessions read it (services/cues.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import IO, TYPE_CHECKING, Protocol

from footcare.domain.cue_test import TEST_LINE, CueTest, Heard, Place, outcome
from footcare.services.cues import (
    INSTALL,
    SPEECH_OSC,
    SPEECH_PROGRAMS,
    Mode,
    PageSpeech,
    Plan,
    Spawn,
    StreamTerminal,
    Terminal,
    find_voice,
    osc,
    place_of,
)
from footcare.services.speakers import Speaking, start_speaker, stop_speaking

if TYPE_CHECKING:
    from footcare.storage.paths import Paths

__all__ = [
    "AnswerKeeper",
    "CueTestUses",
    "Plan",
    "StreamCueTest",
    "keep_answer",
    "keep_heard",
    "plan_for_test",
    "play",
]


def plan_for_test(
    env: Mapping[str, str] = os.environ,
    which: Callable[[str], str | None] = shutil.which,
) -> Plan:
    """Speech as a session here would speak (whatever config.toml says: the test is of
    what can be heard), and the bell."""
    if place_of(env) is Place.BROWSER:
        return Plan(Mode.SPEECH, browser=True)
    voice = find_voice(which)
    if voice:
        return Plan(Mode.SPEECH, voice)
    names = " or ".join(SPEECH_PROGRAMS)
    return Plan(
        Mode.BELL,
        notice=f"Neither {names} was found, so only the bell is tested. To hear the steps: "
        f"{INSTALL}.",
    )


def play(plan: Plan, terminal: Terminal, spawn: Spawn = start_speaker) -> Speaking | None:
    """Say the test line (stopping anything still speaking) and ring the bell once."""
    stop_speaking()
    speaker: Speaking | None = None
    if plan.browser:
        terminal.write(osc(SPEECH_OSC, TEST_LINE))
        speaker = PageSpeech(terminal)
    elif plan.voice:
        try:
            speaker = spawn([*plan.voice, TEST_LINE])
        except (OSError, ValueError) as exc:
            terminal.notice(f"{plan.voice_name} could not start ({exc}).")
    terminal.ring(1)
    return speaker


def keep_answer(
    paths: Paths, plan: Plan, heard: Heard, at: datetime, env: Mapping[str, str] = os.environ
) -> str:
    """Keep `heard` for this place; what footcare does from now on, in words.

    Raises StorageError when the answer can't be kept."""
    from footcare.storage.cue_tests import record_cue_test

    place = place_of(env)
    record_cue_test(paths, place, CueTest(heard, plan.voice_name, at))
    said = outcome(heard)
    if plan.mode is not Mode.SPEECH and heard in (Heard.BOTH, Heard.SPEECH):
        said = "No speech program was found here, so only the bell was played."
    return f"Kept for footcare {place.described}. {said}"


class AnswerKeeper(Protocol):
    def keep_cue_answer(
        self, plan: Plan, heard: Heard, at: datetime, env: Mapping[str, str]
    ) -> str: ...


class CueTestUses(Protocol):
    """The use-cases as the app's cue test sees them: where the answer is kept, and now."""

    @property
    def settings(self) -> AnswerKeeper: ...

    @property
    def now(self) -> Callable[[], datetime]: ...


def keep_heard(
    uses: CueTestUses, plan: Plan, heard: Heard, env: Mapping[str, str] = os.environ
) -> str:
    """The app's answer kept, as `keep_answer` (raises StorageError when it can't be)."""
    return uses.settings.keep_cue_answer(plan, heard, uses.now(), env)


class StreamCueTest:
    """The cue test on a text stream (`footcare cues test`): the plan for this place,
    played as often as the person asks, what is still speaking stopped at the end, and
    the answer kept."""

    def __init__(self, out: IO[str], env: Mapping[str, str] = os.environ) -> None:
        self.env = env
        self.plan = plan_for_test(env)
        self.terminal = StreamTerminal(out)

    def notice(self) -> None:
        """Say once what can't be tested here (no speech program), if anything."""
        if self.plan.notice:
            self.terminal.notice(self.plan.notice)

    def play(self) -> None:
        play(self.plan, self.terminal)

    def stop(self) -> None:
        stop_speaking()

    def keep(self, paths: Paths, heard: Heard, at: datetime) -> str:
        """What footcare does from now on, in words (raises StorageError)."""
        return keep_answer(paths, self.plan, heard, at, self.env)
