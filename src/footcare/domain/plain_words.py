"""The words of `footcare session --plain`: its prompts, its commands and its notices.

The safety sentences (stops, warning signs, whom to contact, the refusal's advice) come from
`wording` and `advice`, shared with the app; these are the plain session's own: how it asks,
what it accepts as an answer, and what it says between the questions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcare.domain.journal import Entry

REFUSED = 3
"""Exit status when the gate refuses a session (0 when a session ran, 1 on a file problem)."""
NOT_SAVED = 74
"""Exit status when the session could not be saved and the person let it go (EX_IOERR):
its facts were printed for them to write down."""

COMMANDS: Mapping[str, str] = MappingProxyType(
    {
        "p": "pause",
        "pause": "pause",
        "space": "pause",
        "n": "next",
        "next": "next",
        "b": "back",
        "back": "back",
        "x": "stop",
        "stop": "stop",
        "q": "quit",
        "quit": "quit",
    }
)
"""A word typed during the session, and what it does."""
HELP = (
    "While it runs, type a word and press Enter: p pauses or carries on, n skips to the next "
    "step, b goes back one, x stops because something is wrong, q saves and leaves."
)

YES = ("y", "yes")
NO = ("n", "no")
NOT_YET = ("none", "no", "n")
READ = ("", "y", "yes", "ok")
"""Answers that say the reminders were read."""
YES_OR_NO = "Please type y for yes or n for no."
DATE_FORMAT = "(YYYY-MM-DD, Enter for today, 'none' if not yet)"
NOT_IN_FUTURE = "The date can't be in the future."
RATING_AGAIN = "Please type a whole number from 0 to 10, or just Enter."
NO_ANSWER = "(no answer)"


def rating_prompt(name: str, hint: str) -> str:
    return f"{name.capitalize()} ({hint}), 0-10 or Enter to skip:"


# --- the gate -------------------------------------------------------------------------------
SAFETY_QUESTIONS = "Safety questions. Answer each with y or n and Enter."
CHECKED_SINCE = "Has a professional checked your feet since then?"
CHECK_DATE = "The date of that check"
WAS_A_MISTAKE = "Was that a mistake?"
BEFORE_YOU_START = "Before you start:"
HAVE_READ = "Press Enter (or type y) once you have read these."
SAID_IT_SUITS = "Has a professional said it suits you?"
WHEN_SAID = "When did they say so?"
WHEN_FINE = "When did a professional say foot massage is fine for you?"


def not_yet(to_do: str) -> str:
    return f"The session can't begin yet. Still {to_do}:"


def sign_noted(day: str, what: str) -> str:
    return f"A warning sign was noted on {day}: {what}."


def answered_yes(question: str) -> str:
    return f"Earlier today you answered yes to: {question}"


# --- the session ----------------------------------------------------------------------------
PICK_STOP = "Type its number (Enter carries on with the session):"
PAUSED = "Paused where you stopped. Type p and Enter to carry on."
SAVED_LEFT = "Saved. Start footcare again today to carry on where you stopped."
CARRY_ON = "An unfinished session from today can be carried on. Carry on?"
FEEL_NOW = "How do your feet feel right now?"
FEEL_AFTER = "How do your feet feel now?"
WHAT_HAPPENED = "What happened? (a note), then Enter:"
A_NOTE = "A note (optional), then Enter:"
SAVED = "Saved to your journal."
LIGHTER = "Your go-ahead answers call for lighter pressure: light at most, no knuckles."


def heading(whose: str) -> str:
    return (
        "footcare - plain session"
        + (f" for {whose}" if whose else "")
        + ". A self-care aid, not medical advice."
    )


def routine_line(name: str, minutes: str) -> str:
    return f"Routine: {name}, {minutes} of massage per foot."


# --- what could not be saved ----------------------------------------------------------------
PROGRESS_SAVED = "Progress saved again."
TRY_AGAIN = "Press Enter to try again, or type q and Enter to end without saving it:"
RETRY = ("", "y", "yes", "r", "retry", "again")
"""Answers to TRY_AGAIN that try again; any other word lets the session go unsaved."""
WRITE_DOWN = "Your session was not saved. Please write it down, or it is lost:"


def reasons(why: Sequence[str]) -> str:
    return "; ".join(why)


def progress_not_saved(why: str) -> str:
    return f"Progress not saved: {why}. The session carries on; footcare tries again as it goes."


def not_saved_yet(why: Sequence[str]) -> str:
    return (
        f"Not saved yet: {reasons(why)}. Your session is only in this window for now; "
        "footcare tries again once you have answered."
    )


def not_saved(why: Sequence[str], ended: bool) -> str:
    """What could not be saved and why: an ended session, or (``ended`` False) a running
    one's progress since it was last saved."""
    what = "Your session is" if ended else "What you did since it was last saved is"
    return (
        f"Not saved: {reasons(why)}. {what} only in this window: it is lost if footcare ends now."
    )


def waits_beside(why: str, kept: str) -> str:
    return (
        f"Not in your journal yet: {why}. Your session is kept in {kept} and goes into your "
        "journal the next time footcare starts."
    )


def facts_lines(entry: Entry) -> list[str]:
    """The whole session, as the journal shows an entry, a line each (a heading over
    several lines, those indented), for writing down."""
    from footcare.domain.history import full_text_lines
    from footcare.domain.text import clean

    out = []
    for heading, body in full_text_lines(entry):
        lines = [clean(line) for line in body.splitlines()] or [""]
        if len(lines) == 1:
            out.append(f"- {heading}: {lines[0]}")
        else:
            out.append(f"- {heading}:")
            out.extend(f"    {line}" for line in lines)
    return out
