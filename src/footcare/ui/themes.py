"""Themes from TOML files: validated before Textual ever sees them.

A theme file is one flat table and a ``[variables]`` table::

    name = "footcare-dark"
    dark = true
    primary = "#6cb6ff"
    ...
    [variables]
    foot-left = "#6cc4ff"

``App.register_theme`` checks nothing and a bad colour only blows up when the
CSS is built, so every value is checked here; a broken user file becomes one
problem string and the app carries on with the others.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from textual.color import Color, ColorParseError
from textual.theme import Theme

from footcare.domain.frozen import frozen
from footcare.domain.schema import Colour, check
from footcare.domain.theme_keys import (
    BOOL_KEYS,
    COLOUR_KEYS,
    KNOWN_KEYS,
    REQUIRED_KEYS,
    name_problem,
)
from footcare.folders import Paths
from footcare.services.theme_files import SHOWN, bundled_tables, file_text, theme_tables
from footcare.ui.compat import VALID_STYLE_FLAGS, ColorSystem

DEFAULT_THEME = "footcare-dark"
ANSI_THEME = "footcare-ansi"


def default_theme(color_system: str | None) -> str:
    """The theme when none is chosen: on a terminal of 16 colours, the one made of them
    (another theme's shades of grey would all become one dark grey there)."""
    return ANSI_THEME if color_system in ("standard", "windows") else DEFAULT_THEME


APP_VARIABLES: dict[str, str] = {
    # Used when a theme (e.g. one of Textual's own) doesn't set them. Each has a
    # relative luminance near 0.18, so it reads at >= 4.5:1 on black and on white.
    "foot-left": "#3c79b6",
    "foot-right": "#a85a98",
    "blocked": "#d14343",
    "caution": "#8f7200",
    "ok": "#2d863d",
}
"""Default values of the app's own theme variables ($foot-left, … in .tcss)."""

_COLOUR_TODO = 'write a colour as "#rrggbb" or a name such as "ansi_bright_white"'
_ALPHA = re.compile(r"^(?P<colour>\S+)\s+(?P<percent>\d{1,3}(?:\.\d+)?)%$")


@frozen
class ThemeProblem:
    key: str
    problem: str
    todo: str = ""

    def __str__(self) -> str:
        text = f"{self.key}: {self.problem}"
        return f"{text} — {self.todo}" if self.todo else text


class ThemeError(ValueError):
    """A theme table that can't be used: names the file, every bad key and what to do."""

    def __init__(self, source: str, problems: list[ThemeProblem]) -> None:
        self.source = source
        self.problems = problems
        self.key = problems[0].key if problems else ""
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


@frozen
class _VariableKind:
    style: bool = False
    """A text style such as "bold not underline", not a colour."""
    alpha: bool = False
    """A colour that may carry an opacity ("#ff0000 50%") or be "auto 87%"."""
    initial: bool = False
    """May be the CSS keyword "initial"."""


@cache
def _textual_variables() -> dict[str, _VariableKind]:
    """Every variable Textual's own themes generate, and what kind of value it takes."""
    defaults: dict[str, list[str]] = {}
    for ansi in (False, True):
        system = ColorSystem(primary="#0178D4", ansi=ansi)
        for name, value in system.generate().items():
            defaults.setdefault(name, []).append(value)
    kinds = {}
    for name, values in defaults.items():
        words = {word for value in values for word in value.split()}
        style = name.endswith("-style") and words <= VALID_STYLE_FLAGS
        alpha = any(_ALPHA.match(v) or v == "auto" for v in values)
        kinds[name] = _VariableKind(style, alpha, "initial" in values)
    return kinds


def known_variables() -> list[str]:
    """The variable names a theme file may set: the app's own, then Textual's."""
    return [*APP_VARIABLES, *sorted(set(_textual_variables()) - set(APP_VARIABLES))]


def _did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _name_problem(name: object, written: bool) -> ThemeProblem | None:
    """The name's problem as its declaration words it (theme_keys.name_problem)."""
    found = name_problem(name, written)
    return ThemeProblem("name", *found) if found else None


def _colour_problem(key: str, value: object) -> ThemeProblem | None:
    """None if `value` is a colour as the theme's declaration says (the JSON Schema's too),
    which Textual can parse."""
    if not isinstance(value, str):
        return ThemeProblem(key, f"must be text in quotes, not {value!r}", _COLOUR_TODO)
    _, found = check(Colour(), value, key)
    if found.problems:
        return ThemeProblem(key, found.problems[0].message, _COLOUR_TODO)
    try:
        Color.parse(value)  # never refuses what the declaration takes (tested)
    except ColorParseError as exc:
        hint = f" (did you mean {exc.suggested_color!r}?)" if exc.suggested_color else ""
        return ThemeProblem(key, f"{value!r} is not a colour{hint}", _COLOUR_TODO)
    return None


def _variable_problem(name: str, value: object) -> ThemeProblem | None:
    key = f"variables.{name}"
    if name in APP_VARIABLES:
        return _colour_problem(key, value)
    kind = _textual_variables().get(name)
    if kind is None:
        hint = _did_you_mean(name, known_variables())
        todo = "fix the name or remove it; the app's own are " + ", ".join(APP_VARIABLES)
        return ThemeProblem(key, f"unknown variable{hint}", todo)
    if not isinstance(value, str):
        return ThemeProblem(key, f"must be text in quotes, not {value!r}")
    if kind.style:
        bad = [word for word in value.split() if word not in VALID_STYLE_FLAGS]
        if bad or not value.split():
            return ThemeProblem(
                key,
                f"{value!r} is not a text style",
                'use words such as "bold", "underline", "reverse", "none"',
            )
        return None
    if kind.initial and value == "initial":
        return None
    match = _ALPHA.match(value) if kind.alpha else None
    if match:
        if float(match["percent"]) > 100:
            return ThemeProblem(key, f"{value!r}: the opacity is over 100%", "use 0% to 100%")
        if match["colour"] == "auto":
            return None
        return _colour_problem(key, match["colour"])
    if kind.alpha and value == "auto":
        return None
    return _colour_problem(key, value)


def theme_from_table(data: Mapping[str, Any], source: str) -> Theme:
    """Build a Textual theme from one theme file's table, or raise ThemeError.

    `source` names the file in messages; the theme's name defaults to its stem.
    Every problem in the table is reported at once.
    """
    name = data.get("name", Path(source).stem)
    problems = _key_problems(data, name)
    variables, variable_problems = _variables_of(data)
    problems += variable_problems
    problems += _missing_keys(data)
    if problems:
        raise ThemeError(source, problems)
    theme = _theme(str(name), data, variables)
    _check_with_textual(theme, source)
    return theme


def _key_problems(data: Mapping[str, Any], name: object) -> list[ThemeProblem]:
    """The problems of the table's own keys: unknown keys, the name, the switches, the
    colours."""
    problems: list[ThemeProblem] = []
    for key in data:
        if key not in KNOWN_KEYS:
            problems.append(
                ThemeProblem(
                    key, f"unknown key{_did_you_mean(key, KNOWN_KEYS)}", "fix the name or remove it"
                )
            )
    if problem := _name_problem(name, written="name" in data):
        problems.append(problem)
    for key in BOOL_KEYS:
        if key in data and not isinstance(data[key], bool):
            problems.append(ThemeProblem(key, f"must be true or false, not {data[key]!r}"))
    for key in COLOUR_KEYS:
        if key in data and (problem := _colour_problem(key, data[key])):
            problems.append(problem)
    return problems


def _variables_of(data: Mapping[str, Any]) -> tuple[dict[Any, Any], list[ThemeProblem]]:
    """The `[variables]` section (empty when it is not a table), and its problems."""
    problems: list[ThemeProblem] = []
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        problems.append(
            ThemeProblem("variables", "must be a table", "write it as a [variables] section")
        )
        variables = {}
    for var_name, value in variables.items():
        if problem := _variable_problem(var_name, value):
            problems.append(problem)
    return variables, problems


def _missing_keys(data: Mapping[str, Any]) -> list[ThemeProblem]:
    """A problem for each key a theme must have and the table lacks, with what to add."""
    problems: list[ThemeProblem] = []
    for key in REQUIRED_KEYS:
        if key not in data:
            todo = "add dark = true or false" if key == "dark" else f'add {key} = "#rrggbb"'
            problems.append(ThemeProblem(key, "missing", todo))
    return problems


def _theme(name: str, data: Mapping[str, Any], variables: dict[Any, Any]) -> Theme:
    """The Textual theme of a table found sound."""
    return Theme(
        name=name,
        primary=data["primary"],
        secondary=data.get("secondary"),
        accent=data.get("accent"),
        foreground=data["foreground"],
        background=data["background"],
        surface=data.get("surface"),
        panel=data.get("panel"),
        boost=data.get("boost"),
        success=data.get("success"),
        warning=data.get("warning"),
        error=data.get("error"),
        dark=data["dark"],
        ansi=data.get("ansi", False),
        variables={str(k): str(v) for k, v in variables.items()},
    )


def _check_with_textual(theme: Theme, source: str) -> None:
    """The safety net: the same work Textual does when it builds the CSS, or ThemeError."""
    try:
        generated = theme.to_color_system().generate()
        for shade in ("background-darken-1", "primary-lighten-1"):
            Color.parse(generated[shade])
    except Exception as exc:  # whatever Textual would have crashed on later
        raise ThemeError(
            source, [ThemeProblem("variables", f"Textual can't use this theme ({exc})")]
        ) from exc


def _line_of(text: str, key: str) -> int | None:
    """Best effort: the line (1-based) where a top-level or `variables.` key is set."""
    table, _, name = key.rpartition(".")
    pattern = re.compile(
        rf"""^\s*(?:{re.escape(name)}|"{re.escape(name)}"|'{re.escape(name)}')\s*="""
    )
    current = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header[1].strip("\"'")
            continue
        if current == table and pattern.match(line):
            return number
    return None


def describe(error: ThemeError, path: Path | None = None) -> str:
    """One line a person can act on: the file, then each key (with its line) and what to do."""
    text = file_text(path) if path is not None else ""
    shown = error.problems[:SHOWN]  # each is looked for in the text: a few, never thousands
    located = [(_line_of(text, p.key) if text else None, p) for p in shown]
    located.sort(key=lambda pair: pair[0] or 1_000_000)  # in file order; missing keys last
    parts = []
    for line, problem in located:
        where = f"{problem.key} (line {line})" if line else problem.key
        todo = f" — {problem.todo}" if problem.todo else ""
        parts.append(f"{where}: {problem.problem}{todo}")
    if len(error.problems) > len(shown):
        parts.append(f"and {len(error.problems) - len(shown)} more")
    return f"{error.source}: " + "; ".join(parts)


def _bundled_themes() -> dict[str, Theme]:
    """The bundled themes alone: the fallback when a user's file or folder is broken."""
    themes: dict[str, Theme] = {}
    for found in bundled_tables():
        try:
            theme = theme_from_table(found.table, str(found.path))
        except ThemeError:
            continue
        themes[theme.name] = theme
    return themes


def load_themes(paths: Paths, only: str | None = None) -> tuple[list[Theme], list[str]]:
    """Bundled then user themes that validate, and one problem per broken file.

    A user theme replaces a bundled one of the same name; if the user's file is
    broken, the bundled theme is kept. Never raises for a bad user file. With ``only``,
    just the theme of that name is built and checked (the app's start), and the problems
    are those of the user's files that could not be read.
    """
    files = theme_tables(paths, only)
    problems = list(files.problems)
    themes: dict[str, Theme] = {}
    for name, found in files.themes.items():
        try:
            themes[name] = theme_from_table(found.table, str(found.path))
        except ThemeError as exc:
            message = describe(exc, found.path) + f". Theme {name!r} was not loaded"
            fallback = _bundled_themes().get(name) if not found.bundled else None
            if fallback is not None:
                themes[name] = fallback
                message += "; the bundled one is used instead"
            problems.append(message + ".")
    return list(themes.values()), problems


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio between two colours, from 1.0 to 21.0.

    A translucent `a` is first laid over `b` (text over its background). ANSI
    colours have no fixed value (the terminal decides), so their ratio means little.
    """
    if a.a < 1:
        a = b.with_alpha(1.0) + a
    la, lb = _relative_luminance(a), _relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def _relative_luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)
