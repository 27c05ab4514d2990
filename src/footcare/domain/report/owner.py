"""Whose report it is: an optional name and date of birth from config.toml."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from footcare.domain.text import clean

NAME_CHARS = 80


@dataclass(frozen=True)
class Owner:
    name: str = ""
    born: date | None = None


def owner_from_config(data: Mapping[str, Any], today: date) -> tuple[Owner, list[str]]:
    """The ``name`` and ``date_of_birth`` keys of a parsed config.toml, and a problem for each
    one that can't be used (it is then left out of the report)."""
    problems: list[str] = []
    name = data.get("name", "")
    if not isinstance(name, str):
        problems.append('name: must be text in quotes, e.g. name = "Alex Smith"')
        name = ""
    name = " ".join(clean(name).split())
    if len(name) > NAME_CHARS:
        problems.append(f"name: is longer than {NAME_CHARS} characters; shortened")
        name = name[:NAME_CHARS].rstrip()
    raw = data.get("date_of_birth")
    born: date | None = None
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):  # kept as text: refused below
            raw = date.fromisoformat(raw.strip())
    if isinstance(raw, datetime):
        raw = raw.date()
    if raw is not None:
        if isinstance(raw, date) and date(1900, 1, 1) <= raw <= today:
            born = raw
        else:
            problems.append("date_of_birth: must be a past date like 1950-04-30 (no quotes needed)")
    return Owner(name, born), problems
