"""What a person can read on the app's screen right now: the rendered cells, as text.

Built from the screen's compositor (what is painted, clipped and scrolled), never from a
widget's attributes. Wrapping does not matter: `words` joins the lines and collapses the
whitespace, so a sentence is found whole whatever width it was wrapped at.

The tests' one room for Textual's private parts (as footcare/ui/compat is the app's):
`tests/test_private_textual.py` fails on a use anywhere else but the compat tests.
"""

from __future__ import annotations

import io
import re
from typing import Any

from rich.console import Console
from textual.errors import NoWidget
from textual.geometry import Region

DECOR = re.compile("[▁▂▃▄▅▆▇█▔▏▕▎▍▌▋▊▉╸╺━]")
"""Scrollbar and thick-border glyphs: drawing, not text."""


def painted(app: Any) -> list[str]:
    """The screen's rows as painted, drawings included."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def lines(app: Any, region: Region | None = None) -> list[str]:
    """The screen's rows of text (a region of them, if given), as painted. A foot's picture
    is drawing, not words: its cells read as blank (the words beside it run on whole)."""
    rows = painted(app)
    for picture in app.screen.query("FootPicture"):
        try:
            where = app.screen.find_widget(picture)
        except NoWidget:  # not drawn
            continue
        drawn = where.region.intersection(where.clip)
        for y in range(drawn.y, drawn.bottom):
            row = rows[y]
            rows[y] = row[: drawn.x] + " " * len(row[drawn.x : drawn.right]) + row[drawn.right :]
    if region is None:
        return rows
    return [row[region.x : region.right] for row in rows[region.y : region.bottom]]


def words(text_lines: list[str]) -> str:
    """The lines as one text: drawing glyphs dropped, whitespace collapsed."""
    return " ".join(" ".join(DECOR.sub(" ", line) for line in text_lines).split())


def screen_words(app: Any) -> str:
    return words(lines(app))


def normal(text: str) -> str:
    """A sentence as `words` would show it."""
    return " ".join(text.split())


def toast_words(app: Any) -> list[str]:
    """The text of each notice on screen, read from its own cells."""
    from textual.widgets._toast import Toast

    return [words(lines(app, toast.region)) for toast in app.screen.query(Toast)]


def with_screens_below(app: Any) -> list[str]:
    """The rows as drawn with the screens below showing through (a dialog over a screen)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False).splitlines()


def notifications(app: Any) -> list[Any]:
    """Every notice the app holds now, shown or waiting (Textual keeps no public list)."""
    return list(app._notifications)


def footer_keys(footer: Any) -> list[tuple[str, str]]:
    """The footer's keys as drawn: each key and its description."""
    from textual.widgets._footer import FooterKey

    return [(key.key, key.description) for key in footer.query(FooterKey)]
