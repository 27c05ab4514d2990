"""Dates and clock times as a person types them: one strict form each, in footcare's range.

``date.fromisoformat`` and ``time.fromisoformat`` take far more than they say (week dates,
``20261101``, ``T01:00``, seconds, time zones); a date footcare can't store would only fail
later, when the file is written. These accept exactly what the prompts ask for.
"""

from __future__ import annotations

import re
from datetime import date, time

from footcare.domain.text import clean

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
"""The dates footcare's files hold (the same range every reader checks)."""

DAY_FORM = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
CLOCK_FORM = re.compile(r"([0-9]{1,2}):([0-9]{2})")


def _shown(text: str) -> str:
    """The text as a message quotes it: one line, no control characters, not too long."""
    return clean(text.strip())[:40]


class NotADay(ValueError):
    """The text is not a date footcare can use; the message says why, in plain words."""


def parse_day(text: str) -> date:
    """YYYY-MM-DD from 1900 to 2999, surrounding spaces allowed; raises NotADay."""
    match = DAY_FORM.fullmatch(text.strip())
    if match is None:
        raise NotADay(f"'{_shown(text)}' is not a date like 2026-01-31")
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise NotADay(f"'{text.strip()}' is not a date on the calendar") from None
    if not EARLIEST <= day <= LATEST:
        raise NotADay(f"'{text.strip()}' is out of range: use a year from 1900 to 2999")
    return day


def parse_clock(text: str) -> time:
    """H:MM or HH:MM on a 24-hour clock; raises ValueError with a plain message."""
    match = CLOCK_FORM.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"'{_shown(text)}' is not a time like 18:30")
    hour, minute = (int(part) for part in match.groups())
    if hour > 23 or minute > 59:
        raise ValueError(f"'{text.strip()}' is not a time on a 24-hour clock (00:00 to 23:59)")
    return time(hour, minute)
