"""Cues over a real SSH login (the OpenSSH server of test_ssh.py): the server sets
SSH_CONNECTION itself, so footcare rings the bell rather than speak on the wrong computer,
and with `remote_notices = true` the person's own terminal gets OSC 9 and OSC 777 at each
step."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from cuehelpers import assert_said_in_order, fake_voice, notices_of_a_session
from ptyterm import make_folders
from sshserver import Server, login

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SSH test needs a POSIX pty"),
    pytest.mark.xdist_group("system-packages"),
]


def test_over_a_real_ssh_login_the_bell_rings_and_notices_reach_the_terminal(
    sshd: Server,
    tmp_path: Path,
) -> None:
    config, data = make_folders(tmp_path, more="remote_notices = true\n")
    voice, log = fake_voice(tmp_path)  # first on the remote PATH: it logs anything said
    # the folders and this PATH are set on the far side only
    with contextlib.closing(
        login(sshd, config, data, PATH=f"{voice}:/usr/local/bin:/usr/bin:/bin")
    ) as term:
        nines = notices_of_a_session(term, log)
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
