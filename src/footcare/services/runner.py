"""The session runner: one object owns a session from its start to its journal entry.

It starts only with a passing verdict, saves its own progress at every change (and every
``CHECKPOINT_SECONDS`` while a step runs, so a kill loses seconds, not a step), writes the
journal entry the moment the session finishes or is stopped (after ratings are added to
that same entry later), records the warning signs a stop cause implies, and stops the
session itself when a warning sign is logged while it runs. Screens and the plain-text
client render it and forward keys; neither saves anything itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, Protocol

from footcare.domain.frozen import frozen
from footcare.domain.journal import (
    SYMPTOMS,
    Entry,
    Ratings,
    SessionFacts,
    entry_from_dict,
    entry_to_dict,
    tenths,
)
from footcare.domain.pressure import lighten
from footcare.domain.problems import ValidationError
from footcare.domain.routine import Routine
from footcare.domain.session import Event, EventKind, Session, Status, saved_day
from footcare.domain.signs import WarningSign
from footcare.domain.stops import StopCause, findings_for
from footcare.services.claims import release_claim
from footcare.storage.errors import StorageError

if TYPE_CHECKING:
    from footcare.services.ports import SessionPlace

__all__ = [
    "RUNNING_ELSEWHERE",
    "Concluded",
    "SessionRunner",
    "interrupted_entry",
    "ratings_from",
    "release_claim",
    "session_entry_id",
    "settle_saved",
]

Listener = Callable[[list[Event]], None]
RUNNING_ELSEWHERE = 75
"""The plain session's exit status when a session is running elsewhere (EX_TEMPFAIL: try
again later)."""
CHECKPOINT_SECONDS = 10.0
"""How often a running step's progress is saved between step changes: a kill (power cut,
kill -9) loses at most this much of the massage done, at one small file write each time."""


@frozen
class Concluded:
    """A session that has ended and is in the journal."""

    entry: Entry
    cause: StopCause | None
    sign: WarningSign | None = None
    """For a stop because of a warning sign logged meanwhile: that sign."""


def ratings_from(raw: object) -> Ratings:
    """Ratings from a saved table; anything out of range is dropped, never carried on."""
    if not isinstance(raw, dict):
        return Ratings()
    values: dict[str, int] = {}
    for name in SYMPTOMS:
        value = raw.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
            values[name] = value
    return Ratings(**values)


class SessionRunner:
    saved_at: float = 0.0
    """The clock when progress was last saved (or tried; ``begin`` saves at once): the next
    checkpoint is due ``CHECKPOINT_SECONDS`` after it."""

    def __init__(
        self,
        place: SessionPlace,
        session: Session,
        before: Ratings,
        started_at: datetime,
        lighter: bool,
    ) -> None:
        self.place = place
        self.session = session
        self.before = before
        self.started_at = started_at.replace(microsecond=0)
        self.lighter = lighter
        self.listeners: list[Listener] = []
        self.concluded: Concluded | None = None
        self.after_draft: tuple[Ratings, str] | None = None
        self.problem = ""
        """The last save that failed, as words to show; empty when all is saved."""
        self.in_journal = False
        """Whether the concluded entry, as it stands, is in the journal."""

    # --- creation ------------------------------------------------------------------------
    @classmethod
    def begin(
        cls,
        place: SessionPlace,
        routine: Routine,
        before: Ratings,
        saved: dict[str, Any] | None = None,
    ) -> SessionRunner:
        """Start (or carry on) a session; raises ScreeningRequired unless the gate passes.

        The verdict is built afresh here from the stored records and today's answers."""
        verdict = place.verdict(routine)
        lighter = verdict.lighter_pressure or bool(saved and saved.get("lighter") is True)
        shaped = lighten(routine) if lighter else routine
        now = place.clock()
        if saved is not None:
            session = Session.from_dict(shaped, saved, verdict)
            started_at = saved.get("started_at")
            if not isinstance(started_at, datetime):
                started_at = place.now()
        else:
            session = Session.start(shaped, verdict, now, place.now().date())
            started_at = place.now()
        place.visit_used()
        runner = cls(place, session, before, started_at, lighter)
        runner.save()
        return runner

    # --- state ---------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        data = self.session.to_dict(self.place.clock())
        data["before"] = self.before.as_dict()
        data["started_at"] = self.started_at
        data["lighter"] = self.lighter
        return data

    def save(self, extra: dict[str, Any] | None = None) -> None:
        """Save progress; a failure is kept in ``problem`` for the screen to show."""
        self.saved_at = self.place.clock()
        try:
            self.place.save_state({**self.state(), **(extra or {})})
        except StorageError as exc:
            self.problem = str(exc)
            return
        self.problem = ""

    def _emit(self, events: list[Event]) -> list[Event]:
        if events:
            for listener in list(self.listeners):
                listener(events)
        return events

    # --- the clock -----------------------------------------------------------------------
    def tick(self) -> list[Event]:
        """Move on with the clock; first, stop if a warning sign was logged meanwhile (a
        cheap look: the gate re-reads files only when they changed)."""
        stopped = self.check_signs()
        if stopped:
            return stopped
        events = self._after_move(self.session.tick(self.place.clock()))
        if not events and self._checkpoint_due():
            self.save()
        return events

    def _checkpoint_due(self) -> bool:
        """Whether a running step has gone ``CHECKPOINT_SECONDS`` unsaved."""
        if self.concluded is not None or self.session.status is not Status.RUNNING:
            return False
        return self.place.clock() - self.saved_at >= CHECKPOINT_SECONDS

    def _after_move(self, events: list[Event]) -> list[Event]:
        if any(e.kind is EventKind.FINISHED for e in events):
            self._conclude(None)
        elif events:
            self.save()
        return self._emit(events)

    # --- commands ------------------------------------------------------------------------
    def toggle_pause(self) -> list[Event]:
        if not self.session.paused:
            self.tick()  # a step whose time ran out is over first: its overrun is the next's
        if self.session.done:
            return []
        self.session.toggle_pause(self.place.clock())
        self.save()
        kind = EventKind.PAUSED if self.session.paused else EventKind.RESUMED
        return self._emit([Event(kind, self.session.index)])

    def pause(self) -> None:
        if not self.session.done and not self.session.paused:
            self.toggle_pause()

    def resume(self) -> None:
        if self.session.paused:
            self.toggle_pause()

    def next(self) -> list[Event]:
        return self._after_move(self.session.next(self.place.clock()))

    def back(self) -> list[Event]:
        return self._after_move(self.session.back(self.place.clock()))

    def stop(
        self, cause: StopCause, note: str = "", sign: WarningSign | None = None
    ) -> list[Event]:
        if self.session.done:
            return []
        self.session.stop(self.place.clock(), cause, note)
        self._conclude(cause, sign)
        return self._emit([Event(EventKind.STOPPED, self.session.index)])

    def check_signs(self) -> list[Event]:
        """Stop at once if a session-blocking warning sign was logged since the start."""
        if self.session.done:
            return []
        try:
            fresh = self.place.pending_since(self.started_at)
        except StorageError:
            return []
        if not fresh:
            return []
        return self.stop(StopCause.WARNING_SIGN, sign=fresh[-1])

    # --- the end -------------------------------------------------------------------------
    def _entry(self, cause: StopCause | None) -> Entry:
        session = self.session
        at = self.place.now().replace(microsecond=0)
        stopped = session.status is Status.STOPPED
        feet = session.feet_done()
        seconds = done_seconds(session, feet)
        return Entry(
            id=session_entry_id(self.started_at, session.routine.id),
            at=at,
            before=self.before,
            findings=findings_for(cause, session.foot_in_hand),
            session=SessionFacts(
                routine=session.routine.id,
                feet=feet,
                minutes_per_foot=per_foot(seconds),
                stopped_early=stopped,
                stop_reason=session.stop_note,  # empty unless stopped
                stop_cause=cause.value if cause else "",
                massage_seconds=seconds,
            ),
        )

    def _conclude(self, cause: StopCause | None, sign: WarningSign | None = None) -> None:
        """Into the journal now: the state file first holds the entry (so a kill at any
        instant is finished at the next start), then the warning signs, then the entry.
        The state file stays until the after ratings are added (or the next start)."""
        entry = self._entry(cause)
        self.concluded = Concluded(entry, cause, sign)
        self.save({"entry": entry_to_dict(entry)})
        kept = not self.problem
        if self._write(entry) and not kept:
            # the session file could not take the entry: it still says "running", and a
            # session in the journal is never offered again
            self.place.clear_state()

    def _write(self, entry: Entry) -> bool:
        """Write the entry into the journal whether or not it is there yet. On failure it
        stays in memory and, where the disk allows, in the session file beside the journal
        (written at quit, or at the next start), and ``problem`` says so plainly."""
        try:
            self.place.write_entry(entry, overwrite=True)
        except StorageError as exc:
            self.in_journal = False
            self.save({"entry": entry_to_dict(entry)})
            kept = (
                "What you did and typed is kept beside your journal"
                if not self.problem
                else "What you did and typed is kept in this window only: keep it open"
            )
            self.problem = (
                f"Your session is not in your journal yet: {exc}. {kept}; "
                "footcare tries again when you save, when you quit and at the next start."
            )
            return False
        self.in_journal = True
        self.problem = ""
        return True

    def add_after(self, after: Ratings, note: str) -> Entry | None:
        """Add the after ratings and a note to the session's entry, writing the entry
        whether or not it was there before; None if it failed (then nothing is lost: see
        ``_write``)."""
        if self.concluded is None:
            return None
        entry = self.concluded.entry.with_changes(after=after, note=" ".join(note.split()))
        self.concluded = Concluded(entry, self.concluded.cause, self.concluded.sign)
        self.after_draft = (after, note)
        if not self._write(entry):
            return None
        self.after_draft = None
        self.place.clear_state()
        self.place.ended(self)
        return entry

    def keep_draft(self, after: Ratings, note: str) -> None:
        """What the after screen holds so far: saved with the entry if footcare closes."""
        self.after_draft = (after, note)

    def checkpoint(self) -> None:
        """Footcare is closing: a running session is paused and saved; an ended one keeps
        whatever after ratings were typed."""
        if self.concluded is None:
            self.pause()  # the step whose time ran out first: that may end the session
        if self.concluded is None:
            self.save()
        elif self.after_draft is not None and (
            not self.after_draft[0].empty or self.after_draft[1].strip()
        ):
            self.add_after(*self.after_draft)
        elif not self.in_journal:
            self._write(self.concluded.entry)  # one more try before footcare goes


def done_seconds(session: Session, feet: tuple[str, ...]) -> dict[str, int]:
    """Whole seconds of massage done on each foot reached, of a session that no longer runs."""
    seconds = session.whole_seconds_done()
    return {foot: seconds[foot] for foot in feet}


def per_foot(seconds: dict[str, int]) -> float:
    """The minutes of massage per foot reached, to a tenth, rounded down (0 if none)."""
    if not seconds:
        return 0.0
    return tenths(sum(seconds.values()) // len(seconds))


def session_entry_id(started: datetime, routine_id: str) -> str:
    """A session's journal entry id, from the session itself (when it started, which
    routine): however many footcares settle or finish it, it is one entry."""
    import hashlib

    at = started.replace(microsecond=0, tzinfo=None)
    digest = hashlib.sha256(f"{at.isoformat()}|{routine_id}".encode()).hexdigest()[:6]
    return f"{at:%Y%m%d%H%M%S}-{digest}"


def settle_saved(data: dict[str, Any]) -> Entry | None:
    """The entry an ended session left in the session file (None if it can't be read)."""
    raw = data.get("entry")
    if not isinstance(raw, dict):
        return None
    try:
        return entry_from_dict(raw)
    except ValidationError:
        return None


class Routines(Protocol):
    def routine(self, routine_id: str) -> Routine | None: ...


def interrupted_entry(routines: Routines, data: dict[str, Any]) -> Entry | None:
    """A session that was closed mid-way and never carried on, as a journal entry (None if
    the file says too little to date it)."""
    started = data.get("started_at")
    if not isinstance(started, datetime):
        day = saved_day(data)
        if day is None:
            return None
        started = datetime.combine(day, time(12))
    routine_id = data.get("routine_id")
    routine_id = routine_id if isinstance(routine_id, str) else ""
    routine = routines.routine(routine_id)
    feet: tuple[str, ...] = ()
    seconds: dict[str, int] = {}
    if routine is not None:
        index = data.get("index")
        if type(index) is not int:  # a bool, text: nothing known of how far it went
            data = {**data, "index": 0, "elapsed": 0.0}
        # a foot counts once its first step was reached; its massage, as far as it went
        reached = Session.restored(routine, data)
        feet = reached.feet_done()
        seconds = done_seconds(reached, feet)
    at = started.replace(microsecond=0, tzinfo=None)
    return Entry(
        id=session_entry_id(at, routine_id),
        at=at,
        before=ratings_from(data.get("before")),
        session=SessionFacts(
            routine=routine_id,
            feet=feet,
            minutes_per_foot=per_foot(seconds),
            stopped_early=True,
            stop_cause=StopCause.INTERRUPTED.value,
            massage_seconds=seconds,
        ),
    )
