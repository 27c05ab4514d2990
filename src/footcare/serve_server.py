"""textual-serve's Server with footcare's page, the request guard and a quiet start.

Differences from textual-serve's own: the page is ours (src/footcare/web: nothing is
fetched from another server) and its addresses are built from the Host the browser
used, so it works under any name the server is reached by; the WebSocket lives at
`/ws/<token>`; every request passes `Guard`; the token never reaches the access log.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from footcare.serve_address import is_loopback
from footcare.serve_guard import Guard, RedactToken, security_headers

WEB = Path(__file__).parent / "web"


def font_size(value: str | None) -> int:
    """The page's `fontsize` query value, kept to a readable range."""
    try:
        return min(max(int(value or 16), 8), 48)
    except ValueError:
        return 16


class FootcareServer(Server):
    def __init__(
        self, command: str, *, host: str, port: int, token: str, public_url: str, banner: str
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="footcare",
            public_url=public_url,
            templates_path=WEB / "templates",
        )
        self.guard = Guard(token, loopback_only=is_loopback(host))
        self.banner = banner

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket-token")
        app.router.add_static("/footcare/", WEB / "static", name="footcare-static")
        app.middlewares.append(self.guard.middleware())
        app.on_response_prepare.append(security_headers)
        return app

    def initialize_logging(self) -> None:
        super().initialize_logging()
        logging.getLogger("aiohttp.access").addFilter(RedactToken(self.guard))

    async def on_startup(self, app: web.Application) -> None:
        print(self.banner, flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, pointing at the host the browser asked for (never a guessed one)."""
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
