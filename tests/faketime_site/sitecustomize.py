"""Loaded only under tests/faketime.sh (on PYTHONPATH there): libfaketime's stand-in for
clock_nanosleep fails with EINVAL when the monotonic clock is left real, which turns
every time.sleep into an error. Such a sleep waits with select instead (a relative
timeout, which libfaketime leaves alone)."""

import importlib.util
import select
import sys
import time
from typing import Any

_sleep = time.sleep


def _sleep_on(seconds: float) -> None:
    try:
        _sleep(seconds)
    except OSError:
        select.select([], [], [], seconds)


time.sleep = _sleep_on


def _real_clock_for_browsers(subprocess: Any) -> None:
    """Chromium does not run under libfaketime (its DevTools never answer): it is started
    on the real clock. The browser's clock decides nothing in footcare (the app it shows
    runs on the faked clock, under footcare serve)."""
    import os

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


class _Then:
    """A module's own loader, and something done once the module has run."""

    def __init__(self, loader: Any, then: Any) -> None:
        self._loader = loader
        self._then = then

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        self._then(module)


class _WhenSubprocessIsImported:
    """Patches subprocess when something imports it, not before: this file is loaded by
    every Python process the tests start, and a footcare command that imports no process
    module (footcare status, checked by a test) must still import none here."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> Any:
        if name != "subprocess":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        spec.loader = _Then(spec.loader, _real_clock_for_browsers)
        return spec


if "subprocess" in sys.modules:
    _real_clock_for_browsers(sys.modules["subprocess"])
else:
    sys.meta_path.insert(0, _WhenSubprocessIsImported())
