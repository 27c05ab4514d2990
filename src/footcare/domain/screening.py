"""Screening before every session: the verdict on today's answers and the record.

Unanswered counts as unmet. The questions themselves (BLOCK, CLEARANCE and REMIND items)
are in ``screening_items``, and importable from here too.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, datetime, timedelta
from enum import Enum

from footcare.domain.frozen import frozen
from footcare.domain.screening_items import (
    AFTER_STOP_ITEM,
    CORE_ITEMS,
    DAY_ITEMS,
    FILES_ITEM,
    HIGH_RISK_ITEM,
    LIGHTER_PRESSURE_ITEMS,
    PROFESSIONAL_CHECK_ITEM,
    Item,
    Tier,
    all_items,
    core_ids,
)
from footcare.domain.signs import Urgency, WarningSign, as_of, postdates
from footcare.domain.wording import DEFAULT_EMERGENCY, have_it_checked, sign_noted

__all__ = [
    "AFTER_STOP_ITEM",
    "CORE_ITEMS",
    "DAY_ITEMS",
    "DEFAULT_CLEARANCE_MONTHS",
    "FILES_ITEM",
    "HIGH_RISK_CLEARANCE_MONTHS",
    "HIGH_RISK_ITEM",
    "LIGHTER_PRESSURE_ITEMS",
    "PROFESSIONAL_CHECK_ITEM",
    "Answers",
    "Clearance",
    "Item",
    "ItemState",
    "ItemVerdict",
    "Reason",
    "ReasonKind",
    "Tier",
    "Verdict",
    "add_months",
    "all_items",
    "clearance_months",
    "core_ids",
    "evaluate",
    "item_verdicts",
    "pending_signs",
]

DEFAULT_CLEARANCE_MONTHS = 12
HIGH_RISK_CLEARANCE_MONTHS = 3


@frozen
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


@frozen
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


@frozen
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


@frozen
class Reason:
    item: Item
    kind: ReasonKind
    message: str
    advice: str
    sign: WarningSign | None = None
    """The warning sign behind a CHECK_NEEDED or VOIDED reason."""


@frozen
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
    def sign_to_check(self) -> WarningSign | None:
        """The waiting warning sign the person is told of (see sign_to_name), if any."""
        return sign_named(self.reasons)

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
            f"Needed again: since this go-ahead, a warning sign was {sign_noted(sign)}",
            item.advice,
            sign,
        )
    if v.state is ItemState.EXPIRED:
        return Reason(item, kind, "The recorded go-ahead has expired; ask again", item.advice)
    if v.state is ItemState.NEEDS_CLEARANCE:
        return Reason(item, kind, "A professional's go-ahead is needed", item.advice)
    return Reason(item, kind, "Not acknowledged", item.question)


def pending_signs(answers: Answers, signs: Iterable[WarningSign]) -> tuple[WarningSign, ...]:
    """Session-blocking signs no professional's check (recorded after them) answers, oldest
    first."""
    check = answers.clearances.get(PROFESSIONAL_CHECK_ITEM)
    return tuple(
        sorted(
            (
                s
                for s in signs
                if s.blocks_sessions and not (check and check.applies and check.answers(s))
            ),
            key=lambda s: s.at,
        )
    )


def sign_to_name(pending: tuple[WarningSign, ...]) -> WarningSign:
    """The one waiting sign a person is told of first: the last that needs help at once,
    else the last noted."""
    urgent = [s for s in pending if s.urgency is Urgency.EMERGENCY]
    return (urgent or list(pending))[-1]


def sign_named(reasons: Iterable[Reason]) -> WarningSign | None:
    """The warning sign the gate's check-needed reason names, if there is one."""
    return next((r.sign for r in reasons if r.kind is ReasonKind.CHECK_NEEDED), None)


def _check_needed(pending: tuple[WarningSign, ...], emergency: str) -> Reason:
    check_item = next(i for i in CORE_ITEMS if i.id == PROFESSIONAL_CHECK_ITEM)
    sign = sign_to_name(pending)
    return Reason(
        check_item,
        ReasonKind.CHECK_NEEDED,
        f"A warning sign was {sign_noted(sign)}",
        have_it_checked(
            sign,
            emergency,
            ': answer y to "Talked with a professional" and give the date of the check.',
        ),
        sign,
    )


def _file_reasons(unreadable: Iterable[str], months_unknown: str) -> list[Reason]:
    """One UNREADABLE reason per file that can't be read (the last named first), then the
    settings' go-ahead lifetime when it can't be read: each keeps the gate shut."""
    out = [
        Reason(
            FILES_ITEM,
            ReasonKind.UNREADABLE,
            f"A file can't be read, so warning signs in it can't be checked ({problem})",
            "Fix that file or put back a backup of it, then come back.",
        )
        for problem in reversed(tuple(unreadable))
    ]
    if months_unknown:
        out.append(
            Reason(
                FILES_ITEM,
                ReasonKind.UNREADABLE,
                "How long a go-ahead lasts can't be read from your settings, so whether "
                f"yours are still valid can't be known ({months_unknown})",
                "Fix that file (clearance_months is a whole number from 1 to 12), then come back.",
            )
        )
    return out


def evaluate(
    answers: Answers,
    today: date,
    extra_items: Iterable[Item] = (),
    signs: Iterable[WarningSign] = (),
    configured_months: int = DEFAULT_CLEARANCE_MONTHS,
    unreadable: Iterable[str] = (),
    months_unknown: str = "",
    held: Iterable[Item] = (),
    emergency: str = DEFAULT_EMERGENCY,
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
    ``emergency``: the number to call, said first about a waiting sign that needs help at
    once.
    """
    signs = tuple(as_of(s, today) for s in signs)  # a sign after today counts from today
    items = item_verdicts(answers, today, extra_items, signs, configured_months, held)
    blocks = [_reason(v) for v in items if v.state is ItemState.BLOCKED]
    pending = pending_signs(answers, signs)
    unmet = [
        _reason(v)
        for v in items
        if not v.ok
        and v.state is not ItemState.BLOCKED
        # the check asked for below says it once: recording it answers the question too
        and not (pending and v.item.id == PROFESSIONAL_CHECK_ITEM)
    ]
    if pending:
        unmet.insert(0, _check_needed(pending, emergency))
    unmet[:0] = _file_reasons(unreadable, months_unknown)
    lighter = any(
        (c := answers.clearances.get(i)) is not None and c.applies for i in LIGHTER_PRESSURE_ITEMS
    )
    return Verdict(tuple(blocks), tuple(unmet), lighter, items, pending)
