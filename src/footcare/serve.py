"""`footcare serve`: the app in a web browser, through textual-serve (the `serve` extra).

Each browser tab starts its own footcare process with the same folders (the journal is
locked around every write). There is no authentication: it listens on this computer
only unless told otherwise, and then it says loudly what that means.
"""

from __future__ import annotations

import ipaddress
import shlex
import socket
import sys

from footcare.storage.paths import Paths

INSTALL_HINT = "install it with: pip install 'footcare[serve]'"

WARNING = """\
WARNING: footcare serve is listening on {host}, not only on this computer.
It has NO password or login of any kind: anyone who can reach {url}
can open footcare and read and change your journal and health notes.
Safer: keep the default (127.0.0.1) and reach it from another computer through
SSH port forwarding, for example:
    ssh -L {port}:127.0.0.1:{port} you@this-computer
then open http://127.0.0.1:{port} on that computer."""


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this computer can reach."""
    if host.lower() in {"localhost", "localhost.localdomain", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The address a browser should use; a wildcard bind is reached by this machine's name."""
    name = host.strip("[]")
    if name in {"", "0.0.0.0", "::"}:
        name = socket.getfqdn() or "localhost"
    if ":" in name:
        name = f"[{name}]"
    return f"http://{name}:{port}"


def app_command(paths: Paths) -> str:
    """The shell command textual-serve runs for each browser session."""
    return shlex.join(
        [
            sys.executable,
            "-m",
            "footcare",
            "--config-dir",
            str(paths.config),
            "--data-dir",
            str(paths.data),
        ]
    )


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the app until Ctrl+C; returns the exit status."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(
            f"footcare: serving to a browser needs textual-serve; {INSTALL_HINT}", file=sys.stderr
        )
        return 1
    if not 0 < port < 65536:
        print(f"footcare: port {port} is out of range: use 1 to 65535", file=sys.stderr)
        return 2
    url = public_url(host, port)
    if not is_loopback(host):
        print(WARNING.format(host=host, url=url, port=port), file=sys.stderr, flush=True)
    server = Server(app_command(paths), host=host, port=port, title="footcare", public_url=url)
    try:
        server.serve()
    except OSError as exc:
        print(f"footcare: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
