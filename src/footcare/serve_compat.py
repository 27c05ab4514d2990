"""Every use of textual-serve's private parts, in one place (the Textual ones are in
footcare/ui/compat: this server process never imports Textual).

textual-serve is pinned (pyproject.toml, constraints.txt); ``tests/test_compat.py`` fails
when it changes what these lean on.

1. ``RoutedServer``: the Server, with footcare's routes, guard and headers added to the web
   application it makes (``Server._make_app``).
2. ``app_process``: the process of a browser tab's app (``AppService._process``).
"""

from __future__ import annotations

from asyncio.subprocess import Process

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server


# 1. No upstream issue found. textual-serve builds its aiohttp application in `_make_app`,
# called by `serve()`, with no public hook to add routes or middleware to it.
class RoutedServer(Server):
    def extend(self, app: web.Application) -> None:
        """Add to the web application textual-serve has made (nothing here)."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        self.extend(app)
        return app

    async def web_application(self) -> web.Application:
        """The web application as ``serve()`` makes it, to be served by another runner."""
        return await self._make_app()


# 2. No upstream issue found. AppService.stop() only asks the app to quit; a tab's app that
# won't, or can't, has to be ended from outside, and only AppService holds its process.
def app_process(app_service: AppService) -> Process | None:
    """The app's process, or None before it was started."""
    return app_service._process
