"""Screen text, matched as a person reads it: however the terminal wrapped it.

A phrase on screen can be split over two lines anywhere a space was (a longer day or
month name moves the break), and a terminal's output holds padding, cursor moves and the
frame of a box (a notice's "▌" edge) where the break is. So phrases are compared with all
whitespace and every box-drawing and block character taken out.
"""

from __future__ import annotations

import re

_NOT_WORDS = re.compile(r"[\s\u2500-\u259f]+")
"""Whitespace, box drawing (U+2500–U+257F) and block elements (U+2580–U+259F)."""


def squash(text: str) -> str:
    """The text without whitespace and without the lines and edges of boxes."""
    return _NOT_WORDS.sub("", text)


def shows(phrase: str, text: str) -> bool:
    """True when `phrase` is in `text`, wherever lines were broken or padded."""
    return squash(phrase) in squash(text)
