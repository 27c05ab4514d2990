"""When the terminal goes away, footcare saves and leaves, whatever is left of its shutdown; a
SIGKILL at any moment after the last step leaves the session in the journal. Real processes in
real ptys.

How fast it leaves (a third of a second here, on an idle machine) is measured by
benchmarks/hang_up.py: these tests allow a loaded machine ``LEFT_BY`` seconds, long enough not
to fail from load, far shorter than a footcare that waits on a terminal nobody reads (forever).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from ptyterm import (
    PtyProgram,
    answer_screening,
    app_env,
    footcare_command,
    make_folders,
    running,
    wait_until,
)

pytestmark = pytest.mark.xdist_group("pty-heavy")  # never beside the person test (see there)
LEFT_BY = 10.0
"""Seconds a terminal gone may take to end footcare in these tests, on a loaded machine."""


def left(proc) -> None:  # type: ignore[no-untyped-def]
    wait_until(lambda: proc.poll() is not None, LEFT_BY, lambda: "still running")


def begin(term: PtyProgram, phrase: str, timeout: float = 15.0) -> None:
    """From the first screen: continue, answer every question safely, begin; returns once
    `phrase` shows."""
    term.expect("Routine")
    mark = term.position()
    term.send("c")
    answer_screening(term, mark)
    mark = term.position()
    term.send("b")
    term.wait_for(phrase, mark, timeout=timeout)


def gone(term: PtyProgram, how: str) -> None:
    """The terminal goes away (its pty closed, or a signal named `how`); footcare leaves."""
    if how == "close":
        os.close(term.master)
    else:
        term.kill(getattr(signal, how))
    left(term.proc)


@pytest.mark.parametrize("how", ["close", "SIGHUP", "SIGTERM"])
def test_leaving_mid_session_saves_and_exits(tmp_path: Path, how: str) -> None:
    config, data = make_folders(tmp_path)
    with running(footcare_command(), app_env(config, data)) as term:
        begin(term, "FOOT")
        gone(term, how)
    saved = tomllib.loads((data / "session.toml").read_text(encoding="utf-8"))
    assert saved["status"] == "paused" and saved["routine_id"] == "quick"


def test_sigkill_on_the_after_session_screen_keeps_the_session(tmp_path: Path) -> None:
    config, data = make_folders(tmp_path)
    with running(footcare_command(), app_env(config, data)) as term:
        begin(term, "How do your feet feel now?", timeout=60)
        term.kill(signal.SIGKILL)
        term.wait()
    entries = JournalStore(Paths(config, data)).load().entries
    assert len(entries) == 1 and entries[0].session is not None
    with running(footcare_command(), app_env(config, data)) as term:
        term.expect("without after-session ratings")
        term.send("q")
        term.wait()
    assert len(JournalStore(Paths(config, data)).load().entries) == 1
    assert not (data / "session.toml").exists()


@pytest.mark.parametrize("how", ["close", "SIGHUP"])
def test_leaving_from_the_after_session_screen_and_the_journal(tmp_path: Path, how: str) -> None:
    config, data = make_folders(tmp_path)
    with running(footcare_command(), app_env(config, data)) as term:
        begin(term, "How do your feet feel now?", timeout=60)
        mark = term.position()
        term.send("7")
        term.wait_for("7", mark)
        gone(term, how)
    entries = JournalStore(Paths(config, data)).load().entries
    assert [e.after.numbness for e in entries] == [7]
    with running(footcare_command(), app_env(config, data)) as term:
        term.expect("Routine")
        mark = term.position()
        term.send("j")
        term.wait_for("Journal", mark)
        gone(term, how)


def hang_up(term: PtyProgram) -> None:
    """What a terminal multiplexer does when its window is killed: SIGHUP and SIGCONT to the
    program's process group, then the pty closed."""
    for sig in (signal.SIGHUP, signal.SIGCONT):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(term.proc.pid, sig)
    os.close(term.master)


def test_terminal_killed_while_drawing_exits_every_time(tmp_path: Path) -> None:
    """The terminal goes away while keys are still being drawn: every time, the session is
    saved and footcare leaves, whatever the output left unwritten."""
    for run in range(8):
        config, data = make_folders(tmp_path / f"run{run}")
        with running(footcare_command(), app_env(config, data)) as term:
            begin(term, "FOOT")
            term.send("\x1b[B\x1b[B\x1b[B\x1b[B5 ")
            hang_up(term)
            left(term.proc)
        saved = tomllib.loads((data / "session.toml").read_text(encoding="utf-8"))
        assert saved["status"] == "paused" and saved["routine_id"] == "quick", f"run {run}"


def test_leave_for_sure_ends_a_process_stuck_after_saving() -> None:
    stuck = "from footcare.ui.app import leave_for_sure; leave_for_sure(0.2); input()"
    proc = subprocess.Popen([sys.executable, "-c", stuck], stdin=subprocess.PIPE)
    try:
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
