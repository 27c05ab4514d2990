"""A guided session as a state machine on an injected clock.

Time is passed in as ``now`` (seconds on any monotonic clock); the session never reads a
clock itself, so tests drive it exactly and a timer in the UI only repaints.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.routine import Routine, Step
from footcare.domain.screening import Verdict
from footcare.domain.stops import StopCause, parse_cause

NOISE = 1e-6
"""Less than this of a second is the noise of adding up clock readings, never massage: a
step's 59.99999999999994 seconds are its whole minute."""


class ScreeningRequired(Exception):
    """A session cannot be created without a screening that allows it."""


class Status(Enum):
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


class EventKind(Enum):
    GET_READY = "get-ready"
    STEP = "step"
    FOOT_CHANGE = "foot-change"
    FINISHED = "finished"
    STOPPED = "stopped"
    PAUSED = "paused"
    RESUMED = "resumed"


@frozen
class Segment:
    foot: str
    step_index: int | None
    """None for the get-ready countdown before a foot."""
    duration: int

    @property
    def is_step(self) -> bool:
        return self.step_index is not None


@frozen
class Event:
    kind: EventKind
    index: int


def saved_day(data: Mapping[str, Any]) -> date | None:
    """The day a saved session began (its ``started_on``, written as 2026-01-31), or None
    when the file doesn't say it in a form that can be read."""
    raw = data.get("started_on")
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    if not isinstance(raw, str):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def build_segments(routine: Routine) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for foot in routine.feet:
        if routine.get_ready_seconds > 0:
            segments.append(Segment(foot, None, routine.get_ready_seconds))
        for i, step in enumerate(routine.steps):
            segments.append(Segment(foot, i, step.duration))
    return tuple(segments)


class Session:
    """One massage session over a routine, both feet in the routine's order."""

    def __init__(self, routine: Routine, started_on: date | None) -> None:
        self.routine = routine
        self.segments = build_segments(routine)
        self.started_on = started_on
        """The day it began (None: a saved session that doesn't say, only ever read)."""
        self.index = 0
        self.elapsed = 0.0
        self.running_since: float | None = None
        self.status = Status.PAUSED
        self.stop_cause: StopCause | None = None
        self.stop_note = ""
        """Free words about the stop (the "something else" answer)."""
        self.massage: dict[str, float] = {}
        """Seconds of massage done on each foot in the segments left so far (steps with
        pressure above none, time actually spent in them: a step skipped early counts what
        was done, a step gone back to counts again, a pause counts nothing)."""

    # creation -------------------------------------------------------------------------
    @classmethod
    def start(cls, routine: Routine, verdict: Verdict, now: float, started_on: date) -> Session:
        if not verdict.may_start:
            raise ScreeningRequired("screening has unmet or blocking items")
        session = cls(routine, started_on)
        session.status = Status.RUNNING
        session.running_since = now
        return session

    @classmethod
    def from_dict(cls, routine: Routine, data: dict[str, Any], verdict: Verdict) -> Session:
        """Restore a saved session, paused, at the segment it stopped on."""
        if not verdict.may_start:
            raise ScreeningRequired("screening has unmet or blocking items")
        return cls.restored(routine, data)

    @classmethod
    def restored(cls, routine: Routine, data: dict[str, Any]) -> Session:
        """What a saved session reached, paused (no verdict: only to be read, or carried on
        through ``from_dict``)."""
        session = cls(routine, saved_day(data))
        try:  # a hand-edited or foreign state file: start the routine over rather than crash
            index = int(data.get("index", 0))
            elapsed = float(data.get("elapsed", 0.0))
        except (TypeError, ValueError, OverflowError):
            index, elapsed = 0, 0.0
        session.index = max(0, min(index, len(session.segments) - 1))
        session.elapsed = max(0.0, min(elapsed, float(session.current.duration)))
        session.status = Status.PAUSED
        session.stop_cause = parse_cause(data.get("stop_cause"))
        note = data.get("stop_note", "")
        session.stop_note = note if isinstance(note, str) else ""
        session.massage = session._saved_massage(data.get("massage"))
        return session

    def _saved_massage(self, raw: object) -> dict[str, float]:
        """The banked seconds from a state file; one from before they were kept (or spoilt)
        counts the massage steps before the current one as done in full."""
        if isinstance(raw, dict):
            out: dict[str, float] = {}
            for foot, value in raw.items():
                if foot not in self.routine.feet or isinstance(value, bool):
                    continue
                if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
                    out[foot] = float(value)
            return out
        planned: dict[str, float] = {}
        for seg in self.segments[: self.index]:
            if self._massages(seg):
                planned[seg.foot] = planned.get(seg.foot, 0.0) + seg.duration
        return planned

    def to_dict(self, now: float) -> dict[str, Any]:
        return {
            "routine_id": self.routine.id,
            **({"started_on": self.started_on.isoformat()} if self.started_on else {}),
            "index": self.index,
            # exact: a rounded time would be lost (or gained) on each quit and carry-on
            "elapsed": self.segment_elapsed(now),
            "status": self.status.value,
            **({"stop_cause": self.stop_cause.value} if self.stop_cause else {}),
            **({"stop_note": self.stop_note} if self.stop_note else {}),
            "massage": dict(self.massage),
        }

    # queries ---------------------------------------------------------------------------
    @property
    def current(self) -> Segment:
        return self.segments[self.index]

    @property
    def current_step(self) -> Step | None:
        seg = self.current
        return None if seg.step_index is None else self.routine.steps[seg.step_index]

    @property
    def foot_in_hand(self) -> str | None:
        """The foot the current step works on; None in a get-ready countdown, when nothing
        says which foot a person stopping then means."""
        seg = self.current
        return seg.foot if seg.is_step else None

    @property
    def done(self) -> bool:
        return self.status in (Status.FINISHED, Status.STOPPED)

    @property
    def paused(self) -> bool:
        return self.status is Status.PAUSED

    def segment_elapsed(self, now: float) -> float:
        if self.running_since is None:
            return self.elapsed
        return self.elapsed + max(0.0, now - self.running_since)

    def segment_left(self, now: float) -> float:
        if self.done:
            return 0.0
        return max(0.0, self.current.duration - self.segment_elapsed(now))

    def next_segment(self) -> Segment | None:
        if self.index + 1 < len(self.segments):
            return self.segments[self.index + 1]
        return None

    def next_step(self) -> Step | None:
        for seg in self.segments[self.index + 1 :]:
            if seg.step_index is not None:
                return self.routine.steps[seg.step_index]
        return None

    def _done_seconds(self, now: float, foot: str | None) -> float:
        total = 0.0
        for i, seg in enumerate(self.segments):
            if not seg.is_step or (foot is not None and seg.foot != foot):
                continue
            if i < self.index or (self.status is Status.FINISHED):
                total += seg.duration
            elif i == self.index:
                total += min(seg.duration, self.segment_elapsed(now))
        return total

    def foot_progress(self, foot: str, now: float) -> float:
        per_foot = self.routine.seconds_per_foot
        return min(1.0, self._done_seconds(now, foot) / per_foot) if per_foot else 1.0

    def overall_progress(self, now: float) -> float:
        total = self.routine.total_seconds
        return min(1.0, self._done_seconds(now, None) / total) if total else 1.0

    def time_left(self, now: float) -> float:
        if self.done:
            return 0.0
        rest = sum(seg.duration for seg in self.segments[self.index + 1 :])
        return rest + self.segment_left(now)

    def _massages(self, seg: Segment) -> bool:
        """Whether a segment is massage: a step with pressure above none."""
        return seg.step_index is not None and self.routine.steps[seg.step_index].pressure != "none"

    def _bank(self, now: float, ran_out: bool = False) -> None:
        """Count the time spent in the current segment so far (before leaving it): all of
        it if its time ``ran_out`` (not the clock's sum, which may fall a hair short)."""
        seg = self.current
        if self._massages(seg):
            so_far = float(seg.duration) if ran_out else self.segment_elapsed(now)
            done = min(float(seg.duration), so_far)
            self.massage[seg.foot] = self.massage.get(seg.foot, 0.0) + done

    def massage_seconds(self, now: float) -> dict[str, float]:
        """Seconds of massage actually done on each foot, the current step's so far too."""
        out = {foot: self.massage.get(foot, 0.0) for foot in self.routine.feet}
        seg = self.current
        if not self.done and self._massages(seg):
            out[seg.foot] += min(float(seg.duration), self.segment_elapsed(now))
        return out

    def whole_seconds_done(self) -> dict[str, int]:
        """Whole seconds of massage done on each foot (never rounded up, but for a clock's
        ``NOISE``), as the journal keeps them, of a session that no longer runs (ended, or
        as its file left it): its clock stands still, so any moment asked about gives the
        same."""
        return {foot: math.floor(s + NOISE) for foot, s in self.massage_seconds(0.0).items()}

    def massage_done(self) -> tuple[int, int]:
        """Whole seconds of massage per foot, done and planned, of a session that has ended."""
        seconds = self.whole_seconds_done()
        done = sum(seconds.values()) // max(1, len(seconds))
        return done, self.routine.massage_seconds_per_foot

    def feet_done(self) -> tuple[str, ...]:
        """Feet whose every step was reached (fully, or in part if stopped early)."""
        feet: list[str] = []
        for foot in self.routine.feet:
            reached = [i for i, s in enumerate(self.segments) if s.foot == foot and s.is_step]
            if reached and (self.status is Status.FINISHED or reached[0] <= self.index):
                feet.append(foot)
        return tuple(feet)

    # commands --------------------------------------------------------------------------
    def pause(self, now: float) -> None:
        if self.status is Status.RUNNING:
            self.elapsed = self.segment_elapsed(now)
            self.running_since = None
            self.status = Status.PAUSED

    def resume(self, now: float) -> None:
        if self.status is Status.PAUSED:
            self.running_since = now
            self.status = Status.RUNNING

    def toggle_pause(self, now: float) -> None:
        if self.status is Status.RUNNING:
            self.pause(now)
        else:
            self.resume(now)

    def _enter(self, index: int, now: float, ran_out: bool = False) -> list[Event]:
        self._bank(now, ran_out)
        previous = self.current
        self.index = index
        self.elapsed = 0.0
        if self.status is Status.RUNNING:
            self.running_since = now
        events: list[Event] = []
        if self.current.foot != previous.foot:
            events.append(Event(EventKind.FOOT_CHANGE, index))
        kind = EventKind.STEP if self.current.is_step else EventKind.GET_READY
        events.append(Event(kind, index))
        return events

    def _finish(self, now: float) -> list[Event]:
        self._bank(now)
        self.status = Status.FINISHED
        self.elapsed = float(self.current.duration)
        self.running_since = None
        return [Event(EventKind.FINISHED, self.index)]

    def next(self, now: float) -> list[Event]:
        if self.done:
            return []
        if self.index + 1 >= len(self.segments):
            return self._finish(now)
        return self._enter(self.index + 1, now)

    def back(self, now: float) -> list[Event]:
        if self.done:
            return []
        if self.index == 0:
            self._bank(now)
            self.elapsed = 0.0
            if self.status is Status.RUNNING:
                self.running_since = now
            return []
        return self._enter(self.index - 1, now)

    def tick(self, now: float) -> list[Event]:
        """Advance over every segment whose time has run out; return what happened."""
        events: list[Event] = []
        while self.status is Status.RUNNING and self.running_since is not None:
            over = self.segment_elapsed(now) - self.current.duration
            if over < 0:
                break
            if self.index + 1 >= len(self.segments):
                events.extend(self._finish(now))
                break
            started = now - over
            events.extend(self._enter(self.index + 1, started, ran_out=True))
        return events

    def stop(self, now: float, cause: StopCause, note: str = "") -> None:
        if self.done:
            return
        self._bank(now)
        self.elapsed = self.segment_elapsed(now)
        self.running_since = None
        self.status = Status.STOPPED
        self.stop_cause = cause
        self.stop_note = " ".join(note.split())
