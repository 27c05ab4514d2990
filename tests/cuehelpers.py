"""What the cue tests share: fakes for the cue engine's runner and terminal, a fake
speech program on PATH that logs what it is asked to say, and the escape sequences a
terminal is sent."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from footcare.domain.routine import Routine, Step
from footcare.domain.session import Session
from ptyterm import PtyProgram, begin_session

OSC = re.compile(r"\x1b\][^\x07]*\x07")
OSC_9 = re.compile(r"\x1b\]9;footcare: ([^\x00-\x1f\x7f-\x9f;]*)\x07")
OSC_777 = re.compile(r"\x1b\]777;notify;footcare;([^\x00-\x1f\x7f-\x9f;]*)\x07")
OVER_SSH = "192.0.2.10 50122 192.0.2.1 22"


@dataclass
class FakeRunner:
    session: Session
    lighter: bool = False
    listeners: list[Any] = field(default_factory=list)
    concluded: Any = None


class Recorder:
    def __init__(self) -> None:
        self.rings: list[int] = []
        self.writes: list[str] = []
        self.notices: list[str] = []

    def ring(self, times: int) -> None:
        self.rings.append(times)

    def write(self, sequence: str) -> None:
        self.writes.append(sequence)

    def notice(self, text: str) -> None:
        self.notices.append(text)


class FakeProcess:
    """A speaker (services/speakers.py) that only records: real processes are in
    test_cue_processes.py."""

    def __init__(self, argv: list[str]) -> None:
        self.argv = argv
        self.running = True
        self.terminated = False

    def stop(self, wait: float = 0.0) -> None:
        assert wait == 0.0, "speech must never be waited for during a session"
        self.terminated = True
        self.running = False


class Spawner:
    def __init__(self, fail: bool = False) -> None:
        self.made: list[FakeProcess] = []
        self.fail = fail

    def __call__(self, argv: list[str]) -> FakeProcess:
        if self.fail:
            raise FileNotFoundError(2, "No such file or directory", argv[0])
        process = FakeProcess(list(argv))
        self.made.append(process)
        return process


def routine_of(*steps: Step, feet: tuple[str, ...] = ("left", "right"), ready: int = 2) -> Routine:
    return Routine("r", "R", "", feet, steps, get_ready_seconds=ready)


TWO_STEPS = routine_of(
    Step("Warming strokes", "effleurage", 3, "Glide lightly. Then again.", "light"),
    Step("Finish this foot", "finish", 4, "Wipe off extra lotion.", "none"),
)


def cues_ratings() -> Any:
    from footcare.domain.journal import Ratings

    return Ratings(pain=3)


def fake_voice(root: Path, lingers: float = 0) -> tuple[Path, Path]:
    """A folder with an `espeak-ng` that appends its time and what it was asked to say (the
    last argument) to a log, and says nothing; for ``lingers`` seconds more, as a long
    sentence would, when asked."""
    folder = root / "fake-bin"
    folder.mkdir()
    log = root / "said.log"
    script = folder / "espeak-ng"
    script.write_text(
        "#!/bin/sh\n"
        "for last; do :; done\n"
        f'printf "%s\\t%s\\t%s\\n" "$(date +%s.%N)" "$1" "$last" >> {shlex.quote(str(log))}\n'
        + (f"exec sleep {lingers}\n" if lingers else ""),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder, log


def said(log: Path) -> list[tuple[float, str, str]]:
    if not log.exists():
        return []
    lines = log.read_text(encoding="utf-8").splitlines()
    return [(float(t), first, text) for t, first, text in (line.split("\t") for line in lines)]


def assert_said_in_order(texts: list[str], expected: list[str]) -> None:
    assert len(texts) == len(expected), "\n".join(texts)
    for text, start in zip(texts, expected, strict=True):
        assert text.startswith(start), f"{text!r} does not start with {start!r}"


def notices_of_a_session(term: PtyProgram, log: Path) -> list[str]:
    """Over SSH, a whole session from the first screen; once its end has rung twice (the
    second bell 0.4 s after the first): nothing was said on this computer, the bell rang
    once a step and twice at the foot change and the end, and each desktop notice came as
    OSC 9 and as OSC 777. Quits with q and returns the notices, in order."""

    def printed() -> str:
        return term.raw().decode("utf-8", "replace")

    begin_session(term)
    term.expect("After the session", timeout=40)
    term.until(lambda: OSC.sub("", printed()).count("\a") >= 8, 10, "the end's second bell")
    out = printed()
    assert said(log) == []
    assert OSC.sub("", out).count("\a") == 4 + 2 * 2  # 4 steps once; foot change, end twice
    nines, sevens = OSC_9.findall(out), OSC_777.findall(out)
    assert nines == sevens
    term.press("q")
    return nines
