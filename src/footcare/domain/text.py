"""Text a person typed (or a file held), made safe to keep and to show.

``clean`` is the one place that decides which characters a note or a name may hold.
It runs when text comes in (journal entries, routine files) and again when text goes
out (terminal lines, exports, screens), so an entry saved before it existed is safe too.

What it takes out, and why:

- escape sequences whole: CSI (``ESC [ … final``, also the 8-bit ``0x9B`` form), OSC,
  DCS, SOS, PM and APC strings with their terminator (``ESC ] 0;title BEL``, OSC 52
  clipboard writes), and two-character escapes. Coloured text pasted from a terminal
  keeps its words; an unterminated sequence loses only its control characters;
- every other C0 control (0x00–0x1F), DEL (0x7F) and every C1 control (0x80–0x9F);
- the bidirectional controls (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM,
  ALM), which can make text read in an order other than the one it is stored in;
- invisible characters that can hide or disguise text: zero-width space, word joiner,
  invisible operators, the byte-order mark, the Mongolian vowel separator, the
  deprecated format controls, interlinear annotation marks, and tag characters;
- lone surrogates (undecodable bytes from a command line), which cannot be written out.

Kept: zero-width joiner and non-joiner (U+200C, U+200D), which shape Persian and Indic
script and emoji and cannot reorder or hide anything, and the soft hyphen.

Line breaks: in a multi-line text (a note) every line break (CR LF, CR, VT, FF, NEL,
U+2028, U+2029, the C0 separators) becomes ``\\n`` and a tab stays a tab; in a one-line
text (a name) each of them becomes a space.
"""

from __future__ import annotations

import re

# The patterns are kept as text and compiled by re at their first use (re keeps them), so
# that a command which never cleans text does not pay for compiling them.
_ESCAPE_SEQUENCE = (
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"  # strings
    r"|\x1b[ -/]*[0-~]"  # two-character escapes (with intermediates)
)
_LINE_BREAK = r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]"
_INVISIBLE = (
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero-width space
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a-\u202e"  # embeddings, overrides, pop
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # isolates
    "\u206a-\u206f"  # deprecated format controls
    "\ufeff"  # byte-order mark
    "\ufff9-\ufffb"  # interlinear annotation
    "\U000e0000-\U000e007f"  # tag characters
    "\ud800-\udfff"  # lone surrogates
)
_UNWANTED = f"[\x00-\x1f\x7f-\x9f{_INVISIBLE}]"
_UNWANTED_IN_LINES = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]"
"""The same, less tab and newline."""


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` without escape sequences, control or disguising characters (see above)."""
    if text.isprintable():  # the usual case: nothing to take out
        return text
    text = re.sub(_ESCAPE_SEQUENCE, "", text)
    if multiline:
        return re.sub(_UNWANTED_IN_LINES, "", re.sub(_LINE_BREAK, "\n", text))
    return re.sub(_UNWANTED, "", re.sub(_LINE_BREAK, " ", text).replace("\t", " "))


_MARKDOWN_SPECIAL = r"([\\`*_\[\]{}<>|~$&])"
"""Characters that start inline Markdown: emphasis, code, links, images, raw HTML and
autolinks, entities, table cells, strikethrough, maths and attribute lists."""
_BLOCK_START = r"^(\d*)([#+\-=>.)])"
"""What makes a heading, list, quote, rule or setext underline at the start of a line."""


def markdown_inline(text: str, inside: bool = False) -> str:
    """``text`` as Markdown that renders literally, inside a paragraph, list item or cell.

    Every character that could start inline markup is backslash-escaped, so the text
    can hold no link, image, HTML, code or emphasis; its lines are joined with " / ",
    so it can never start a block (a heading, a list item, a quote, a fence) of its own.
    A bare web address stays plain text that a renderer may make clickable: what it
    shows is where it goes. ``inside``: the text goes after something else on its line (a
    table cell, a list item's label), where no block can start, so "6.1" stays "6.1".
    """
    lines = [line.strip() for line in clean(text, multiline=True).split("\n")]
    joined = " / ".join(line for line in lines if line).replace("\t", " ")
    inline = re.sub(_MARKDOWN_SPECIAL, r"\\\1", joined)
    return inline if inside else re.sub(_BLOCK_START, r"\1\\\2", inline)
