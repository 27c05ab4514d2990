"""Whose report it is: an optional name and date of birth from config.toml."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.schema import Day, Key, Text, check
from footcare.domain.text import clean

NAME_CHARS = 80


def owner_keys(today: date | None = None) -> dict[str, Key]:
    """config.toml's ``name`` and ``date_of_birth``: as the report reads them and as
    `footcare config` and the JSON Schema check them. A date of birth is past `today`
    when one is given (no day at all: any date footcare can count with)."""
    born = Day(
        high=today or Day.high,
        text=True,
        what="a past date like 1950-04-30 (no quotes needed)",
    )
    return {
        "name": Key(
            Text(max_length=NAME_CHARS),
            about="Whose journal this is: shown at the top of the clinician's report.",
        ),
        "date_of_birth": Key(
            born, about="Shown at the top of the clinician's report (a date, 1951-04-30)."
        ),
    }


@frozen
class Owner:
    name: str = ""
    born: date | None = None


def owner_name(name: str, profile: str = "") -> str:
    """Whose feet: the name given, else the profile's name (as `footcare status` says)."""
    name = " ".join(clean(name).split())[:NAME_CHARS].rstrip()
    return name or " ".join(clean(profile).split())[:NAME_CHARS].rstrip()


def owner_from_config(
    data: Mapping[str, Any], today: date, profile: str = ""
) -> tuple[Owner, list[str]]:
    """The ``name`` and ``date_of_birth`` keys of a parsed config.toml, and a problem for each
    one that can't be used (it is then left out of the report). Without a usable name, the
    report is in the profile's name."""
    problems: list[str] = []
    name = data.get("name", "")
    if not isinstance(name, str):
        problems.append('name: must be text in quotes, e.g. name = "Alex Smith"')
        name = ""
    if len(" ".join(clean(name).split())) > NAME_CHARS:
        problems.append(f"name: is longer than {NAME_CHARS} characters; shortened")
    name = owner_name(name, profile)
    born: date | None = None
    if "date_of_birth" in data:
        shape = owner_keys(today)["date_of_birth"].shape
        checked, c = check(shape, data["date_of_birth"], "date_of_birth")
        born = checked if isinstance(checked, date) else None
        problems += [f"{p.path}: {p.message}" for p in c.problems]
    return Owner(name, born), problems
