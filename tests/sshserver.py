"""An OpenSSH server of the test's own on 127.0.0.1, a throwaway key, and a login to it.

The server is installed if missing (Debian's openssh-server, as root) and run on a free
high port, with its own config, host key and authorized_keys; it listens on 127.0.0.1
only and is stopped at the end. The `sshd` fixture (conftest.py) starts one per module.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import signal
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ptyterm import PtyProgram, app_env, children, footcare_command, free_port, wait_until
from sysdeps import ensure

SSHD = "/usr/sbin/sshd"


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


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "footcare-test", "-f", str(path)],
        check=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def start_sshd(root: Path) -> Iterator[Server]:
    """An OpenSSH server on a free port of 127.0.0.1, its files in `root`; the `sshd`
    fixture of conftest.py."""
    ensure([SSHD, "ssh", "ssh-keygen"], ["openssh-server", "openssh-client"], "SSH test")
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
        for child in children(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def remote_footcare(config: Path, data: Path, **settings: str) -> str:
    """The command line the server runs: the folders (and any other `settings`) are passed
    on it, not by SendEnv."""
    named = {"FOOTCARE_CONFIG_DIR": str(config), "FOOTCARE_DATA_DIR": str(data), **settings}
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in named.items())
    return f"exec env {env} {shlex.join(footcare_command())}"


def login(server: Server, config: Path, data: Path, **settings: str) -> PtyProgram:
    """footcare over `server` at 80×24, its folders and `settings` set on the far side."""
    env = app_env(config, data, TERM="xterm-256color")
    # The local side knows nothing of the folders: only the remote command line does.
    env.pop("FOOTCARE_CONFIG_DIR")
    env.pop("FOOTCARE_DATA_DIR")
    return PtyProgram(
        server.client(remote_footcare(config, data, **settings)), env, cols=80, rows=24
    )
