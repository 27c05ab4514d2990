"""What footcare ships, found where it ships it: the bundled routines and themes.

Tests take these lists from the folders (never write them out), so a routine or a theme
added to `routines/` or `themes/` is tested with no test edited.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from footcare.storage.paths import bundled


def routine_files() -> list[Path]:
    return sorted(bundled("routines").glob("*.toml"))


def theme_files() -> list[Path]:
    return sorted(bundled("themes").glob("*.toml"))


def _table(path: Path) -> dict[str, object]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _field(path: Path, key: str) -> str:
    return str(_table(path)[key])


ROUTINES: tuple[str, ...] = tuple(_field(p, "id") for p in routine_files())
"""The ids of the bundled routines, in the order of their file names."""
THEMES: tuple[str, ...] = tuple(_field(p, "name") for p in theme_files())
"""The names of the bundled themes, in the order of their file names."""
COLOUR_THEMES: tuple[str, ...] = tuple(
    _field(p, "name") for p in theme_files() if not _table(p).get("ansi")
)
"""The bundled themes that set their own colours (not the terminal's 16)."""
