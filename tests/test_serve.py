"""`footcare serve` in a real headless Chromium (Debian's package, installed if missing).

textual-serve draws the terminal with xterm.js on a canvas, so the page's DOM holds no
screen text. The test drives Chromium over its DevTools protocol instead and checks:
- the page's own websocket receives the app's screen (the start screen's words);
- xterm.js drew it: the page marks its first byte and has its canvas, and a screenshot
  (kept in the test's tmp folder) is not blank;
- a key typed into the page reaches the app: `c` opens the safety questions.
Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from footcare.storage.paths import Paths
from ptyterm import footcare_command, free_port, make_folders, plain
from sysdeps import ensure

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--window-size=1000,620",
    # The page links a web font; resolve no name but loopback, so nothing leaves the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# Tests that may install Debian packages share one xdist worker: apt holds one lock.
pytestmark = pytest.mark.xdist_group("system-packages")


# the fast part: messages, no browser ------------------------------------------------------


def test_missing_textual_serve_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from footcare.serve import serve

    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert serve(Paths(tmp_path / "c", tmp_path / "d"), "127.0.0.1", free_port()) == 1
    err = capsys.readouterr().err
    assert "pip install 'footcare[serve]'" in err
    assert err.count("\n") == 1


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
    import textual_serve.server

    from footcare.serve import serve

    FakeServer.made.clear()
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    monkeypatch.setattr("sys.stdin", None)  # asks nothing: CI has no stdin
    paths = Paths(tmp_path / "c d", tmp_path / "data")
    assert serve(paths, host, 8123) == 0
    err = capsys.readouterr().err
    assert ("NO password" in err) is warned
    assert ("ssh -L 8123:127.0.0.1:8123" in err) is warned
    (server,) = FakeServer.made
    assert server.kwargs["host"] == host
    assert server.kwargs["port"] == 8123
    assert "-m footcare --config-dir" in server.command
    assert f"'{tmp_path / 'c d'}'" in server.command  # quoted for the shell


# the real thing -------------------------------------------------------------------------


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, f"{what} ended: {log.read_text(errors='replace')[-3000:]}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        assert time.monotonic() < deadline, f"{what} not listening: {log.read_text()[-3000:]}"
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


def _stop(proc: subprocess.Popen[bytes], first: int = signal.SIGTERM) -> None:
    family = _children(proc.pid)
    family += [g for c in family for g in _children(c)]
    if proc.poll() is None:
        proc.send_signal(first)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for pid in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[serve]'")
    config, data = make_folders(tmp_path / "app")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    env.update(FOOTCARE_CONFIG_DIR=str(config), FOOTCARE_DATA_DIR=str(data), COLUMNS="100")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*footcare_command(), "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        _wait_for_port(port, proc, log, "footcare serve")
        yield f"http://127.0.0.1:{port}/", log
    finally:
        _stop(proc, signal.SIGINT)  # Ctrl+C: textual-serve shuts down its apps too


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """A headless Chromium with its DevTools port on 127.0.0.1; yields the port."""
    ensure([CHROMIUM], ["chromium"], "browser test")
    port = free_port()
    log = tmp_path / "chromium.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={tmp_path / 'chromium-profile'}",
                "--remote-debugging-address=127.0.0.1",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_for_port(port, proc, log, "chromium")
        yield port
    finally:
        _stop(proc)


class DevTools:
    """Just enough of the Chrome DevTools Protocol, over aiohttp's websocket client."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.frames = bytearray()  # what the page's own websocket received from the app
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self.pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                response = data["params"]["response"]
                payload = response["payloadData"]
                self.frames += (
                    base64.b64decode(payload) if response["opcode"] == 2 else payload.encode()
                )

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        reply = await asyncio.wait_for(future, 30)
        assert "error" not in reply, f"{method}: {reply['error']}"
        return dict(reply.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen_text_contains(self, phrase: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = plain(bytes(self.frames))
            if phrase in text:
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{phrase!r} never reached the page; it got:\n{text[-2000:]}")
            await asyncio.sleep(0.1)

    async def screenshot(self, path: Path) -> bytes:
        shot = await self.call("Page.captureScreenshot", format="png")
        png = base64.b64decode(shot["data"])
        path.write_bytes(png)
        return png

    async def key(self, char: str) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=char,
                text=char if kind == "keyDown" else "",
                code=f"Key{char.upper()}",
                windowsVirtualKeyCode=ord(char.upper()),
            )


@contextlib.asynccontextmanager
async def devtools(port: int) -> AsyncIterator[DevTools]:
    import aiohttp  # comes with textual-serve

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as reply:
        targets = json.load(reply)
    page = next(t for t in targets if t.get("type") == "page")
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws,
    ):
        tools = DevTools(ws)
        try:
            yield tools
        finally:
            tools.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await tools.reader


async def test_the_app_in_headless_chromium(
    served: tuple[str, Path], chromium: int, tmp_path: Path
) -> None:
    url, log = served
    async with devtools(chromium) as page:
        await page.call("Network.enable")
        await page.call("Page.enable")
        await page.call("Network.setBlockedURLs", urls=["*://fonts.googleapis.com/*"])
        await page.call("Page.navigate", url=url)

        start = await page.screen_text_contains("Today's session")
        assert "not medical advice" in start
        assert "Quick test" in start  # the routine from this test's config folder
        # xterm.js drew it: the page saw its first byte and made its canvas.
        assert await page.evaluate("document.body.classList.contains('-first-byte')")
        assert await page.evaluate("document.querySelectorAll('#terminal canvas').length") >= 1
        await asyncio.sleep(1.0)  # let the canvas paint
        png = await page.screenshot(tmp_path / "start.png")
        assert png.startswith(b"\x89PNG") and len(png) > 15_000, "a blank page?"

        await page.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
        await page.key("c")
        screening = await page.screen_text_contains("Safety questions")
        assert "Today" in screening
        await asyncio.sleep(1.0)
        await page.screenshot(tmp_path / "screening.png")
    print(f"screenshots: {tmp_path / 'start.png'} {tmp_path / 'screening.png'}")
    assert "Serving" in log.read_text(errors="replace")
