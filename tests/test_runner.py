"""The session runner and the safety record through the services: what no kill, edit or
deletion can undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from apphelpers import NOW, FakeClock, make_paths, record_all_clearances
from footcare.domain.journal import Entry, Ratings
from footcare.domain.pressure import HARD_TECHNIQUES, cap, lighten
from footcare.domain.routine import PRESSURES
from footcare.domain.screening import Clearance, ReasonKind, Tier, all_items
from footcare.domain.session import EventKind, ScreeningRequired, Status
from footcare.domain.stops import CAUSE_FINDINGS, CHOOSABLE, StopCause
from footcare.services import journal as journal_service
from footcare.services.core import Services
from footcare.services.runner import SessionRunner
from footcare.services.status import status
from footcare.storage import files
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.routines import load_catalogue
from footcare.storage.safety import SafetyStore


class Clock:
    """Wall time and monotonic time moving together."""

    def __init__(self) -> None:
        self.mono = FakeClock()
        self.wall = NOW

    def advance(self, seconds: float) -> None:
        self.mono.advance(seconds)
        self.wall += timedelta(seconds=seconds)


def services_for(paths: Paths, clock: Clock) -> Services:
    return Services(paths, clock=clock.mono, now=lambda: clock.wall)


def answer_today(services: Services) -> None:
    for item in all_items():
        if item.tier is Tier.BLOCK:
            services.gate.answer_block(item.id, False)
        elif item.tier is Tier.REMIND:
            services.gate.acknowledge(item.id, True)


def started(paths: Paths, clock: Clock, before: Ratings | None = None) -> Services:
    services = services_for(paths, clock)
    answer_today(services)
    routine = services.routine("quick")
    assert routine is not None
    services.start_session(routine, before or Ratings(pain=4))
    return services


def run_to_end(services: Services, clock: Clock) -> SessionRunner:
    runner = services.runner
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
    services = services_for(paths, clock)
    answer_today(services)
    return services.gate.verdict(services.routine("quick")).may_start


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    paths = make_paths(tmp_path)
    record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
    return paths


# --- the journal entry is written when the session ends -----------------------------------


def test_a_finished_session_is_in_the_journal_before_any_after_rating(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    runner = run_to_end(services, clock)
    entries = session_entries(paths)
    assert len(entries) == 1 and entries[0].before.pain == 4 and entries[0].after.empty
    assert entries[0].session is not None and entries[0].session.feet == ("left", "right")
    saved = runner.add_after(Ratings(pain=2), "  warm   feet ")
    assert saved is not None
    again = session_entries(paths)
    assert [(e.id, e.after.pain, e.note) for e in again] == [(entries[0].id, 2, "warm feet")]
    assert not paths.session_state.exists()


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


def to_the_last_step(services: Services, clock: Clock) -> SessionRunner:
    runner = services.runner
    assert runner is not None
    while runner.session.index < len(runner.session.segments) - 1:
        clock.advance(1)
        runner.tick()
    return runner


def finish(services: Services, clock: Clock) -> None:
    """The last step runs out."""
    runner = to_the_last_step(services, clock)
    clock.advance(runner.session.current.duration)
    runner.tick()


def stop_for_a_new_mark(services: Services, clock: Clock) -> None:
    runner = to_the_last_step(services, clock)
    clock.advance(1)
    runner.stop(StopCause.NEW_MARK)


def writes_to_end(paths: Paths, end: Callable[[Services, Clock], object]) -> int:
    clock = Clock()
    services = started(paths, clock)
    to_the_last_step(services, clock)
    real = files.write_text
    count = [0]

    def counting(path: Path, text: str) -> None:
        count[0] += 1
        real(path, text)

    files.write_text = counting  # type: ignore[assignment]
    try:
        end(services, clock)
    finally:
        files.write_text = real
    return count[0]


@pytest.mark.parametrize("end", [finish, stop_for_a_new_mark], ids=["finished", "new-mark"])
def test_a_kill_at_any_write_after_the_last_step_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, end: Callable[[Services, Clock], object]
) -> None:
    template = make_paths(tmp_path / "count")
    record_all_clearances(template, on=NOW.date() - timedelta(days=30))
    total = writes_to_end(template, end)
    assert total >= 3
    for at in range(1, total + 1):
        for after in (False, True):
            paths = make_paths(tmp_path / f"{at}-{after}")
            record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
            clock = Clock()
            services = started(paths, clock)
            to_the_last_step(services, clock)
            crash_at(monkeypatch, at, after)
            with pytest.raises(Crash):
                end(services, clock)
            monkeypatch.undo()
            # footcare starts again (as after a kill)
            clock.advance(60)
            notices = services_for(paths, clock).settle()
            entries = session_entries(paths)
            if at == 1 and not after:
                # killed before the first byte of the ending was on disk: as if the session
                # had not ended yet, it is offered to carry on (and never dropped)
                assert entries == []
                assert services_for(paths, clock).saved_session() is not None
                continue
            # from the first write on, the session is in the journal, once
            assert len(entries) == 1, f"crash at write {at} (after={after}): {entries}"
            assert entries[0].before.pain == 4
            if end is stop_for_a_new_mark:
                assert entries[0].findings == {"session_injury": "yes"}
                assert not may_start(paths, clock), f"crash at write {at}: the mark was lost"
            assert notices == [] or "without after-session ratings" in notices[0]
            assert services_for(paths, clock).saved_session() is None


def test_the_missing_after_ratings_are_mentioned_once(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    run_to_end(services, clock)
    # footcare closed on the after-session screen, nothing typed
    first = services_for(paths, clock).settle()
    assert len(first) == 1 and "without after-session ratings" in first[0]
    assert services_for(paths, clock).settle() == []
    assert len(session_entries(paths)) == 1


def test_after_ratings_typed_before_footcare_closes_are_kept(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    runner = run_to_end(services, clock)
    runner.keep_draft(Ratings(numbness=5), "")
    services.checkpoint()
    assert [e.after.numbness for e in session_entries(paths)] == [5]


def test_an_unfinished_session_from_an_earlier_day_goes_in_as_interrupted(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    clock.advance(4)
    assert services.runner is not None
    services.runner.tick()
    services.checkpoint()
    assert services_for(paths, clock).saved_session() is not None
    clock.advance(24 * 3600)
    later = services_for(paths, clock)
    assert later.saved_session() is None
    later.settle()
    entries = session_entries(paths)
    assert len(entries) == 1
    facts = entries[0].session
    assert facts is not None and facts.stop_cause == "interrupted" and facts.stopped_early
    assert entries[0].before.pain == 4


def test_starting_anew_enters_todays_unfinished_session_as_interrupted(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    services.checkpoint()
    again = started(paths, clock, Ratings(pain=1))
    assert again.runner is not None
    causes = [e.session.stop_cause for e in session_entries(paths) if e.session]
    assert causes == ["interrupted"]


# --- stop causes are typed; their labels are words only -----------------------------------


@pytest.mark.parametrize("cause", CHOOSABLE, ids=lambda c: c.value)
def test_each_stop_cause_records_its_findings(paths: Paths, cause: StopCause) -> None:
    clock = Clock()
    services = started(paths, clock)
    assert services.runner is not None
    events = services.runner.stop(cause)
    assert [e.kind for e in events] == [EventKind.STOPPED]
    entry = session_entries(paths)[0]
    assert entry.findings == dict(CAUSE_FINDINGS.get(cause, {}))
    assert entry.session is not None and entry.session.stop_cause == cause.value
    blocks_next = cause in (StopCause.NEW_MARK, StopCause.SWELLING, StopCause.CHEST)
    assert may_start(paths, clock) is not blocks_next


# --- warning signs stay on record -----------------------------------------------------------


def blister(at: datetime) -> Entry:
    return Entry(id="blister-1", at=at, findings={"wound": "left"}, note="blister on left heel")


def test_deleting_or_editing_a_warning_sign_entry_never_lifts_the_block(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    entry = blister(clock.wall)
    journal_service.save_entry(services, entry)
    assert not may_start(paths, clock)
    clock.advance(60)
    edited = entry.with_changes(findings={})
    journal_service.save_entry(services_for(paths, clock), edited, replacing=entry)
    assert not may_start(paths, clock)
    journal_service.set_deleted(services_for(paths, clock), edited, True)
    assert not may_start(paths, clock)
    report = status(services_for(paths, clock))
    assert not report.may_start
    assert [r.kind for r in report.reasons] == [ReasonKind.CHECK_NEEDED]
    assert report.pending_signs[0].what == "new wound, blister or cut on the left foot"
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
    clock = Clock()
    services = started(paths, clock)
    runner = services.runner
    assert runner is not None
    seen: list[list[EventKind]] = []
    runner.listeners.append(lambda events: seen.append([e.kind for e in events]))
    clock.advance(1)
    runner.tick()
    assert runner.concluded is None
    journal_service.save_entry(services, blister(clock.wall))
    assert runner.concluded is not None
    assert runner.concluded.cause is StopCause.WARNING_SIGN
    assert runner.concluded.sign is not None and runner.concluded.sign.finding == "wound"
    assert seen[-1] == [EventKind.STOPPED]
    assert runner.session.status is Status.STOPPED


def test_a_warning_sign_logged_elsewhere_stops_the_session_at_its_next_tick(paths: Paths) -> None:
    clock = Clock()
    services = started(paths, clock)
    runner = services.runner
    assert runner is not None
    clock.advance(1)
    other = services_for(paths, clock)  # another login, or `footcare journal add`
    journal_service.save_entry(other, blister(clock.wall))
    clock.advance(3)
    runner.tick()
    assert runner.concluded is not None and runner.concluded.cause is StopCause.WARNING_SIGN


def test_a_sign_from_before_the_session_does_not_stop_it(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    soon = Entry(id="both", at=clock.wall, findings={"swelling": "both"})
    journal_service.save_entry(services, soon)
    services = started(paths, clock)
    assert services.runner is not None
    clock.advance(5)
    services.runner.tick()
    assert services.runner.concluded is None


# --- today's answers stick ------------------------------------------------------------------


def test_a_yes_holds_for_the_day_and_taking_it_back_is_recorded(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    services.gate.answer_block("wound", True)
    later = services_for(paths, clock)  # a restart
    assert later.gate.answers().blocks == {"wound": True}
    assert later.gate.answer_block("wound", False) is False  # needs confirming
    assert later.gate.answers().blocks == {"wound": True}
    assert later.gate.answer_block("wound", False, confirmed=True) is True
    assert services_for(paths, clock).gate.answers().blocks == {}
    record = SafetyStore(paths).load().record
    assert [(a.item_id, a.present) for a in record.block_answers] == [
        ("wound", True),
        ("wound", False),
    ]
    assert record.blocked_days() == {NOW.date(): ("wound",)}
    clock.advance(24 * 3600)
    assert services_for(paths, clock).gate.answers().blocks == {}


def test_a_session_can_not_start_on_a_blocked_day(paths: Paths) -> None:
    clock = Clock()
    services = services_for(paths, clock)
    answer_today(services)
    services.gate.answer_block("infection", True)
    routine = services.routine("quick")
    assert routine is not None
    with pytest.raises(ScreeningRequired):
        services.start_session(routine, Ratings())
    report = status(services_for(paths, clock))
    assert [r.item.id for r in report.reasons] == ["infection"]


# --- lighter pressure -----------------------------------------------------------------------


def test_lighter_pressure_caps_every_bundled_step_and_softens_the_knuckle_rub(
    tmp_path: Path,
) -> None:
    catalogue = load_catalogue(Paths(config=tmp_path / "none", data=tmp_path / "d"))
    assert {"standard", "short", "gentle"} <= set(catalogue.routines)
    light = PRESSURES.index("light")
    for routine in catalogue.routines.values():
        lighter = lighten(routine)
        assert lighter.seconds_per_foot == routine.seconds_per_foot
        for step in lighter.steps:
            assert PRESSURES.index(step.pressure) <= light, (routine.id, step.name)
            assert step.technique not in HARD_TECHNIQUES
            assert "knuckle" not in step.instructions.lower()
    assert cap("comfortable") == "light" and cap("feather") == "feather"


def test_blood_thinners_make_the_session_lighter(paths: Paths) -> None:
    SafetyStore(paths).append(
        [Clearance("blood-thinners", True, NOW.date(), NOW - timedelta(hours=1))]
    )
    clock = Clock()
    services = started(paths, clock)
    runner = services.runner
    assert runner is not None and runner.lighter
    pressures = {s.pressure for s in runner.session.routine.steps}
    assert pressures <= {"none", "feather", "light"}
    # and a resumed lighter session stays lighter
    runner.checkpoint()
    again = services_for(paths, clock)
    answer_today(again)
    assert again.resume_session().lighter
