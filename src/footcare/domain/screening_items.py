"""The screening questions: the core's BLOCK, CLEARANCE and REMIND items, the ones a day adds,
and the order they are asked in. The core items cannot be removed or weakened; a routine may
add its own items on top.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from footcare.domain.frozen import frozen
from footcare.domain.wording import CONTACT


class Tier(Enum):
    BLOCK = "block"
    CLEARANCE = "clearance"
    REMIND = "remind"


@frozen
class Item:
    id: str
    tier: Tier
    question: str
    advice: str
    core: bool = True
    everyone: bool = False
    """For CLEARANCE items: applies to everybody (no "does not apply" answer)."""
    title: str = ""
    """A few words naming the item, for lists."""

    @property
    def label(self) -> str:
        """The title; a question a routine asks without one is named by its words, never by
        its id ("max:knee" would mean nothing to the person)."""
        return self.title or self.question or self.id


CORE_ITEMS: tuple[Item, ...] = (
    Item(
        "wound",
        Tier.BLOCK,
        "Is there an open wound, sore, blister, cut, crack or burn on either foot or leg?",
        f"Don't massage today. If it is new, contact {CONTACT} today.",
        title="Wound, sore or blister",
    ),
    Item(
        "infection",
        Tier.BLOCK,
        "Is any area red, hot, swollen or painful, or is there pus, a smell, spreading "
        "redness, a fever, or do you feel unwell?",
        f"Don't massage today. These can be signs of infection: get advice from {CONTACT} today.",
        title="Signs of infection",
    ),
    Item(
        "one-leg",
        Tier.BLOCK,
        "Is there new swelling, pain, warmth or redness in one leg, calf or foot only?",
        f"Don't massage today. Contact {CONTACT} today. If you are also breathless or have "
        "chest pain, call your emergency number now.",
        title="Swelling or warmth in one leg",
    ),
    Item(
        "clot-treatment",
        Tier.BLOCK,
        "Are you being treated for a blood clot in your legs and not yet cleared for massage?",
        f"Don't massage until {CONTACT} says it is safe.",
        title="Blood clot being treated",
    ),
    Item(
        "injury",
        Tier.BLOCK,
        "Do you have a new foot or leg injury, a possible broken bone, or surgery that has "
        "not been cleared yet?",
        f"Don't massage until {CONTACT} has checked it.",
        title="New injury or surgery",
    ),
    Item(
        "discussed",
        Tier.CLEARANCE,
        "Have you talked about foot self-massage with a professional?",
        f"Ask {CONTACT} whether foot self-massage suits you, then record the date here.",
        everyone=True,
        title="Talked with a professional",
    ),
    Item(
        "severe-neuropathy",
        Tier.CLEARANCE,
        "Do you have severe neuropathy or have you lost protective feeling in your feet?",
        f"Ask {CONTACT} whether massage is safe for you and record the date of their go-ahead.",
        title="Severe neuropathy",
    ),
    Item(
        "past-clot",
        Tier.CLEARANCE,
        "Have you ever had a blood clot in your legs?",
        f"Ask {CONTACT} before massaging, and record the date of their go-ahead.",
        title="Past blood clot",
    ),
    Item(
        "swollen",
        Tier.CLEARANCE,
        "Are your feet or ankles usually noticeably swollen?",
        f"Massage may make swelling worse: ask {CONTACT} first and record their go-ahead.",
        title="Usually swollen feet",
    ),
    Item(
        "blood-thinners",
        Tier.CLEARANCE,
        "Do you take blood thinners, or have a bleeding or platelet problem?",
        f"Ask {CONTACT} first and use lighter pressure: you may bruise easily.",
        title="Blood thinners or bleeding",
    ),
    Item(
        "circulation",
        Tier.CLEARANCE,
        "Do you have poor circulation, calf pain when walking, or a past leg-artery procedure?",
        f"Ask {CONTACT} before massaging, and record the date of their go-ahead.",
        title="Poor circulation",
    ),
    Item(
        "high-risk-foot",
        Tier.CLEARANCE,
        "Have you had a foot ulcer, an amputation, Charcot foot, or are you on dialysis?",
        f"Ask {CONTACT} first. Their go-ahead is asked for again every 3 months.",
        title="Past ulcer, amputation, Charcot, dialysis",
    ),
    Item(
        "essential-oils",
        Tier.CLEARANCE,
        "Do you use essential oils on your feet?",
        f"Some skin reacts to essential oils: check with {CONTACT} and record their go-ahead.",
        title="Essential oils",
    ),
    Item(
        "heat-cold",
        Tier.CLEARANCE,
        "Do you use heat or cold on your feet: soaks, pads or packs?",
        "Numb feet may not feel a burn or frostbite: check with "
        f"{CONTACT} and record their go-ahead.",
        title="Heat or cold on the feet",
    ),
    Item(
        "check-feet",
        Tier.REMIND,
        "Check both feet now: tops, soles, heels and between the toes.",
        "Look for any mark, cut, blister, redness or swelling before you start.",
        title="Check both feet",
    ),
    Item(
        "gentle",
        Tier.REMIND,
        "Gentle pressure only, never painful. Less feeling means lighter, not harder.",
        "If you can't feel much, press less: it is easy to hurt skin you can't feel.",
        title="Gentle pressure",
    ),
    Item(
        "no-heat",
        Tier.REMIND,
        "No hot-water bottles, heating pads, hot soaks or ice.",
        "Numb feet may not feel a burn or cold injury.",
        title="No heat or ice",
    ),
    Item(
        "lotion",
        Tier.REMIND,
        "Lotion or oil only on unbroken skin: tops, soles, heels. None between the toes.",
        "Moisture between the toes can lead to infection; keep them dry.",
        title="No lotion between the toes",
    ),
    Item(
        "not-a-cure",
        Tier.REMIND,
        "Massage supports your care plan; it is not a cure.",
        "Keep your check-ups and your treatment as agreed with your care team.",
        title="Not a cure",
    ),
)


FILES_ITEM = Item(
    "files-readable",
    Tier.BLOCK,
    "Can footcare read your journal and your safety record?",
    "Fix the file named (or put back a backup of it), then come back.",
    title="A safety file can't be read",
)

AFTER_STOP_ITEM = Item(
    "after-stop",
    Tier.BLOCK,
    "You stopped a session earlier today because it hurt or you felt unwell or dizzy. "
    "Is that still there, or is the skin of either foot marked?",
    "Don't massage again today: rest your feet. If you still feel unwell or dizzy, stay "
    "sitting and get help if it doesn't pass. If the pain or the mark is still there "
    f"tomorrow, contact {CONTACT}.",
    title="After today's stop",
)
"""Asked first, the rest of the day, after a session stopped because it hurt or because the
person felt unwell or dizzy: a yes is a blocked day like any other, a no lets them go on."""
DAY_ITEMS: tuple[Item, ...] = (AFTER_STOP_ITEM,)
"""Questions the core adds to a day from what happened earlier that day."""

REMINDERS_ITEM = Item(
    "reminders",
    Tier.REMIND,
    "Before you start:",
    "",
    title="Before you start",
)
"""The REMIND items together: read together and acknowledged with one answer, in the app
(one row) and in the plain session (one Enter), so they are one thing to do."""

HIGH_RISK_ITEM = "high-risk-foot"
PROFESSIONAL_CHECK_ITEM = "discussed"
LIGHTER_PRESSURE_ITEMS = ("blood-thinners", "severe-neuropathy")
"""A go-ahead for any of these means lighter pressure in every session."""


def core_ids() -> frozenset[str]:
    return frozenset(item.id for item in CORE_ITEMS)


def day_ids() -> frozenset[str]:
    return frozenset(item.id for item in DAY_ITEMS)


def all_items(extra: Iterable[Item] = (), held: Iterable[Item] = ()) -> tuple[Item, ...]:
    """The core items followed by a routine's own, which can only add, then ``held``: the
    questions earlier events of the day add (from the safety record). A question the core
    adds to the day (after a stop) comes first; a routine's question answered yes earlier
    today comes last, when the routine chosen now does not ask it itself. Each id once."""
    held = tuple(held)
    day = day_ids()
    first = tuple(i for i in DAY_ITEMS if any(h.id == i.id for h in held))
    taken = set(core_ids()) | day
    added: list[Item] = []
    for item in (*extra, *held):
        if item.id not in taken:
            taken.add(item.id)
            added.append(item)
    return first + CORE_ITEMS + tuple(added)
