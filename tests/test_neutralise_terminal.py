"""A note full of terminal escape sequences, shown by the real app under a pty and by
`journal list` / `journal export`: no escape sequence of the note reaches the terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
import tomli_w

from ptyterm import app_env, footcare_command, make_folders, running

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pty")

TITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZWNobyBvd25lZA==\x07"
MARKUP = "[bold red]x[/] [@click=app.quit]q[/]"
NOTE = f"calm{TITLE}heel{CLEAR}warm{CLIPBOARD}again\x1b[31mred\x9b2Jdone {MARKUP}"
SEQUENCES = [TITLE, CLEAR, CLIPBOARD, "\x1b[31m", "\x1b]0;", "\x1b]52;", "\x9b"]


def write_journal(data: Path, note: str) -> None:
    """A month file as an older footcare (or a hand edit) could have left it."""
    at = datetime.now().replace(microsecond=0, second=0)
    entry = {"id": "e1", "at": at, "before": {"pain": 4}, "note": note}
    folder = data / "journal"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{at:%Y-%m}.toml").write_text(tomli_w.dumps({"entries": [entry]}), "utf-8")


def test_the_entry_view_writes_no_escape_from_a_note(tmp_path: Path) -> None:
    config, data = make_folders(tmp_path)
    write_journal(data, NOTE)
    with running(footcare_command(), app_env(config, data)) as term:
        term.expect("Today's session", timeout=30)
        term.send("j")
        term.expect("Foot check")  # the history table's last column
        since = term.position()
        term.send("\r")
        term.wait_for("Journal entry", since)
        term.wait_for("Note: calmheelwarmagainreddone", since)
        term.wait_for(MARKUP, since)  # shown as typed, not run
        term.send("q")
        assert term.wait(timeout=15) == 0
    out = bytes(term.data[since:])  # closed: the reader has all the app wrote, to its exit
    for sequence in SEQUENCES:
        assert sequence.encode("utf-8") not in out, sequence
    # Textual's own OSC 22 (the mouse pointer's shape) ends with BEL; nothing else may
    osc = re.findall(rb"\x1b\]([^\x07\x1b]*)(?:\x07|\x1b\\)", out)
    assert osc and all(body.startswith(b"22;") for body in osc), osc
    assert b"\x07" not in re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", out)
    assert "owned" not in term.text()  # the sequence went whole, its words too


@pytest.mark.parametrize(
    "args",
    [
        ("journal", "list"),
        ("journal", "export", "--format", "csv"),
        ("journal", "export", "--format", "markdown"),
        ("journal", "export", "--format", "json"),
    ],
)
def test_cli_output_has_no_escape_from_a_note(tmp_path: Path, args: tuple[str, ...]) -> None:
    config, data = make_folders(tmp_path)
    write_journal(data, NOTE)
    command = [*footcare_command(), *args]
    out = subprocess.run(
        command, env=app_env(config, data), capture_output=True, timeout=60, check=True
    ).stdout
    assert b"calm" in out
    assert b"\x1b" not in out and b"\x07" not in out
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in out.decode("utf-8"))
    if "json" in args:  # JSON writes a control character as \\u001b, never raw; read back exact
        note = json.loads(out)["entries"][0]["note"]
        assert "calm" in note and "\x1b" not in note
