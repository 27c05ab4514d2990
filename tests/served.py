"""`footcare serve` for real, and a headless Chromium to look at it, for the browser tests.

- `serving(env, log)` starts `footcare serve` on a free port of 127.0.0.1, waits for its
  start-up line and yields what it names (`Served`); at the end, Ctrl+C and the apps it
  started are gone.
- `start_chromium(folder)` starts Debian's Chromium with its DevTools port on 127.0.0.1
  (the `chromium` fixture in conftest.py), and `devtools(port)` drives its page.
Everything listens on 127.0.0.1 only; every wait is a bounded loop.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ptyterm import children, footcare_command, free_port, plain, wait_until
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
    # A safety net: resolve no name but loopback. The test still sees (and fails on) any
    # request the page tries to make elsewhere.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
START_LINE = re.compile(r"^    (http://127\.0\.0\.1:(\d+))/\?token=([A-Za-z0-9_-]+)$", re.MULTILINE)
WAIT = 30.0
"""Seconds any one thing may take on a slow, busy machine (an app's start-up)."""


def wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, what: str) -> None:
    """Until something listens on 127.0.0.1:port; fail at once if `proc` ended."""

    def listening() -> bool:
        assert proc.poll() is None, f"{what} ended: {log.read_text(errors='replace')[-3000:]}"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return True
        return False

    wait_until(listening, WAIT, lambda: f"{what} not listening: {log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen[bytes], first: int = signal.SIGTERM, grace: float = 10) -> None:
    """`first`, then a kill after `grace` seconds; its children and theirs never outlive it."""
    family = children(proc.pid)
    family += [g for c in family for g in children(c)]
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(first)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    for pid in family:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


@dataclass
class Served:
    base: str  # http://127.0.0.1:PORT
    token: str
    log: Path
    pid: int  # the server's process

    @property
    def page(self) -> str:
        return f"{self.base}/?token={self.token}"

    @property
    def host(self) -> str:
        return self.base.removeprefix("http://")

    def socket_url(self, token: str | None = None) -> str:
        return f"ws://{self.host}/ws/{self.token if token is None else token}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def serve_env(config: Path, data: Path, **extra: str) -> dict[str, str]:
    """This environment without footcare's folders or an SSH client's marks, then these."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FOOTCARE_") and k not in ("SSH_CONNECTION", "SSH_CLIENT")
    }
    env.update(FOOTCARE_CONFIG_DIR=str(config), FOOTCARE_DATA_DIR=str(data), **extra)
    return env


@contextlib.contextmanager
def serving(env: Mapping[str, str], log: Path) -> Iterator[Served]:
    """`footcare serve` on a free port, in `env`, its output in `log`; Ctrl+C at the end."""
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*footcare_command(), "serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env),
            start_new_session=True,
        )
    try:
        wait_for_port(port, proc, log, "footcare serve")
        found = wait_until(
            lambda: START_LINE.search(log.read_text(errors="replace")),
            WAIT,
            lambda: f"no start-up line: {log.read_text(errors='replace')}",
        )
        assert int(found[2]) == port
        yield Served(found[1], found[3], log, proc.pid)
    finally:
        stop(proc, signal.SIGINT, grace=20)  # Ctrl+C: textual-serve shuts down its apps too


@contextlib.contextmanager
def start_chromium(folder: Path) -> Iterator[int]:
    """A headless Chromium with its DevTools port on 127.0.0.1; yields the port."""
    ensure([CHROMIUM], ["chromium"], "browser test")
    port = free_port()
    log = folder / "chromium.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={folder / 'chromium-profile'}",
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
        wait_for_port(port, proc, log, "chromium")
        yield port
    finally:
        stop(proc)


async def until(
    check: Callable[[], Awaitable[Any]], what: Callable[[], str], timeout: float = 30
) -> Any:
    """Poll `check` until it returns something true; fail with `what()` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what()}")
        await asyncio.sleep(0.1)


class DevTools:
    """Just enough of the Chrome DevTools Protocol, over aiohttp's websocket client."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.frames = bytearray()  # what the page's own websocket received from the app
        self.sent: list[str] = []  # what the page sent the app: keys, its terminal's size
        self.requests: list[str] = []  # every URL the page asked for, sockets included
        self.problems: list[str] = []  # console errors, security reports, exceptions
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self.pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data)
                continue
            method, params = data.get("method"), data.get("params", {})
            if method == "Network.webSocketFrameReceived":
                response = params["response"]
                payload = response["payloadData"]
                self.frames += (
                    base64.b64decode(payload) if response["opcode"] == 2 else payload.encode()
                )
            elif method == "Network.webSocketFrameSent":
                self.sent.append(params["response"]["payloadData"])
            elif method == "Network.requestWillBeSent":
                self.requests.append(params["request"]["url"])
            elif method == "Network.webSocketCreated":
                self.requests.append(params["url"])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                self.problems.append(params["entry"]["text"])
            elif method == "Runtime.exceptionThrown":
                self.problems.append(json.dumps(params["exceptionDetails"])[:500])

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

    async def screen_text_contains(self, phrase: str, since: int = 0) -> str:
        async def found() -> str | None:
            text = plain(bytes(self.frames[since:]))
            return text if phrase in text else None

        text: str = await until(
            found,
            lambda: (
                f"{phrase!r} never reached the page; it got:\n{plain(bytes(self.frames))[-2000:]}"
            ),
        )
        return text

    async def screenshot(self, path: Path) -> bytes:
        shot = await self.call("Page.captureScreenshot", format="png")
        png = base64.b64decode(shot["data"])
        path.write_bytes(png)
        return png

    async def screenshot_when(self, path: Path, good: Callable[[bytes], bool]) -> bytes:
        """Screenshots until one is `good` (xterm.js paints a frame after it gets bytes)."""
        last = b""

        async def take() -> bytes | None:
            nonlocal last
            last = await self.screenshot(path)
            return last if good(last) else None

        png: bytes = await until(take, lambda: f"screenshot never right ({len(last)} bytes)")
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


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "data" or parts.hostname == "127.0.0.1"


def local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "data" or parts.hostname == "127.0.0.1"


def assert_stayed_local(page: DevTools) -> None:
    """The page asked no other server for anything, and its security policy blocked nothing."""
    outside = [url for url in page.requests if not local(url)]
    assert not outside, f"the page asked another server for {outside}"
    policy = [p for p in page.problems if "Content Security Policy" in p or "footcare" in p]
    assert not policy, policy
