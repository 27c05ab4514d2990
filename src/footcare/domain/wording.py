"""One wording for safety: every sentence about stops, warning signs and whom to contact.

The app's screens, `session --plain`, the spoken cues and the reports all render these
sentences; none of them words a stop or its advice on its own. Each sentence is chosen by a
typed fact (a `StopCause`, a warning sign's urgency), never by matching words, so
rewording one can never change what is recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from types import MappingProxyType

from footcare.domain.signs import Urgency, WarningSign
from footcare.domain.stops import StopCause

CONTACT = "your doctor, nurse or podiatrist"
"""Whom to contact, in every sentence that names them."""
DEFAULT_EMERGENCY = "your emergency number"


def call_now(emergency: str) -> str:
    return f"Call {emergency} now."


SAME_DAY_ACTION = (
    f"Contact {CONTACT} today. No massage until they have checked it and you have recorded "
    "that check in footcare."
)
"""What to do about a warning sign that needs a professional the same day."""
SOON_SWELLING_ACTION = f"If the swelling is new or growing, tell {CONTACT} soon."


URGENCY_HEADINGS: Mapping[Urgency, str] = MappingProxyType(
    {
        Urgency.EMERGENCY: "URGENT — get help now",
        Urgency.SAME_DAY: "Get advice today",
        Urgency.SOON: "Worth mentioning soon",
    }
)
"""The heading over each warning sign an entry records, by how soon it needs help."""


def whom_to_contact(emergency: str) -> str:
    """Said after the warning signs an entry records."""
    return f"{CONTACT}. Chest pain or breathlessness: {emergency}."


STAYS_BLOCKED = (
    "The next session stays blocked until you record a professional's check in the safety "
    "questions."
)
"""Said when a warning sign just recorded blocks sessions."""


def call_first(sign: WarningSign | None, emergency: str) -> str:
    """Said first about a warning sign that still waits for a professional's check, when it
    is one that needs help at once (chest pain, a red swollen leg with feeling unwell):
    days later it may still be there. Empty for any other sign."""
    if sign is None or sign.urgency is not Urgency.EMERGENCY:
        return ""
    return f"If it is still there or comes back, call {emergency} now. "


def have_it_checked(sign: WarningSign, emergency: str, how_recorded: str) -> str:
    """What to do about a warning sign that waits for a professional's check: the call
    first when it needs help at once, then the check and how to record it (``how_recorded``
    ends the sentence: where the client records it)."""
    return (
        f"{call_first(sign, emergency)}Have {CONTACT} check your feet, then record that "
        f"check{how_recorded}"
    )


def sign_action(urgency: Urgency, emergency: str) -> str:
    """What to do about a warning sign of this urgency."""
    if urgency is Urgency.EMERGENCY:
        return call_now(emergency)
    if urgency is Urgency.SOON:
        return SOON_SWELLING_ACTION
    return SAME_DAY_ACTION


# --- stopping a session ---------------------------------------------------------------------
STOP_QUESTION = "Stopping. What happened?"


def chest_first(emergency: str) -> str:
    """Said above the choice of causes, before anything is chosen."""
    return f"Chest pain or breathlessness: call {emergency} now."


CAUSE_NAMES: Mapping[StopCause, str] = MappingProxyType(
    {
        StopCause.PAIN: "It hurts",
        StopCause.NEW_MARK: "A new mark, blister or broken skin",
        StopCause.SWELLING: "Sudden swelling",
        StopCause.CHEST: "Chest pain or breathlessness",
        StopCause.UNWELL: "I feel unwell or dizzy",
        StopCause.OTHER: "Something else",
        StopCause.WARNING_SIGN: "A warning sign logged during the session",
        StopCause.INTERRUPTED: "The app was closed mid-session",
    }
)
"""Each cause's one name: the words a person picks it by (the app's list, the plain menu)
and meets again at the stop, in the journal, `journal list`, the exports and the reports,
inside a sentence through `cause_named`."""
PICK_HINT = "say what in the note after"
"""Beside "Something else" where it is picked, and nowhere else."""

STOP_ADVICE: Mapping[StopCause, str] = MappingProxyType(
    {
        StopCause.PAIN: f"Rest the foot. If the pain stays, or you see a mark, contact {CONTACT}.",
        StopCause.UNWELL: "Stay sitting or lie down, and don't stand up yet. If it doesn't pass "
        "soon, get help.",
        StopCause.NEW_MARK: f"Don't massage that foot again until {CONTACT} has looked at it.",
        StopCause.SWELLING: f"Contact {CONTACT} today.",
        StopCause.OTHER: f"Say what happened in the note. If you are worried, contact {CONTACT}.",
    }
)
"""What to do after a stop for each cause (chest pain gets the emergency number)."""

COMPLETE = "Session complete. Well done."
NO_MASSAGE = "Session over: every massage step was skipped, so no massage was done."
SOME_MASSAGE = (
    "Session over: {done} of massage per foot, of {planned} planned; the rest was skipped."
)
"""The end of a session run through with massage steps skipped: no "well done"."""
BEFORE_STANDING = (
    "Wipe off extra lotion, dry between the toes, and put socks on before you stand up."
)
"""Said at every end, finished or stopped: lotion makes feet slippery, and neuropathy
affects balance."""


def cause_label(cause: StopCause) -> str:
    """The cause as it is offered to pick: its name, with what to do next for "Something
    else"."""
    name = CAUSE_NAMES[cause]
    return f"{name} ({PICK_HINT})" if cause is StopCause.OTHER else name


def cause_named(cause: StopCause) -> str:
    """The cause's name inside a sentence: "stopped early: it hurts"."""
    return mid_sentence(CAUSE_NAMES[cause])


_KEEPS_CAPITAL = r"(?:I(?:'\w+)?|[A-Z]{2,})\b"
"""A first word that keeps its capital inside a sentence: "I", "I'm", "CHEST"."""


def mid_sentence(words: str) -> str:
    """``words`` as they read inside a sentence, after a colon: the first letter lower-case
    ("It hurts" → "it hurts"), unless the first word keeps its capital anywhere ("I feel
    unwell or dizzy" stays as it is)."""
    if re.match(_KEEPS_CAPITAL, words):
        return words
    return f"{words[:1].lower()}{words[1:]}"


def running_now(since: datetime | None, today: date) -> str:
    """Said while this person's session runs in another footcare (its claim is held):
    since when, as the claim says (None: it doesn't say)."""
    if since is None:
        return "A session is running now, in another window."
    day = "" if since.date() == today else f" on {since.date().isoformat()}"
    return f"A session is running now (since {since:%H:%M}{day}, in another window)."


def sign_noted(sign: WarningSign) -> str:
    """A warning sign inside a sentence: its day, then its words after a colon, last in the
    clause, since its words may end with the foot in brackets: "noted on 2026-12-05:
    redness (left foot)"."""
    return f"noted on {sign.day.isoformat()}: {sign.what}"


def everyone_needs(how_recorded: str) -> str:
    """Said to a no to the go-ahead everyone needs (talked with a professional):
    ``how_recorded`` is how the client records the date once they have."""
    return (
        f"Everyone needs this one. Ask {CONTACT} whether foot self-massage suits you, then "
        f"{how_recorded}."
    )


def check_too_early(on: date, sign: WarningSign) -> str:
    """Why a professional's check with this date is not recorded, and what to give instead."""
    return (
        f"Not recorded: a check on {on.isoformat()} came before the warning sign "
        f"{sign_noted(sign)}. Give the date of a check on or after {sign.day.isoformat()}."
    )


def signs_words(signs: Iterable[WarningSign]) -> str:
    """The words of several signs, each once, last in a sentence: "redness (left foot);
    swelling"."""
    return "; ".join(sorted({s.what for s in signs}))


def stop_heading(cause: StopCause, emergency: str, sign: WarningSign | None = None) -> str:
    """Why the session stopped, in the cause's one name, and what to do now."""
    what = ""
    if cause is StopCause.WARNING_SIGN:
        what = f" — {sign.what}" if sign is not None else ""
        advice = sign_action(sign.urgency if sign is not None else Urgency.SAME_DAY, emergency)
    elif cause is StopCause.CHEST:
        advice = call_now(emergency)
    else:
        advice = STOP_ADVICE.get(cause, "")
    return f"Session stopped: {cause_named(cause)}{what}. {advice}".strip()


def spoken_duration(seconds: int) -> str:
    """ "2 minutes and 30 seconds": a duration as it is read and said."""
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if rest:
        parts.append(f"{rest} second" + ("s" if rest != 1 else ""))
    return " and ".join(parts) or "0 seconds"


def finished_heading(done: int, planned: int) -> str:
    """How a session that ran to its end went: whole seconds of massage per foot ``done``
    of those ``planned``."""
    if done >= planned:
        return COMPLETE
    if done <= 0:
        return NO_MASSAGE
    return SOME_MASSAGE.format(done=spoken_duration(done), planned=spoken_duration(planned))


def ending_lines(
    cause: StopCause | None,
    emergency: str = DEFAULT_EMERGENCY,
    sign: WarningSign | None = None,
    massage: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """The words at the end of a session (``cause`` None: it ran to the end; ``massage``:
    its seconds of massage per foot, done and planned), shown by the app, printed by the
    plain session and said aloud, at the moment it ends."""
    if cause is not None:
        heading = stop_heading(cause, emergency, sign)
    else:
        heading = COMPLETE if massage is None else finished_heading(*massage)
    return heading, BEFORE_STANDING


# --- during a session -----------------------------------------------------------------------
LOOK_FIRST = (
    "Look at this foot first: the top, the sole, the heel and between the toes. If you see "
    "broken skin, redness or swelling, or it feels warm, stop."
)
STOP_IF = "Stop at once if it hurts, if you see a new mark, or if the foot swells."
LOOK_FIRST_SCREEN = (
    "Look at this foot first: top, sole, heel, between the toes. Broken skin, redness, "
    "swelling or warmth: stop (x)."
)
STOP_IF_SCREEN = "Stop at once (x) if it hurts, if you see a new mark, or if the foot swells."
"""The session screen's short forms, with the key that stops."""
LIGHTER = "Lighter pressure for you: light at most, never the knuckles."
FOOT_CHANGE = "Change feet: now the {foot} foot. Wipe extra lotion off your hands first."
PAUSED = "Paused."
RESUMED = "Carrying on."
PAUSED_WHERE_YOU_STOPPED = "Paused where you stopped."
LOOK_FIRST_SPOKEN = "Look at it first: broken skin, redness, swelling or warmth means stop."
LIGHTER_SPOKEN = "Light at most, for you."
FOOT_CHANGE_SPOKEN = "Change feet: now the {foot} foot. Wipe the lotion off your hands."
"""Said aloud: short enough to be over (7 to 9 seconds with espeak-ng) before a 10-second
get-ready ends and the first step is announced."""

PRESSURE_SPOKEN: Mapping[str, str] = MappingProxyType(
    {
        "none": "No pressure.",
        "feather": "Feather-light pressure.",
        "light": "Light pressure.",
        "gentle": "Gentle pressure.",
        "comfortable": "Comfortable pressure, never painful.",
    }
)
"""Each pressure as it is said: "Pressure: none" is heard as "non"."""


def pressure_spoken(pressure: str) -> str:
    return PRESSURE_SPOKEN.get(pressure, f"{pressure.capitalize()} pressure.")


# --- lighter pressure -----------------------------------------------------------------------
KNUCKLE_TECHNIQUES = frozenset({"knuckle-rub"})
"""Techniques that work with the knuckles: with lighter pressure they become light strokes."""
# (patterns compiled by re at their first use: importing the wording compiles none)
_FIRM = (
    r"(?i)\b(deep(?:ly|er)?|hard(?:er)?|firm(?:ly|er)?|strong(?:ly|er)?|vigorous(?:ly)?|"
    r"forceful(?:ly)?|heav(?:y|ily)|with force|knuckles?|fists?|elbows?|dig(?:ging)?)\b"
)
_KNUCKLES = frozenset({"knuckle", "knuckles", "fist", "fists"})
_NOT = r"(?i)\b(?:don'?t|do not|never|not|no|avoid\w*|without|instead of|in place of|rather than)\b"
_SENTENCE = r"[^.!?;:]+"


def firm_words(text: str, technique: str = "") -> list[str]:
    """The words in ``text`` that ask for more than light pressure, or for the knuckles
    ("press deeply", "knead hard with your knuckles"); not those a sentence turns down
    before them ("don't pull hard", "in place of the knuckle rub"). A knuckle technique's
    own knuckles are not counted: the whole step is replaced anyway."""
    found: list[str] = []
    for part in re.finditer(_SENTENCE, text):
        sentence = part.group(0)
        for match in re.finditer(_FIRM, sentence):
            word = match.group(1).lower()
            if re.search(_NOT, sentence[: match.start()]):
                continue
            if technique in KNUCKLE_TECHNIQUES and word in _KNUCKLES:
                continue
            found.append(word)
    return found


LIGHT_WORDING: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "prepare": (
            "Look, then lotion",
            "Look over the whole foot: top, sole, heel and between the toes. If you see "
            "broken skin, redness or swelling, stop. Otherwise smooth a little lotion on the "
            "top, sole and heel, none between the toes.",
        ),
        "effleurage": (
            "Light strokes",
            "Glide the flat of your hands lightly over the whole foot, from the toes up to "
            "the ankle.",
        ),
        "thumb-circles": (
            "Light thumb circles",
            "Make slow circles with the flat of your thumbs, barely pressing. Go lightest on "
            "the arch and the ball of the foot.",
        ),
        "knuckle-rub": (
            "Light strokes",
            "Stroke the sole slowly with the flat of your fingers, lightly, from the toes "
            "towards the heel and up to the ankle.",
        ),
        "squeeze-knead": (
            "Soft squeezing",
            "Softly squeeze the foot, top and bottom, as if holding something fragile. "
            "Between the toes, use dry fingers only.",
        ),
        "toe-work": ("Gentle toe turns", "Hold each toe and turn it slowly. Don't pull hard."),
        "upward-strokes": (
            "Light upward strokes",
            "Stroke lightly upwards from the toes to the ankle and on up the calf, towards "
            "the heart.",
        ),
        "finish": (
            "Finish this foot",
            "Wipe off extra lotion. Dry between the toes. Put on a sock now: lotion makes "
            "feet slippery, so don't stand up barefoot.",
        ),
        "other": (
            "Light strokes",
            "Stroke the foot slowly with the flat of your fingers, lightly, from the toes "
            "towards the ankle.",
        ),
    }
)
"""Each technique's light wording (a name, the instructions): what a step whose own words
ask for more is shown and said as, for someone who needs lighter pressure."""
LIGHT_DIRECTION = "toes to ankle"


def light_wording(technique: str) -> tuple[str, str]:
    return LIGHT_WORDING.get(technique, LIGHT_WORDING["other"])


def replaced_name(technique: str, name: str) -> str:
    """The name a step shown in its light wording goes by: what it replaces, unless that
    name itself asks for more ("Deep strokes")."""
    light = light_wording(technique)[0]
    return light if firm_words(name, technique) else f"{light} (in place of {name.lower()})"


WIDER_CARE = (
    "Massage is one part of caring for your feet, beside supportive shoes, gentle exercise "
    "and a balanced diet. With diabetes, keeping your blood sugar in the range your care "
    "team sets matters most: it helps stop the nerve damage from getting worse."
)
"""The guidance's wider plan, said where the day's care is chosen and noted."""
