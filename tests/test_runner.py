"""The session runner and the safety record through the services: what no kill, edit or
deletion can undo."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from apphelpers import NOW, Clock, answer_today, cleared_paths, record_all_clearances, services_for
from footcare.domain.errors import CheckTooEarly
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.pressure import HARD_TECHNIQUES, cap, lighten, lighten_step
from footcare.domain.routine import PRESSURES, Routine, Step
from footcare.domain.screening import Clearance, ReasonKind, Tier, all_items
from footcare.domain.session import EventKind, ScreeningRequired, Status
from footcare.domain.signs import SignSource
from footcare.domain.stops import CHOOSABLE, StopCause, findings_for
from footcare.services.build import UseCases
from footcare.services.gate import SIGNS_FROM_MONTHS, month_back
from footcare.services.runner import (
    SessionRunner,
    interrupted_entry,
    ratings_from,
    session_entry_id,
)
from footcare.services.status import status
from footcare.storage import files
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.routines import load_catalogue
from footcare.storage.safety import SafetyStore, UntrustedRecord
from footcare.storage.state import kept_aside, session_file
from shipped import ROUTINES


def answered(paths: Paths, clock: Clock, routine_id: str = "quick") -> tuple[UseCases, Routine]:
    """A footcare with today's questions answered, and the routine asked for."""
    services = services_for(paths, clock)
    answer_today(services)
    routine = services.settings.routine(routine_id)
    assert routine is not None
    return services, routine


def started(
    paths: Paths, clock: Clock, before: Ratings | None = None, routine_id: str = "quick"
) -> UseCases:
    services, routine = answered(paths, clock, routine_id)
    services.sessions.start(routine, before or Ratings(pain=4))
    return services


def begun(paths: Paths, routine_id: str = "quick") -> tuple[Clock, UseCases, SessionRunner]:
    """A session started on a fresh clock: the clock, the services and the runner."""
    clock = Clock()
    services = started(paths, clock, routine_id=routine_id)
    runner = services.sessions.runner
    assert runner is not None
    return clock, services, runner


def ended(paths: Paths) -> tuple[Clock, UseCases, SessionRunner]:
    """A session run to its end on a fresh clock: the clock, the services and the runner."""
    clock = Clock()
    services = started(paths, clock)
    return clock, services, run_to_end(services, clock)


def run_to_end(services: UseCases, clock: Clock) -> SessionRunner:
    runner = services.sessions.runner
    assert runner is not None
    for _ in range(60):
        if runner.concluded is not None:
            break
        clock.advance(1)
        runner.tick()
    assert runner.concluded is not None
    return runner


def session_entries(paths: Paths) -> list[Entry]:
    return [e for e in JournalStore(paths).load().entries if e.session is not None]


def may_start(paths: Paths, clock: Clock) -> bool:
    services, routine = answered(paths, clock)
    return services.gate.verdict(routine).may_start


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, *names: str) -> list[str]:
    """The names of ``owner``'s methods, in the order they are called from now on."""
    calls: list[str] = []
    for name in names:
        real = getattr(owner, name)

        def counted(
            *args: object, _real: Callable[..., object] = real, _name: str = name
        ) -> object:
            calls.append(_name)
            return _real(*args)

        monkeypatch.setattr(owner, name, counted)
    return calls


SLOW = """
id = "slow"
name = "Slow test"
description = "A minute and a half of strokes, then a rest, on each foot."
feet = ["left", "right"]
get_ready_seconds = 0

[[steps]]
name = "Slow strokes"
technique = "effleurage"
duration = 90
instructions = "Glide lightly from the toes up to the ankle."
pressure = "light"
direction = "toes to ankle"

[[steps]]
name = "Rest"
technique = "finish"
duration = 30
instructions = "Rest the foot on a towel."
pressure = "none"
"""
"""A routine with no get-ready countdown: a session starts on a step of massage."""


def with_slow_routine(paths: Paths) -> None:
    (paths.config / "routines" / "slow.toml").write_text(SLOW, encoding="utf-8")


def refuse_journal(
    monkeypatch: pytest.MonkeyPatch, services: UseCases, paths: Paths, why: str
) -> None:
    """Every journal write from now on fails, saying ``why``."""

    def refuse(entry: Entry, overwrite: bool = True) -> bool:
        raise StorageError(paths.journal, why)

    monkeypatch.setattr(services.journal, "put", refuse)


def fill_session_file(monkeypatch: pytest.MonkeyPatch, services: UseCases, paths: Paths) -> None:
    """Every save of the session file from now on fails: the disk is full."""

    def full(data: dict[str, object]) -> None:
        raise StorageError(paths.session_state, "could not be saved (No space left)")

    monkeypatch.setattr(services.sessions.session_file, "save", full)


READ_ONLY = "could not be saved (Read-only file system)"


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return cleared_paths(tmp_path)


# --- the journal entry is written when the session ends -----------------------------------


def test_a_finished_session_is_in_the_journal_before_any_after_rating(paths: Paths) -> None:
    _clock, services, runner = ended(paths)
    (entry,) = session_entries(paths)
    assert runner.concluded is not None and runner.concluded.entry == entry
    assert entry.before.pain == 4 and entry.after.empty
    facts = entry.session
    assert facts is not None and facts.feet == ("left", "right")
    assert facts.stopped_early is False and facts.stop_reason == ""
    # 3 s of massage a foot (the 4 s finishing step has no pressure): 0.05 min, rounded down
    assert facts.massage_seconds == {"left": 3, "right": 3} and facts.minutes_per_foot == 0.0
    saved = runner.add_after(Ratings(pain=2), "  warm   feet ")
    assert saved is not None and runner.concluded.entry == saved
    # the after ratings finish the runner
    assert runner.concluded.cause is None and runner.after_draft is None
    assert services.sessions.runner is None and not paths.session_state.exists()
    assert [(e.id, e.after.pain, e.note) for e in session_entries(paths)] == [
        (entry.id, 2, "warm feet")
    ]
    # saved again: they replace those saved before
    assert runner.add_after(Ratings(pain=3), "warmer") is not None
    assert [(e.id, e.after.pain, e.note) for e in session_entries(paths)] == [
        (entry.id, 3, "warmer")
    ]


class Crash(BaseException):
    """The process dies here (nothing after it runs, as with SIGKILL)."""


def crash_at(monkeypatch: pytest.MonkeyPatch, at: int, after: bool) -> list[int]:
    """Make the ``at``-th file write die before (or just after) its rename."""
    real = files.write_text
    count = [0]

    def write_text(path: Path, text: str) -> None:
        count[0] += 1
        if count[0] == at and not after:
            raise Crash(path)
        real(path, text)
        if count[0] == at and after:
            raise Crash(path)

    monkeypatch.setattr(files, "write_text", write_text)
    return count


def to_the_last_step(services: UseCases, clock: Clock) -> SessionRunner:
    runner = services.sessions.runner
    assert runner is not None
    while runner.session.index < len(runner.session.segments) - 1:
        clock.advance(1)
        runner.tick()
    return runner


def finish(services: UseCases, clock: Clock) -> None:
    """The last step runs out."""
    runner = to_the_last_step(services, clock)
    clock.advance(runner.session.current.duration)
    runner.tick()


def stop_for_a_new_mark(services: UseCases, clock: Clock) -> None:
    runner = to_the_last_step(services, clock)
    clock.advance(1)
    runner.stop(StopCause.NEW_MARK)


def at_the_last_step(paths: Paths) -> tuple[UseCases, Clock]:
    clock = Clock()
    services = started(paths, clock)
    to_the_last_step(services, clock)
    return services, clock


@pytest.mark.parametrize("end", [finish, stop_for_a_new_mark], ids=["finished", "new-mark"])
def test_a_kill_at_any_write_after_the_last_step_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, end: Callable[[UseCases, Clock], object]
) -> None:
    services, clock = at_the_last_step(cleared_paths(tmp_path / "count"))
    count = crash_at(monkeypatch, 0, False)  # none dies: the writes are counted
    end(services, clock)
    monkeypatch.undo()
    total = count[0]
    assert total >= 2  # the state file holding the entry, then the journal (and the record)
    for at in range(1, total + 1):
        for after in (False, True):
            paths = cleared_paths(tmp_path / f"{at}-{after}")
            services, clock = at_the_last_step(paths)
            crash_at(monkeypatch, at, after)
            with pytest.raises(Crash):
                end(services, clock)
            monkeypatch.undo()
            # footcare starts again (as after a kill)
            clock.advance(60)
            notices = services_for(paths, clock).sessions.settle()
            entries = session_entries(paths)
            if at == 1 and not after:
                # killed before the first byte of the ending was on disk: as if the session
                # had not ended yet, it is offered to carry on (and never dropped)
                assert entries == []
                assert services_for(paths, clock).sessions.saved_session() is not None
                continue
            # from the first write on, the session is in the journal, once
            assert len(entries) == 1, f"crash at write {at} (after={after}): {entries}"
            assert entries[0].before.pain == 4
            if end is stop_for_a_new_mark:
                # the right foot's last step: the mark is kept on that foot
                assert entries[0].findings == {"session_injury": "right"}
                assert not may_start(paths, clock), f"crash at write {at}: the mark was lost"
            assert notices == [] or "without after-session ratings" in notices[0]
            assert services_for(paths, clock).sessions.saved_session() is None


def test_a_session_is_one_entry_whether_it_ends_or_is_entered_as_interrupted(
    paths: Paths,
) -> None:
    clock, services, runner = begun(paths)
    clock.advance(4)
    runner.tick()
    left = interrupted_entry(services.settings, state_file(paths))
    run_to_end(services, clock)
    assert left is not None and runner.concluded is not None
    assert runner.concluded.entry.id == left.id
    assert left.id.startswith(f"{NOW:%Y%m%d%H%M%S}-")


@pytest.mark.parametrize(
    ("seconds", "feet", "massage", "minutes"),
    [
        (45, ("left",), {"left": 45}, 0.7),  # 45 s: 0.75 min, rounded down
        (130, ("left", "right"), {"left": 90, "right": 10}, 0.8),  # 100 s over two feet
        (None, ("left", "right"), {"left": 90, "right": 90}, 1.5),  # to the end
    ],
)
def test_minutes_per_foot_are_the_massage_done_on_the_feet_reached(
    paths: Paths,
    seconds: int | None,
    feet: tuple[str, ...],
    massage: dict[str, int],
    minutes: float,
) -> None:
    with_slow_routine(paths)
    clock, _services, runner = begun(paths, routine_id="slow")
    if seconds is None:
        clock.advance(240)
        runner.tick()
    else:
        clock.advance(seconds)
        runner.tick()
        runner.stop(StopCause.OTHER, "cramp")
    (entry,) = session_entries(paths)
    assert entry.session is not None and entry.session.feet == feet
    assert entry.session.massage_seconds == massage
    assert entry.session.minutes_per_foot == minutes


AT = datetime(2026, 11, 20, 7, 30, 15)
LEFT = {
    "routine_id": "quick",
    "started_on": "2026-11-20",
    "started_at": AT.replace(microsecond=999),
    "before": {"pain": 5},
}
"""A session file left by a session that never ended (its step and time in it added)."""


@pytest.mark.parametrize(
    ("saved", "feet", "massage", "minutes"),
    [
        # the quick routine, from a file from before the massage done was kept in it
        ({"index": 0}, (), {}, 0.0),
        ({"index": True}, (), {}, 0.0),
        ({"index": 1}, ("left",), {"left": 0}, 0.0),
        ({"index": 3}, ("left",), {"left": 3}, 0.0),
        ({"index": 4}, ("left", "right"), {"left": 3, "right": 0}, 0.0),
        ({"index": 99}, ("left", "right"), {"left": 3, "right": 3}, 0.0),
        # the slow routine, no getting ready: how far it went can't be read, nothing of the
        # step it was on counts
        ({"routine_id": "slow", "index": "0", "elapsed": 45.0}, ("left",), {"left": 0}, 0.0),
        ({"routine_id": "slow", "index": True, "elapsed": 45.0}, ("left",), {"left": 0}, 0.0),
        ({"routine_id": "slow", "index": 0, "elapsed": 45.0}, ("left",), {"left": 45}, 0.7),
        (
            {"routine_id": "slow", "index": 2, "elapsed": 30.0, "massage": {"left": 90.0}},
            ("left", "right"),
            {"left": 90, "right": 30},
            1.0,
        ),
    ],
)
def test_an_interrupted_session_counts_the_feet_reached_and_the_massage_done(
    paths: Paths,
    saved: dict[str, object],
    feet: tuple[str, ...],
    massage: dict[str, int],
    minutes: float,
) -> None:
    with_slow_routine(paths)
    entry = interrupted_entry(services_for(paths, Clock()).settings, {**LEFT, **saved})
    assert entry is not None and entry.session is not None
    assert entry.at == AT and entry.before.pain == 5
    assert entry.session.routine == saved.get("routine_id", "quick")
    assert entry.session.feet == feet and entry.session.massage_seconds == massage
    assert entry.session.minutes_per_foot == minutes
    assert entry.session.stop_cause == "interrupted" and entry.session.stopped_early


@pytest.mark.parametrize(
    ("ratings", "typed", "kept"),
    [
        (Ratings(numbness=5), "", ""),
        (Ratings(), "  feet warm  ", "feet warm"),
        (Ratings(), "   ", ""),
    ],
)
def test_after_ratings_or_a_note_typed_before_footcare_closes_are_kept(
    paths: Paths, ratings: Ratings, typed: str, kept: str
) -> None:
    _clock, services, runner = ended(paths)
    runner.keep_draft(ratings, typed)
    services.sessions.checkpoint()
    assert [(e.after, e.note) for e in session_entries(paths)] == [(ratings, kept)]
    # only ratings or words count as typed: blanks leave the session waiting for its ratings
    assert (runner.after_draft is None) is (bool(kept) or not ratings.empty)


def test_an_unfinished_session_from_an_earlier_day_goes_in_as_interrupted(paths: Paths) -> None:
    clock, services, runner = begun(paths)
    clock.advance(4)
    runner.tick()
    services.sessions.checkpoint()
    assert services_for(paths, clock).sessions.saved_session() is not None
    clock.advance(24 * 3600)
    later = services_for(paths, clock)
    assert later.sessions.saved_session() is None
    later.sessions.settle()
    (entry,) = session_entries(paths)
    assert entry.session is not None and entry.session.stop_cause == "interrupted"
    assert entry.session.stopped_early and entry.before.pain == 4


def test_starting_anew_enters_todays_unfinished_session_as_interrupted(paths: Paths) -> None:
    clock, services, _runner = begun(paths)
    services.sessions.checkpoint()
    again = started(paths, clock, Ratings(pain=1))
    assert again.sessions.runner is not None
    causes = [e.session.stop_cause for e in session_entries(paths) if e.session]
    assert causes == ["interrupted"]


# --- stop causes are typed; their labels are words only -----------------------------------


@pytest.mark.parametrize("cause", CHOOSABLE, ids=lambda c: c.value)
def test_each_stop_cause_records_its_findings(paths: Paths, cause: StopCause) -> None:
    clock, _services, runner = begun(paths)
    events = runner.stop(cause)
    assert [e.kind for e in events] == [EventKind.STOPPED]
    entry = session_entries(paths)[0]
    assert entry.findings == findings_for(cause)  # stopped getting ready: no foot known
    assert entry.session is not None and entry.session.stop_cause == cause.value
    record = SafetyStore(paths).load().record
    assert [(s.source, s.finding, s.side, s.recorded) for s in record.signs] == [
        (SignSource.SESSION, finding, side, clock.wall.replace(microsecond=0))
        for finding, side in entry.findings.items()
    ]
    # only a stop after which the next start asks first whether it has passed is recorded
    asks_after = cause in (StopCause.PAIN, StopCause.UNWELL)
    assert [s.cause for s in record.stops] == ([cause] if asks_after else [])
    blocks_next = cause in (StopCause.NEW_MARK, StopCause.SWELLING, StopCause.CHEST)
    assert may_start(paths, clock) is not blocks_next


# --- warning signs stay on record -----------------------------------------------------------


def blister(at: datetime) -> Entry:
    return Entry(id="blister-1", at=at, findings={"wound": "left"}, note="blister on left heel")


def test_deleting_or_editing_a_warning_sign_entry_never_lifts_the_block(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    entry = blister(clock.wall)
    services.journal_use.save(entry)
    assert not may_start(paths, clock)
    clock.advance(60)
    edited = entry.with_changes(findings={})
    services_for(paths, clock).journal_use.save(edited, replacing=entry)
    assert not may_start(paths, clock)
    services_for(paths, clock).journal_use.set_deleted(edited, True)
    assert not may_start(paths, clock)
    report = status(services_for(paths, clock))
    assert not report.may_start
    assert [r.kind for r in report.reasons] == [ReasonKind.CHECK_NEEDED]
    assert report.pending_signs[0].what == "new wound, blister or cut (left foot)"
    # only a professional's check recorded after it lifts it
    clock.advance(60)
    services_for(paths, clock).gate.record_go_ahead("discussed", True, clock.wall.date())
    assert may_start(paths, clock)


def test_a_warning_sign_written_in_the_journal_by_hand_is_recorded_too(paths: Paths) -> None:
    clock = Clock()
    JournalStore(paths).add(blister(clock.wall - timedelta(hours=1)))
    assert not may_start(paths, clock)
    # now in the record: removing the journal file doesn't lift it
    assert SafetyStore(paths).load().record.signs[0].entry_id == "blister-1"
    for month in paths.journal.glob("*.toml"):
        month.unlink()
    assert not may_start(paths, clock)


def test_a_warning_sign_logged_mid_session_stops_it(paths: Paths) -> None:
    clock, services, runner = begun(paths)
    seen: list[list[EventKind]] = []
    runner.listeners.append(lambda events: seen.append([e.kind for e in events]))
    clock.advance(1)
    runner.tick()
    assert runner.concluded is None
    services.journal_use.save(blister(clock.wall))
    assert runner.concluded is not None
    assert runner.concluded.cause is StopCause.WARNING_SIGN
    assert runner.concluded.sign is not None and runner.concluded.sign.finding == "wound"
    assert seen[-1] == [EventKind.STOPPED]
    assert runner.session.status is Status.STOPPED
    # the sign that stopped it is kept with the after ratings
    sign = runner.concluded.sign
    runner.add_after(Ratings(), "")
    assert runner.concluded.sign == sign and runner.concluded.cause is StopCause.WARNING_SIGN


@pytest.mark.parametrize(
    ("after", "dated", "by_hand", "later"),
    [
        (1, timedelta(0), False, 3),  # another login, or `footcare journal add`
        (0, timedelta(0), False, 0),  # in the same second the session began
        # by another device whose clock runs a day fast: it counts from today's start, yet
        # it was recorded while the session ran
        (1, timedelta(days=1), True, 0),
    ],
    ids=["elsewhere", "the-same-second", "dated-after-today"],
)
def test_a_warning_sign_logged_elsewhere_stops_the_session_at_its_next_tick(
    paths: Paths, after: int, dated: timedelta, by_hand: bool, later: int
) -> None:
    clock, _services, runner = begun(paths)
    clock.advance(after)
    save = JournalStore(paths).add if by_hand else services_for(paths, clock).journal_use.save
    save(blister(clock.wall + dated))
    clock.advance(later)
    runner.tick()
    assert runner.concluded is not None and runner.concluded.cause is StopCause.WARNING_SIGN


def test_a_sign_from_before_the_session_does_not_stop_it(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    soon = Entry(id="both", at=clock.wall, findings={"swelling": "both"})
    services.journal_use.save(soon)
    services = started(paths, clock)
    assert services.sessions.runner is not None
    clock.advance(5)
    services.sessions.runner.tick()
    assert services.sessions.runner.concluded is None


def test_the_journal_is_searched_for_signs_back_to_the_same_month_a_year_ago(
    paths: Paths,
) -> None:
    assert SIGNS_FROM_MONTHS == 12
    store = JournalStore(paths)
    store.add(Entry(id="older", at=datetime(2025, 10, 31, 23, 0), findings={"wound": "left"}))
    store.add(Entry(id="year", at=datetime(2025, 11, 1, 8, 0), findings={"swelling": "right"}))
    may_start(paths, Clock())
    assert [s.entry_id for s in SafetyStore(paths).load().record.signs] == ["year"]


# --- today's answers stick ------------------------------------------------------------------


def test_todays_answers_last_the_day_and_a_yes_taken_back_is_recorded(paths: Paths) -> None:
    clock = Clock()
    services_for(paths, clock).gate.answer_block("wound", True)
    gate = services_for(paths, clock).gate  # a restart
    assert gate.answers().blocks == {"wound": True}
    assert gate.answer_block("wound", False) is False  # needs confirming
    assert gate.answers().blocks == {"wound": True}
    assert gate.answer_block("wound", False, confirmed=True) is True
    assert services_for(paths, clock).gate.answers().blocks == {}
    gate.answer_block("infection", False)
    gate.acknowledge("gentle", True)
    gate.acknowledge("lotion", True)
    gate.acknowledge("lotion", False)  # a reminder can be taken back
    answers = gate.answers()  # the yes taken back is a no here
    assert answers.blocks == {"wound": False, "infection": False}
    assert answers.acknowledged == {"gentle"}
    record = SafetyStore(paths).load().record
    assert [(a.item_id, a.present) for a in record.block_answers] == [
        ("wound", True),
        ("wound", False),
    ]
    assert record.blocked_days() == {NOW.date(): ("wound",)}
    clock.advance(24 * 3600)
    assert gate.answers().blocks == {} and gate.answers().acknowledged == frozenset()
    assert services_for(paths, clock).gate.answers().blocks == {}


def test_the_blocked_days_come_from_the_record_read_again_only_when_a_file_changes(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    gate = services.gate
    assert gate.blocked_days() == {}
    gate.answer_block("wound", True)
    gate.answer_block("infection", True)
    gate.answer_block("wound", False, confirmed=True)  # taken back: the day stays blocked
    today = NOW.date()
    assert gate.blocked_days() == {today: ("wound", "infection")}
    loads = count_calls(monkeypatch, services.safety, "load")
    gate.verdict(None)
    gate.verdict(None)  # the record now held with the verdict: not read again
    assert gate.blocked_days() == {today: ("wound", "infection")}
    assert len(loads) == 1
    services.journal_use.save(Entry("n1", NOW, note="fine"))
    gate.verdict(None)  # a file changed: read again
    assert len(loads) == 2
    monkeypatch.undo()
    gate.answer_block("one-leg", True)  # the record changed since: read again
    assert gate.blocked_days() == {today: ("wound", "infection", "one-leg")}
    assert services_for(paths, clock).gate.blocked_days() == gate.blocked_days()


def test_a_session_can_not_start_on_a_blocked_day(paths: Paths) -> None:
    clock = Clock()
    services, routine = answered(paths, clock)
    services.gate.answer_block("infection", True)
    with pytest.raises(ScreeningRequired):
        services.sessions.start(routine, Ratings())
    report = status(services_for(paths, clock))
    assert [r.item.id for r in report.reasons] == ["infection"]


def test_the_blocked_days_are_read_after_a_session_ends(paths: Paths) -> None:
    yesterday = NOW - timedelta(days=1)
    services_for(paths, Clock(yesterday)).gate.answer_block("infection", True)
    _clock, services, _runner = ended(paths)
    assert services.gate.blocked_days() == {yesterday.date(): ("infection",)}


# --- lighter pressure -----------------------------------------------------------------------


def test_lighter_pressure_caps_every_bundled_step_and_softens_the_knuckle_rub(
    tmp_path: Path,
) -> None:
    catalogue = load_catalogue(Paths(config=tmp_path / "none", data=tmp_path / "d"))
    assert set(ROUTINES) <= set(catalogue.routines)
    light = PRESSURES.index("light")
    for routine in catalogue.routines.values():
        lighter = lighten(routine)
        assert lighter.seconds_per_foot == routine.seconds_per_foot
        for step in lighter.steps:
            assert PRESSURES.index(step.pressure) <= light, (routine.id, step.name)
            assert step.technique not in HARD_TECHNIQUES
            assert "knuckle" not in step.instructions.lower()
    assert cap("comfortable") == "light" and cap("feather") == "feather"


@pytest.mark.parametrize("thinners", [True, False])
def test_blood_thinners_make_the_session_lighter(tmp_path: Path, thinners: bool) -> None:
    paths = cleared_paths(tmp_path, routine="standard")
    SafetyStore(paths).append(
        [Clearance("blood-thinners", thinners, NOW.date(), NOW - timedelta(hours=1))]
    )
    clock = Clock()
    gate = services_for(paths, clock).gate
    assert gate.lighter_pressure() is thinners  # the first screen: from the record alone
    assert gate.verdict(None).lighter_pressure is thinners
    assert gate.lighter_pressure() is thinners  # from the verdict now held
    services, routine = answered(paths, clock, "standard")
    runner = services.sessions.start(routine, Ratings())
    assert runner.lighter is thinners and state_file(paths)["lighter"] is thinners
    assert runner.session.routine == (lighten(routine) if thinners else routine)
    steps = runner.session.routine.steps
    assert ("knuckle-rub" in {s.technique for s in steps}) is not thinners
    if not thinners:
        return
    pressures = {s.pressure for s in steps}
    assert pressures <= {"none", "feather", "light"} and "light" in pressures
    # a carried-on lighter session stays lighter, even if the go-ahead was changed since
    runner.checkpoint()
    SafetyStore(paths).append(
        [Clearance("blood-thinners", False, NOW.date(), NOW + timedelta(minutes=1))]
    )
    again = services_for(paths, clock)
    answer_today(again)
    resumed = again.sessions.resume()
    assert resumed.lighter and resumed.session.routine == lighten(routine)


def test_lighter_pressure_is_read_from_the_record_alone_until_a_verdict_holds_it(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    JournalStore(paths).add(blister(NOW - timedelta(hours=1)))  # not in the record yet
    services = services_for(paths, Clock())
    looks = count_calls(monkeypatch, services.repository, "has_months", "version", "flagged")
    gate = services.gate
    assert gate.lighter_pressure() is False  # the first screen: the journal is not opened
    assert looks == [] and SafetyStore(paths).load().record.signs == ()
    gate.verdict(None)  # records the journal's sign: the record read is not the one held
    assert len(SafetyStore(paths).load().record.signs) == 1
    looks.clear()
    assert gate.lighter_pressure() is False
    assert looks == []


# --- the runner in detail ------------------------------------------------------------------


def state_file(paths: Paths) -> dict[str, object]:
    return tomllib.loads(paths.session_state.read_text(encoding="utf-8"))


def test_pause_and_resume_are_saved_and_told_with_their_step(paths: Paths) -> None:
    clock, _services, runner = begun(paths)
    runner.next()
    told: list[list[tuple[EventKind, int]]] = []
    runner.listeners.append(lambda events: told.append([(e.kind, e.index) for e in events]))
    clock.advance(1.5)
    runner.pause()
    assert runner.session.paused and state_file(paths)["status"] == "paused"
    assert state_file(paths)["elapsed"] == pytest.approx(1.5)
    runner.pause()  # already paused: nothing more
    runner.resume()
    assert not runner.session.paused and state_file(paths)["status"] == "running"
    assert told == [[(EventKind.PAUSED, 1)], [(EventKind.RESUMED, 1)]]
    runner.pause()
    assert [(e.kind, e.index) for e in runner.toggle_pause()] == [(EventKind.RESUMED, 1)]
    assert runner.toggle_pause()[0].kind is EventKind.PAUSED


@pytest.mark.parametrize(
    ("cause", "said", "kept"),
    [(StopCause.PAIN, None, ""), (StopCause.OTHER, "  cramp in   the calf ", "cramp in the calf")],
)
def test_a_stop_keeps_its_words_if_any_and_ends_the_runner_once(
    paths: Paths, cause: StopCause, said: str | None, kept: str
) -> None:
    _clock, _services, runner = begun(paths)
    events = runner.stop(cause) if said is None else runner.stop(cause, said)
    assert [(e.kind, e.index) for e in events] == [(EventKind.STOPPED, runner.session.index)]
    assert runner.session.stop_note == kept and runner.session.stop_cause is cause
    assert runner.stop(StopCause.CHEST) == [] and runner.tick() == []
    assert runner.toggle_pause() == [] and runner.next() == []
    entry = session_entries(paths)[0]
    assert entry.session is not None and entry.session.stop_reason == kept
    assert entry.session.stopped_early and entry.session.stop_cause == cause.value
    assert "entry" in state_file(paths)


def test_a_carried_on_session_keeps_its_start_and_is_lighter_if_it_was(paths: Paths) -> None:
    clock, _services, runner = begun(paths)
    first_start = runner.started_at
    clock.advance(5)
    runner.tick()
    runner.checkpoint()
    clock.advance(600)
    again = services_for(paths, clock)
    answer_today(again)
    resumed = again.sessions.resume()
    assert resumed.started_at == first_start
    assert resumed.session.index == runner.session.index and resumed.session.paused
    assert resumed.before == Ratings(pain=4)


@pytest.mark.parametrize("tier", ["block", "remind"])
def test_a_routines_own_question_is_asked_before_the_runner_starts(paths: Paths, tier: str) -> None:
    quick = paths.config / "routines" / "quick.toml"  # with a question of its own
    knee = (
        f'\n[[precautions]]\nid = "knee"\ntier = "{tier}"\nquestion = "Knee?"\nadvice = "Wait."\n'
    )
    quick.write_text(quick.read_text(encoding="utf-8") + knee, encoding="utf-8")
    services, routine = answered(paths, Clock())  # the core questions only
    assert routine.precautions
    with pytest.raises(ScreeningRequired):
        services.sessions.start(routine, Ratings())
    with pytest.raises(ScreeningRequired):  # the runner checks them itself too
        SessionRunner.begin(services.sessions, routine, Ratings())
    if tier == "block":
        services.gate.answer_block(routine.precautions[0].id, False)
    else:
        services.gate.acknowledge(routine.precautions[0].id, True)
    assert services.sessions.start(routine, Ratings()).session.routine.id == "quick"


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ({"pain": 0, "burning": 10}, {"pain": 0, "burning": 10}),
        ({"pain": 11, "burning": -1, "numbness": True, "tingling": "3"}, {}),
        ({"pain": 99.0}, {}),
        ("not a table", {}),
    ],
)
def test_saved_before_ratings_out_of_range_are_dropped(raw: object, kept: dict[str, int]) -> None:
    assert ratings_from(raw).as_dict() == kept


def test_an_interrupted_session_from_0_1_a_removed_routine_or_odd_values_still_goes_in(
    paths: Paths,
) -> None:
    settings = services_for(paths, Clock()).settings
    old = interrupted_entry(
        settings, {"routine_id": "gone", "started_on": "2026-11-20", "index": 3}
    )
    assert old is not None and old.session is not None
    assert old.at == datetime(2026, 11, 20, 12, 0) and old.session.routine == "gone"
    assert old.session.feet == () and old.session.minutes_per_foot == 0.0
    assert old.session.massage_seconds == {}
    bad = {"routine_id": "quick", "started_on": "last week", "index": "3"}
    assert interrupted_entry(settings, bad) is None
    no_routine = interrupted_entry(settings, {"started_at": AT})
    assert no_routine is not None and no_routine.session is not None
    assert no_routine.session.routine == ""
    aware = interrupted_entry(settings, {**LEFT, "started_at": AT.replace(tzinfo=UTC)})
    assert aware is not None and aware.at.tzinfo is None


def test_a_session_file_that_says_too_little_is_kept_and_named(paths: Paths) -> None:
    paths.data.mkdir(parents=True, exist_ok=True)
    before = b'routine_id = "quick"\nstarted_on = "someday"\n'
    paths.session_state.write_bytes(before)
    notices = services_for(paths, Clock()).sessions.settle()
    (kept,) = kept_aside(paths)
    assert len(notices) == 1 and str(paths.session_state) in notices[0]
    assert str(kept) in notices[0] and kept.read_bytes() == before
    paths.session_state.write_bytes(b'[entry]\nid = "x"\n')
    assert "can't use" in services_for(paths, Clock()).sessions.settle()[0]
    assert len(kept_aside(paths)) == 2


def test_the_missing_after_ratings_are_mentioned_once_naming_the_session(paths: Paths) -> None:
    clock, _services, _runner = ended(paths)
    # footcare closed on the after-session screen, nothing typed
    (notice,) = services_for(paths, clock).sessions.settle()
    assert notice == (
        "Your session of Tuesday 24 November, 09:00 is in your journal, without "
        "after-session ratings. Add them from the journal if you like (e)."
    )
    assert services_for(paths, clock).sessions.settle() == []
    assert len(session_entries(paths)) == 1


# --- the gate's own bookkeeping -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "month"),
    [
        (datetime(2026, 11, 24), 12, "2025-11"),
        (datetime(2026, 1, 5), 1, "2025-12"),
        (datetime(2026, 12, 31), 0, "2026-12"),
        (datetime(2027, 3, 1), 14, "2026-01"),
    ],
)
def test_month_back(day: datetime, months: int, month: str) -> None:
    assert month_back(day.date(), months) == month


def test_configured_months_reach_the_gate(paths: Paths) -> None:
    record_all_clearances(paths, on=NOW.date() - timedelta(days=40))
    clock = Clock()
    assert may_start(paths, clock)
    paths.config_file.write_text('routine = "quick"\nclearance_months = 1\n', encoding="utf-8")
    assert not may_start(paths, clock)


def test_settings_that_can_not_say_how_long_a_go_ahead_lasts_keep_the_gate_shut(
    paths: Paths,
) -> None:
    paths.config_file.write_text('routine = "quick"\nclearance_months = "1"\n', encoding="utf-8")
    services, routine = answered(paths, Clock())
    problem = services.settings.config.clearance_problem
    assert str(paths.config_file) in problem and "clearance_months" in problem
    verdict = services.gate.verdict(routine)
    assert not verdict.may_start
    assert [(r.kind, r.message) for r in verdict.reasons] == [
        (
            ReasonKind.UNREADABLE,
            "How long a go-ahead lasts can't be read from your settings, so whether yours "
            f"are still valid can't be known ({problem})",
        )
    ]


def test_a_check_recorded_while_the_record_is_broken_starts_a_new_one(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    services.journal_use.save(blister(clock.wall))
    text = paths.safety_record.read_text(encoding="utf-8")
    paths.safety_record.write_text(text.replace('"wound"', '"redness"'), encoding="utf-8")
    assert not may_start(paths, clock)
    gate = services_for(paths, clock).gate
    with pytest.raises(UntrustedRecord):
        gate.record_go_ahead("past-clot", False, clock.wall.date())
    with pytest.raises(UntrustedRecord):  # "does not apply" is no check of the feet
        gate.record_go_ahead("discussed", False, clock.wall.date())
    clock.advance(60)
    kept = services_for(paths, clock).gate.record_go_ahead("discussed", True, clock.wall.date())
    assert kept is not None and kept.exists() and "redness" in kept.read_text(encoding="utf-8")
    record = SafetyStore(paths).load().record
    # the new record carries the sign still found in the journal, then the check after it
    kinds = [type(e).__name__ for e in record.events]
    assert kinds[-1] == "Clearance" and set(kinds[:-1]) == {"WarningSign"}
    # the other go-aheads are asked again; the blister (in the journal) is answered by the check
    services, routine = answered(paths, clock)
    verdict = services.gate.verdict(routine)
    assert verdict.pending_signs == ()
    assert {r.item.id for r in verdict.reasons} == {
        i.id for i in all_items() if i.tier is Tier.CLEARANCE and i.id != "discussed"
    }


def test_a_check_dated_before_the_last_sign_does_not_start_a_new_record(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    today = clock.wall.date()
    services.journal_use.save(blister(clock.wall - timedelta(days=3)))
    swollen = Entry(id="swollen-1", at=clock.wall, findings={"swelling": "right"})
    services.journal_use.save(swollen)
    text = paths.safety_record.read_text(encoding="utf-8")
    paths.safety_record.write_text(text.replace('"wound"', '"redness"'), encoding="utf-8")
    broken = paths.safety_record.read_bytes()
    gate = services_for(paths, clock).gate
    before_both = today - timedelta(days=4)  # answers neither sign: the newer is named
    with pytest.raises(CheckTooEarly) as refused:
        gate.record_go_ahead("discussed", True, before_both)
    sign = [s for s in gate.facts().signs if s.at.date() == today]
    assert len(sign) == 1 and len(gate.facts().signs) > 1
    assert str(refused.value) == (
        f"Not recorded: a check on {before_both} came before the warning sign noted on "
        f"{today}: {sign[0].what}. Give the date of a check on or after {today}."
    )
    assert paths.safety_record.read_bytes() == broken  # nothing written, nothing moved


def test_softened_steps_keep_a_light_pressure_and_knuckle_steps_go_the_light_way() -> None:
    aimed = lighten_step(Step("K", "knuckle-rub", 60, "x", "feather", "heel to toes"))
    # a knuckle step goes the light stroke's way, whatever its own direction said
    assert aimed.direction == "toes to ankle" and aimed.pressure == "feather"
    assert lighten_step(Step("S", "effleurage", 60, "x", "feather")).pressure == "feather"
    assert lighten_step(Step("S", "prepare", 60, "x", "none")).pressure == "none"
    kept = Step("Circles", "thumb-circles", 60, "Circles.", "gentle", "up")
    assert lighten_step(kept) == replace(kept, pressure="light")
    assert cap("made-up") == "light" and cap("none") == "none"


# --- what mutation testing showed untested ------------------------------------------------


def test_a_session_file_from_0_1_carries_on_with_todays_start(paths: Paths) -> None:
    session_file(paths).save(
        {"routine_id": "quick", "started_on": "2026-11-24", "index": 2, "elapsed": 1.0}
    )
    clock = Clock()
    services = services_for(paths, clock)
    answer_today(services)
    runner = services.sessions.resume()
    assert runner.started_at == clock.wall and runner.lighter is False
    assert runner.session.index == 2


def test_time_keeps_running_after_next_back_and_pause(paths: Paths) -> None:
    clock, _services, runner = begun(paths)

    def runs() -> bool:
        left = runner.session.segment_left(clock.mono())
        clock.advance(1)
        return runner.session.segment_left(clock.mono()) == pytest.approx(left - 1)

    runner.next()
    assert runs()
    runner.back()
    assert runs()
    runner.toggle_pause()
    assert not runs()
    runner.toggle_pause()
    assert runs()


def test_entry_times_lose_their_fraction_of_a_second(paths: Paths) -> None:
    clock = Clock()
    clock.wall = NOW.replace(microsecond=654321)
    services = started(paths, clock)
    runner = run_to_end(services, clock)
    assert runner.concluded is not None and runner.concluded.entry.at.microsecond == 0
    assert runner.started_at.microsecond == 0


def test_a_failed_save_is_told_and_a_later_one_clears_it(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _clock, services, runner = begun(paths)
    fill_session_file(monkeypatch, services, paths)
    runner.pause()
    assert runner.problem == f"{paths.session_state}: could not be saved (No space left)"
    monkeypatch.undo()
    runner.resume()
    assert runner.problem == ""


@pytest.mark.parametrize("full", [False, True], ids=["kept-on-disk", "in-the-window-only"])
def test_an_ending_that_can_not_reach_the_journal_is_told_and_kept(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, full: bool
) -> None:
    """The journal refuses the entry; with `full`, the session file can't be saved either."""
    clock, services, runner = begun(paths)
    refuse_journal(monkeypatch, services, paths, READ_ONLY)
    if full:
        fill_session_file(monkeypatch, services, paths)
    runner.stop(StopCause.SWELLING)
    kept = "in this window only: keep it open" if full else "beside your journal"
    assert runner.problem == (
        f"Your session is not in your journal yet: {paths.journal}: could not be saved "
        f"(Read-only file system). What you did and typed is kept {kept}; footcare tries "
        "again when you save, when you quit and at the next start."
    )
    assert not runner.in_journal and ("entry" in state_file(paths)) is not full
    monkeypatch.undo()
    if full:
        services.sessions.checkpoint()  # footcare closing: one more try
        assert runner.in_journal and runner.problem == ""
    else:  # the next start
        assert services_for(paths, clock).sessions.settle()
    assert [e.session.stop_cause for e in session_entries(paths) if e.session] == ["swelling"]


@pytest.mark.parametrize("again", ["saved again", "footcare closes"])
def test_after_ratings_that_can_not_be_saved_are_told_and_kept(
    paths: Paths, monkeypatch: pytest.MonkeyPatch, again: str
) -> None:
    clock, services, runner = begun(paths)
    runner.stop(StopCause.NEW_MARK)
    refuse_journal(monkeypatch, services, paths, "is locked")
    assert runner.add_after(Ratings(pain=1), "sore heel") is None
    assert f"{paths.journal}: is locked" in runner.problem
    monkeypatch.undo()
    if again == "saved again":
        assert runner.add_after(Ratings(pain=1), "sore heel") is not None
    else:  # nothing typed again: what failed is what is kept
        services.sessions.checkpoint()
    assert runner.concluded is not None and runner.concluded.cause is StopCause.NEW_MARK
    assert [(e.after.pain, e.note) for e in session_entries(paths)] == [(1, "sore heel")]
    # the session is done with: nothing is left for the next start to settle or tell
    assert services.sessions.runner is None and not paths.session_state.exists()
    assert services_for(paths, clock).sessions.settle() == []


def test_a_sessions_entry_id_is_the_same_from_any_footcare_in_any_release() -> None:
    start = datetime(2026, 11, 20, 7, 5, 9)
    # what a session file left by this release is settled under by the next one
    assert session_entry_id(start, "quick") == "20261120070509-433be7"
    # the fraction of a second and the time zone are not part of it
    assert session_entry_id(start.replace(microsecond=987654, tzinfo=UTC), "quick") == (
        "20261120070509-433be7"
    )
    assert session_entry_id(start, "standard").startswith("20261120070509-")
    assert session_entry_id(start, "standard") != session_entry_id(start, "quick")


def test_answering_yes_twice_records_one_blocked_answer_by_its_id_alone(paths: Paths) -> None:
    gate = services_for(paths, Clock()).gate
    assert "wound" in {i.id for i in gate.items(None)}  # a core question, asked
    gate.answer_block("infection", True)
    gate.answer_block("wound", True)
    gate.answer_block("wound", True)
    answers = SafetyStore(paths).load().record.block_answers
    assert [(a.item_id, a.present, a.question, a.title, a.advice) for a in answers] == [
        ("infection", True, "", "", ""),
        ("wound", True, "", "", ""),
    ]
    assert gate.held_yes("wound") and not gate.held_yes("one-leg")


def test_an_unreadable_journal_month_shuts_the_gate(paths: Paths) -> None:
    paths.journal.mkdir(parents=True, exist_ok=True)
    (paths.journal / "2026-11.toml").write_text("[[entries]\n", encoding="utf-8")
    services, routine = answered(paths, Clock())
    verdict = services.gate.verdict(routine)
    assert [r.kind for r in verdict.reasons] == [ReasonKind.UNREADABLE]
    assert "2026-11.toml" in verdict.reasons[0].message


def test_status_counts_todays_session_and_the_streak(paths: Paths) -> None:
    clock = Clock()
    for days_back in (2, 1):
        JournalStore(paths).add(
            Entry(
                f"s{days_back}",
                NOW - timedelta(days=days_back),
                session=SessionFacts("quick", ("left", "right"), 0.1),
            )
        )
    report = status(services_for(paths, clock))
    assert (report.session_today, report.streak) == (False, 2)
    services = started(paths, clock)
    run_to_end(services, clock)
    report = status(services_for(paths, clock))
    assert (report.session_today, report.streak) == (True, 3)


def test_closing_after_the_end_with_nothing_typed_changes_nothing(paths: Paths) -> None:
    _clock, services, runner = ended(paths)
    before = session_entries(paths)
    told: list[list[object]] = []
    runner.listeners.append(lambda events: told.append(list(events)))
    services.sessions.checkpoint()
    assert session_entries(paths) == before and told == []
