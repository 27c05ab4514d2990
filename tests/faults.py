"""An injected file layer for footcare's one writer (``footcare.storage.files.write_text``):
every system call a write makes (open the temp file, write, fsync, rename, open and fsync
the folder) is counted, and the Nth can be made to fail with a given errno, once or from
then on (a disk that stays full until space returns). A failed write writes half its text
first, as a disk filling mid-write does."""

from __future__ import annotations

import errno
import os
import tempfile
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import pytest

from footcare.storage import files

ERRNOS = (errno.ENOSPC, errno.EIO, errno.EDQUOT)


@dataclass
class Plan:
    fail_at: int = 0
    """The call that fails (1-based); 0: none."""
    code: int = errno.ENOSPC
    stays: bool = False
    """From ``fail_at`` on, every call fails (until ``space_returns``)."""
    calls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def hit(self, kind: str) -> None:
        self.calls.append(kind)
        n = len(self.calls)
        if self.fail_at and (n == self.fail_at or (self.stays and n > self.fail_at)):
            self.failed.append(kind)
            raise OSError(self.code, os.strerror(self.code))

    def space_returns(self) -> None:
        self.fail_at = 0


class FaultyFile:
    def __init__(self, real: Any, plan: Plan) -> None:
        self.real = real
        self.plan = plan

    def write(self, text: str) -> int:
        try:
            self.plan.hit("write")
        except OSError:
            self.real.write(text[: len(text) // 2])
            self.real.flush()
            raise
        return int(self.real.write(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> FaultyFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.real.close()


class FaultyOS:
    """``os`` as ``footcare.storage.files`` sees it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def fdopen(self, fd: int, *args: Any, **kwargs: Any) -> FaultyFile:
        return FaultyFile(os.fdopen(fd, *args, **kwargs), self.plan)

    def fsync(self, fd: int) -> None:
        self.plan.hit("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self.plan.hit("rename")
        os.replace(src, dst)

    def open(self, path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        self.plan.hit("open folder")
        return os.open(path, flags, *args, **kwargs)


class FaultyTempfile:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    def __getattr__(self, name: str) -> Any:
        return getattr(tempfile, name)

    def mkstemp(self, *args: Any, **kwargs: Any) -> tuple[int, str]:
        self.plan.hit("open")
        return tempfile.mkstemp(*args, **kwargs)


def inject(monkeypatch: pytest.MonkeyPatch, plan: Plan) -> Plan:
    monkeypatch.setattr(files, "os", FaultyOS(plan))
    monkeypatch.setattr(files, "tempfile", FaultyTempfile(plan))
    return plan
