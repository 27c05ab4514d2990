"""Theme files for the app: the tables read (bundled, then the user's), and a file's text to
point at the line of a problem. Making Textual themes of them is the app's work."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any

from footcare.domain.frozen import frozen
from footcare.folders import Paths
from footcare.storage.read import SHOWN

__all__ = ["SHOWN", "ThemeTable", "ThemeTables", "bundled_tables", "file_text", "theme_tables"]


@frozen
class ThemeTable:
    table: dict[str, Any]
    path: Path
    bundled: bool
    """One of footcare's own themes (not a user's file)."""


@frozen
class ThemeTables:
    themes: dict[str, ThemeTable] = field(default_factory=dict)
    """Each theme's table by name; a user's replaces a bundled one of the same name."""
    problems: list[str] = field(default_factory=list)
    """Files or folders that could not be read, one line each."""


def theme_tables(paths: Paths, only: str | None = None) -> ThemeTables:
    """Every theme table by name (with ``only``, just that one, and the problems of the
    user's files, all read to find it)."""
    from footcare.storage.paths import bundled
    from footcare.storage.themes import theme_files

    files = theme_files(paths, only)
    folder = bundled("themes")
    themes = {
        name: ThemeTable(table, path, path.parent == folder)
        for name, (table, path) in files.themes.items()
    }
    return ThemeTables(themes, list(files.problems))


def bundled_tables() -> list[ThemeTable]:
    """The bundled themes' tables that read (the fallback for a broken user theme)."""
    from footcare.domain.errors import StorageError
    from footcare.storage.paths import bundled
    from footcare.storage.read import list_folder, read_toml

    tables: list[ThemeTable] = []
    try:
        files = list_folder(bundled("themes"))
    except StorageError:
        return tables
    for path in files:
        try:
            tables.append(ThemeTable(read_toml(path), path, True))
        except StorageError:
            continue
    return tables


def file_text(path: Path) -> str:
    """The text of a theme file, or "" when it can't be read (its problem is named
    elsewhere)."""
    from footcare.domain.errors import StorageError
    from footcare.storage.read import read_text

    try:
        return read_text(path)
    except StorageError:
        return ""
