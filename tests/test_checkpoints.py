"""A session's progress on disk: checkpointed during a step, so a kill loses seconds, not
minutes; carried over a quit and a carry-on exactly, so nothing is lost or called skipped."""

from __future__ import annotations

import tempfile
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock
from cuehelpers import routine_of
from footcare.domain.journal import Entry, Ratings
from footcare.domain.routine import Routine, Step, parse_routine
from footcare.domain.screening import Verdict
from footcare.domain.session import Session
from footcare.domain.signs import WarningSign
from footcare.domain.wording import COMPLETE, ending_lines
from footcare.folders import Paths
from footcare.services.runner import CHECKPOINT_SECONDS, SessionRunner, interrupted_entry
from footcare.storage.paths import bundled
from footcare.storage.state import session_file

ROUTINE = routine_of(
    Step("Warming strokes", "effleurage", 7, "Glide lightly.", "light"),
    Step("Rest", "finish", 3, "Wipe off extra lotion.", "none"),
    Step("Thumb circles", "thumb-circles", 12, "Small circles.", "gentle"),
)
PLANNED = ROUTINE.massage_seconds_per_foot
LONG_STEPS = routine_of(
    Step("Thumb circles", "thumb-circles", 40, "Small circles.", "gentle"),
    Step("Rest", "finish", 5, "Wipe off extra lotion.", "none"),
)
"""A step longer than a checkpoint's time, as the bundled routines' (90 to 180 s) are."""


class Place:
    """Where a session lives: its file the real session file, on disk; the gate open; the
    journal a list."""

    def __init__(self, folder: Path, routine: Routine) -> None:
        paths = Paths(config=folder / "cfg", data=folder / "data")
        paths.data.mkdir(parents=True)
        self.file = session_file(paths)
        self.mono = FakeClock()
        self.routines = {routine.id: routine}
        self.saves = 0
        self.entries: list[Entry] = []

    def clock(self) -> float:
        return self.mono()

    def now(self) -> datetime:
        return NOW

    def verdict(self, routine: Routine) -> Verdict:
        return Verdict((), ())

    def visit_used(self) -> None:
        pass

    def pending_since(self, at: datetime) -> list[WarningSign]:
        return []

    def save_state(self, data: dict[str, Any]) -> None:
        self.saves += 1
        self.file.save(data)

    def clear_state(self) -> None:
        self.file.clear()

    def write_entry(self, entry: Entry, overwrite: bool = False) -> None:
        self.entries.append(entry)

    def ended(self, runner: object) -> None:
        pass

    def routine(self, routine_id: str) -> Routine | None:
        return self.routines.get(routine_id)

    def saved(self) -> dict[str, Any]:
        data = self.file.load()
        assert data is not None
        return data


def killed_entry(place: Place) -> Entry:
    """The journal entry the next start makes of the session the file holds now."""
    entry = interrupted_entry(place, place.saved())
    assert entry is not None and entry.session is not None
    return entry


# --- a kill mid-step ---------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(gaps=st.lists(st.integers(1, 3000).map(lambda ms: ms / 1000), min_size=1, max_size=60))
def test_a_kill_at_any_moment_loses_at_most_a_checkpoints_time_of_massage(
    gaps: list[float],
) -> None:
    """The screen's timer ticks every second or so (here at any gaps up to 3 s): killed
    after any tick, the entry the next start makes counts the massage done up to a
    checkpoint at most CHECKPOINT_SECONDS (and one tick) old."""
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), LONG_STEPS)
        runner = SessionRunner.begin(place, LONG_STEPS, Ratings(pain=2))
        for gap in gaps:
            place.mono.advance(gap)
            runner.tick()
            if runner.concluded is not None:
                return
            done = runner.session.massage_seconds(place.clock())
            kept = killed_entry(place).session
            assert kept is not None
            for foot, seconds in done.items():
                recorded = kept.massage_seconds.get(foot, 0)
                assert recorded <= seconds
                assert seconds - recorded < CHECKPOINT_SECONDS + gap + 1, (foot, done, kept)


def test_killed_at_38_percent_of_a_30_second_step_the_entry_counts_10_seconds() -> None:
    """The testers' case: 2 s to get ready, then 12 s (40 %) into a 30-second step."""
    routine = routine_of(Step("Warming strokes", "effleurage", 30, "Glide.", "light"))
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), routine)
        runner = SessionRunner.begin(place, routine, Ratings())
        for _ in range(2 + 11):
            place.mono.advance(1.0)
            runner.tick()
        assert place.saved()["elapsed"] == 10.0
        kept = killed_entry(place).session
        assert kept is not None and kept.massage_seconds == {"left": 10}


def test_a_25_minute_session_is_saved_about_every_10_seconds_and_no_more() -> None:
    """Ticked each second as the screen does, a bundled routine (26 minutes with its
    get-ready countdowns) is written once a checkpoint's time passes in a step, and at
    each step change."""
    path = bundled("routines") / "gentle.toml"
    routine = parse_routine(tomllib.loads(path.read_text(encoding="utf-8")), path.stem)
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), routine)
        runner = SessionRunner.begin(place, routine, Ratings())
        ticks = 0
        while runner.concluded is None:
            place.mono.advance(1.0)
            runner.tick()
            ticks += 1
        changes = len(runner.session.segments)
        assert ticks == sum(segment.duration for segment in runner.session.segments)
        assert place.saves <= ticks / CHECKPOINT_SECONDS + changes + 2
        assert place.saves >= ticks / CHECKPOINT_SECONDS
        assert place.entries[-1].session is not None
        assert place.entries[-1].session.massage_seconds == dict.fromkeys(
            routine.feet, routine.massage_seconds_per_foot
        )


# --- quit and carry on -----------------------------------------------------------------

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["tick", "tick", "tick", "pause", "quit", "next", "back"]),
        st.integers(0, 4000).map(lambda ms: ms / 1000),
    ),
    max_size=40,
)


def run(place: Place, actions: list[tuple[str, float]], quits: bool) -> SessionRunner:
    """The session through ``actions`` (each after its seconds), then ticked to its end;
    with ``quits``, each quit closes footcare (its checkpoint), and a new one carries the
    session on from its file a while later (carrying on if it was running); without, the
    quit is not there at all."""
    runner = SessionRunner.begin(place, ROUTINE, Ratings(pain=1), None)
    for action, seconds in actions:
        if runner.concluded is not None:
            break
        place.mono.advance(seconds)
        if action == "quit":
            if quits:
                was_running = not runner.session.paused
                runner.checkpoint()
                place.mono.advance(3600.25)  # closed for a while: none of it is massage
                runner = SessionRunner.begin(place, ROUTINE, Ratings(pain=1), place.saved())
                if was_running:
                    runner.resume()
        elif action == "pause":
            runner.toggle_pause()
        elif action == "next":
            runner.next()
        elif action == "back":
            runner.back()
        runner.tick()
    if runner.session.paused:
        runner.resume()
    for _ in range(200):
        if runner.concluded is not None:
            break
        place.mono.advance(1.0)
        runner.tick()
    assert runner.concluded is not None
    return runner


@settings(max_examples=150, deadline=None)
@given(actions=ACTIONS)
def test_quits_and_carrying_on_change_no_second_of_massage(
    actions: list[tuple[str, float]],
) -> None:
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as other:
        quitting = run(Place(Path(one), ROUTINE), actions, quits=True)
        straight = run(Place(Path(other), ROUTINE), actions, quits=False)
    assert quitting.concluded is not None and straight.concluded is not None
    facts = quitting.concluded.entry.session
    assert facts is not None and straight.concluded.entry.session is not None
    assert facts.massage_seconds == straight.concluded.entry.session.massage_seconds
    assert facts.minutes_per_foot == straight.concluded.entry.session.minutes_per_foot
    heading = ending_lines(None, massage=quitting.session.massage_done())[0]
    assert heading == ending_lines(None, massage=straight.session.massage_done())[0]
    if not any(action in ("next", "back") for action, _ in actions):
        # nothing skipped, nothing done twice: every second planned, and no "skipped"
        assert facts.massage_seconds == dict.fromkeys(ROUTINE.feet, PLANNED)
        assert heading == COMPLETE


def test_a_quit_just_after_a_step_began_then_carrying_on_is_the_whole_session() -> None:
    """Quit a thousandth of a second into the first step, carried on, run to the end:
    every second of massage planned, and not a word of "skipped"."""
    with tempfile.TemporaryDirectory() as folder:
        runner = run(Place(Path(folder), ROUTINE), [("tick", 2.0), ("quit", 0.001)], quits=True)
    assert runner.concluded is not None and runner.concluded.entry.session is not None
    assert runner.concluded.entry.session.massage_seconds == {"left": PLANNED, "right": PLANNED}
    assert ending_lines(None, massage=runner.session.massage_done())[0] == COMPLETE


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(st.tuples(st.integers(1, 60), st.integers(0, 600)), min_size=1, max_size=8))
def test_massage_in_pieces_read_off_a_clock_adds_up_to_its_whole_seconds(
    pieces: list[tuple[int, int]],
) -> None:
    """A step done in pieces between pauses (each piece and pause tenths of a second, read
    off a clock that is no exact sum of them), skipped after: its whole seconds are the
    pieces' sum, never a second short for a clock's rounding (2.9999999999998863 is 3)."""
    step = Step("Thumb circles", "thumb-circles", 600, "Small circles.", "gentle")
    session = Session.start(routine_of(step, feet=("left",)), Verdict((), ()), 1000.0, NOW.date())
    now = 1002.0  # the end of the 2 s to get ready
    session.tick(now)
    for running, paused in pieces:
        now += running / 10
        session.pause(now)
        now += paused / 10
        session.resume(now)
    session.next(now)
    tenths = sum(running for running, _ in pieces)
    assert session.whole_seconds_done() == {"left": tenths // 10}


# --- pausing and closing -----------------------------------------------------------------


def test_nothing_is_written_while_paused_however_long() -> None:
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), LONG_STEPS)
        runner = SessionRunner.begin(place, LONG_STEPS, Ratings())
        place.mono.advance(5)
        runner.tick()
        runner.pause()
        saves = place.saves
        for _ in range(120):  # two minutes of ticks, paused
            place.mono.advance(1)
            runner.tick()
        assert place.saves == saves
        assert place.saved()["status"] == "paused"


def test_pausing_after_a_steps_time_ran_out_ends_that_step_first() -> None:
    """Paused 3 s after the get-ready's 2 s ran out, with no tick between: the session is
    paused 3 s into the first step, not in a get-ready that would start again."""
    routine = routine_of(Step("Warming strokes", "effleurage", 30, "Glide.", "light"))
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), routine)
        runner = SessionRunner.begin(place, routine, Ratings())
        place.mono.advance(2 + 3)
        runner.toggle_pause()
        assert runner.session.paused
        assert runner.session.current_step is not None
        assert place.saved()["elapsed"] == 3.0


def test_pause_on_a_paused_session_keeps_it_paused_and_closing_pauses_a_running_one() -> None:
    with tempfile.TemporaryDirectory() as folder:
        place = Place(Path(folder), LONG_STEPS)
        runner = SessionRunner.begin(place, LONG_STEPS, Ratings())
        place.mono.advance(4)
        runner.checkpoint()  # footcare closing mid-step
        assert runner.session.paused and place.saved()["status"] == "paused"
        runner.pause()
        assert runner.session.paused
        runner.resume()
        assert not runner.session.paused
