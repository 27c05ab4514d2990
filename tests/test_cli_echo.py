"""Whatever a command's message quotes back (an id, a name, a date typed wrong), no escape
sequence or control character reaches the terminal."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.cli import run

HOSTILE = (
    st.lists(
        st.one_of(
            st.sampled_from(["\x1b[2J", "\x1b]0;title\x07", "\x1b]52;c;aGk=\x07", "\x9b31m", "\r"]),
            st.characters(codec="utf-8"),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(lambda t: not t.startswith("-"))
)

COMMANDS = [
    ["routines", "show", "{}"],
    ["journal", "delete", "{}"],
    ["journal", "restore", "{}"],
    ["journal", "add", "--time", "{}"],
    ["journal", "add", "--date", "{}"],
    ["journal", "add", "--pain", "{}"],
    ["journal", "add", "--foot-check", "{}"],
    ["--profile", "{}", "paths"],
]
UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters but tab and newline (the message's own lines)."""


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command=st.sampled_from(COMMANDS), text=HOSTILE)
def test_messages_quote_arguments_without_control_characters(
    tmp_path: Path, command: list[str], text: str
) -> None:
    argv = ["--config-dir", str(tmp_path / "c"), "--data-dir", str(tmp_path / "d")]
    argv += [part.replace("{}", text) for part in command]
    err, out = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stderr(err),
        contextlib.redirect_stdout(out),
        contextlib.suppress(SystemExit),
    ):
        run(argv)
    assert "Traceback" not in err.getvalue()
    assert not UNWANTED.search(err.getvalue()), err.getvalue()
