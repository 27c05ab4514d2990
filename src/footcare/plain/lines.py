"""What is typed on stdin: one answer a line, read as it comes during the session."""

from __future__ import annotations

import select
import time
from collections import deque
from typing import TextIO


class Lines:
    """Lines typed on stdin. During the session they are read as they come, without
    waiting; a line that is not a command is kept for the next question."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.kept: deque[str] = deque()
        self.eof = stream is None
        """No stdin at all (``0<&-``) is the end of input from the start."""
        try:
            self.echo = stream is None or not stream.isatty()
        except (AttributeError, ValueError, OSError):
            self.echo = True
        """Answers from a pipe or a file are not shown by a terminal: write them out."""

    def _read(self) -> str | None:
        if self.eof or self.stream is None:
            return None
        try:
            line = self.stream.readline()
        except (OSError, ValueError, UnicodeDecodeError):  # closed, or not text: the end
            line = ""
        if line == "":
            self.eof = True
            return None
        return line.rstrip("\r\n")

    def next(self) -> str | None:
        if self.kept:
            return self.kept.popleft()
        return self._read()

    def poll(self, timeout: float) -> str | None:
        """A line if one arrives within ``timeout`` seconds, else None (having waited)."""
        if self.eof or self.stream is None:
            time.sleep(timeout)
            return None
        try:
            ready, _, _ = select.select([self.stream], [], [], timeout)
        except (OSError, ValueError, TypeError):
            time.sleep(timeout)
            return None
        return self._read() if ready else None
