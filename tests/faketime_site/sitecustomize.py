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


def _real_clock_for_browsers() -> None:
    """Chromium does not run under libfaketime (its DevTools never answer): it is started
    on the real clock. The browser's clock decides nothing in footcare (the app it shows
    runs on the faked clock, under footcare serve)."""
    import os
    import subprocess

    original = subprocess.Popen.__init__

    def init(self: subprocess.Popen[bytes], args: object, *rest: object, **kw: object) -> None:
        program = args[0] if isinstance(args, list | tuple) and args else args
        if "chromium" in os.path.basename(str(program)):
            env = dict(kw.get("env") or os.environ)  # type: ignore[call-overload]
            for name in ("LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_RESET"):
                env.pop(name, None)
            kw["env"] = env
        original(self, args, *rest, **kw)  # type: ignore[arg-type]

    subprocess.Popen.__init__ = init  # type: ignore[method-assign]


_real_clock_for_browsers()
