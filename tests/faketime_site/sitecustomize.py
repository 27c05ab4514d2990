"""Loaded only under tests/faketime.sh (on PYTHONPATH there): libfaketime's stand-in for
clock_nanosleep fails with EINVAL when the monotonic clock is left real, which turns
every time.sleep into an error. Such a sleep waits with select instead (a relative
timeout, which libfaketime leaves alone)."""

import select
import time

_sleep = time.sleep


def _sleep_on(seconds: float) -> None:
    try:
        _sleep(seconds)
    except OSError:
        select.select([], [], [], seconds)


time.sleep = _sleep_on
