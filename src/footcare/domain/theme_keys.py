"""What a theme file may hold: shared by the theme loader and its JSON Schema."""

from __future__ import annotations

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
