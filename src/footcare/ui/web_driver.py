"""textual-serve's driver for `footcare serve`, with one difference: when its input ends
(the server is gone and its pipe with it), the app saves what is in progress and leaves,
as when a terminal goes, instead of waiting for a browser that can never come back."""

from __future__ import annotations

import contextlib

from textual.drivers.web_driver import WebDriver


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
