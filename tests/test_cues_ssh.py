"""Cues over a real SSH login (the OpenSSH server of test_ssh.py): the server sets
SSH_CONNECTION itself, so footcare rings the bell rather than speak on the wrong computer,
and with `remote_notices = true` the person's own terminal gets OSC 9 and OSC 777 at each
step."""

from __future__ import annotations

import contextlib
import os
import shlex
from pathlib import Path

import pytest

from ptyterm import PtyProgram, answer_screening, app_env, footcare_command, make_folders
from test_cues import OSC, OSC_9, OSC_777, assert_said_in_order, fake_voice, said
from test_ssh import Server, sshd  # noqa: F401 (sshd is a fixture)

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SSH test needs a POSIX pty"),
    pytest.mark.xdist_group("system-packages"),
]


def test_over_a_real_ssh_login_the_bell_rings_and_notices_reach_the_terminal(
    sshd: Server,  # noqa: F811
    tmp_path: Path,
) -> None:
    config, data = make_folders(tmp_path)
    with (config / "config.toml").open("a", encoding="utf-8") as f:
        f.write("remote_notices = true\n")
    voice, log = fake_voice(tmp_path)  # first on the remote PATH: it logs anything said
    settings = {
        "FOOTCARE_CONFIG_DIR": str(config),
        "FOOTCARE_DATA_DIR": str(data),
        "PATH": f"{voice}:/usr/local/bin:/usr/bin:/bin",
    }
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items())
    remote = f"exec env {assignments} {shlex.join(footcare_command())}"
    env = app_env(config, data)
    env.pop("FOOTCARE_CONFIG_DIR")
    env.pop("FOOTCARE_DATA_DIR")
    with contextlib.closing(PtyProgram(sshd.client(remote), env, cols=80, rows=24)) as term:
        term.expect("Today's session", timeout=30)
        since = term.position()
        term.press("c")
        answer_screening(term, since)
        term.press("b")
        term.expect("GET READY — LEFT FOOT")
        term.expect("After the session", timeout=40)

        def raw() -> str:
            with term._lock:
                return bytes(term.data).decode("utf-8", "replace")

        term._until(
            lambda: OSC.sub("", raw()).count("\a") >= 8, 10, "the end's second bell not heard"
        )
        out = raw()
        term.press("q")
    assert said(log) == []
    assert OSC.sub("", out).count("\a") == 4 + 2 * 2
    nines, sevens = OSC_9.findall(out), OSC_777.findall(out)
    assert nines == sevens
    assert_said_in_order(
        nines,
        [
            "Get ready: left foot",
            "Left foot, step 1 of 2: Warming strokes.",
            "Left foot, step 2 of 2: Finish this foot.",
            "Change feet: now the right foot.",
            "Right foot, step 1 of 2: Warming strokes.",
            "Right foot, step 2 of 2: Finish this foot.",
            "Session complete.",
        ],
    )
