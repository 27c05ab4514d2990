"""Theme files: bundled ones, then the user's. Parsing to Textual themes lives in the ui."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from footcare.domain.theme_keys import name_problem
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths, bundled
from footcare.storage.read import list_folder, read_toml


@dataclass
class ThemeFiles:
    themes: dict[str, tuple[dict[str, Any], Path]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def theme_files(paths: Paths, only: str | None = None) -> ThemeFiles:
    """Every theme table by name; a user theme overrides a bundled one with the same name.

    With ``only``, just the theme of that name (and the problems of the user's files, all
    read to find it): the bundled file named after it is the only bundled one read, unless
    it holds another name. Start-up reads no more than the theme it shows."""
    out = ThemeFiles()
    bundled_folder = bundled("themes")
    for folder in (bundled_folder, paths.user_themes):
        try:
            if only is not None and folder == bundled_folder:
                files = [p for p in list_folder(folder) if p.stem == only] or list_folder(folder)
            else:
                files = list_folder(folder)
        except StorageError as exc:
            out.problems.append(f"{exc} (its themes were not loaded)")
            continue
        for path in files:
            try:
                data = read_toml(path)
            except StorageError as exc:
                out.problems.append(str(exc))
                continue
            name = data.get("name", path.stem)
            if problem := name_problem(name, written="name" in data):
                out.problems.append(f"{path}: name: {problem[0]} — {problem[1]}")
                continue
            if only is None or name == only:
                out.themes[name] = (data, path)
    return out


def list_themes(paths: Paths) -> list[tuple[str, str]]:
    files = theme_files(paths)
    bundled_dir = bundled("themes")
    rows = []
    for name, (_, path) in files.themes.items():
        origin = "bundled" if path.parent == bundled_dir else f"user ({path})"
        rows.append((name, origin))
    for problem in files.problems:
        rows.append(("(broken)", problem))
    return rows
