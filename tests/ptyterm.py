"""Drive a program in a real pseudo-terminal and read what it prints, as text.

Used by the SSH, terminal and browser tests. Textual repaints by regions, so the
text of one widget arrives in one run between cursor moves: stripping the escape
sequences and searching for a phrase is enough to tell what is on screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from footcare.domain.screening import Tier, all_items
from screentext import shows

T = TypeVar("T")

ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()*+][0-9A-Za-z]"  # character-set selection
    rb"|\x1b[=>78cDEHMNOZ\\]"  # single-character escapes
)


def two_steps(
    id: str = "quick",
    name: str = "Quick test",
    description: str = "Two short steps, for tests.",
    warming: int = 3,
    finish: int = 3,
) -> str:
    """A routine's TOML: 2 s to get ready, then `warming` seconds of light strokes and a
    `finish` seconds' finishing step on each foot."""
    return f"""\
id = "{id}"
name = "{name}"
description = "{description}"
feet = ["left", "right"]
get_ready_seconds = 2

[[steps]]
name = "Warming strokes"
technique = "effleurage"
duration = {warming}
instructions = "Glide lightly from the toes up to the ankle."
pressure = "light"
direction = "toes to ankle"

[[steps]]
name = "Finish this foot"
technique = "finish"
duration = {finish}
instructions = "Wipe off extra lotion and dry between the toes."
pressure = "none"
"""


QUICK_ROUTINE = two_steps()


def plain(data: bytes) -> str:
    """Terminal output with the escape sequences taken out."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def footcare_command() -> list[str]:
    """The footcare console script beside this Python, else `python -m footcare`."""
    script = Path(sys.executable).parent / "footcare"
    if script.exists():
        return [str(script.absolute())]
    found = shutil.which("footcare")
    return [found] if found else [sys.executable, "-m", "footcare"]


def make_folders(root: Path, routine: str = "quick", more: str = "") -> tuple[Path, Path]:
    """A config folder with the quick routine preselected (and the config lines `more`),
    and an empty data folder."""
    config, data = root / "cfg", root / "data"
    (config / "routines").mkdir(parents=True, exist_ok=True)
    (config / "routines" / "quick.toml").write_text(QUICK_ROUTINE, encoding="utf-8")
    (config / "config.toml").write_text(f'routine = "{routine}"\n{more}', encoding="utf-8")
    data.mkdir(parents=True, exist_ok=True)
    return config, data


def screening_keys(enter: str = "enter") -> list[str]:
    """Keys that answer every question safely, top to bottom (nothing recorded yet).

    The go-ahead everyone needs is recorded with y and its date confirmed with `enter`.
    Pilot processes each key before the next; a real terminal needs `answer_screening`.
    """
    keys: list[str] = []
    for item in all_items():
        if item.tier is Tier.BLOCK:
            keys.append("n")
        elif item.tier is Tier.CLEARANCE:
            keys += ["y", enter] if item.everyone else ["n"]
    return [*keys, "y"]  # the reminders, all acknowledged with one key


def wait_until(check: Callable[[], T | None], timeout: float, what: Callable[[], str]) -> T:
    """Poll `check` until it returns something true, and return that; else fail with `what()`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what()}")
        time.sleep(0.05)


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def begin_session(term: PtyProgram) -> None:
    """From the first screen: continue, answer every question safely, begin; returns once
    the left foot's get-ready shows."""
    term.expect("Today's session", timeout=30)
    since = term.position()
    term.press("c")
    answer_screening(term, since)
    term.press("b")
    term.expect("GET READY — LEFT FOOT")


def set_size(fd: int, cols: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _controlling_tty() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class PtyProgram:
    """One program in its own pty: send keys, wait for text, resize, kill."""

    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        cols: int = 80,
        rows: int = 24,
    ) -> None:
        self.master, slave = pty.openpty()
        set_size(slave, cols, rows)
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=dict(env) if env is not None else None,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.data = bytearray()
        self.mark = 0
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.2)
                if not ready:
                    if self.proc.poll() is not None:
                        return
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self.data += chunk

    # reading ------------------------------------------------------------------------------
    def text(self, since: int = 0) -> str:
        with self._lock:
            return plain(bytes(self.data[since:]))

    def raw(self, since: int = 0) -> bytes:
        """The bytes printed from `since` on, escape sequences and all."""
        with self._lock:
            return bytes(self.data[since:])

    def tail(self, chars: int = 3000) -> str:
        return self.text()[-chars:]

    def _ended(self) -> bool:
        return self.proc.poll() is not None and not self._reader.is_alive()

    def until(self, check: Callable[[], T | None], timeout: float, what: str) -> T:
        """Poll `check` until it returns something true; fail with `what` and the last
        output at the deadline, or at once if the program ended."""

        def ready() -> T | None:
            result = check()
            if not result and self._ended():
                raise AssertionError(
                    f"{what}: the program ended with {self.proc.returncode}; "
                    f"last output:\n{self.tail()}"
                )
            return result

        return wait_until(
            ready,
            timeout,
            lambda: f"{what}; exit code {self.proc.poll()}; last output:\n{self.tail()}",
        )

    def expect(self, phrase: str, timeout: float = 15.0) -> None:
        """Wait until `phrase` shows after the last mark (however it wrapped: screentext.py);
        move the mark past it."""

        def seen() -> int | None:
            with self._lock:
                raw = bytes(self.data[self.mark :])
                size = len(self.data)
            return size if shows(phrase, plain(raw)) else None

        self.mark = self.until(seen, timeout, f"{phrase!r} not seen")

    def position(self) -> int:
        """How many bytes were printed so far: a place to search from later."""
        with self._lock:
            return len(self.data)

    def wait_for(self, phrase: str, since: int, timeout: float = 15.0) -> None:
        """Wait until `phrase` shows anywhere after `since`, however it wrapped (leaves the
        mark alone)."""
        self.until(lambda: shows(phrase, self.text(since)), timeout, f"{phrase!r} not seen")

    def wait_for_match(self, pattern: re.Pattern[str], since: int, timeout: float = 15.0) -> str:
        """Wait until `pattern` matches after `since`; returns the last match's first group."""

        def last() -> str | None:
            found = pattern.findall(self.text(since))
            return str(found[-1]) if found else None

        return self.until(last, timeout, f"{pattern.pattern!r} not seen")

    # writing ------------------------------------------------------------------------------
    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def press(self, *keys: str) -> None:
        """Type keys, one write each. Wait for what they should show with expect/wait_for."""
        for key in keys:
            self.send(key)

    def resize(self, cols: int, rows: int) -> None:
        set_size(self.master, cols, rows)  # the kernel sends SIGWINCH to the program

    # ending -------------------------------------------------------------------------------
    def wait(self, timeout: float = 10.0) -> int:
        return self.proc.wait(timeout=timeout)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.proc.send_signal(sig)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill(signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        self._reader.join(timeout=2)
        with contextlib.suppress(OSError):
            os.close(self.master)


@contextlib.contextmanager
def running(
    argv: Sequence[str], env: Mapping[str, str] | None = None, cols: int = 80, rows: int = 24
) -> Iterator[PtyProgram]:
    program = PtyProgram(argv, env, cols, rows)
    try:
        yield program
    finally:
        program.close()


def app_env(config: Path, data: Path, **extra: str) -> dict[str, str]:
    """A clean environment for a footcare run: its folders, a terminal type, no colour hints."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "COLORTERM", "TEXTUAL", "FORCE_COLOR"}
        and not k.startswith("FOOTCARE_")
    }
    env.update(
        TERM="xterm-256color",
        FOOTCARE_CONFIG_DIR=str(config),
        FOOTCARE_DATA_DIR=str(data),
        LANG=env.get("LANG", "C.UTF-8"),
    )
    env.update(extra)
    return env


# the safety questions, in a real terminal -------------------------------------------------

FOCUSED_OPEN = "▶TO DO"  # the highlighted row, still to answer
STILL_TO_DO = re.compile(r"— (\d+) to do")  # the panel under the questions
ALL_ANSWERED = "Press b to begin"
DATE_DIALOG = "Type the date as"


def answer_screening(
    term: PtyProgram, since: int, go_ahead_recorded: bool = False, timeout: float = 15.0
) -> None:
    """Answer every question safely, one key at a time, each once the screen shows the last.

    `since` is a position from before the safety questions opened. Every answer brings
    the panel's "N to do" down by one: that is the sign a key landed. The go-ahead's
    date dialog is waited for before Enter. With `go_ahead_recorded` (a second run on
    the same data folder) the go-ahead questions are valid already and skipped.
    """
    term.wait_for(FOCUSED_OPEN, since, timeout)
    answers: list[tuple[str, bool]] = []  # key, opens the date dialog
    for item in all_items():
        if item.tier is Tier.BLOCK:
            answers.append(("n", False))
        elif item.tier is Tier.CLEARANCE and not go_ahead_recorded:
            answers.append(("y", True) if item.everyone else ("n", False))
    answers.append(("y", False))  # the reminders: one row, one key
    left = int(term.wait_for_match(STILL_TO_DO, since, timeout))
    assert left == len(answers), f"{left} questions open, {len(answers)} answers:\n{term.tail()}"
    for key, dialog in answers:
        mark = term.position()
        term.send(key)
        if dialog:
            term.wait_for(DATE_DIALOG, mark, timeout)
            mark = term.position()
            term.send("\r")
        left -= 1
        term.wait_for(f"— {left} to do" if left else ALL_ANSWERED, mark, timeout)
