"""`footcare session [--plain]`: today's session, in the app or as lines of text.

Both are clients of their own (``footcare.ui``, ``footcare.plain``): the command line
opens one of them (``footcare.cli``), no command imports either."""

from __future__ import annotations

from typing import Any

EXAMPLES: dict[str, list[str]] = {
    "session": [
        "footcare session --plain",
        "footcare session --plain --routine gentle",
    ],
}


def add_parser(sub: Any) -> None:
    se = sub.add_parser("session", help="today's session (--plain: as lines of text)")
    se.add_argument(
        "--plain",
        action="store_true",
        help="the whole session as plain text on stdout, answers typed on stdin",
    )
    se.add_argument("--routine", metavar="ID", help="the routine to use (default: the last one)")
    se.add_argument("--no-bell", action="store_true", help="no bell character at each step")
