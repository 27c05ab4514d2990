"""What the day's safety record holds, it holds whatever routine is chosen next.

A yes to any BLOCK question, the core's or one a routine adds, blocks for the rest of the
day; after a stop because it hurt or because the person felt unwell or dizzy, the next
start that day first asks whether it has passed. Through the gate every client asks: the
app's screening, ``session --plain`` and ``footcare status``.
"""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW
from dayholds import (
    KNEE_ADVICE,
    KNEE_QUESTION,
    Moment,
    answer_every_no,
    folder,
    knee_yes,
    services_at,
)
from footcare.domain.journal import Ratings
from footcare.domain.screening import AFTER_STOP_ITEM, ItemState, ReasonKind, Tier, Verdict
from footcare.domain.session import ScreeningRequired
from footcare.domain.stops import CHOOSABLE, StopCause
from footcare.plain import Lines, PlainSession
from footcare.services.build import UseCases
from footcare.services.status import short_line, status, status_lines
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from shipped import ROUTINES as BUNDLED_ROUTINES

ROUTINES = ("knees", "backs", "quick", *BUNDLED_ROUTINES, None)
"""Routines a person may choose in a day (None: the gate asked with no routine, as
``footcare status`` does)."""
ASKS_AFTER = (StopCause.PAIN, StopCause.UNWELL)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return folder(tmp_path)


def verdict_for(services: UseCases, routine_id: str | None) -> Verdict:
    routine = services.settings.routine(routine_id) if routine_id else None
    assert routine_id is None or routine is not None
    return services.gate.verdict(routine)


def refused_for_the_knee(verdict: Verdict) -> None:
    assert not verdict.may_start
    [reason] = [r for r in verdict.blocks if r.item.id == "knees:knee"]
    assert reason.kind is ReasonKind.BLOCKED
    assert reason.message == KNEE_QUESTION
    assert reason.advice == KNEE_ADVICE
    assert reason.item.label == "Knee"
    state = verdict.item("knees:knee")
    assert state is not None and state.state is ItemState.BLOCKED and state.present is True


# --- a routine's own yes holds for the day ----------------------------------------------


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    chosen=st.lists(st.sampled_from(ROUTINES), min_size=1, max_size=6),
    restart=st.lists(st.booleans(), min_size=6, max_size=6),
    minutes=st.integers(0, 14 * 60),
)
def test_a_routines_yes_refuses_every_routine_chosen_that_day(
    tmp_path_factory: pytest.TempPathFactory,
    chosen: list[str | None],
    restart: list[bool],
    minutes: int,
) -> None:
    paths = folder(tmp_path_factory.mktemp("day"))
    moment = Moment(NOW.replace(hour=0, minute=0) + timedelta(minutes=5))
    services = services_at(paths, moment)
    answer_every_no(services, "knees")
    knee_yes(services)
    for routine_id, again in zip(chosen, restart, strict=False):
        moment.advance(minutes * 60 / len(chosen))
        if again:  # footcare closed and opened again, or another client
            services = services_at(paths, moment)
        answer_every_no(services, routine_id)
        verdict = verdict_for(services, routine_id)
        refused_for_the_knee(verdict)
        routine = services.settings.routine(routine_id) if routine_id else None
        if routine is not None:
            with pytest.raises(ScreeningRequired):
                services.sessions.start(routine, Ratings())
        # every client reads the same: footcare status names it too
        report = status(services)
        assert not report.may_start
        assert any(r.item.id == "knees:knee" and r.message == KNEE_QUESTION for r in report.reasons)


def test_a_routines_yes_is_asked_where_the_other_routine_is_and_can_be_taken_back(
    paths: Paths,
) -> None:
    services = services_at(paths, Moment())
    answer_every_no(services, "knees")
    knee_yes(services)
    backs = services.settings.routine("backs")
    assert backs is not None
    ids = [i.id for i in services.gate.items(backs)]
    # core first, the chosen routine's own, then the day's yes from the other routine
    assert ids.index("wound") < ids.index("backs:back") < ids.index("knees:knee")
    assert ids.count("knees:knee") == 1
    # taking it back is asked first and noted, as for any yes
    assert not services.gate.answer_block("knees:knee", False)
    assert services.gate.answer_block("knees:knee", False, confirmed=True)
    answer_every_no(services, "backs")
    assert services.gate.verdict(backs).may_start


def test_a_routine_changed_later_that_day_does_not_change_what_was_answered(
    paths: Paths,
) -> None:
    moment = Moment()
    services = services_at(paths, moment)
    answer_every_no(services, "knees")
    knee_yes(services)
    (paths.config / "routines" / "knees.toml").unlink()
    services = services_at(paths, moment)
    answer_every_no(services, "quick")
    refused_for_the_knee(verdict_for(services, "quick"))
    # the next day it is gone
    moment.advance(24 * 3600)
    services = services_at(paths, moment)
    answer_every_no(services, "backs")
    assert verdict_for(services, "backs").may_start
    assert verdict_for(services, "backs").item("knees:knee") is None


# --- after a stop because it hurt or for feeling unwell ---------------------------------


def stopped(paths: Paths, moment: Moment, cause: StopCause) -> UseCases:
    services = services_at(paths, moment)
    answer_every_no(services, "quick")
    routine = services.settings.routine("quick")
    assert routine is not None
    runner = services.sessions.start(routine, Ratings(pain=3))
    moment.advance(2)
    runner.tick()
    runner.stop(cause, "my words")
    services.close()  # footcare closed: its claim on the session with it
    return services_at(paths, moment)


@pytest.mark.parametrize("cause", CHOOSABLE, ids=lambda c: c.value)
def test_the_next_start_asks_first_after_a_stop_for_pain_or_feeling_unwell(
    paths: Paths, cause: StopCause
) -> None:
    moment = Moment()
    stopped(paths, moment, cause)
    for routine_id in ("quick", "knees", None):
        services = services_at(paths, moment)
        items = services.gate.items(services.settings.routine(routine_id) if routine_id else None)
        asks = cause in ASKS_AFTER
        assert (items[0] == AFTER_STOP_ITEM) is asks
        assert (AFTER_STOP_ITEM in items) is asks
    services = services_at(paths, moment)
    if cause not in ASKS_AFTER:  # an ordinary day: footcare status asks nothing first
        report = status(services)
        assert report.asked_first == () and report.as_json()["asked_first"] == []
        assert not any("first asks" in line for line in status_lines(report))
        assert "question first" not in short_line(report)
        return
    # the core's questions answered alone: the after-stop one is still to do
    for item in services.gate.items(None):
        if item.tier is Tier.BLOCK and item != AFTER_STOP_ITEM:
            services.gate.answer_block(item.id, False)
        elif item.tier is Tier.REMIND:
            services.gate.acknowledge(item.id, True)
    verdict = verdict_for(services, "quick")
    assert not verdict.may_start
    assert [(r.item.id, r.kind) for r in verdict.reasons] == [("after-stop", ReasonKind.UNANSWERED)]


def test_after_a_stop_no_lets_the_person_go_on_and_yes_blocks_the_day(paths: Paths) -> None:
    moment = Moment()
    services = stopped(paths, moment, StopCause.PAIN)
    answer_every_no(services, "quick")
    assert verdict_for(services, "quick").may_start  # "no": it has passed
    routine = services.settings.routine("quick")
    assert routine is not None
    services.sessions.start(routine, Ratings())
    moment.advance(2)
    assert services.sessions.runner is not None
    services.sessions.runner.stop(StopCause.UNWELL)
    services = services_at(paths, moment)
    # asked again after the second stop, and this time it has not passed
    answer_every_no(services, "quick")
    assert verdict_for(services, "quick").may_start
    assert services.gate.answer_block(AFTER_STOP_ITEM.id, True)
    for routine_id in ROUTINES:
        services = services_at(paths, moment)
        answer_every_no(services, routine_id)
        verdict = verdict_for(services, routine_id)
        assert not verdict.may_start
        [reason] = verdict.blocks
        assert reason.item == AFTER_STOP_ITEM
        assert reason.message == AFTER_STOP_ITEM.question
        assert "rest your feet" in reason.advice
    moment.advance(24 * 3600)
    services = services_at(paths, moment)
    answer_every_no(services, "quick")
    assert verdict_for(services, "quick").may_start
    assert AFTER_STOP_ITEM not in services.gate.items(None)


def test_deleting_the_stopped_sessions_entry_does_not_lift_the_question(paths: Paths) -> None:
    moment = Moment()
    stopped(paths, moment, StopCause.PAIN)
    journal = JournalStore(paths)
    [entry] = [e for e in journal.load().entries if e.session is not None]
    journal.set_deleted(entry, True)
    services = services_at(paths, moment)
    assert services.gate.items(None)[0] == AFTER_STOP_ITEM
    for month in journal.month_files():  # even taken out of the files by hand
        month.unlink()
    services = services_at(paths, moment)
    assert services.gate.items(None)[0] == AFTER_STOP_ITEM


def test_a_stop_just_before_midnight_is_not_asked_about_the_next_day(paths: Paths) -> None:
    moment = Moment(NOW.replace(hour=23, minute=59, second=50))
    stopped(paths, moment, StopCause.UNWELL)
    services = services_at(paths, moment)
    assert services.gate.items(None)[0] == AFTER_STOP_ITEM
    moment.advance(60)
    services = services_at(paths, moment)
    assert AFTER_STOP_ITEM not in services.gate.items(None)


def test_a_stop_whose_writing_failed_is_asked_about_once_footcare_settles_it(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed (or the disk full) right after the stop: the session file still holds the
    ended session, and the next start puts the stop in the record before asking."""
    from footcare.services.gate import Gate
    from footcare.storage.errors import StorageError

    def full(self: Gate, *args: object, **kwargs: object) -> None:
        raise StorageError(paths.safety_record, "could not be written (disk full)", "free space")

    moment = Moment()
    with monkeypatch.context() as patched:
        patched.setattr(Gate, "record_signs", full)
        stopped(paths, moment, StopCause.UNWELL)
    services = services_at(paths, moment)
    assert AFTER_STOP_ITEM not in services.gate.items(None)  # nothing written yet
    services.sessions.settle()
    assert services.gate.items(None)[0] == AFTER_STOP_ITEM


def plain(services: UseCases, typed: str) -> tuple[int, str]:
    out = io.StringIO()
    session = PlainSession(services, out, Lines(io.StringIO(typed)), bell=False)
    return session.run("quick"), out.getvalue()


def test_plain_asks_first_after_the_stop_and_a_yes_refuses_with_the_advice(paths: Paths) -> None:
    moment = Moment()
    services = stopped(paths, moment, StopCause.PAIN)
    code, text = plain(services, "\n" * 4 + "y\n")
    said = " ".join(text.split())
    assert code != 0
    first = said.index(" ".join(AFTER_STOP_ITEM.question.split()))
    assert first < said.index(f'No massage today: you answered yes to "{AFTER_STOP_ITEM.label}".')
    assert "wound" not in said[:first].lower()  # no other question came before it
    assert " ".join(AFTER_STOP_ITEM.advice.split()) in said
    assert "open wound" not in said  # it stopped at the first yes


def test_plain_a_no_to_the_after_stop_question_goes_on(paths: Paths) -> None:
    moment = Moment()
    services = stopped(paths, moment, StopCause.UNWELL)
    out = io.StringIO()
    answers = "n\n" * 6 + "\n"  # the after-stop question and the five core ones, reminders
    session = PlainSession(services, out, Lines(io.StringIO(answers)), bell=False)
    routine = services.settings.routine("quick")
    assert routine is not None
    verdict = session.screening(routine)
    said = " ".join(out.getvalue().split())
    assert said.index(" ".join(AFTER_STOP_ITEM.question.split())) < said.index("open wound")
    assert verdict.may_start


def test_status_says_the_next_start_asks_first_and_a_yes_is_a_reason(paths: Paths) -> None:
    moment = Moment()
    services = stopped(paths, moment, StopCause.PAIN)
    report = status(services)
    assert report.may_start
    assert report.asked_first == (AFTER_STOP_ITEM,)
    assert report.as_json()["asked_first"] == [
        {"item": "after-stop", "title": "After today's stop", "question": AFTER_STOP_ITEM.question}
    ]
    text = " ".join(" ".join(status_lines(report)).split())
    assert f"The next start first asks: {AFTER_STOP_ITEM.question}" in text
    assert "after today's stop, a question first" in short_line(report)
    services.gate.answer_block(AFTER_STOP_ITEM.id, True)
    report = status(services_at(paths, moment))
    assert not report.may_start
    assert report.asked_first == ()
    assert [(r.item.id, r.kind) for r in report.reasons] == [("after-stop", ReasonKind.BLOCKED)]
    lines = status_lines(report)
    assert lines[0] == f'No massage today: you answered yes to "{AFTER_STOP_ITEM.label}".'
    assert "rest your feet" in " ".join(" ".join(lines).split())
