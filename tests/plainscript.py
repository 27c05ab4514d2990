"""The plain session in this process, on a scripted stdin, with what it prints and what
it sends to be said kept apart; and the app's screen read as the same kind of words.

A line of the script starting with "@" is something done elsewhere meanwhile (another
terminal); an answer can be worked out from what was printed so far, as a person reads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

import rendered
from apphelpers import NOW, FakeClock
from footcare.domain.screening import Tier, all_items
from footcare.plain import Lines, PlainSession
from footcare.services.build import read_footcare
from footcare.storage.paths import Paths

SPOKEN = re.compile("\x1b\\]7701;([^\x07]*)\x07")
ANY_OSC = re.compile("\x1b\\][^\x07]*\x07")
DECOR = re.compile("[▁▂▃▄▅▆▇█▔▏▕▎▍▌▋▊▉╸╺━│┃─┌┐└┘╭╮╰╯]")


def normal(text: str) -> str:
    return " ".join(DECOR.sub(" ", text).split())


def screen_words(app: Any) -> str:
    """What a person reads on the screen now: the painted rows, joined, spaces collapsed
    (so a sentence is found whatever width wrapped it)."""
    return normal(" ".join(rendered.lines(app)))


# --- the plain client on a scripted stdin --------------------------------------------------
class Scripted(Lines):
    """stdin as a script, each line there at once; a line starting with "@" is something
    done elsewhere meanwhile (another terminal). When the script runs out, time passes,
    so a session always comes to its end."""

    def __init__(
        self,
        script: list[str],
        actions: dict[str, Callable[[], None]],
        clock: FakeClock,
        answers: dict[str, Callable[[], str]],
    ) -> None:
        super().__init__(io.StringIO("".join(line + "\n" for line in script)))
        self.actions = actions
        self.clock = clock
        self.answers = answers
        """An answer worked out from what was printed so far, as a person reads it."""

    def next(self) -> str | None:
        line = super().next()
        return self.answers[line]() if line in self.answers else line

    def poll(self, timeout: float) -> str | None:
        assert self.stream is not None
        typed = self.stream.readline()  # the script's next line, kept lines left alone
        line = typed.removesuffix("\n") if typed else None
        if line is None:
            self.clock.advance(1)
        elif line in self.actions:
            self.actions[line]()
            return None
        return line


@dataclass
class PlainRun:
    code: int
    out: str

    @property
    def text(self) -> str:
        """What a person reads: the printed lines, without the escape sequences."""
        return ANY_OSC.sub("", self.out)

    @property
    def spoken(self) -> list[str]:
        return SPOKEN.findall(self.out)


def block_questions() -> int:
    return sum(1 for item in all_items() if item.tier is Tier.BLOCK)


def run_plain(
    paths: Paths,
    monkeypatch: pytest.MonkeyPatch,
    script: list[str],
    actions: dict[str, Callable[[], None]] | None = None,
    clock: FakeClock | None = None,
    answers: dict[str, Callable[[str], str]] | None = None,
    routine: str = "quick",
) -> PlainRun:
    monkeypatch.setenv("FOOTCARE_BROWSER", "1")  # the cue engine sends each line to be said
    clock = clock or FakeClock()
    services = read_footcare(paths, clock=clock, now=lambda: NOW)
    out = io.StringIO()
    reading = {
        key: (lambda work=work: work(ANY_OSC.sub("", out.getvalue())))
        for key, work in (answers or {}).items()
    }
    session = PlainSession(services, out, Scripted(script, actions or {}, clock, reading))
    try:
        code = session.run(routine)
    finally:  # each run stands for a process of its own: its claim ends with it
        if services.sessions.claim is not None:
            services.sessions.claim.release()
            services.sessions.claim = None
    return PlainRun(code, out.getvalue())
