"""Validation problems collected all at once, each with its key path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.text import clean


@frozen
class Problem:
    """One thing wrong with an input, located by a key path such as ``steps[2].duration``."""

    path: str
    message: str
    line: int | None = None

    def render(self, source: str = "") -> str:
        where = source
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        if self.path:
            where = f"{where}: {self.path}" if where else self.path
        return f"{where}: {self.message}" if where else self.message


class ValidationError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem], source: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__("\n".join(p.render(source) for p in self.problems))


HINTED = 20
"""Unknown keys given a "did you mean" (thousands of them would cost seconds)."""


@dataclass
class Collector:
    """Gathers problems while a structure is checked."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        # a key or a value from a file can hold anything: no escape sequence is ever shown
        self.problems.append(Problem(clean(path), clean(message)))

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: Iterable[str], prefix: str = ""
    ) -> None:
        allowed = list(allowed)
        known = set(allowed)
        for key in table:
            if key in known:
                continue
            import difflib  # here: only a file with an unknown key needs it

            hint = difflib.get_close_matches(key, allowed, n=1) if self.hints_left() else []
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            self.add(join(prefix, key), f"unknown key{extra}")

    def hints_left(self) -> bool:
        """Whether an unknown key still gets a "did you mean": each costs a comparison with
        every allowed key, and no message shows more than the first few problems."""
        return len(self.problems) < HINTED

    def raise_if_any(self, source: str = "") -> None:
        if self.problems:
            raise ValidationError(self.problems, source)


def join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key
