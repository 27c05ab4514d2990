"""What a theme file may hold: shared by the theme loader and its JSON Schema."""

from __future__ import annotations

import re

from footcare.domain.schema import Anything, Bool, Colour, Key, Table, Text

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

NAME = Text(required=True, pattern=re.compile(r"^[^,]*$"), hint="use text without commas")
"""A theme's name (Textual lists themes joined by commas)."""

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
