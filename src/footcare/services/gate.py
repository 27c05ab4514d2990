"""The gate's use-cases: today's answers, the safety record, and the verdict built from them.

Every client (the app, the plain-text session, `footcare status`) asks this one object, so
they all read exactly the same facts and refuse for exactly the same reasons.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from footcare.domain.errors import CheckTooEarly
from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry
from footcare.domain.routine import Routine
from footcare.domain.safety import (
    ASK_AFTER,
    BlockAnswer,
    SafetyRecord,
    SessionStop,
    new_signs,
    new_stops,
    signs_as_of,
)
from footcare.domain.screening import (
    PROFESSIONAL_CHECK_ITEM,
    Answers,
    Clearance,
    Item,
    Verdict,
    core_ids,
    evaluate,
)
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import parse_cause
from footcare.domain.wording import DEFAULT_EMERGENCY, check_too_early
from footcare.storage.errors import StorageError
from footcare.storage.journal import Loaded
from footcare.storage.repository import JournalRepository
from footcare.storage.safety import SafetyStore

SIGNS_FROM_MONTHS = 12
"""Journal months read for warning signs the record does not hold yet (entries written by
footcare 0.1, or by hand)."""


@frozen
class GateFacts:
    record: SafetyRecord
    signs: tuple[WarningSign, ...]
    """Every warning sign: the record's, and any in the journal it does not hold yet."""
    unreadable: tuple[str, ...]
    """Files that can't be read (each keeps the gate shut): the record, journal months."""
    record_trusted: bool
    """The safety record itself was read (its store says so, whatever the problems'
    words or the files' names): a record that can't be trusted is started again, never
    added to."""


@dataclass
class TodayAnswers:
    """This visit's "no" answers and acknowledged reminders; a "yes" lives in the record."""

    day: date | None = None
    blocks: dict[str, bool] = field(default_factory=dict)
    acknowledged: set[str] = field(default_factory=set)


def month_back(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


class Gate:
    def __init__(
        self,
        journal: JournalRepository,
        safety: SafetyStore,
        now: Callable[[], datetime],
        configured_months: Callable[[], int],
        months_unknown: Callable[[], str] = lambda: "",
        emergency: Callable[[], str] = lambda: DEFAULT_EMERGENCY,
    ) -> None:
        self.journal = journal
        self.emergency = emergency
        """The number to call in an emergency, as config.toml says."""
        self.months_unknown = months_unknown
        """Why the settings' go-ahead lifetime can't be read ("" when it can)."""
        self.safety = safety
        self.now = now
        self.configured_months = configured_months
        self._cache: tuple[tuple[object, str, object], GateFacts] | None = None
        """The facts, keyed by the record's stamp, the first month searched for signs and
        the month files' stamps as they were read."""
        self._today = TodayAnswers()
        self._asked: dict[str, Item] = {}
        """Every question a verdict has held, by id: a yes to a routine's own question is
        recorded with its words."""

    def today(self) -> date:
        return self.now().date()

    # --- facts ---------------------------------------------------------------------------
    def facts(self) -> GateFacts:
        """The record plus any journal warning sign it lacks (which it then records).

        Signs are looked for in the recent months; every month file must be readable, as
        an entry put by hand in another month's file can't be seen where it belongs.
        Read again only when the record or a journal month changed on disk: each month
        file's stamp is looked at once per call."""
        since = month_back(self.today(), SIGNS_FROM_MONTHS)
        record_stamp = self.safety.stamp()
        months, flagged = self._journal_look(since)
        key = (record_stamp, since, months)
        cached = self._cache
        if cached is not None and months is not None and cached[0] == key:
            return cached[1]
        loaded = self.safety.load()
        record = loaded.record
        journal = flagged()
        from footcare.domain.redflags import entry_signs  # not needed by the first screen

        # deleted entries too: a sign outlives its entry; and the signs kept outside the record
        found = [s for e in journal.entries for s in entry_signs(e, recorded=e.at)]
        missing = new_signs(record, [*found, *loaded.traces])
        if missing and loaded.trusted:
            try:
                record = self.safety.append(missing)
                missing = []
            except StorageError:
                pass  # still counted below; recorded at the next chance
        facts = GateFacts(
            record,
            (*record.signs, *missing),
            (*loaded.unreadable, *journal.problems),
            loaded.trusted,
        )
        # keyed by the stamps taken before reading (a change while reading is seen next
        # time); after writing to the record, read it again next time
        self._cache = None if record is not loaded.record else (key, facts)
        return facts

    def _journal_look(self, since_month: str) -> tuple[object, Callable[[], Loaded]]:
        """What the month files' stamps say now (None when they prove nothing: a file
        changed just now, or one can't be looked at), and how to read the entries with a
        foot-check finding from ``since_month`` on with every month file's problems."""
        if not self.journal.has_months():
            return {}, Loaded  # no month files: no stamps
        return self.journal.version(), lambda: self.journal.flagged(since_month)

    def forget(self) -> None:
        self._cache = None

    # --- answers -------------------------------------------------------------------------
    def _visit(self) -> TodayAnswers:
        if self._today.day != self.today():
            self._today = TodayAnswers(self.today())
        return self._today

    def answers(self, facts: GateFacts | None = None) -> Answers:
        facts = facts or self.facts()
        visit = self._visit()
        blocks = {**visit.blocks, **facts.record.blocks_on(self.today())}
        return Answers(blocks, frozenset(visit.acknowledged), facts.record.clearances())

    def verdict(self, routine: Routine | None) -> Verdict:
        """The verdict for ``routine`` (None: the core's questions alone). Whatever the
        routine, it holds the questions the day's record adds: the after-stop question, and
        a yes given today to any routine's question (a yes holds for the person, all day)."""
        facts = self.facts()
        verdict = evaluate(
            self.answers(facts),
            self.today(),
            extra_items=routine.precautions if routine else (),
            signs=signs_as_of(facts.record, facts.signs, self.today()),
            configured_months=self.configured_months(),
            unreadable=facts.unreadable,
            months_unknown=self.months_unknown(),
            held=facts.record.held_items(self.today()),
            emergency=self.emergency(),
        )
        self._asked.update((v.item.id, v.item) for v in verdict.items)
        return verdict

    def items(self, routine: Routine | None) -> tuple[Item, ...]:
        """Every question the verdict for ``routine`` holds, in the order to ask them."""
        return tuple(v.item for v in self.verdict(routine).items)

    def lighter_pressure(self) -> bool:
        """Whether the go-aheads on record call for lighter pressure (before today's answers).

        Go-aheads live in the safety record alone: the journal is not read for this (the
        first screen asks it, and opens nothing else)."""
        if self._cache is not None:
            return self.verdict(None).lighter_pressure
        record = self.safety.load().record
        answers = Answers({}, frozenset(), record.clearances())
        return evaluate(answers, self.today()).lighter_pressure

    def blocked_days(self) -> dict[date, tuple[str, ...]]:
        """Days a BLOCK was answered yes, from the safety record alone (empty if it can't be
        read): the journal is not looked at for this."""
        if self._cache is not None and self._cache[0][0] == self.safety.stamp():
            return self._cache[1].record.blocked_days()
        return self.safety.load().record.blocked_days()

    def held_yes(self, item_id: str) -> bool:
        """A BLOCK answered yes earlier today: changing it needs a confirmation."""
        return item_id in self.facts().record.blocks_on(self.today())

    def answer_block(self, item_id: str, present: bool, confirmed: bool = False) -> bool:
        """Record today's answer. A yes is written to the record (a blocked day) at once.
        Taking back a yes needs ``confirmed`` and is written too; returns False when it
        still needs confirming."""
        visit = self._visit()
        if present:
            if not self.held_yes(item_id):
                self.safety.append([self._yes(item_id)])
        elif self.held_yes(item_id):
            if not confirmed:
                return False
            self.safety.append([BlockAnswer(item_id, self.today(), False, self.now())])
        visit.blocks[item_id] = present
        return True

    def _yes(self, item_id: str) -> BlockAnswer:
        """A yes, with the words of a routine's question (the core's are known by id)."""
        item = self._asked.get(item_id)
        if item is None or item_id in core_ids():
            return BlockAnswer(item_id, self.today(), True, self.now())
        return BlockAnswer(
            item_id, self.today(), True, self.now(), item.question, item.title, item.advice
        )

    def acknowledge(self, item_id: str, done: bool) -> None:
        visit = self._visit()
        if done:
            visit.acknowledged.add(item_id)
        else:
            visit.acknowledged.discard(item_id)

    def visit_used(self) -> None:
        """A session began: the next one asks today's questions again."""
        self._today = TodayAnswers()

    def record_go_ahead(self, item_id: str, applies: bool, on: date) -> Path | None:
        """Record a CLEARANCE answer. A professional's check when the record can't be
        trusted starts a fresh record (the old file is kept); returns where it was kept.
        Raises CheckTooEarly for a check dated before a sign it would have to answer."""
        answer = Clearance(item_id, applies, on, self.now())
        facts = self.facts()
        check = item_id == PROFESSIONAL_CHECK_ITEM and applies
        if check:  # it must answer every sign waiting for a check (CheckTooEarly if not)
            # (a record that can't be trusted starts again with every sign still found)
            weighed = signs_as_of(facts.record, facts.signs, self.today())
            before = [s for s in weighed if s.blocks_sessions and not answer.answers(s)]
            if before:
                raise CheckTooEarly(check_too_early(on, max(before, key=lambda s: s.at)))
        if check and not facts.record_trusted:
            kept = self.safety.restart_with(answer, self.now(), facts.signs)
            self.forget()
            return kept
        self.safety.append([answer])
        return None

    # --- warning signs -------------------------------------------------------------------
    def record_signs(self, entry: Entry, source: SignSource = SignSource.JOURNAL) -> None:
        """Put an entry's warning signs in the record before the entry is written, so no
        later edit or deletion of the entry can take them away; and a stop because it hurt
        or the person felt unwell or dizzy, after which the next start that day asks first
        whether it has passed."""
        from footcare.domain.redflags import entry_signs

        signs = entry_signs(entry, recorded=self.now(), source=source)
        cause = parse_cause(entry.session.stop_cause) if entry.session else None
        stops = (
            [SessionStop(cause, entry.at, entry.id, self.now())]
            if cause in ASK_AFTER and cause is not None
            else []
        )
        if not signs and not stops:
            return
        record = self.facts().record
        missing: list[WarningSign | SessionStop] = [
            *new_signs(record, signs),
            *new_stops(record, stops),
        ]
        if missing:
            self.safety.append(missing)

    def pending_since(self, moment: datetime) -> list[WarningSign]:
        """Session-blocking signs recorded at or after ``moment`` that no check answers."""
        verdict = self.verdict(None)
        raw = {s.key: s for s in self.facts().signs}  # as recorded, not as weighed today
        since = moment.replace(microsecond=0)
        return [s for s in verdict.pending_signs if raw.get(s.key, s).recorded >= since]
