"""Speech programs, started and stopped so that nothing spoken outlives its moment.

A speech program may be a wrapper (a shell script that runs `espeak-ng`), so stopping the
process footcare started is not enough: each one is started in a process group of its
own and stopped with its whole group. Every one is reaped as soon as it ends, stopped or
not, so none is left as a zombie; and every one still speaking is stopped when the
session is left, when footcare closes (also after SIGHUP or SIGTERM: the clients call
`stop_speaking` on those paths) and when the interpreter exits.

The group is signalled only while its leader has not been reaped: until then its number
can't be given to another process, so the signal can only reach what footcare started.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import subprocess
import threading
from collections.abc import Sequence
from typing import Protocol

STOP_WITHIN = 1.0
"""Seconds `stop_speaking` waits for each stopped program to be reaped."""
POLL = 0.05
"""Seconds between looks at a program, where the system can't wait without reaping."""


class Speaking(Protocol):
    """Something still being said: a speech program, or the browser page's voice."""

    @property
    def running(self) -> bool: ...

    def stop(self, wait: float = 0.0) -> None: ...


_live: set[Speaking] = set()
_live_lock = threading.Lock()
_at_exit = False


def register(speaking: Speaking) -> None:
    """Count `speaking` among what `stop_speaking` stops, until `unregister`."""
    with _live_lock:
        _live.add(speaking)


def unregister(speaking: Speaking) -> None:
    with _live_lock:
        _live.discard(speaking)


class Speaker:
    """One speech program running in its own process group."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.pid = process.pid
        self._lock = threading.Lock()
        self._reaped = False
        register(self)
        self._watch = threading.Thread(target=self._wait, name="footcare-speaker", daemon=True)
        self._watch.start()

    @property
    def running(self) -> bool:
        """Still speaking (or ended an instant ago and not yet reaped)."""
        return not self._reaped

    def _wait(self) -> None:
        """Wait for the program to end without reaping it, then reap it (under the lock, so
        `stop` never signals a group whose number may have been given away)."""
        if hasattr(os, "waitid"):
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT)
            with self._lock:
                with contextlib.suppress(ChildProcessError, OSError):
                    self.process.wait()
                self._reaped = True
        else:  # no waitid (macOS): a look every 50 ms, each under the lock
            ended = threading.Event()
            while not ended.wait(POLL):
                with self._lock:
                    if self.process.poll() is not None:
                        self._reaped = True
                        ended.set()
        unregister(self)

    def stop(self, wait: float = 0.0) -> None:
        """Stop the program and everything it started; wait up to `wait` seconds for it to
        be reaped (never longer: a stuck audio device must not hold the app)."""
        with self._lock:
            if not self._reaped:
                _kill_group(self.process)
        if wait > 0:
            self._watch.join(wait)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    killpg = getattr(os, "killpg", None)
    if killpg is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            killpg(process.pid, signal.SIGKILL)
    else:  # no process groups here: the program itself
        with contextlib.suppress(OSError):
            process.kill()


def start_speaker(argv: Sequence[str]) -> Speaker:
    """Start `argv` in a process group of its own, reading and writing nothing.

    Raises OSError or ValueError when it can't be started."""
    global _at_exit
    if not _at_exit:
        atexit.register(stop_speaking)
        _at_exit = True
    process = subprocess.Popen(
        list(argv),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own session and process group: stopped as one
        close_fds=True,
    )
    return Speaker(process)


def live_speakers() -> list[Speaking]:
    with _live_lock:
        return list(_live)


def stop_speaking(wait: float = STOP_WITHIN) -> int:
    """Stop everything still being said (each program with its group); how many were."""
    speakers = live_speakers()
    for speaker in speakers:
        speaker.stop()
    for speaker in speakers:
        speaker.stop(wait)
    return len(speakers)
