"""Theme files: bundled ones, then the user's. Parsing to Textual themes lives in the ui."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from footcare.domain.schema import Colour, check
from footcare.domain.theme_keys import (
    APP_VARIABLE_NAMES,
    BOOL_KEYS,
    COLOUR_KEYS,
    KNOWN_KEYS,
    REQUIRED_KEYS,
    name_problem,
)
from footcare.storage.errors import StorageError
from footcare.storage.locate import locate
from footcare.storage.paths import Paths, bundled
from footcare.storage.read import SHOWN, list_folder, read_text, read_toml

COLOUR_TODO = 'write a colour as "#rrggbb" or a name such as "ansi_bright_white"'


@dataclass
class ThemeFiles:
    themes: dict[str, tuple[dict[str, Any], Path]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    replaced: dict[str, Path] = field(default_factory=dict)
    """The bundled themes a user's file of the same name replaces, by name."""


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
                kept = out.themes.get(name)
                if kept is not None and kept[1].parent == bundled_folder != folder:
                    out.replaced[name] = kept[1]
                out.themes[name] = (data, path)
    return out


def list_themes(paths: Paths) -> list[tuple[str, str]]:
    """Each theme the app would load, by name and where it comes from; then one row
    "(broken)" for each file the app would not load: its problems, as the app says them
    (a broken user theme named like a bundled one leaves the bundled one in use)."""
    files = theme_files(paths)
    bundled_dir = bundled("themes")
    rows, broken = [], []
    for name, (data, path) in files.themes.items():
        if problems := theme_problems(data, path):
            message = f"{described(problems, path)}. Theme {name!r} was not loaded"
            if name in files.replaced:
                rows.append((name, "bundled"))
                message += "; the bundled one is used instead"
            broken.append(("(broken)", message + "."))
            continue
        origin = "bundled" if path.parent == bundled_dir else f"user ({path})"
        rows.append((name, origin))
    return rows + broken + [("(broken)", problem) for problem in files.problems]


Found = list[tuple[str, str]]
"""Each problem's key, and what is wrong with it and what to do."""


def described(problems: Found, path: Path) -> str:
    """One line, as the app says it: the file, then the first few problems in the file's
    order, each with its line where it is found, and how many more."""
    try:
        text = read_text(path)
    except StorageError:
        text = ""
    located = [(locate(text, key) if text else None, key, what) for key, what in problems[:SHOWN]]
    located.sort(key=lambda found: found[0] or 1_000_000)  # missing keys last
    parts = [
        f"{key} (line {line}): {what}" if line else f"{key}: {what}" for line, key, what in located
    ]
    if len(problems) > SHOWN:
        parts.append(f"and {len(problems) - SHOWN} more")
    return f"{path}: " + "; ".join(parts)


def theme_problems(data: Mapping[str, Any], path: Path) -> Found:
    """Why the app would refuse this theme table, in the app's words (ui/themes.py, which
    checks Textual's own variables too). Empty when the app would take it."""
    found = [*_key_problems(data, data.get("name", path.stem)), *_variable_problems(data)]
    for key in REQUIRED_KEYS:
        if key not in data:
            todo = "add dark = true or false" if key == "dark" else f'add {key} = "#rrggbb"'
            found.append((key, f"missing — {todo}"))
    return found


def _key_problems(data: Mapping[str, Any], name: object) -> Found:
    """Unknown keys, the name, the switches and the colours, as the app words them."""
    found = []
    for key in data:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            found.append((key, f"unknown key{hint} — fix the name or remove it"))
    if named := name_problem(name, written="name" in data):
        found.append(("name", f"{named[0]} — {named[1]}"))
    for key in BOOL_KEYS:
        if key in data and not isinstance(data[key], bool):
            found.append((key, f"must be true or false, not {data[key]!r}"))
    for key in COLOUR_KEYS:
        if key in data and (colour := _colour_problem(data[key])):
            found.append((key, colour))
    return found


def _variable_problems(data: Mapping[str, Any]) -> Found:
    """The app's own colours under [variables] (Textual's own are the app's to check)."""
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        return [("variables", "must be a table — write it as a [variables] section")]
    return [
        (f"variables.{name}", problem)
        for name, value in variables.items()
        if name in APP_VARIABLE_NAMES and (problem := _colour_problem(value))
    ]


def _colour_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be text in quotes, not {value!r} — {COLOUR_TODO}"
    _, found = check(Colour(), value, "colour")
    if found.problems:
        return f"{found.problems[0].message} — {COLOUR_TODO}"
    return None
