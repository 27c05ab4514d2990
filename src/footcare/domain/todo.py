"""What is still to do before a session today, counted once from the gate's verdict: the
app's safety questions, the plain session, the start screen and `footcare status` all
count it, name it and say it ("6 to do") from here. A yes today holds the day whatever
else is open: then they say that instead ('No massage today: you answered yes to "…".'), with
no count, as nothing counted can lift it.

One thing per question, its reasons together (a warning sign's check and the "talked with
a professional" question it is recorded on are one); the reminders together, as they are
read and acknowledged with one answer everywhere; one per file that can't be read. Today's
questions count as they do in the app: a person meets the same number in every client.
"""

from __future__ import annotations

from collections.abc import Container

from footcare.domain.advice import reason_text
from footcare.domain.frozen import frozen
from footcare.domain.screening import Reason, ReasonKind, Verdict
from footcare.domain.screening_items import REMINDERS_ITEM, Item, Tier


@frozen
class Open:
    """One thing still to do: a question (``REMINDERS_ITEM`` for the reminders), or a file."""

    item: Item
    reasons: tuple[Reason, ...]

    @property
    def name(self) -> str:
        return self.item.label

    @property
    def stop(self) -> bool:
        """A yes today: nothing to answer, the day is held."""
        return any(r.kind is ReasonKind.BLOCKED for r in self.reasons)

    def line(self) -> str:
        """The thing in a sentence or two, as every list of what is still to do says it."""
        if self.item is REMINDERS_ITEM:
            return f"{self.name}: not read yet."
        if self.stop:  # the question's words are not a finding: what to do is
            return f"{self.name}: {self.reasons[0].advice}"
        return reason_text(self.reasons[0])  # a check needed comes before its question's own


@frozen
class ToDo:
    open: tuple[Open, ...]

    @property
    def count(self) -> int:
        return len(self.open)

    def says(self) -> str:
        """The count as every client says it: "6 to do"."""
        return f"{self.count} to do"

    @property
    def stops(self) -> tuple[Open, ...]:
        """The questions answered yes today."""
        return tuple(o for o in self.open if o.stop)

    def held(self) -> str:
        """A yes today, as every client says it in place of the count ("" without one)."""
        if not self.stops:
            return ""
        named = "; ".join(f'"{o.name}"' for o in self.stops)
        return f"No massage today: you answered yes to {named}."

    def lines(self) -> list[str]:
        """What is to do, a line each; on a day held by a yes, the yes alone."""
        return [o.line() for o in self.stops or self.open]

    def where(self, drawn: Container[str]) -> str:
        """Where each is on the safety questions, whose rows ask the items ``drawn`` (ids):
        "15 to do: 14 marked TO DO above, 1 listed below"; on a day held by a yes, that."""
        if self.stops:
            return self.held()
        above = sum(1 for o in self.open if o.item.id in drawn)
        parts = [
            f"{n} {where}"
            for n, where in ((above, "marked TO DO above"), (self.count - above, "listed below"))
            if n
        ]
        return self.says() + (": " + ", ".join(parts) if parts else "")

    def headline(self, drawn: Container[str]) -> str:
        """The line under the safety questions."""
        return self.held() or f"Begin is not possible yet — {self.where(drawn)}"


def _key(reason: Reason, n: int) -> str:
    if reason.kind is ReasonKind.UNREADABLE:
        return f"file {n}"  # each file is its own thing to fix
    return REMINDERS_ITEM.id if reason.item.tier is Tier.REMIND else reason.item.id


def to_do(verdict: Verdict) -> ToDo:
    """What the verdict leaves to do, in the order of its reasons."""
    grouped: dict[str, list[Reason]] = {}
    for n, reason in enumerate(verdict.reasons):
        grouped.setdefault(_key(reason, n), []).append(reason)
    return ToDo(
        tuple(
            Open(REMINDERS_ITEM if key == REMINDERS_ITEM.id else rs[0].item, tuple(rs))
            for key, rs in grouped.items()
        )
    )
