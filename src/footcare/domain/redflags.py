"""Warning signs read from journal entries, in three tiers of urgency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from footcare.domain.frozen import frozen
from footcare.domain.journal import (
    FINDINGS,
    SYMPTOMS,
    Entry,
    around_a_session,
    finding_words,
    live,
)
from footcare.domain.signs import SignSource, Urgency, WarningSign, urgency_of
from footcare.domain.wording import CONTACT, sign_action

__all__ = ["Urgency"]


@frozen
class Flag:
    urgency: Urgency
    what: str
    action: str
    day: date

    @property
    def blocks_sessions(self) -> bool:
        return self.urgency in (Urgency.EMERGENCY, Urgency.SAME_DAY)


def entry_flags(entry: Entry, emergency: str = "your emergency number") -> list[Flag]:
    """Flags raised by one entry's foot check."""
    if entry.deleted:
        return []
    out: list[Flag] = []
    day = entry.day
    for key, side in entry.findings.items():
        urgency = urgency_of(key, side)
        out.append(Flag(urgency, finding_words(key, side), sign_action(urgency, emergency), day))
    order = list(Urgency)
    return sorted(out, key=lambda f: order.index(f.urgency))


def _day_mean(entry: Entry) -> float | None:
    values = [
        v for r in (entry.before, entry.after) for s in SYMPTOMS if (v := r.get(s)) is not None
    ]
    return sum(values) / len(values) if values else None


def history_flags(entries: Iterable[Entry], today: date) -> list[Flag]:
    """'Soon' flags that need more than one entry to see."""
    history = live(entries)
    out: list[Flag] = []
    week_start = today - timedelta(days=6)
    base_start = today - timedelta(days=36)
    base = [
        m for e in history if base_start <= e.day < week_start and (m := _day_mean(e)) is not None
    ]
    recent: dict[date, list[float]] = {}
    for e in history:
        m = _day_mean(e)
        if m is not None and week_start <= e.day <= today:
            recent.setdefault(e.day, []).append(m)
    if len(base) >= 5 and len(recent) >= 5:
        baseline = sum(base) / len(base)
        if all(sum(v) / len(v) >= baseline + 2 for v in recent.values()):
            out.append(
                Flag(
                    Urgency.SOON,
                    f"your ratings have been 2 or more points above your usual ({baseline:.1f}) "
                    "all week",
                    f"Tell {CONTACT} at your next contact, or sooner if you are worried.",
                    today,
                )
            )
    sessions = [e for e in history if around_a_session(e)]
    worse = 0
    for e in reversed(sessions):
        pairs = [(e.before.get(s), e.after.get(s)) for s in SYMPTOMS]
        both = [(b, a) for b, a in pairs if b is not None and a is not None]
        if not both:
            continue
        if sum(a for _, a in both) > sum(b for b, _ in both):
            worse += 1
            if worse >= 3:
                out.append(
                    Flag(
                        Urgency.SOON,
                        "symptoms were worse after the session than before, 3 sessions in a row",
                        f"Consider pausing the massage and asking {CONTACT} about it.",
                        today,
                    )
                )
                break
        else:
            break
    return out


def entry_signs(
    entry: Entry, recorded: datetime, source: SignSource = SignSource.JOURNAL
) -> list[WarningSign]:
    """The warning signs an entry's foot check records. A deleted entry keeps them: it can be
    restored, its findings are still in its month file, and a sign outlives its entry."""
    return [
        WarningSign(key, side, entry.at, recorded, entry.id, source)
        for key, side in sorted(entry.findings.items())
        if key in FINDINGS
    ]
