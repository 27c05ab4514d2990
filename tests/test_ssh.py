"""footcare over a real SSH login: an OpenSSH server on 127.0.0.1, a throwaway key, a pty.

The server is installed if missing (Debian's openssh-server, as root) and run by the
test itself on a free high port, with its own config, host key and authorized_keys;
it listens on 127.0.0.1 only and is stopped at the end.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import signal
import socket
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ptyterm import (
    PtyProgram,
    answer_screening,
    app_env,
    footcare_command,
    free_port,
    make_folders,
    wait_until,
)
from sysdeps import ensure

SSHD = "/usr/sbin/sshd"

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="SSH test needs a POSIX pty"),
    # Tests that may install Debian packages share one xdist worker: apt holds one lock.
    pytest.mark.xdist_group("system-packages"),
]


@dataclass
class Server:
    port: int
    user: str
    key: Path
    known_hosts: Path
    log: Path

    def client(self, remote: str) -> list[str]:
        return [
            "ssh",
            "-tt",
            "-F",
            "/dev/null",
            "-i",
            str(self.key),
            "-p",
            str(self.port),
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            f"UserKnownHostsFile={self.known_hosts}",
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "ConnectTimeout=10",
            "-o",
            "LogLevel=ERROR",
            f"{self.user}@127.0.0.1",
            remote,
        ]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "footcare-test", "-f", str(path)],
        check=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    ensure([SSHD, "ssh", "ssh-keygen"], ["openssh-server", "openssh-client"], "SSH test")
    root = tmp_path_factory.mktemp("sshd")
    host_key, user_key = root / "host_ed25519", root / "user_ed25519"
    _keygen(host_key)
    _keygen(user_key)
    authorized = root / "authorized_keys"
    authorized.write_text((root / "user_ed25519.pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    user = getpass.getuser()
    known_hosts = root / "known_hosts"
    host_pub = " ".join((root / "host_ed25519.pub").read_text().split()[:2])
    known_hosts.write_text(f"[127.0.0.1]:{port} {host_pub}\n")
    config = root / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"PidFile {root / 'sshd.pid'}",
                f"AuthorizedKeysFile {authorized}",
                "PermitRootLogin prohibit-password",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PermitTTY yes",
                "PrintMotd no",
                "PrintLastLog no",
                "UseDNS no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "LogLevel VERBOSE",
                "",
            ]
        )
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation folder
    log = root / "sshd.log"
    check = subprocess.run(
        [SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=30, check=False
    )
    assert check.returncode == 0, f"sshd rejected its config: {check.stderr}"
    with log.open("wb") as log_out:
        proc = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log_out,
            stderr=subprocess.STDOUT,
        )
    try:

        def listening() -> bool:
            assert proc.poll() is None, f"sshd ended at start: {log.read_text()}"
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                return True
            return False

        wait_until(listening, 15, lambda: f"sshd not listening: {log.read_text()}")
        yield Server(port, user, user_key, known_hosts, log)
    finally:
        # Session processes are the listener's children: end them too, by id.
        for child in _children(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


TITLES = {
    1: "LEFT FOOT — step 1 of 2: Warming strokes",
    2: "LEFT FOOT — step 2 of 2: Finish this foot",
}


def remote_footcare(config: Path, data: Path) -> str:
    """The command line the server runs: the folders are passed on it, not by SendEnv."""
    env = " ".join(
        f"{k}={shlex.quote(v)}"
        for k, v in (("FOOTCARE_CONFIG_DIR", str(config)), ("FOOTCARE_DATA_DIR", str(data)))
    )
    return f"exec env {env} {shlex.join(footcare_command())}"


def login(server: Server, config: Path, data: Path) -> PtyProgram:
    env = app_env(config, data, TERM="xterm-256color")
    # The local side knows nothing of the folders: only the remote command line does.
    env.pop("FOOTCARE_CONFIG_DIR")
    env.pop("FOOTCARE_DATA_DIR")
    return PtyProgram(server.client(remote_footcare(config, data)), env, cols=80, rows=24)


def start_session(term: PtyProgram) -> None:
    term.expect("Today's session", timeout=30)
    since = term.position()
    term.press("c")
    answer_screening(term, since)
    term.press("b")


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
        start_session(term)
        term.expect("GET READY — LEFT FOOT")
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
        start_session(term)
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
