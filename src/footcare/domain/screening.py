"""Screening before every session: BLOCK, CLEARANCE and REMIND items and the verdict.

Unanswered counts as unmet. The core items cannot be removed or weakened; a routine may
add its own items on top.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


class Tier(Enum):
    BLOCK = "block"
    CLEARANCE = "clearance"
    REMIND = "remind"


@dataclass(frozen=True)
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
        return self.title or self.id


CONTACT = "your doctor, nurse or podiatrist"

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


JOURNAL_ITEM = Item(
    "journal-readable",
    Tier.BLOCK,
    "Can footcare read your whole journal?",
    "Fix or move the journal file named, then come back.",
    title="Journal file unreadable",
)

HIGH_RISK_ITEM = "high-risk-foot"
PROFESSIONAL_CHECK_ITEM = "discussed"
LIGHTER_PRESSURE_ITEM = "blood-thinners"
DEFAULT_CLEARANCE_MONTHS = 12
HIGH_RISK_CLEARANCE_MONTHS = 3


def core_ids() -> frozenset[str]:
    return frozenset(item.id for item in CORE_ITEMS)


def all_items(extra: Iterable[Item] = ()) -> tuple[Item, ...]:
    """The core items followed by a routine's own, which can only add."""
    core = core_ids()
    added = tuple(item for item in extra if item.id not in core)
    return CORE_ITEMS + added


@dataclass(frozen=True)
class Clearance:
    """A recorded answer to a CLEARANCE item: whether it applies and, if so, the go-ahead date."""

    item_id: str
    applies: bool
    on: date
    recorded: datetime | None = None
    """When the answer was written down: tells a check from a warning sign on the same day."""


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def recorded_after(record: Clearance, flag: date) -> bool:
    """Whether a record postdates a warning sign (a date, or a date and time).

    A record dated after the sign's day counts. On the same day it counts only if it was
    written down after the sign; without a time for the sign, the day is enough.
    """
    flag_day = _day(flag)
    if record.on != flag_day:
        return record.on > flag_day
    if isinstance(flag, datetime):
        return record.recorded is not None and record.recorded > flag
    return True


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class Answers:
    """Today's answers: BLOCK items (True = the sign is present), REMINDs acknowledged."""

    blocks: Mapping[str, bool] = field(default_factory=dict)
    acknowledged: frozenset[str] = frozenset()
    clearances: Mapping[str, Clearance] = field(default_factory=dict)


class ReasonKind(Enum):
    BLOCKED = "blocked"
    UNANSWERED = "unanswered"
    NEEDS_CLEARANCE = "needs clearance"
    EXPIRED = "expired"
    NOT_ACKNOWLEDGED = "not acknowledged"
    RED_FLAG = "red flag"


@dataclass(frozen=True)
class Reason:
    item: Item
    kind: ReasonKind
    message: str
    advice: str


@dataclass(frozen=True)
class Verdict:
    blocks: tuple[Reason, ...]
    unmet: tuple[Reason, ...]
    lighter_pressure: bool = False

    @property
    def may_start(self) -> bool:
        return not self.blocks and not self.unmet

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self.blocks + self.unmet


def clearance_months(answers: Answers, configured: int = DEFAULT_CLEARANCE_MONTHS) -> int:
    months = max(1, min(configured, DEFAULT_CLEARANCE_MONTHS))
    high_risk = answers.clearances.get(HIGH_RISK_ITEM)
    if high_risk is not None and high_risk.applies:
        months = min(months, HIGH_RISK_CLEARANCE_MONTHS)
    return months


def clearance_state(
    item: Item,
    record: Clearance | None,
    today: date,
    months: int,
    last_red_flag: date | None,
) -> ReasonKind | None:
    """None when the item is satisfied, else why not."""
    if record is None:
        return ReasonKind.UNANSWERED
    if record.on > today:
        return ReasonKind.UNANSWERED
    if record.applies and last_red_flag is not None and not recorded_after(record, last_red_flag):
        return ReasonKind.EXPIRED
    if add_months(record.on, months) <= today:
        return ReasonKind.EXPIRED
    if item.everyone and not record.applies:
        return ReasonKind.NEEDS_CLEARANCE
    return None


def evaluate(
    answers: Answers,
    today: date,
    extra_items: Iterable[Item] = (),
    red_flag_days: Iterable[date] = (),
    configured_months: int = DEFAULT_CLEARANCE_MONTHS,
    unreadable_journal: Iterable[str] = (),
) -> Verdict:
    """Decide whether a session may start today, with every reason if not.

    A journal file that can't be read might hold a warning sign, so it keeps the gate shut
    (one reason per file) until it is fixed or moved away.
    """
    items = all_items(extra_items)
    flags = sorted(
        (d for d in red_flag_days if _day(d) <= today),
        key=lambda d: (_day(d), d if isinstance(d, datetime) else datetime.min),
    )
    last_flag = flags[-1] if flags else None
    months = clearance_months(answers, configured_months)
    blocks: list[Reason] = []
    unmet: list[Reason] = []
    for item in items:
        if item.tier is Tier.BLOCK:
            present = answers.blocks.get(item.id)
            if present is None:
                unmet.append(Reason(item, ReasonKind.UNANSWERED, "Not answered yet", item.question))
            elif present:
                blocks.append(Reason(item, ReasonKind.BLOCKED, item.question, item.advice))
        elif item.tier is Tier.CLEARANCE:
            state = clearance_state(item, answers.clearances.get(item.id), today, months, last_flag)
            if state is ReasonKind.UNANSWERED:
                unmet.append(Reason(item, state, "Not answered yet", item.question))
            elif state is ReasonKind.EXPIRED:
                record = answers.clearances.get(item.id)
                voided = (
                    record is not None
                    and last_flag is not None
                    and not recorded_after(record, last_flag)
                )
                message = (
                    "A warning sign in your journal since this go-ahead means it is needed again"
                    if voided
                    else "The recorded go-ahead has expired; ask again"
                )
                unmet.append(Reason(item, state, message, item.advice))
            elif state is ReasonKind.NEEDS_CLEARANCE:
                unmet.append(
                    Reason(item, state, "A professional's go-ahead is needed", item.advice)
                )
        elif item.id not in answers.acknowledged:
            unmet.append(
                Reason(item, ReasonKind.NOT_ACKNOWLEDGED, "Not acknowledged", item.question)
            )
    if last_flag is not None:
        check = answers.clearances.get(PROFESSIONAL_CHECK_ITEM)
        if check is None or not check.applies or not recorded_after(check, last_flag):
            flag_item = next(i for i in CORE_ITEMS if i.id == PROFESSIONAL_CHECK_ITEM)
            unmet.insert(
                0,
                Reason(
                    flag_item,
                    ReasonKind.RED_FLAG,
                    f"Your journal noted a warning sign on {_day(last_flag).isoformat()}",
                    f"Have {CONTACT} check your feet, then record that check here: "
                    "press y on the first go-ahead question and give the date.",
                ),
            )
    for problem in unreadable_journal:
        unmet.insert(
            0,
            Reason(
                JOURNAL_ITEM,
                ReasonKind.RED_FLAG,
                "A journal file can't be read, so warning signs in it can't be checked "
                f"({problem})",
                "Fix or move that file, then come back.",
            ),
        )
    thinners = answers.clearances.get(LIGHTER_PRESSURE_ITEM)
    return Verdict(tuple(blocks), tuple(unmet), bool(thinners and thinners.applies))
