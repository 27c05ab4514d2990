"""What a theme file may hold: shared by the theme loader and its JSON Schema."""

from __future__ import annotations

import re

from footcare.domain.schema import Anything, Bool, Colour, Key, Table, Text, check

COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "success",
    "warning",
    "error",
)
REQUIRED_KEYS = ("dark", "primary", "foreground", "background")
BOOL_KEYS = ("dark", "ansi")
KNOWN_KEYS = ("name", *BOOL_KEYS, *COLOUR_KEYS, "variables")
APP_VARIABLE_NAMES = ("foot-left", "foot-right", "blocked", "caution", "ok")
"""The app's own colours, set under [variables] ($foot-left, … in the stylesheet)."""

NAME = Text(
    required=True, max_length=60, pattern=re.compile(r"^[^,]*$"), hint="use text without commas"
)
"""A theme's name (Textual lists themes joined by commas): not blank, at most 60 characters."""


def name_problem(name: object, written: bool) -> tuple[str, str] | None:
    """None if ``name`` is a theme's name as NAME says (the JSON Schema says the same);
    else (what is wrong in NAME's words, what to do), ``written`` telling whether the name
    is the file's own line or was taken from the file's name. The file reader and the
    theme loader both word it so."""
    _, found = check(NAME, name, "name")
    if not found.problems:
        return None
    todo = (
        'write a name in quotes such as name = "My colours" (no commas), '
        "or remove the line to use the file's name"
        if written
        else 'add a line such as name = "My colours" (no commas)'
    )
    return found.problems[0].message, todo


THEME = Table(
    {
        "name": Key(NAME, about="The theme's name (default: the file's name)."),
        **{key: Key(Bool(), required=key in REQUIRED_KEYS) for key in BOOL_KEYS},
        **{key: Key(Colour(), required=key in REQUIRED_KEYS) for key in COLOUR_KEYS},
        # checked by the loader against Textual's own variables (ui/themes.py)
        "variables": Anything(),
    }
)
"""A theme file: the loader checks its keys with this, the JSON Schema is made from it."""
