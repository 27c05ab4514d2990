"""The guided session on an injected clock: nothing here reads real time."""

from __future__ import annotations

from datetime import date

import pytest

from footcare.domain.routine import Routine, parse_routine
from footcare.domain.screening import CORE_ITEMS, Answers, Clearance, Tier, Verdict, evaluate
from footcare.domain.session import (
    Event,
    EventKind,
    ScreeningRequired,
    Session,
    Status,
    build_segments,
)
from footcare.domain.stops import StopCause

TODAY = date(2026, 3, 15)
GR, STEP, FC, FIN = EventKind.GET_READY, EventKind.STEP, EventKind.FOOT_CHANGE, EventKind.FINISHED


def make_routine(get_ready: int = 10, durations: tuple[int, ...] = (30, 20)) -> Routine:
    return parse_routine(
        {
            "id": "test",
            "name": "Test",
            "get_ready_seconds": get_ready,
            "steps": [
                {"name": f"Step {i}", "duration": d, "instructions": "Do it."}
                for i, d in enumerate(durations)
            ],
        },
        default_id="test",
    )


def passing() -> Verdict:
    answers = Answers(
        blocks={i.id: False for i in CORE_ITEMS if i.tier is Tier.BLOCK},
        acknowledged=frozenset(i.id for i in CORE_ITEMS if i.tier is Tier.REMIND),
        clearances={
            i.id: Clearance(i.id, i.id == "discussed", date(2026, 1, 1))
            for i in CORE_ITEMS
            if i.tier is Tier.CLEARANCE
        },
    )
    verdict = evaluate(answers, TODAY)
    assert verdict.may_start
    return verdict


def start(routine: Routine | None = None, now: float = 0.0) -> Session:
    return Session.start(routine or make_routine(), passing(), now, TODAY)


# Segments of the default routine:
#   0 left get-ready 10 | 1 left step0 30 | 2 left step1 20
#   3 right get-ready 10 | 4 right step0 30 | 5 right step1 20      (120 s in all)


def test_segments_cover_both_feet_with_a_get_ready_before_each() -> None:
    segs = build_segments(make_routine())
    assert [(s.foot, s.step_index, s.duration) for s in segs] == [
        ("left", None, 10),
        ("left", 0, 30),
        ("left", 1, 20),
        ("right", None, 10),
        ("right", 0, 30),
        ("right", 1, 20),
    ]
    assert [(s.foot, s.step_index) for s in build_segments(make_routine(get_ready=0))] == [
        ("left", 0),
        ("left", 1),
        ("right", 0),
        ("right", 1),
    ]


def test_start_runs_from_the_first_get_ready() -> None:
    s = start(now=100.0)
    assert s.status is Status.RUNNING
    assert s.index == 0
    assert s.current.step_index is None
    assert s.current_step is None
    assert s.segment_left(100.0) == 10
    assert s.segment_left(104.5) == pytest.approx(5.5)
    assert s.tick(109.9) == []


def test_tick_auto_advances_through_every_segment_to_finished() -> None:
    s = start()
    seen: list[tuple[float, Event]] = []
    t = 0.0
    while t <= 130:
        seen.extend((t, e) for e in s.tick(t))
        t += 0.5
    assert [(t, e.kind, e.index) for t, e in seen] == [
        (10.0, STEP, 1),
        (40.0, STEP, 2),
        (60.0, FC, 3),
        (60.0, GR, 3),
        (70.0, STEP, 4),
        (100.0, STEP, 5),
        (120.0, FIN, 5),
    ]
    assert s.status is Status.FINISHED
    assert s.done
    assert s.tick(500.0) == []
    assert s.time_left(500.0) == 0
    assert s.overall_progress(500.0) == 1.0
    assert s.feet_done() == ("left", "right")


def test_one_late_tick_catches_up_with_every_event_in_order() -> None:
    s = start()
    events = s.tick(75.0)
    assert [(e.kind, e.index) for e in events] == [
        (STEP, 1),
        (STEP, 2),
        (FC, 3),
        (GR, 3),
        (STEP, 4),
    ]
    # the overshoot is carried into the current segment, not lost
    assert s.segment_elapsed(75.0) == pytest.approx(5.0)
    assert [e.kind for e in s.tick(1_000.0)] == [STEP, FIN]


def test_without_get_ready_the_foot_change_goes_straight_to_a_step() -> None:
    s = start(make_routine(get_ready=0))
    assert [(e.kind, e.index) for e in s.tick(50.0)] == [(STEP, 1), (FC, 2), (STEP, 2)]


def test_pause_holds_time() -> None:
    s = start()
    s.tick(15.0)
    left = s.segment_left(15.0)
    s.pause(15.0)
    assert s.paused
    for later in (16.0, 100.0, 10_000.0):
        assert s.segment_left(later) == left
        assert s.tick(later) == []
        assert s.time_left(later) == s.time_left(15.0)
    s.resume(10_000.0)
    assert not s.paused
    assert s.segment_left(10_005.0) == pytest.approx(left - 5)
    assert [e.kind for e in s.tick(10_000.0 + left)] == [STEP]


def test_toggle_pause_flips_and_pausing_twice_is_harmless() -> None:
    s = start()
    s.toggle_pause(3.0)
    assert s.paused
    s.pause(5.0)
    assert s.segment_elapsed(50.0) == pytest.approx(3.0)
    s.toggle_pause(50.0)
    assert s.status is Status.RUNNING
    assert s.segment_elapsed(51.0) == pytest.approx(4.0)


def test_next_and_back_move_one_segment_and_restart_its_time() -> None:
    s = start()
    assert s.back(4.0) == []  # on the first segment: restarts it
    assert s.index == 0 and s.segment_left(4.0) == 10
    s.tick(5.0)
    assert [(e.kind, e.index) for e in s.next(5.0)] == [(STEP, 1)]
    assert s.segment_left(5.0) == 30
    assert s.current_step is not None and s.current_step.name == "Step 0"
    assert [(e.kind, e.index) for e in s.next(6.0)] == [(STEP, 2)]
    assert [(e.kind, e.index) for e in s.next(7.0)] == [(FC, 3), (GR, 3)]
    assert [(e.kind, e.index) for e in s.back(8.0)] == [(FC, 2), (STEP, 2)]
    assert s.segment_left(10.0) == pytest.approx(18.0)
    assert [(e.kind, e.index) for e in s.back(10.0)] == [(STEP, 1)]


def test_next_while_paused_stays_paused() -> None:
    s = start()
    s.pause(2.0)
    s.next(3.0)
    assert s.paused
    assert s.segment_left(99.0) == 30


def test_next_past_the_last_segment_finishes() -> None:
    s = start()
    for _ in range(5):
        s.next(1.0)
    assert [e.kind for e in s.next(1.0)] == [FIN]
    assert s.status is Status.FINISHED
    assert s.next(2.0) == []
    assert s.back(2.0) == []


def test_progress_fractions_count_steps_not_get_ready_and_time_left_counts_all() -> None:
    s = start()
    assert s.time_left(0.0) == 120
    assert s.time_left(4.0) == pytest.approx(116.0)
    assert s.foot_progress("left", 0.0) == 0.0
    assert s.foot_progress("left", 10.0) == 0.0  # still the get-ready countdown
    s.tick(25.0)
    assert s.foot_progress("left", 25.0) == pytest.approx(15 / 50)
    assert s.overall_progress(25.0) == pytest.approx(15 / 100)
    assert s.time_left(25.0) == pytest.approx(95.0)
    s.tick(60.0)
    assert s.foot_progress("left", 60.0) == 1.0
    assert s.foot_progress("right", 60.0) == 0.0
    assert s.overall_progress(60.0) == pytest.approx(0.5)
    s.tick(85.0)
    assert s.foot_progress("right", 85.0) == pytest.approx(15 / 50)
    assert s.overall_progress(85.0) == pytest.approx(65 / 100)
    s.tick(119.0)
    assert s.time_left(119.0) == pytest.approx(1.0)


def test_next_step_looks_past_the_get_ready() -> None:
    s = start()
    s.next(0.0)
    s.next(0.0)
    nxt = s.next_step()
    assert nxt is not None and nxt.name == "Step 0"
    seg = s.next_segment()
    assert seg is not None and seg.foot == "right" and seg.step_index is None


def test_stop_with_a_cause() -> None:
    s = start()
    s.tick(45.0)
    s.stop(45.0, StopCause.OTHER, "  it   hurt  ")
    assert s.status is Status.STOPPED
    assert s.stop_cause is StopCause.OTHER
    assert s.stop_note == "it hurt"
    assert s.done
    assert s.time_left(100.0) == 0.0
    assert s.segment_left(100.0) == 0.0
    assert s.tick(1_000.0) == []
    assert s.feet_done() == ("left",)
    s.stop(50.0, StopCause.CHEST)
    assert s.stop_cause is StopCause.OTHER


def test_a_stopped_session_round_trips_its_cause() -> None:
    s = start()
    s.stop(1.0, StopCause.NEW_MARK)
    assert s.feet_done() == ()
    data = s.to_dict(2.0)
    assert data["stop_cause"] == "new-mark"
    back = Session.from_dict(s.routine, data, passing())
    assert back.stop_cause is StopCause.NEW_MARK


def test_round_trip_resumes_paused_at_the_same_segment_and_elapsed() -> None:
    routine = make_routine()
    s = start(routine)
    s.tick(77.25)
    data = s.to_dict(77.25)
    assert data["index"] == 4
    assert data["elapsed"] == pytest.approx(7.25)
    assert data["routine_id"] == "test"
    restored = Session.from_dict(routine, data, passing())
    assert restored.paused
    assert restored.index == 4
    assert data["started_on"] == TODAY.isoformat()
    assert restored.started_on == TODAY
    assert restored.segment_left(9_999.0) == pytest.approx(30 - 7.25)
    restored.resume(6_000.0)
    assert [e.kind for e in restored.tick(6_000.0 + 22.75)] == [STEP]
    assert restored.index == 5


def test_round_trip_through_toml() -> None:
    import tomllib

    import tomli_w

    routine = make_routine()
    s = start(routine)
    s.tick(33.0)
    s.pause(33.0)
    text = tomli_w.dumps(s.to_dict(40.0))
    restored = Session.from_dict(routine, tomllib.loads(text), passing())
    assert (restored.index, restored.segment_left(0.0)) == (1, pytest.approx(7.0))


def test_from_dict_clamps_nonsense() -> None:
    routine = make_routine()
    restored = Session.from_dict(routine, {"index": 99, "elapsed": 1e9}, passing())
    assert restored.index == len(restored.segments) - 1
    assert restored.segment_left(0.0) == 0.0
    restored = Session.from_dict(routine, {"index": -3, "elapsed": -4}, passing())
    assert (restored.index, restored.segment_left(0.0)) == (0, 10)


@pytest.mark.parametrize(
    "data",
    [
        {"index": "three", "elapsed": 5},
        {"index": 2, "elapsed": "lots"},
        {"index": [1], "elapsed": {}},
        {"index": float("inf"), "elapsed": 1},
        {"index": 1, "elapsed": float("nan")},
    ],
)
def test_from_dict_of_a_garbled_state_starts_over_instead_of_crashing(
    data: dict[str, object],
) -> None:
    restored = Session.from_dict(make_routine(), dict(data), passing())
    assert restored.paused
    assert 0 <= restored.index < len(restored.segments)
    assert 0 <= restored.segment_left(0.0) <= restored.current.duration


def test_from_dict_refuses_a_failing_verdict() -> None:
    routine = make_routine()
    data = start(routine).to_dict(12.0)
    with pytest.raises(ScreeningRequired):
        Session.from_dict(routine, data, evaluate(Answers(), TODAY))  # nothing answered
