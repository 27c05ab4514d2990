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
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from footcare.domain.screening import Tier, all_items

ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()*+][0-9A-Za-z]"  # character-set selection
    rb"|\x1b[=>78cDEHMNOZ\\]"  # single-character escapes
)

QUICK_ROUTINE = """\
id = "quick"
name = "Quick test"
description = "Two short steps, for tests."
feet = ["left", "right"]
get_ready_seconds = 2

[[steps]]
name = "Warming strokes"
technique = "effleurage"
duration = 3
instructions = "Glide lightly from the toes up to the ankle."
pressure = "light"
direction = "toes to ankle"

[[steps]]
name = "Finish this foot"
technique = "finish"
duration = 3
instructions = "Wipe off extra lotion and dry between the toes."
pressure = "none"
"""


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


def make_folders(root: Path, routine: str = "quick") -> tuple[Path, Path]:
    """A config folder with the quick routine preselected, and an empty data folder."""
    config, data = root / "cfg", root / "data"
    (config / "routines").mkdir(parents=True, exist_ok=True)
    (config / "routines" / "quick.toml").write_text(QUICK_ROUTINE, encoding="utf-8")
    (config / "config.toml").write_text(f'routine = "{routine}"\n', encoding="utf-8")
    data.mkdir(parents=True, exist_ok=True)
    return config, data


def screening_keys(enter: str = "\r") -> list[str]:
    """Answer every question safely, top to bottom (a fresh data folder: nothing recorded).

    The go-ahead everyone needs is recorded with y and its date confirmed with Enter;
    under a pty, empty strings after Enter give the date dialog time to close.
    """
    settle = [""] * 6 if enter == "\r" else []
    keys: list[str] = []
    for item in all_items():
        if item.tier is Tier.BLOCK:
            keys.append("n")
        elif item.tier is Tier.CLEARANCE:
            keys += ["y", enter, *settle] if item.everyone else ["n"]
        else:
            keys.append("y")
    return keys


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

    def tail(self, chars: int = 3000) -> str:
        return self.text()[-chars:]

    def expect(self, phrase: str, timeout: float = 15.0) -> None:
        """Wait until `phrase` shows after the last mark; move the mark past it."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                raw = bytes(self.data[self.mark :])
                size = len(self.data)
            found = plain(raw).find(phrase)
            if found >= 0:
                self.mark = size
                return
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{phrase!r} not seen within {timeout:.0f} s; exit code "
                    f"{self.proc.poll()}; last output:\n{self.tail()}"
                )
            if self.proc.poll() is not None and not self._reader.is_alive():
                raise AssertionError(
                    f"{phrase!r} not seen: the program ended with {self.proc.returncode}; "
                    f"last output:\n{self.tail()}"
                )
            time.sleep(0.05)

    def position(self) -> int:
        """How many bytes were printed so far: a place to search from later."""
        with self._lock:
            return len(self.data)

    def wait_for(self, phrase: str, since: int, timeout: float = 15.0) -> None:
        """Wait until `phrase` shows anywhere after `since` (leaves the mark alone)."""
        deadline = time.monotonic() + timeout
        while phrase not in self.text(since):
            if time.monotonic() > deadline or (
                self.proc.poll() is not None and not self._reader.is_alive()
            ):
                raise AssertionError(
                    f"{phrase!r} not seen; exit code {self.proc.poll()}; "
                    f"last output:\n{self.tail()}"
                )
            time.sleep(0.05)

    # writing ------------------------------------------------------------------------------
    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def press(self, *keys: str, gap: float = 0.15) -> None:
        for key in keys:
            self.send(key)
            time.sleep(gap)

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
