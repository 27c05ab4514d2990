"""One kind of error for every file problem, with a message a person can act on."""

from __future__ import annotations

from pathlib import Path

from footcare.domain.text import clean


class StorageError(Exception):
    """A file or folder problem: names the path (and the line and key where known) and says
    what to do.

    Rendered on one line: ``FILE:LINE: KEY: problem — what to do``. ``line`` is only ever a
    line the parser or a search of the text really found; never a guess.
    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        todo: str = "",
        *,
        line: int | None = None,
        key: str = "",
    ) -> None:
        self.path = Path(path)
        self.problem = " ".join(problem.split())
        self.todo = todo
        self.line = line
        self.key = key
        where = f"{self.path}:{line}" if line else str(self.path)
        if key:
            where += f": {key}"
        text = f"{where}: {self.problem}"
        if todo:
            text += f" — {todo}"
        # a file name or a value from a file can hold anything: never an escape sequence
        super().__init__(clean(text))
