"""The cue test: footcare says a line and rings the bell, and the person says what they
heard. Its answer, kept for the place it was given in, decides which cues a session uses
there: a cue nobody hears is no cue at all."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from footcare.domain.frozen import frozen


class Heard(Enum):
    BOTH = "both"
    BELL = "bell"
    SPEECH = "speech"
    NOTHING = "nothing"

    @property
    def label(self) -> str:
        return ANSWERS[self]


ANSWERS = {
    Heard.BOTH: "I heard the words and the bell",
    Heard.BELL: "Only the bell",
    Heard.SPEECH: "Only the words",
    Heard.NOTHING: "Nothing at all",
}
"""The answers, in the order they are offered (1 to 4)."""


class Place(Enum):
    """Where footcare runs: what is heard differs from one to the other."""

    HERE = "here"
    SSH = "ssh"
    BROWSER = "browser"

    @property
    def described(self) -> str:
        return {
            Place.HERE: "on this computer",
            Place.SSH: "over SSH",
            Place.BROWSER: "in the browser",
        }[self]


TEST_LINE = "This is footcare. If you can hear these words, speech works."
"""What the test says."""

LISTEN = "Listen now: footcare says a short line and rings the bell once. Then say what you heard."


@frozen
class CueTest:
    """One answer: what was heard, with which speech program, and when."""

    heard: Heard
    voice: str
    """The speech program tested ("espeak-ng", "spd-say", "browser"; "" if none)."""
    at: datetime


def outcome(heard: Heard) -> str:
    """What footcare does from now on, in words, after this answer."""
    return {
        Heard.BOTH: "Sessions speak each step and ring the bell with it.",
        Heard.BELL: (
            "The words were not heard, so sessions ring the bell at each step and "
            "speak nothing. Check the sound and test again to hear the steps."
        ),
        Heard.SPEECH: (
            "Sessions speak each step. The bell was not heard: keep the screen in sight as well."
        ),
        Heard.NOTHING: (
            "Nothing was heard, so sessions give no sound: each step shows on screen "
            "only. Keep the screen in sight, and test again once the sound is fixed."
        ),
    }[heard]
