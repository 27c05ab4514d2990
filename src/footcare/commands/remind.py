"""`footcare remind install --at HH:MM` / `remind remove` / `remind now`: a daily desktop
nudge. Its arguments; the work is in commands/reminders.py, imported when it runs."""

from __future__ import annotations

import argparse
from datetime import time
from typing import Any

from footcare.commands.argtypes import clock_time
from footcare.folders import Paths

EXAMPLES: dict[str, list[str]] = {
    "remind": [
        "footcare remind install --at 19:00",
        "footcare remind now",
        "footcare remind remove",
    ],
    "remind install": [
        "footcare remind install --at 19:00",
    ],
    "remind remove": [
        "footcare remind remove",
    ],
    "remind now": [
        "footcare remind now",
    ],
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("remind", help="a daily desktop reminder (install --at HH:MM, remove)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install",
        help="a daily reminder at a time of day",
        description="Set up a daily desktop reminder with the system's scheduler.",
    )
    install.add_argument(
        "--at",
        type=clock_time,
        default=time(19, 0),
        metavar="HH:MM",
        help="the time of day, on the 24-hour clock (default: 19:00)",
    )
    actions.add_parser("remove", help="take the daily reminder away")
    actions.add_parser("now", help="show the reminder now (what the scheduler runs)")


def cmd_remind(paths: Paths, args: argparse.Namespace) -> int:
    if args.action == "now":
        from footcare.commands.reminders import notify
        from footcare.services.status_report import standing

        today = standing(paths)
        return notify(today.short(), today.whose) if today.reminder_due else 0
    from footcare.commands.reminders import change

    return change(paths, args.action, getattr(args, "at", time(19, 0)))
