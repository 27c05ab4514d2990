"""textual-serve's Server with footcare's page, the request guard and a quiet start.

Differences from textual-serve's own: the page is ours (src/footcare/web: nothing is
fetched from another server) and its addresses are built from the Host the browser
used, so it works under any name the server is reached by; the WebSocket lives at
`/ws/<token>`; every request passes `Guard`; the token never reaches a log line, and no
traceback is ever printed. A message that isn't one the page sends is dropped without a
word. At most MAX_SESSIONS browser tabs have an app at once (one more gets a page that
says so), and a closed tab's app ends within END_WAIT seconds, or is made to.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from rich.logging import RichHandler
from textual_serve.app_service import AppService

from footcare.serve_address import is_loopback
from footcare.serve_compat import RoutedServer, app_process
from footcare.serve_guard import MAX_MESSAGE, Guard, RedactToken, envelope, security_headers

log = logging.getLogger("footcare.serve")

MAX_SESSIONS = 4
"""Browser tabs with an app each, at once: one person rarely needs two; each app is a
process of its own (about 60 MB), so a page opened over and over can't fill the memory."""
END_WAIT = 3.0
"""Seconds a closed tab's app has to end by itself (after being told to quit), and then
after SIGTERM (it saves where it was), before it is killed."""
FULL_PAGE = (
    "footcare is already open in {n} browser tabs, the most it runs at once.\n\n"
    "Close a tab you no longer need, wait a few seconds, then reload this page.\n"
)

WEB = Path(__file__).parent / "web"


def font_size(value: str | None) -> int:
    """The page's `fontsize` query value, kept to a readable range."""
    try:
        return min(max(int(value or 16), 8), 48)
    except ValueError:
        return 16


class FootcareServer(RoutedServer):
    def __init__(
        self, command: str, *, host: str, port: int, token: str, public_url: str, banner: str
    ) -> None:
        super().__init__(
            f"exec env {command}",  # the shell becomes the app: ending it ends the app
            host=host,
            port=port,
            title="footcare",
            public_url=public_url,
            templates_path=WEB / "templates",
        )
        self.guard = Guard(token, loopback_only=is_loopback(host))
        self.banner = banner
        self.live = 0
        """Browser sessions whose app may still be running."""

    def extend(self, app: web.Application) -> None:
        app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket-token")
        app.router.add_static("/footcare/", WEB / "static", name="footcare-static")
        app.middlewares.append(self.guard.middleware())
        app.on_response_prepare.append(security_headers)

    def initialize_logging(self) -> None:
        """textual-serve's log, without its rich tracebacks (which show locals, the token
        among them): every line goes through RedactToken."""
        handler = RichHandler(
            show_path=False, show_time=False, rich_tracebacks=False, console=self.console
        )
        handler.addFilter(RedactToken(self.guard))
        logging.basicConfig(
            level="DEBUG" if self.debug else "INFO", format="%(message)s", handlers=[handler]
        )

    async def on_startup(self, app: web.Application) -> None:
        print(self.banner, flush=True)

    def full(self) -> web.HTTPServiceUnavailable | None:
        if self.live < MAX_SESSIONS:
            return None
        log.warning("refused a new browser session: %d are open", self.live)
        return web.HTTPServiceUnavailable(text=FULL_PAGE.format(n=self.live))

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser session: its app runs while the socket is open, and ends with it."""
        refusal = self.full()
        if refusal is not None:
            raise refusal
        self.live += 1
        try:
            return await self._session(request)
        finally:
            self.live -= 1

    async def _session(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        width, height = (
            min(max(_number(request.query.get(name), default), 1), 1000)
            for name, default in (("width", 80), ("height", 24))
        )
        app_service: AppService | None = None

        async def close() -> None:
            await websocket.close()

        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self.relay(websocket, app_service)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await websocket.close()
        except Exception as error:  # one quiet line, and the session ends
            log.warning("a browser session ended: %s", type(error).__name__)
        finally:
            if app_service is not None:
                await end_app(app_service)
        return websocket

    async def relay(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The browser's messages to its app; any other is dropped (serve_guard.envelope)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            read = envelope(message.data)
            if read is None:
                continue
            kind, data = read
            if kind == "stdin":
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize":
                await app_service.set_terminal_size(*data)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, pointing at the host the browser asked for (never a guessed one)."""
        refusal = self.full()
        if refusal is not None:
            raise refusal
        socket_path = request.app.router["websocket-token"].url_for(token=self.guard.token)
        scheme = "wss" if request.secure else "ws"
        context: dict[str, Any] = {
            "title": self.title,
            "font_size": font_size(request.query.get("fontsize")),
            "websocket_url": f"{scheme}://{request.host}{socket_path}",
            "textual_static": "/static/",
            "footcare_static": "/footcare/",
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)


def _number(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


async def end_app(app_service: AppService) -> None:
    """End a session's app: told to quit, then SIGTERM, then SIGKILL, END_WAIT apart."""
    process = app_process(app_service)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(app_service.stop(), END_WAIT)
    if process is None:
        return
    for signal_it in (process.terminate, process.kill):
        if process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            signal_it()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), END_WAIT)
