"""footcare over a real SSH login: an OpenSSH server on 127.0.0.1, a throwaway key, a pty.

The server is installed if missing (Debian's openssh-server, as root) and run by the
test itself on a free high port, with its own config, host key and authorized_keys;
it listens on 127.0.0.1 only and is stopped at the end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tomllib
from pathlib import Path

import pytest

from ptyterm import answer_screening, begin_session, make_folders, wait_until
from sshserver import Server, login

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SSH test needs a POSIX pty"),
    # Tests that may install Debian packages share one xdist worker: apt holds one lock.
    pytest.mark.xdist_group("system-packages"),
]


TITLES = {
    1: "LEFT FOOT — step 1 of 2: Warming strokes",
    2: "LEFT FOOT — step 2 of 2: Finish this foot",
}


def app_processes(data: Path) -> list[int]:
    """Processes on this machine whose environment names this data folder."""
    marker = f"FOOTCARE_DATA_DIR={data}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            with contextlib.suppress(OSError):
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
    return found


def test_a_whole_session_over_ssh(sshd: Server, tmp_path: Path) -> None:
    config, data = make_folders(tmp_path)
    with contextlib.closing(login(sshd, config, data)) as term:
        begin_session(term)
        term.expect("LEFT FOOT — step 1 of 2: Warming strokes")
        term.expect("LEFT FOOT — step 2 of 2: Finish this foot")
        term.expect("RIGHT FOOT", timeout=20)
        term.expect("After the session", timeout=30)
        term.press("s")
        term.expect("Saved to your journal")
        term.press("q")
        assert term.wait(timeout=15) == 0, term.tail()
    months = list((data / "journal").glob("*.toml"))
    assert len(months) == 1, f"journal files: {months}"
    entries = tomllib.loads(months[0].read_text())["entries"]
    assert len(entries) == 1
    assert entries[0]["session"]["routine"] == "quick"
    assert entries[0]["session"]["stopped_early"] is False
    assert not (data / "session.toml").exists()


def test_a_dropped_ssh_link_leaves_the_session_resumable(sshd: Server, tmp_path: Path) -> None:
    config, data = make_folders(tmp_path)
    with contextlib.closing(login(sshd, config, data)) as term:
        begin_session(term)
        term.expect("LEFT FOOT — step 1 of 2: Warming strokes")
        term.kill(signal.SIGKILL)  # the laptop lid closes: no goodbye from the client
        term.wait(timeout=10)

    # The server notices, the app gets SIGHUP, saves and ends: no orphan left running.
    wait_until(
        lambda: not app_processes(data),
        15,
        lambda: f"footcare still running: {app_processes(data)}",
    )
    state = tomllib.loads((data / "session.toml").read_text())
    assert state["routine_id"] == "quick"
    # Segment 0 is the left foot's get-ready; 1 is step 1 (2 if a slow machine moved on).
    assert state["index"] in TITLES, state
    assert state["status"] == "paused", state  # the SIGHUP handler paused it on the way out
    assert 0 < state["elapsed"] < 30

    with contextlib.closing(login(sshd, config, data)) as term:
        term.expect("can be resumed: press r", timeout=30)
        since = term.position()
        term.press("r")
        answer_screening(term, since, go_ahead_recorded=True)
        since = term.position()
        term.press("b")
        term.wait_for(TITLES[state["index"]], since)
        term.wait_for("Paused where you stopped", since)
        assert "GET READY" not in term.text(since), "resumed from the start, not the step"
