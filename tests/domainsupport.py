"""Hostile text, and journal entries that carry it in every free-text field: for the tests
that whatever a note says, what goes out (a screen, an export, a report) is inert. And the
words of a report as a person reads them, whitespace and tags aside."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import unescape

from hypothesis import strategies as st

from footcare.domain.journal import Entry, Ratings, SessionFacts

NOW = datetime(2026, 11, 24, 9, 0)


def one_line(text: str) -> str:
    return " ".join(text.split())


def page_text(page: str) -> str:
    """The HTML report's words, tags dropped, on one line."""
    body = page.split("<body>", 1)[-1]
    return one_line(unescape(re.sub(r"<[^>]+>", " ", body)))


FRAGMENTS = [
    # terminal: window title, clear screen, clipboard write, colour, 8-bit CSI/OSC, DCS
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\x1b]52;c;ZWNobyBvd25lZA==\x07",
    "\x1b[31m",
    "\x9b2J",
    "\x9d0;title\x9c",
    "\x1bP1$r\x1b\\",
    "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
    "\x1b",
    "\x07",
    "\x00",
    "\x7f",
    # line breaks, tabs, disguises, undecodable bytes
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "\v",
    "\x85",
    "\u2028",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\U000e0041",
    "\udc80",
    # spreadsheet formulas
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "  =1+1",
    "\t=1",
    # Markdown and HTML
    "# Heading",
    "## Warning signs noted",
    "- 2026-11-24 (same day): new wound, blister or cut",
    "1. item",
    "2) item",
    "> quote",
    "---",
    "===",
    "```",
    "~~~",
    "    code",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![i](http://evil.example/x.png)",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<http://evil.example>",
    "[ref]: http://evil.example",
    "| a | b |",
    "|---|---|",
    "\\",
    "`code`",
    "*em*",
    "__strong__",
    "~~gone~~",
    "$x^2$",
    "&lt;b&gt;",
    "&#60;",
    "{.class}",
    '"><svg onload=alert(1)>',
    "' onmouseover='alert(1)",
    "</li></ul><script>",
    "</section></body>",
    "<!--",
    "-->",
    "<![CDATA[x]]>",
    "<?xml x?>",
    "<!DOCTYPE x>",
    "&#60;script&#62;",
    "&amp;",
    "</style><style>*{}</style>",
    "</title><title>",
    '<a href="http://evil.example">x</a>',
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=http://x">',
    "javascript:alert(1)",
    "url(http://x)",
    # Rich / Textual markup
    "[bold red]",
    "[@click=app.quit]q[/]",
    "[/]",
]
every_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())
low_characters = st.characters(min_codepoint=0, max_codepoint=0xA0, exclude_categories=())
hostile = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(low_characters, max_size=6),
        st.text(every_character, max_size=6),
    ),
    max_size=10,
).map("".join)


@dataclass(frozen=True)
class Texts:
    note: str
    reason: str
    routine: str
    lotion: str
    sugar: str


def make_entry(n: int, t: Texts, raw: bool = False, stopped: bool = True) -> Entry:
    """Entry ``n`` (``n`` days back) with the texts ``t``; ``raw`` as an entry from before the
    cleaning could be, nothing cleaned."""
    session = SessionFacts(t.routine, ("left", "right"), 12.5, stopped, t.reason, t.lotion)
    entry = Entry(
        id=f"e{n}",
        at=NOW - timedelta(days=n, hours=1),
        before=Ratings(pain=6, numbness=4),
        after=Ratings(pain=3, numbness=4),
        session=session,
        findings={"wound": "left"} if n == 0 else {},
        blood_sugar=t.sugar,
        note=t.note,
    )
    if raw:
        object.__setattr__(entry, "note", t.note)
        object.__setattr__(entry, "blood_sugar", t.sugar)
        object.__setattr__(entry, "session", session)
    return entry


texts = st.builds(Texts, hostile, hostile, hostile, hostile, hostile)
