"""Start the app from the CLI: open the use-cases, honour NO_COLOR, run, report file problems.

The app needs a terminal: it reads keys from stdin and draws on the terminal behind
stdout and stderr. Without one (``ssh host footcare`` without ``-t``, a pipe, a cron job)
it says so and ends at once, instead of starting an app nobody can see or leave.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from footcare.domain.errors import StorageError
from footcare.folders import Paths

SERVED = "textual.drivers.web_driver:WebDriver"
"""The driver textual-serve runs each browser tab's app with."""
SERVED_ENDING = "footcare.ui.compat.web:EndingWebDriver"
"""The same, leaving when its input ends (the server gone)."""

NO_TERMINAL = (
    "footcare: the app needs a terminal, and {what} not one. "
    "Over SSH, ask for one: ssh -t HOST footcare. "
    "Without a screen, the session runs as plain text: footcare session --plain"
)


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):  # closed, or not a real file
        return False


def no_terminal() -> str | None:
    """Why the app can't run here (one message), or None. A driver chosen through
    TEXTUAL_DRIVER (textual-serve's web driver: `footcare serve`) brings its own screen."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return None
    streams = {"input": sys.stdin, "output": sys.stdout, "error output": sys.__stderr__}
    missing = [name for name, stream in streams.items() if not _is_terminal(stream)]
    if not missing:
        return None
    if len(missing) == 1:
        what = f"its {missing[0]} is"
    else:
        what = f"its {', '.join(missing[:-1])} and {missing[-1]} are"
    return NO_TERMINAL.format(what=what)


def run_app(paths: Paths, theme: str | None = None) -> int:
    refusal = no_terminal()
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 2

    if os.environ.get("TEXTUAL_DRIVER") == SERVED:
        # before Textual is imported (it reads the variable once): leave when input ends
        os.environ["TEXTUAL_DRIVER"] = SERVED_ENDING

    from footcare.services.build import open_footcare
    from footcare.ui.app import FootcareApp

    try:
        uses = open_footcare(paths)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    no_color = bool(os.environ.get("NO_COLOR"))
    app = FootcareApp(uses, theme_name=theme, ansi_color=True if no_color else None)
    try:
        result = app.run()
    finally:
        uses.close()
    unsaved = uses.sessions.left_unsaved()
    if unsaved:
        print(f"footcare: {unsaved}", file=sys.stderr)  # still not written at quit
    return int(result or 0)
