"""Routine files for the command line: the catalogue, one file checked, a starter written."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from footcare.domain.frozen import frozen
from footcare.domain.routine import Routine
from footcare.folders import Paths


@frozen
class Routines:
    """Every routine by id, where each came from, and the files that could not be read."""

    routines: dict[str, Routine] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def catalogue(paths: Paths) -> Routines:
    from footcare.storage.routines import load_catalogue

    cat = load_catalogue(paths)
    return Routines(cat.routines, cat.sources, cat.problems)


def check_file(path: Path) -> Routine | list[str]:
    """The routine in ``path`` as the app would load it, or every problem as FILE:LINE: …"""
    from footcare.storage.routines import RoutineFileError, load_file

    try:
        return load_file(path)
    except RoutineFileError as exc:
        return exc.messages


def write_starter(paths: Paths, name: str) -> str:
    """A starter routine named ``name`` in the user's routines folder; its path."""
    from footcare.storage.starter import write_starter as write

    return write(paths, name)
