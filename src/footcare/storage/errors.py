"""One kind of error for every file problem, with a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """A file or folder problem: names the path and says what to do."""

    def __init__(self, path: Path | str, problem: str, todo: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.todo = todo
        text = f"{self.path}: {problem}"
        if todo:
            text += f" — {todo}"
        super().__init__(text)
