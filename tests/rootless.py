"""File modes that mean something even when the tests run as root.

Root ignores read and search permission (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so a
``chmod 000`` proves nothing there. ``permissions_apply`` drops those two capabilities from
the calling thread's effective set (they stay permitted, so ``as_root`` can raise them
again); for anyone else both are no-ops.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from collections.abc import Iterator


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


_VERSION_3 = 0x20080522
_DAC = (1 << 1) | (1 << 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH


def _capabilities(change: int, drop: bool) -> Iterator[None]:
    libc = ctypes.CDLL(None, use_errno=True)
    header = _Header(_VERSION_3, 0)
    data = (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    saved = data[0].effective
    data[0].effective = saved & ~change if drop else saved | (data[0].permitted & change)
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")
    try:
        yield
    finally:
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)


@contextlib.contextmanager
def permissions_apply() -> Iterator[None]:
    """In this thread, file modes apply as they would to a person without root."""
    if os.geteuid() != 0:
        yield
        return
    yield from _capabilities(_DAC, drop=True)


@contextlib.contextmanager
def as_root() -> Iterator[None]:
    """Root's view again inside ``permissions_apply``, for a test's own look at a file."""
    if os.geteuid() != 0:
        yield
        return
    yield from _capabilities(_DAC, drop=False)
