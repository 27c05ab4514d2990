"""Helpers for the command-line and `footcare serve` tests."""

from __future__ import annotations

import contextlib
import time
from typing import Any

from ptyterm import plain
from served import WAIT


async def screen_until(ws: Any, words: str, screen: bytearray) -> None:
    """Read a served tab's WebSocket into ``screen`` until its text shows ``words``; fails
    if the socket closes or ``WAIT`` seconds pass first."""
    import aiohttp

    deadline = time.monotonic() + WAIT
    while words not in " ".join(plain(bytes(screen)).split()):
        assert time.monotonic() < deadline, f"no {words!r}: {plain(bytes(screen))[-500:]}"
        with contextlib.suppress(TimeoutError):
            message = await ws.receive(timeout=1)
            closed = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)
            assert message.type not in closed, f"closed: {plain(bytes(screen))[-500:]}"
            if message.type == aiohttp.WSMsgType.BINARY:
                screen += message.data
