"""EndingWebDriver: item 8 of footcare.ui.compat, apart so that only an app served to a
browser imports the web driver (TEXTUAL_DRIVER names it)."""

from __future__ import annotations

import contextlib

from textual.drivers.web_driver import WebDriver


# 8. No upstream issue found. textual-serve's driver waits for a browser that can never
# come back once its input (the server's pipe) ends; this one saves and leaves, as when a
# terminal goes. It reaches the driver's app and loop (`_app`, `_loop`).
class EndingWebDriver(WebDriver):
    def run_input_thread(self) -> None:
        super().run_input_thread()
        if self.exit_event.is_set():  # the app is leaving already
            return
        app = self._app
        leave = getattr(app, "save_and_exit", None)
        with contextlib.suppress(RuntimeError):  # the loop has closed: it has left
            if leave is not None:
                self._loop.call_soon_threadsafe(leave, True)
            else:
                self._loop.call_soon_threadsafe(app.exit)
