"""One program in its own pseudo-terminal at 80×24, read from this thread with select.

Every wait here is for something the program prints, with a timeout; nothing sleeps a
fixed time.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from collections.abc import Sequence
from pathlib import Path

COLS, ROWS = 80, 24
QUIET = 0.3
"""Seconds of no output that count as "settled" (only for screens with no work left)."""
TICK = os.sysconf("SC_CLK_TCK")
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def plain(data: bytes) -> str:
    """The text a terminal would show, without escape sequences (lines run together)."""
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


def _controlling_tty() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Run:
    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.data = bytearray()
        self.last_byte = 0.0

    def read_once(self, timeout: float) -> int:
        """Read what is there (waiting up to ``timeout``); the number of bytes read."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return 0
        try:
            chunk = os.read(self.master, 65536)
        except OSError:
            return 0
        self.data += chunk
        if chunk:
            self.last_byte = time.perf_counter()
        return len(chunk)

    def pump(self, seconds: float) -> int:
        """Read for this long; the bytes read."""
        end = time.perf_counter() + seconds
        got = 0
        while (left := end - time.perf_counter()) > 0:
            got += self.read_once(left)
            if self.proc.poll() is not None and not self.read_once(0):
                break
        return got

    def _failed(self, what: str) -> RuntimeError:
        return RuntimeError(f"{what}; the screen said:\n{plain(bytes(self.data))[-2000:]}")

    def settle(self, since: float, timeout: float = 60.0) -> float:
        """Wait for output, then for QUIET seconds of none: seconds from ``since`` to the
        last byte. Use it only where nothing is still being worked on in the background."""
        deadline = time.perf_counter() + timeout
        seen = len(self.data)
        while len(self.data) == seen:
            if time.perf_counter() > deadline or self.proc.poll() is not None:
                raise self._failed("no output")
            self.read_once(0.05)
        while True:
            if time.perf_counter() > deadline:
                raise self._failed("the screen never settled")
            if self.pump(QUIET) == 0:
                return self.last_byte - since

    def wait_for(self, pattern: str, since: int = 0, timeout: float = 60.0) -> float:
        """Wait until ``pattern`` (a regular expression) is printed after byte ``since``;
        the moment the bytes that completed it arrived."""
        wanted = re.compile(pattern)
        deadline = time.perf_counter() + timeout
        while True:
            if wanted.search(plain(bytes(self.data[since:]))):
                return self.last_byte
            left = deadline - time.perf_counter()
            if left <= 0 or self.proc.poll() is not None:
                raise self._failed(f"{pattern!r} not seen")
            self.read_once(min(left, 0.5))

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime

    def status_mib(self, field: str) -> float:
        """VmHWM (peak RSS) or VmRSS from /proc, in MiB."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)
