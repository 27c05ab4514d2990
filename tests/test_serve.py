"""`footcare serve` for real: its start-up line, raw HTTP and WebSocket clients, and a
headless Chromium (Debian's package, installed if missing).

textual-serve draws the terminal with xterm.js on a canvas, so the page's DOM holds no
screen text. The browser test drives Chromium over its DevTools protocol instead and
checks:
- the page's own websocket receives the app's screen (the start screen's words);
- xterm.js drew it: the page marks its first byte and has its canvas, and a screenshot
  (kept in the test's tmp folder) is not blank;
- a key typed into the page reaches the app: `c` opens the safety questions;
- no request leaves 127.0.0.1, the page's security policy blocks nothing it needs, and
  the page's terminal-event hooks see the app's output.
Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clisupport import screen_until
from footcare.serve import install_hint
from footcare.storage.paths import Paths
from ptyterm import free_port, make_folders
from served import Served, assert_stayed_local, devtools, serve_env, serving, until

ROOT = Path(__file__).resolve().parents[1]

# Tests that may install Debian packages share one xdist worker: apt holds one lock.
pytestmark = pytest.mark.xdist_group("system-packages")


# the fast part: messages, no server ------------------------------------------------------


def test_missing_textual_serve_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from footcare.serve import serve

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    monkeypatch.setitem(sys.modules, "footcare.serve_server", None)
    assert serve(Paths(tmp_path / "c", tmp_path / "d"), "127.0.0.1", free_port()) == 1
    err = capsys.readouterr().err
    assert install_hint() in err and "[serve]" in err
    assert err.count("\n") == 1


def checkout(root: Path) -> Path:
    """A source checkout's package folder: root/pyproject.toml, root/src/footcare."""
    (root / "src" / "footcare").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[project]\nname = "footcare"\n', encoding="utf-8")
    return root / "src" / "footcare"


def test_the_install_hint_fits_how_footcare_was_installed(tmp_path: Path) -> None:
    # a clone with its own .venv, running that .venv's Python
    clone = tmp_path / "my clone"
    package = checkout(clone)
    venv = clone / ".venv"
    hint = install_hint(package, str(venv), "/usr", str(venv / "bin" / "python"))
    assert hint == f"install it with: cd '{clone}' && .venv/bin/pip install -e '.[serve]'"
    # the same clone installed into another environment: that environment's pip, the clone
    hint = install_hint(package, "/opt/env", "/usr", "/opt/env/bin/python")
    assert hint == f"install it with: /opt/env/bin/python -m pip install -e '{clone}[serve]'"
    # from the registry into a virtual environment: its own pip, not whichever is on PATH
    site = tmp_path / "env" / "lib" / "python3.11" / "site-packages" / "footcare"
    site.mkdir(parents=True)
    hint = install_hint(site, str(tmp_path / "env"), "/usr", "/e/bin/python")
    assert hint == "install it with: /e/bin/python -m pip install 'footcare[serve]'"
    # from the registry, no virtual environment
    hint = install_hint(site, "/usr", "/usr", "/usr/bin/python3")
    assert hint == "install it with: pip install 'footcare[serve]'"


def test_the_install_hint_for_this_footcare() -> None:
    """The suite runs from a clone (README: .venv/bin/pip install -e ...)."""
    hint = install_hint()
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():
        assert hint.endswith(".venv/bin/pip install -e '.[serve]'"), hint
    else:
        assert "pip install -e" in hint and f"{ROOT}[serve]" in hint, hint


@settings(max_examples=40, deadline=None)
@given(
    profile=st.sampled_from(["", "anna", "Bob_2"]),
    profile_by=st.sampled_from(["env", "flag"]),
    cache=st.sampled_from(["none", "env", "flag"]),
    env_profile_too=st.booleans(),
)
def test_the_served_app_opens_the_folders_profile_and_cache_of_serve(
    profile: str, profile_by: str, cache: str, env_profile_too: bool
) -> None:
    """Each browser tab runs app_command; parsed as footcare parses it, in an environment
    like the one `footcare serve` had (FOOTCARE_PROFILE is inherited), it must give the
    very same folders, profile and cache folder."""
    from footcare.cli import build_parser
    from footcare.serve import app_command
    from footcare.storage.paths import resolve

    env = {"FOOTCARE_CONFIG_DIR": "/home/a/cfg", "FOOTCARE_DATA_DIR": "/home/a/data"}
    argv: list[str] = []
    if profile and profile_by == "env":
        env["FOOTCARE_PROFILE"] = profile
    elif profile:
        argv += ["--profile", profile]
        if env_profile_too:
            env["FOOTCARE_PROFILE"] = "someone"
    if cache == "env":
        env["FOOTCARE_CACHE_DIR"] = "/home/a/cache"
    elif cache == "flag":
        argv += ["--cache-dir", "/home/a/cache dir"]
    with pytest.MonkeyPatch.context() as mp:
        for name in ("CONFIG_DIR", "DATA_DIR", "CACHE_DIR", "PROFILE"):
            mp.delenv(f"FOOTCARE_{name}", raising=False)
        for name, value in env.items():
            mp.setenv(name, value)
        args = build_parser().parse_args([*argv, "serve"])
        served = resolve(args.config_dir, args.data_dir, args.cache_dir, args.profile)
        words = shlex.split(app_command(served))
        assert words[0] == "FOOTCARE_BROWSER=1" and words[2:4] == ["-m", "footcare"]
        tab = build_parser().parse_args(words[4:])
        assert tab.command is None  # the app itself
        opened = resolve(tab.config_dir, tab.data_dir, tab.cache_dir, tab.profile)
    assert opened == served
    assert served.profile == profile
    if profile:
        assert served.data == Path("/home/a/data/profiles") / profile
    assert (served.cache is None) is (cache == "none")


def test_the_served_app_opens_the_profile_it_was_served_with(tmp_path: Path) -> None:
    """The whole way, as a person starts it: FOOTCARE_PROFILE=anna footcare serve."""
    from footcare.serve import app_command
    from footcare.storage.paths import resolve

    environ = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    environ.update(
        FOOTCARE_CONFIG_DIR=str(tmp_path / "cfg"),
        FOOTCARE_DATA_DIR=str(tmp_path / "data"),
        FOOTCARE_PROFILE="anna",
    )
    with pytest.MonkeyPatch.context() as mp:
        for name, value in environ.items():
            mp.setenv(name, value)
        served = resolve(cache_flag=str(tmp_path / "cache"))
    words = shlex.split(app_command(served))
    done = subprocess.run(
        [*words[1:], "paths"], capture_output=True, text=True, env=environ, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"config: {tmp_path / 'cfg' / 'profiles' / 'anna'}",
        f"data:   {tmp_path / 'data' / 'profiles' / 'anna'}",
        "profile: anna",
    ]
    assert words[words.index("--cache-dir") + 1] == str(tmp_path / "cache")


class FakeServer:
    made: list[FakeServer] = []

    def __init__(self, command: str, **kwargs: Any) -> None:
        self.command, self.kwargs = command, kwargs
        FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("127.0.0.1", False),
        ("localhost", False),
        ("::1", False),
        ("0.0.0.0", True),
        ("192.0.2.7", True),
    ],
)
def test_warns_before_binding_anything_but_loopback(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    host: str,
    warned: bool,
) -> None:
    pytest.importorskip("textual_serve")
    import footcare.serve
    import footcare.serve_server
    from footcare.serve import serve

    FakeServer.made.clear()
    monkeypatch.setattr(footcare.serve_server, "FootcareServer", FakeServer)
    monkeypatch.setattr(footcare.serve, "cannot_listen", lambda host, port: None)
    monkeypatch.setattr("sys.stdin", None)  # asks nothing: CI has no stdin
    paths = Paths(tmp_path / "c d", tmp_path / "data")
    assert serve(paths, host, 8123) == 0
    err = capsys.readouterr().err
    assert ("WARNING" in err and "not encrypted" in err) is warned
    assert ("ssh -L 8123:127.0.0.1:8123" in err) is warned
    (server,) = FakeServer.made
    assert server.kwargs["host"] == host
    assert server.kwargs["port"] == 8123
    assert "localhost" not in server.kwargs["public_url"] or host == "localhost"
    assert "-m footcare --config-dir" in server.command
    assert f"'{tmp_path / 'c d'}'" in server.command  # quoted for the shell
    token = server.kwargs["token"]
    assert len(token) >= 43 and f"/?token={token}" in server.kwargs["banner"]


def test_each_launch_has_its_own_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    import footcare.serve
    import footcare.serve_server

    FakeServer.made.clear()
    monkeypatch.setattr(footcare.serve_server, "FootcareServer", FakeServer)
    for _ in range(3):
        assert footcare.serve.serve(Paths(tmp_path / "c", tmp_path / "d"), port=free_port()) == 0
    assert len({server.kwargs["token"] for server in FakeServer.made}) == 3


def test_a_port_in_use_is_one_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("textual_serve")
    from footcare.serve import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serve(Paths(tmp_path / "c", tmp_path / "d"), "127.0.0.1", port) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"footcare: cannot listen on 127.0.0.1:{port}: ")
    assert err.count("\n") == 1
    assert "token" not in out + err


# the real server -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[serve]'")
    root = tmp_path_factory.mktemp("served")
    config, data = make_folders(root / "app")
    with serving(serve_env(config, data, COLUMNS="100"), root / "serve.log") as served:
        print(f"\nstart-up line: {served.page}", file=sys.__stderr__)
        yield served


def test_the_start_up_line_names_a_fresh_token(served: Served) -> None:
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", served.token)
    assert "Ctrl+C" in served.output()
    assert "not only on this computer" not in served.output()  # loopback: no warning


async def _get(url: str, **headers: str) -> tuple[int, str]:
    import aiohttp  # comes with textual-serve

    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as reply:
        return reply.status, await reply.text()


async def _connect(url: str, origin: str | None, **headers: str) -> int | str:
    """A raw WebSocket: the HTTP status when refused, else "drove the app" once the app's
    start screen came and a key sent opened the safety questions."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        try:
            ws = await session.ws_connect(url, origin=origin, headers=headers)
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status
        async with ws:
            await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            await screen_until(ws, "Today's session", bytearray())
            await ws.send_str(json.dumps(["stdin", "c"]))
            await screen_until(ws, "Safety questions", bytearray())  # what came after the key
            return "drove the app"


@pytest.mark.parametrize(
    "case",
    ["no-token", "wrong-token", "token-prefix", "other-host", "right"],
)
async def test_the_page_needs_the_token(served: Served, case: str) -> None:
    url = {
        "no-token": f"{served.base}/",
        "wrong-token": f"{served.base}/?token=not-the-token",
        "token-prefix": f"{served.page[:-1]}",
        "other-host": served.page,
        "right": served.page,
    }[case]
    headers = (
        {"Host": f"rebound.example:{served.host.split(':')[1]}"} if case == "other-host" else {}
    )
    status, text = await _get(url, **headers)
    print(f"page {case}: {status}", file=sys.__stderr__)
    if case == "right":
        assert status == 200
        assert served.socket_url() in text
    else:
        assert status == 403
        assert served.token not in text


Socket = tuple[str, str | None, dict[str, str]]
"""A WebSocket's URL, its Origin (None: none sent) and any other headers."""
REFUSED: dict[str, Callable[[Served, str], Socket]] = {
    "other-origin": lambda s, port: (s.socket_url(), "http://evil.example", {}),
    "no-origin": lambda s, port: (s.socket_url(), None, {}),
    "null-origin": lambda s, port: (s.socket_url(), "null", {}),
    "localhost-origin": lambda s, port: (s.socket_url(), f"http://localhost:{port}", {}),
    "other-port-origin": lambda s, port: (s.socket_url(), f"http://127.0.0.1:{int(port) + 1}", {}),
    "no-token": lambda s, port: (f"ws://{s.host}/ws", s.base, {}),
    "wrong-token": lambda s, port: (s.socket_url("x" * 43), s.base, {}),
    "token-in-query-wrong": lambda s, port: (f"ws://{s.host}/ws?token=nope", s.base, {}),
    "rebinding": lambda s, port: (
        s.socket_url(),
        f"http://rebound.example:{port}",
        {"Host": f"rebound.example:{port}"},
    ),
}


@pytest.mark.parametrize("case", REFUSED)
async def test_a_websocket_is_refused(served: Served, case: str) -> None:
    url, origin, headers = REFUSED[case](served, served.host.split(":")[1])
    result = await _connect(url, origin, **headers)
    print(f"websocket {case}: {result}", file=sys.__stderr__)
    assert result == 403


async def test_a_websocket_with_the_token_and_its_own_origin_drives_the_app(
    served: Served,
) -> None:
    result = await _connect(served.socket_url(), served.base)
    print(f"websocket right-token-and-origin: {result}", file=sys.__stderr__)
    assert result == "drove the app"
    # The token was printed once, at start; the access log shows it as <token>.
    log = served.output()
    assert log.count(served.token) == 1, log
    assert "/ws/<token>" in log


# the browser -----------------------------------------------------------------------------


async def test_the_app_in_headless_chromium(served: Served, chromium: int, tmp_path: Path) -> None:
    async with devtools(chromium) as page:
        for domain in ("Network", "Page", "Log", "Runtime"):
            await page.call(f"{domain}.enable")
        await page.call("Page.navigate", url=served.page)

        start = await page.screen_text_contains("Today's session")
        assert "not medical advice" in start
        assert "Quick test" in start  # the routine from this test's config folder
        # xterm.js drew it: the page saw its first byte and made its canvas.
        assert await page.evaluate("document.body.classList.contains('-first-byte')")
        assert await page.evaluate("document.querySelectorAll('#terminal canvas').length") >= 1
        blank = await page.screenshot(tmp_path / "blank.png")
        start_png = await page.screenshot_when(
            tmp_path / "start.png", lambda png: png.startswith(b"\x89PNG") and len(png) > 15_000
        )
        assert len(start_png) > len(blank) or len(blank) > 15_000

        # The page's terminal-event hooks see what the app sends.
        await page.evaluate(
            "window.seen = 0; footcare.terminal.on('output', (b) => { window.seen += b.length })"
        )
        await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        since = len(page.frames)
        await page.key("c")
        screening = await page.screen_text_contains("Safety questions", since)
        assert "Today" in screening
        seen = await until(lambda: page.evaluate("window.seen"), lambda: "no hook call")
        assert seen > 100
        await page.screenshot_when(
            tmp_path / "screening.png", lambda png: png != start_png and len(png) > 15_000
        )

    print(f"screenshots: {tmp_path / 'start.png'} {tmp_path / 'screening.png'}")
    assert_stayed_local(page)
    assert any(url.startswith(served.socket_url()) for url in page.requests), page.requests
    print(f"requests: {len(page.requests)}, all to 127.0.0.1; problems: {page.problems}")
