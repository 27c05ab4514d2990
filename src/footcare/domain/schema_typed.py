"""Two more shapes for files footcare alone writes, whose messages name what footcare
writes there ("must be an entry id"): a value of one TOML kind, and a table whose tag says
which of several tables it is (the safety record's events)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from footcare.domain.problems import Collector, join
from footcare.domain.schema import MISSING, Shape, Table


@dataclass(frozen=True, eq=False, repr=False)
class Typed(Shape):
    """A value of one TOML kind: true/false only where a bool is wanted, a date without a
    time where a date is; among ``among`` when it is given."""

    kind: type
    what: str
    among: tuple[str, ...] = ()
    unknown: str = ""
    """The message for a value of the right kind that is not among them, with ``{}`` for
    the value ("unknown finding '{}'"); by default the kind's own."""

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, self.kind) or isinstance(value, bool) is not (self.kind is bool):
            c.add(path, f"must be {self.what}")
            return MISSING
        if self.kind is date and isinstance(value, datetime):
            c.add(path, f"must be {self.what} without a time")
            return MISSING
        if self.among and value not in self.among:
            c.add(path, self.unknown.format(value) if self.unknown else f"must be {self.what}")
            return MISSING
        return value


@dataclass(frozen=True, eq=False, repr=False)
class Tagged(Shape):
    """A table whose ``tag`` key says which of ``tables`` it is."""

    tag: str
    tables: Mapping[str, Table]
    what: str = "a table"

    def check(self, value: Any, path: str, c: Collector) -> Any:
        if not isinstance(value, Mapping):
            c.add(path, f"must be {self.what}")
            return MISSING
        tag = value.get(self.tag)
        table = self.tables.get(tag) if isinstance(tag, str) else None
        if table is None:
            *first, last = self.tables
            c.add(join(path, self.tag), f"must be {', '.join(first)} or {last}")
            return MISSING
        return table.check(value, path, c)
