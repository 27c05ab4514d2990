"""Bundled and user routines. A user file overrides a bundled one with the same id."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from footcare.domain.problems import ValidationError
from footcare.domain.routine import Routine, parse_routine
from footcare.storage.errors import StorageError
from footcare.storage.locate import locate
from footcare.storage.paths import Paths, bundled
from footcare.storage.read import list_folder, read_document


@dataclass
class Catalogue:
    routines: dict[str, Routine] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def load_file(path: Path) -> Routine:
    """Load one routine file; raise RoutineFileError listing every problem as FILE:LINE: …

    This is the parse the app uses: whatever loads here runs there.
    """
    try:
        doc = read_document(path)
    except StorageError as exc:
        raise RoutineFileError([str(exc)]) from exc
    try:
        return parse_routine(doc.data, default_id=path.stem, source=str(path))
    except ValidationError as exc:
        messages = []
        for problem in exc.problems:
            line = locate(doc.text, problem.path) if problem.path else None
            if line is None and "." in problem.path:
                # a missing key has no line of its own: point at its table instead
                line = locate(doc.text, problem.path.rsplit(".", 1)[0])
            where = f"{path}:{line}" if line else str(path)
            messages.append(f"{where}: {problem.path}: {problem.message}")
        raise RoutineFileError(messages) from exc


class RoutineFileError(Exception):
    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


def load_catalogue(paths: Paths) -> Catalogue:
    """Every routine, bundled first then the user's; broken files reported, the rest loaded."""
    cat = Catalogue()
    for folder in (bundled("routines"), paths.user_routines):
        try:
            files = list_folder(folder)
        except StorageError as exc:
            cat.problems.append(f"{exc} (its routines were not loaded)")
            continue
        for path in files:
            try:
                routine = load_file(path)
            except RoutineFileError as exc:
                cat.problems.extend(exc.messages)
                continue
            cat.routines[routine.id] = routine
            cat.sources[routine.id] = path
    return cat
