"""No terminal, no spin: the app refuses to start without one, and the plain session takes
a closed or missing stdin as the end of input.

``ssh host footcare`` without ``-t`` gives the app pipes: it used to start anyway, draw
for nobody, and keep running at 60 % CPU after both pipes closed.
"""

from __future__ import annotations

import io
import os
import selectors
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footcare.plain import Lines
from footcare.ui.run import no_terminal

TIMEOUT = 60
"""Generous: a refusal takes well under a second; the old app never ended by itself."""


def env(tmp_path: Path) -> dict[str, str]:
    out = {
        **os.environ,
        "FOOTCARE_CONFIG_DIR": str(tmp_path / "config"),
        "FOOTCARE_DATA_DIR": str(tmp_path / "data"),
        "FOOTCARE_CACHE_DIR": str(tmp_path / "cache"),
    }
    out.pop("TEXTUAL_DRIVER", None)
    return out


def flat(text: str) -> str:
    return " ".join(text.split())


def shell(tmp_path: Path, line: str) -> subprocess.CompletedProcess[str]:
    """`line` run by sh, with footcare's folders in `tmp_path`."""
    return subprocess.run(
        ["sh", "-c", line],
        env=env(tmp_path),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("args", [[], ["session"]])
def test_the_app_without_a_terminal_refuses_at_once_and_says_what_to_do(
    tmp_path: Path, args: list[str]
) -> None:
    """`footcare </dev/null | cat`: a message naming the two ways in, a non-zero exit."""
    done = shell(tmp_path, f"'{sys.executable}' -m footcare {' '.join(args)} </dev/null")
    said = flat(done.stderr)
    assert done.returncode != 0 and "needs a terminal" in said and "Traceback" not in said
    assert "ssh -t" in said and "footcare session --plain" in said
    assert done.stdout == ""  # nothing drawn for nobody
    assert not (tmp_path / "data").exists()  # nothing opened either


def test_through_a_shell_pipeline_too(tmp_path: Path) -> None:
    done = shell(tmp_path, f"'{sys.executable}' -m footcare </dev/null 2>&1 | cat")
    assert "ssh -t" in flat(done.stdout)


def test_each_missing_stream_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    refusal = no_terminal()
    assert refusal is not None and "input" in refusal and "output" in refusal


def test_a_driver_that_brings_its_own_screen_is_let_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`footcare serve` runs the app with pipes and textual-serve's web driver."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert no_terminal() is None
    monkeypatch.delenv("TEXTUAL_DRIVER")
    assert no_terminal() is not None


def test_the_plain_session_with_stdin_closed_ends_as_at_the_end_of_input(
    tmp_path: Path,
) -> None:
    """`footcare session --plain 0<&-`: Python has no sys.stdin at all."""
    done = shell(tmp_path, f"exec '{sys.executable}' -m footcare session --plain 0<&-")
    assert "Traceback" not in done.stderr and "NoneType" not in done.stderr
    out = flat(done.stdout)
    assert "(no answer)" in out  # each question met the end of input
    assert "The session can't begin yet" in out


def test_lines_from_no_stream_or_a_closed_one_are_the_end_of_input() -> None:
    assert Lines(None).next() is None
    closed = io.StringIO("p\n")
    closed.close()
    lines = Lines(closed)
    assert lines.next() is None and lines.eof
    assert lines.poll(0.01) is None


def test_the_cue_test_with_stdin_closed_ends_as_at_the_end_of_input(tmp_path: Path) -> None:
    """`footcare cues test 0<&-`: the question meets the end of input, no traceback."""
    done = shell(tmp_path, f"exec '{sys.executable}' -m footcare cues test 0<&-")
    assert "Traceback" not in done.stderr and "NoneType" not in done.stderr
    assert "What did you hear?" in done.stdout


@pytest.mark.parametrize("close_output", [False, True])
def test_a_served_app_leaves_when_its_input_ends(tmp_path: Path, close_output: bool) -> None:
    """Under `footcare serve` the app's input is the server's pipe: when the server is gone
    (killed, crashed), the app saves and leaves instead of waiting for ever."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "footcare"],
        env={
            **env(tmp_path),
            "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "COLUMNS": "80",
            "ROWS": "24",
        },
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert proc.stdout.readline() == b"__GANGLION__\n"  # the app is up
        proc.stdin.close()
        if close_output:
            proc.stdout.close()
        else:  # keep reading what it draws, as a live server would
            reader = selectors.DefaultSelector()
            reader.register(proc.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + TIMEOUT
            while proc.poll() is None and time.monotonic() < deadline:
                if reader.select(0.2):
                    proc.stdout.read1(65536)  # type: ignore[attr-defined]
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
