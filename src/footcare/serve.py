"""`footcare serve`: the app in a web browser, through textual-serve (the `serve` extra).

Each browser tab starts its own footcare process with the same folders (the journal is
locked around every write). Each launch makes a random token; the page and its
WebSocket need it, and it is printed once, in the address to open. The server listens
on this computer only unless told otherwise, and then it says loudly what that means.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from pathlib import Path

from footcare.folders import Paths
from footcare.serve_address import cannot_listen, is_loopback, public_url
from footcare.services.cues import BROWSER


def install_hint(
    package: Path | None = None,
    prefix: str | None = None,
    base_prefix: str | None = None,
    executable: str | None = None,
) -> str:
    """How to add the serve extra to the footcare that is running (defaults: this one).

    In a source checkout (an editable install): the checkout itself, with its own .venv's
    pip when that is the one running. Otherwise the package from the registry: with the
    running Python's pip inside a virtual environment (the `pip` on PATH may be another
    one's), else plain pip."""
    package = package or Path(__file__).resolve().parent
    prefix = sys.prefix if prefix is None else prefix
    base_prefix = sys.base_prefix if base_prefix is None else base_prefix
    python = shlex.quote(executable or sys.executable)
    root = package.parent.parent  # src/footcare -> the checkout
    if package.parent.name == "src" and (root / "pyproject.toml").is_file():
        if Path(prefix).resolve() == (root / ".venv").resolve():
            where = shlex.quote(str(root))
            return f"install it with: cd {where} && .venv/bin/pip install -e '.[serve]'"
        extra = shlex.quote(f"{root}[serve]")
        return f"install it with: {python} -m pip install -e {extra}"
    if prefix != base_prefix:
        return f"install it with: {python} -m pip install 'footcare[serve]'"
    return "install it with: pip install 'footcare[serve]'"


BANNER = """\
footcare is ready. Open this address in a web browser:

    {url}/?token={token}

The token in it is the key to your journal: keep the whole address to yourself.
Press Ctrl+C to stop."""

WARNING = """\
WARNING: footcare serve is listening on {host}, not only on this computer.
Anyone who can reach {url} and learns the token can open footcare and read and
change your journal and health notes. The connection is not encrypted: anyone
who can watch your network can read the token and everything on the page.
Safer: keep the default (127.0.0.1) and reach it from another device through
SSH port forwarding, for example:
    ssh -L {port}:127.0.0.1:{port} you@this-computer
then open the printed address with 127.0.0.1:{port} on that device."""


def app_command(paths: Paths) -> str:
    """The shell command textual-serve runs for each browser session: the same folders, the
    same profile and the same cache folder as this `footcare serve`, whatever the browser's
    process inherits (FOOTCARE_PROFILE too). FOOTCARE_BROWSER=1 tells the app that the page
    speaks its cues (services/cues.py)."""
    config, data, profile = paths.config, paths.data, paths.profile
    inside = (config.parent, data.parent)
    if (
        profile
        and all(f.name == "profiles" for f in inside)
        and config.name == data.name == profile
    ):
        # a profile's folders are profiles/NAME in the folders given: pass those and the
        # profile by name (so the app also says whose feet it is)
        config, data = config.parent.parent, data.parent.parent
    else:
        profile = ""  # the folders as they are: '' means no profile, whatever the environment
    argv = [sys.executable, "-m", "footcare", "--config-dir", str(config), "--data-dir", str(data)]
    argv += ["--profile", profile]
    if paths.cache is not None:
        argv += ["--cache-dir", str(paths.cache)]
    return f"{BROWSER}=1 " + shlex.join(argv)


def serve(paths: Paths, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Serve the app until Ctrl+C; returns the exit status."""
    try:
        from footcare.serve_server import FootcareServer
    except ImportError:
        print(
            f"footcare: serving to a browser needs textual-serve; {install_hint()}", file=sys.stderr
        )
        return 1
    if not 0 < port < 65536:
        print(f"footcare: port {port} is out of range: use 1 to 65535", file=sys.stderr)
        return 2
    problem = cannot_listen(host, port)
    if problem is not None:
        print(f"footcare: cannot listen on {host}:{port}: {problem}", file=sys.stderr)
        return 1
    url = public_url(host, port)
    if not is_loopback(host):
        print(WARNING.format(host=host, url=url, port=port), file=sys.stderr, flush=True)
    token = secrets.token_urlsafe(32)
    server = FootcareServer(
        app_command(paths),
        host=host,
        port=port,
        token=token,
        public_url=url,
        banner=BANNER.format(url=url, token=token),
    )
    try:
        server.serve()
    except OSError as exc:
        print(f"footcare: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0
