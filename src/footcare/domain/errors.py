"""The errors every layer may name: a file problem, a session already running elsewhere, and
a professional's check dated before the warning sign it was to answer.

They live here, below storage, so a client (a screen, a command, the plain session) can
catch them without importing storage; storage raises them (and its own subclasses).
"""

from __future__ import annotations

from typing import Protocol

from footcare.domain.text import clean


class _FilePath(Protocol):
    def __fspath__(self) -> str: ...


class StorageError(Exception):
    """A file or folder problem: names the path (and the line and key where known) and says
    what to do.

    Rendered on one line: ``FILE:LINE: KEY: problem — what to do``. ``line`` is only ever a
    line the parser or a search of the text really found; never a guess.
    """

    def __init__(
        self,
        path: _FilePath | str,
        problem: str,
        todo: str = "",
        *,
        line: int | None = None,
        key: str = "",
    ) -> None:
        self.path = path
        self.problem = " ".join(problem.split())
        self.todo = todo
        self.line = line
        self.key = key
        where = f"{path}:{line}" if line else f"{path}"
        if key:
            where += f": {key}"
        text = f"{where}: {self.problem}"
        if todo:
            text += f" — {todo}"
        # a file name or a value from a file can hold anything: never an escape sequence
        super().__init__(clean(text))


class RunningElsewhere(Exception):
    """Another process holds this person's session (storage's ``SessionRunning`` says
    where)."""


class CheckTooEarly(ValueError):
    """A professional's check dated before a warning sign it would have to answer: it is not
    recorded (a check that answers nothing would only fill the safety record). Its text is
    the person's sentence (wording.check_too_early)."""
