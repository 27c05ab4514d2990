"""Screening before every session: BLOCK, CLEARANCE and REMIND items and the verdict.

Unanswered counts as unmet. The core items cannot be removed or weakened; a routine may
add its own items on top.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from footcare.domain.signs import WarningSign, as_of, postdates
from footcare.domain.wording import CONTACT


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

HIGH_RISK_ITEM = "high-risk-foot"
PROFESSIONAL_CHECK_ITEM = "discussed"
LIGHTER_PRESSURE_ITEMS = ("blood-thinners", "severe-neuropathy")
"""A go-ahead for any of these means lighter pressure in every session."""
DEFAULT_CLEARANCE_MONTHS = 12
HIGH_RISK_CLEARANCE_MONTHS = 3


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


@dataclass(frozen=True)
class Clearance:
    """A recorded answer to a CLEARANCE item: whether it applies and, if so, the go-ahead date."""

    item_id: str
    applies: bool
    on: date
    recorded: datetime | None = None
    """When the answer was written down: tells a check from a warning sign on the same day."""

    def answers(self, sign: WarningSign) -> bool:
        return postdates(self.on, self.recorded, sign)


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


class ItemState(Enum):
    """Where one screening item stands today. Only OK lets a session start."""

    OK = "ok"
    UNANSWERED = "unanswered"
    BLOCKED = "blocked"
    """A BLOCK item answered yes: no massage today."""
    EXPIRED = "expired"
    """A go-ahead older than its time (12 months, or 3 with a high-risk foot)."""
    VOIDED = "voided"
    """A go-ahead given before a warning sign: it must be given again."""
    NEEDS_CLEARANCE = "needs clearance"
    """An item for everyone answered "does not apply"."""
    NOT_ACKNOWLEDGED = "not acknowledged"


class ReasonKind(Enum):
    BLOCKED = "blocked"
    UNANSWERED = "unanswered"
    NEEDS_CLEARANCE = "needs clearance"
    EXPIRED = "expired"
    VOIDED = "voided"
    NOT_ACKNOWLEDGED = "not acknowledged"
    CHECK_NEEDED = "check needed"
    """A warning sign that only a professional's check, recorded after it, answers."""
    UNREADABLE = "unreadable"
    """A journal file or the safety record can't be read: a warning sign may hide in it."""


_STATE_REASON = {
    ItemState.UNANSWERED: ReasonKind.UNANSWERED,
    ItemState.BLOCKED: ReasonKind.BLOCKED,
    ItemState.EXPIRED: ReasonKind.EXPIRED,
    ItemState.VOIDED: ReasonKind.VOIDED,
    ItemState.NEEDS_CLEARANCE: ReasonKind.NEEDS_CLEARANCE,
    ItemState.NOT_ACKNOWLEDGED: ReasonKind.NOT_ACKNOWLEDGED,
}


@dataclass(frozen=True)
class ItemVerdict:
    """One item's state, with what the UI needs to show it and nothing to re-derive."""

    item: Item
    state: ItemState
    record: Clearance | None = None
    """The go-ahead answer in force (CLEARANCE items)."""
    last_valid_day: date | None = None
    """The last day a go-ahead (or a "does not apply") counts; the day after, it is asked again."""
    voided_by: WarningSign | None = None
    present: bool | None = None
    """BLOCK items: today's answer (True = the sign is there); None = not answered."""

    @property
    def ok(self) -> bool:
        return self.state is ItemState.OK


@dataclass(frozen=True)
class Reason:
    item: Item
    kind: ReasonKind
    message: str
    advice: str
    sign: WarningSign | None = None
    """The warning sign behind a CHECK_NEEDED or VOIDED reason."""


@dataclass(frozen=True)
class Verdict:
    blocks: tuple[Reason, ...]
    unmet: tuple[Reason, ...]
    lighter_pressure: bool = False
    items: tuple[ItemVerdict, ...] = ()
    pending_signs: tuple[WarningSign, ...] = ()
    """Session-blocking warning signs no professional's check has answered yet."""

    @property
    def may_start(self) -> bool:
        return not self.blocks and not self.unmet

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return self.blocks + self.unmet

    def item(self, item_id: str) -> ItemVerdict | None:
        return next((v for v in self.items if v.item.id == item_id), None)

    @property
    def standing(self) -> tuple[Reason, ...]:
        """Reasons that hold before today's questions are asked: what ``status`` reports.

        Today's BLOCK questions and reminders are asked before each session, so their
        being unanswered is not a reason here; a BLOCK answered yes today is.
        """
        daily = (ReasonKind.UNANSWERED, ReasonKind.NOT_ACKNOWLEDGED)
        return tuple(
            r
            for r in self.reasons
            if not (r.kind in daily and r.item.tier in (Tier.BLOCK, Tier.REMIND))
        )


def clearance_months(answers: Answers, configured: int = DEFAULT_CLEARANCE_MONTHS) -> int:
    months = max(1, min(configured, DEFAULT_CLEARANCE_MONTHS))
    high_risk = answers.clearances.get(HIGH_RISK_ITEM)
    if high_risk is not None and high_risk.applies:
        months = min(months, HIGH_RISK_CLEARANCE_MONTHS)
    return months


def _clearance_verdict(
    item: Item,
    record: Clearance | None,
    today: date,
    months: int,
    signs: tuple[WarningSign, ...],
) -> ItemVerdict:
    if record is None or record.on > today:
        return ItemVerdict(item, ItemState.UNANSWERED)
    last_valid = add_months(record.on, months) - timedelta(days=1)
    if record.applies:
        voiding = [s for s in signs if s.day <= today and not record.answers(s)]
        if voiding:
            return ItemVerdict(item, ItemState.VOIDED, record, last_valid, voiding[-1])
    if last_valid < today:
        return ItemVerdict(item, ItemState.EXPIRED, record, last_valid)
    if item.everyone and not record.applies:
        return ItemVerdict(item, ItemState.NEEDS_CLEARANCE, record, last_valid)
    return ItemVerdict(item, ItemState.OK, record, last_valid)


def item_verdicts(
    answers: Answers,
    today: date,
    extra_items: Iterable[Item] = (),
    signs: Iterable[WarningSign] = (),
    configured_months: int = DEFAULT_CLEARANCE_MONTHS,
    held: Iterable[Item] = (),
) -> tuple[ItemVerdict, ...]:
    """One state per item. ``signs`` are the session-blocking warning signs on record;
    ``held`` the questions the day's record adds (see ``all_items``)."""
    blocking = tuple(sorted((s for s in signs if s.blocks_sessions), key=lambda s: s.at))
    months = clearance_months(answers, configured_months)
    out: list[ItemVerdict] = []
    for item in all_items(extra_items, held):
        if item.tier is Tier.BLOCK:
            present = answers.blocks.get(item.id)
            state = (
                ItemState.UNANSWERED
                if present is None
                else (ItemState.BLOCKED if present else ItemState.OK)
            )
            out.append(ItemVerdict(item, state, present=present))
        elif item.tier is Tier.CLEARANCE:
            record = answers.clearances.get(item.id)
            out.append(_clearance_verdict(item, record, today, months, blocking))
        else:
            seen = item.id in answers.acknowledged
            out.append(ItemVerdict(item, ItemState.OK if seen else ItemState.NOT_ACKNOWLEDGED))
    return tuple(out)


def _reason(v: ItemVerdict) -> Reason:
    item, kind = v.item, _STATE_REASON[v.state]
    if v.state is ItemState.UNANSWERED:
        return Reason(item, kind, "Not answered yet", item.question)
    if v.state is ItemState.BLOCKED:
        return Reason(item, kind, item.question, item.advice)
    if v.voided_by is not None:  # set only when the state is VOIDED
        sign = v.voided_by
        return Reason(
            item,
            kind,
            f"A warning sign since this go-ahead ({sign.what}, {sign.day.isoformat()}) means "
            "it is needed again",
            item.advice,
            sign,
        )
    if v.state is ItemState.EXPIRED:
        return Reason(item, kind, "The recorded go-ahead has expired; ask again", item.advice)
    if v.state is ItemState.NEEDS_CLEARANCE:
        return Reason(item, kind, "A professional's go-ahead is needed", item.advice)
    return Reason(item, kind, "Not acknowledged", item.question)


def evaluate(
    answers: Answers,
    today: date,
    extra_items: Iterable[Item] = (),
    signs: Iterable[WarningSign] = (),
    configured_months: int = DEFAULT_CLEARANCE_MONTHS,
    unreadable: Iterable[str] = (),
    months_unknown: str = "",
    held: Iterable[Item] = (),
) -> Verdict:
    """Decide whether a session may start today, with every reason if not.

    ``signs`` are the warning signs in the safety record. A session-blocking sign that no
    professional's check (a go-ahead for "talked with a professional" recorded after it)
    answers keeps the gate shut. A file that can't be read might hold a warning sign, so
    it keeps the gate shut too (one reason per file) until it is fixed. ``months_unknown``
    says why the settings' go-ahead lifetime can't be read: a go-ahead's expiry can't be
    known then, so the gate stays shut too. ``held`` are the questions the day's safety
    record adds whatever routine is chosen: the after-stop question, and any routine's
    question answered yes today (so a yes holds for the day, not just for its routine).
    """
    signs = tuple(as_of(s, today) for s in signs)  # a sign after today counts from today
    items = item_verdicts(answers, today, extra_items, signs, configured_months, held)
    blocks = [_reason(v) for v in items if v.state is ItemState.BLOCKED]
    check = answers.clearances.get(PROFESSIONAL_CHECK_ITEM)
    pending = tuple(
        sorted(
            (
                s
                for s in signs
                if s.blocks_sessions and not (check and check.applies and check.answers(s))
            ),
            key=lambda s: s.at,
        )
    )
    unmet = [
        _reason(v)
        for v in items
        if not v.ok
        and v.state is not ItemState.BLOCKED
        # the check asked for below says it once
        and not (pending and v.item.id == PROFESSIONAL_CHECK_ITEM and v.state is ItemState.VOIDED)
    ]
    if pending:
        check_item = next(i for i in CORE_ITEMS if i.id == PROFESSIONAL_CHECK_ITEM)
        last = pending[-1]
        unmet.insert(
            0,
            Reason(
                check_item,
                ReasonKind.CHECK_NEEDED,
                f"A warning sign was noted on {last.day.isoformat()}: {last.what}",
                f"Have {CONTACT} check your feet, then record that check: answer y to "
                '"Talked with a professional" and give the date of the check.',
                last,
            ),
        )
    if months_unknown:
        unmet.insert(
            0,
            Reason(
                FILES_ITEM,
                ReasonKind.UNREADABLE,
                "How long a go-ahead lasts can't be read from your settings, so whether "
                f"yours are still valid can't be known ({months_unknown})",
                "Fix that file (clearance_months is a whole number from 1 to 12), then come back.",
            ),
        )
    for problem in unreadable:
        unmet.insert(
            0,
            Reason(
                FILES_ITEM,
                ReasonKind.UNREADABLE,
                f"A file can't be read, so warning signs in it can't be checked ({problem})",
                "Fix that file or put back a backup of it, then come back.",
            ),
        )
    lighter = any(
        (c := answers.clearances.get(i)) is not None and c.applies for i in LIGHTER_PRESSURE_ITEMS
    )
    return Verdict(tuple(blocks), tuple(unmet), lighter, items, pending)
