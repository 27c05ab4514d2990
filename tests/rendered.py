"""What a person can read on the app's screen right now: the rendered cells, as text.

Built from the screen's compositor (what is painted, clipped and scrolled), never from a
widget's attributes. Wrapping does not matter: `words` joins the lines and collapses the
whitespace, so a sentence is found whole whatever width it was wrapped at.
"""

from __future__ import annotations

import re
from typing import Any

from textual.geometry import Region

DECOR = re.compile("[▁▂▃▄▅▆▇█▔▏▕▎▍▌▋▊▉╸╺━]")
"""Scrollbar and thick-border glyphs: drawing, not text."""


def lines(app: Any, region: Region | None = None) -> list[str]:
    """The screen's rows of text (a region of them, if given), as painted."""
    strips = app.screen._compositor.render_strips()
    rows = [strip.text for strip in strips]
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
