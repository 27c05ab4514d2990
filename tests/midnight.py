"""Today, for a test that runs footcare on its own clock (a program it starts, or the
command line in process) and compares the dates footcare works out with dates it works out
itself: read clear of midnight, so that the day cannot change in between."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

MARGIN = 60.0
"""Seconds a test may take after it reads today: far more than any that calls this does."""


def clear_of_midnight(margin: float = MARGIN) -> date:
    """Today, read at least ``margin`` seconds before the next midnight: nearer to it, this
    waits until midnight has passed (at most ``margin`` seconds, once a night)."""
    now = datetime.now()
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
    left = (midnight - now).total_seconds()
    if left < margin:
        time.sleep(left + 1)
    return date.today()
