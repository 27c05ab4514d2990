"""Screening: unanswered is unmet, BLOCK blocks, clearances expire and red flags void them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from footcare.domain.routine import parse_routine
from footcare.domain.screening import (
    AFTER_STOP_ITEM,
    CORE_ITEMS,
    FILES_ITEM,
    Answers,
    Clearance,
    Item,
    ItemState,
    Reason,
    ReasonKind,
    Tier,
    add_months,
    all_items,
    clearance_months,
    evaluate,
)
from footcare.domain.session import ScreeningRequired, Session
from footcare.domain.signs import WarningSign

TODAY = date(2026, 3, 15)
BLOCK_IDS = [i.id for i in CORE_ITEMS if i.tier is Tier.BLOCK]
CLEARANCE_IDS = [i.id for i in CORE_ITEMS if i.tier is Tier.CLEARANCE]
REMIND_IDS = [i.id for i in CORE_ITEMS if i.tier is Tier.REMIND]


def all_clear(
    on: date = TODAY - timedelta(days=30),
    applies: frozenset[str] = frozenset({"discussed"}),
    **override: Clearance,
) -> Answers:
    """Everything answered well: no BLOCK sign, every CLEARANCE recorded, every REMIND seen."""
    clearances = {i: Clearance(i, i in applies, on) for i in CLEARANCE_IDS}
    clearances.update(override)
    return Answers(
        blocks=dict.fromkeys(BLOCK_IDS, False),
        acknowledged=frozenset(REMIND_IDS),
        clearances=clearances,
    )


def clear_but(blocks: dict[str, bool], acknowledged: frozenset[str] = frozenset()) -> Answers:
    """all_clear(), with these answers to block questions, and these reminders seen too."""
    clear = all_clear()
    return Answers({**clear.blocks, **blocks}, clear.acknowledged | acknowledged, clear.clearances)


def kinds(answers: Answers, **kwargs: object) -> dict[str, ReasonKind]:
    verdict = evaluate(answers, kwargs.pop("today", TODAY), **kwargs)  # type: ignore[arg-type]
    return {r.item.id: r.kind for r in verdict.reasons}


def test_the_tiers_hold_the_items_safety_md_lists() -> None:
    assert BLOCK_IDS == ["wound", "infection", "one-leg", "clot-treatment", "injury"]
    assert len(CLEARANCE_IDS) == 9
    assert CLEARANCE_IDS[0] == "discussed"
    assert "high-risk-foot" in CLEARANCE_IDS
    assert len(REMIND_IDS) == 5


def test_all_clear_allows() -> None:
    verdict = evaluate(all_clear(), TODAY)
    assert verdict.may_start
    assert verdict.reasons == ()
    assert verdict.lighter_pressure is False


def test_nothing_answered_means_every_item_is_unmet() -> None:
    verdict = evaluate(Answers(), TODAY)
    assert not verdict.may_start
    assert verdict.blocks == ()
    got = {r.item.id: r.kind for r in verdict.unmet}
    assert set(got) == {i.id for i in CORE_ITEMS}
    for item_id in BLOCK_IDS + CLEARANCE_IDS:
        assert got[item_id] is ReasonKind.UNANSWERED
    for item_id in REMIND_IDS:
        assert got[item_id] is ReasonKind.NOT_ACKNOWLEDGED


@pytest.mark.parametrize(
    ("item_id", "kind"),
    [
        *((i, ReasonKind.UNANSWERED) for i in BLOCK_IDS + CLEARANCE_IDS),
        *((i, ReasonKind.NOT_ACKNOWLEDGED) for i in REMIND_IDS),
    ],
)
def test_each_item_left_unanswered_is_unmet(item_id: str, kind: ReasonKind) -> None:
    clear = all_clear()
    blocks = {k: v for k, v in clear.blocks.items() if k != item_id}
    clearances = {k: v for k, v in clear.clearances.items() if k != item_id}
    assert kinds(Answers(blocks, clear.acknowledged - {item_id}, clearances)) == {item_id: kind}


@pytest.mark.parametrize("item_id", BLOCK_IDS)
def test_each_block_item_answered_yes_blocks(item_id: str) -> None:
    verdict = evaluate(clear_but({item_id: True}), TODAY)
    assert not verdict.may_start
    assert [r.item.id for r in verdict.blocks] == [item_id]
    assert verdict.blocks[0].kind is ReasonKind.BLOCKED
    assert "Don't massage" in verdict.blocks[0].advice
    assert verdict.unmet == ()


def test_discussed_applies_to_everyone() -> None:
    result = kinds(all_clear(applies=frozenset()))
    assert result == {"discussed": ReasonKind.NEEDS_CLEARANCE}


def test_clearance_recorded_in_the_future_counts_as_unanswered() -> None:
    future = Clearance("discussed", True, TODAY + timedelta(days=1))
    assert kinds(all_clear(discussed=future)) == {"discussed": ReasonKind.UNANSWERED}


# --- expiry -------------------------------------------------------------------------------


def test_clearance_expires_after_3_months_when_high_risk_foot_applies() -> None:
    on = date(2026, 1, 10)
    answers = all_clear(on=on, applies=frozenset({"discussed", "high-risk-foot"}))
    assert clearance_months(answers) == clearance_months(answers, 12) == 3
    assert evaluate(answers, date(2026, 4, 9)).may_start
    verdict = evaluate(answers, date(2026, 4, 10))
    assert not verdict.may_start
    assert {r.kind for r in verdict.unmet} == {ReasonKind.EXPIRED}
    # configured months can't lengthen it
    assert not evaluate(answers, date(2026, 4, 10), configured_months=12).may_start


def test_high_risk_foot_answered_no_keeps_12_months() -> None:
    answers = all_clear(on=date(2026, 1, 10))
    assert clearance_months(answers) == 12
    assert evaluate(answers, date(2026, 12, 1)).may_start


@pytest.mark.parametrize(
    ("configured", "expected"),
    [(12, 12), (6, 6), (1, 1), (24, 12), (100, 12), (0, 1), (-5, 1)],
)
def test_configured_months_can_only_shorten(configured: int, expected: int) -> None:
    assert clearance_months(all_clear(), configured) == expected


def test_configured_months_shorten_expiry_but_never_lengthen_it() -> None:
    answers = all_clear(on=date(2025, 12, 15))
    assert not evaluate(answers, TODAY, configured_months=3).may_start
    assert evaluate(answers, TODAY, configured_months=4).may_start
    late = all_clear(on=date(2025, 3, 1))
    assert not evaluate(late, TODAY, configured_months=36).may_start


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 3, 15), 12, date(2026, 3, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


# --- warning signs ------------------------------------------------------------------------


def sign(day: date, hour: int = 8, finding: str = "wound", side: str = "left") -> WarningSign:
    at = datetime.combine(day, time(hour))
    return WarningSign(finding, side, at, at, f"entry-{day}-{hour}")


def check(on: date, hour: int = 12) -> Clearance:
    return Clearance("discussed", True, on, datetime.combine(on, time(hour)))


def test_same_day_warning_sign_stops_sessions_until_a_check_is_recorded_after_it() -> None:
    noted = sign(TODAY, hour=9)
    verdict = evaluate(all_clear(), TODAY, signs=[noted])
    assert not verdict.may_start
    assert verdict.unmet[0].kind is ReasonKind.CHECK_NEEDED
    assert verdict.unmet[0].sign == noted
    assert verdict.pending_signs == (noted,)
    assert TODAY.isoformat() in verdict.unmet[0].message
    # checked the same day, written down after the sign: allowed
    assert evaluate(all_clear(discussed=check(TODAY, 10)), TODAY, signs=[noted]).may_start
    # written down before the sign was noticed: not
    assert not evaluate(all_clear(discussed=check(TODAY, 8)), TODAY, signs=[noted]).may_start
    # a check dated the day before the sign does not count
    yesterday = check(TODAY - timedelta(days=1))
    assert not evaluate(all_clear(discussed=yesterday), TODAY, signs=[noted]).may_start


def test_a_warning_sign_keeps_blocking_on_later_days_until_checked() -> None:
    noted = sign(TODAY - timedelta(days=5))
    assert not evaluate(all_clear(), TODAY, signs=[noted]).may_start
    after = check(TODAY - timedelta(days=3))
    assert evaluate(all_clear(discussed=after), TODAY, signs=[noted]).may_start


def test_a_check_written_before_a_back_dated_sign_was_recorded_does_not_answer_it() -> None:
    """A sign entered today for last week was not seen by a professional who checked on
    Tuesday: the check is older than the record of the sign."""
    at = datetime.combine(TODAY - timedelta(days=7), time(9))
    late = WarningSign("wound", "left", at, datetime.combine(TODAY, time(9)), "late")
    earlier_check = check(TODAY - timedelta(days=3))
    assert not evaluate(all_clear(discussed=earlier_check), TODAY, signs=[late]).may_start
    assert evaluate(all_clear(discussed=check(TODAY, 10)), TODAY, signs=[late]).may_start


def test_discussed_answered_no_after_a_warning_sign_does_not_clear_it() -> None:
    no = Clearance("discussed", False, TODAY, datetime.combine(TODAY, time(12)))
    verdict = evaluate(all_clear(discussed=no), TODAY, signs=[sign(TODAY - timedelta(days=1))])
    kinds_seen = [r.kind for r in verdict.unmet]
    assert kinds_seen == [ReasonKind.CHECK_NEEDED]  # the check recorded answers the question too
    row = verdict.item("discussed")
    assert row is not None and row.state is ItemState.NEEDS_CLEARANCE  # its row says so


def test_a_warning_sign_dated_in_the_future_counts_from_today() -> None:
    """A clock set back, or one running fast when the sign was logged: never ignored."""
    ahead = sign(TODAY + timedelta(days=3))
    verdict = evaluate(all_clear(), TODAY, signs=[ahead])
    assert not verdict.may_start
    assert verdict.unmet[0].kind is ReasonKind.CHECK_NEEDED
    assert verdict.unmet[0].sign is not None and verdict.unmet[0].sign.day == TODAY
    # a check today, written down today, answers it; one dated yesterday does not
    assert evaluate(all_clear(discussed=check(TODAY)), TODAY, signs=[ahead]).may_start
    early = check(TODAY - timedelta(days=1))
    assert not evaluate(all_clear(discussed=early), TODAY, signs=[ahead]).may_start


def test_a_sign_that_does_not_need_a_professional_today_does_not_block() -> None:
    soon = sign(TODAY, finding="swelling", side="both")
    assert evaluate(all_clear(), TODAY, signs=[soon]).may_start


def test_go_aheads_given_before_a_warning_sign_are_void_and_name_it() -> None:
    noted = sign(TODAY - timedelta(days=3))
    applies = frozenset({"discussed", "past-clot", "swollen"})
    answers = all_clear(on=TODAY - timedelta(days=10), applies=applies, discussed=check(TODAY))
    verdict = evaluate(answers, TODAY, signs=[noted])
    assert {r.item.id: r.kind for r in verdict.reasons} == {
        "past-clot": ReasonKind.VOIDED,
        "swollen": ReasonKind.VOIDED,
    }
    for item_id in ("past-clot", "swollen"):
        state = verdict.item(item_id)
        assert state is not None
        assert state.state is ItemState.VOIDED and state.voided_by == noted


def test_every_unanswered_sign_counts_not_only_the_latest() -> None:
    signs = [sign(TODAY - timedelta(days=20)), sign(TODAY - timedelta(days=2))]
    between = check(TODAY - timedelta(days=10))
    verdict = evaluate(all_clear(discussed=between), TODAY, signs=signs)
    assert not verdict.may_start
    assert verdict.pending_signs == (signs[1],)


def test_last_valid_day_is_the_day_before_the_go_ahead_is_asked_again() -> None:
    given = TODAY - timedelta(days=40)
    answers = all_clear(on=given)
    last = add_months(given, 12) - timedelta(days=1)
    state = evaluate(answers, TODAY).item("past-clot")
    assert state is not None and state.last_valid_day == last
    assert evaluate(answers, last).may_start
    day_after = kinds(answers, today=add_months(given, 12))  # every go-ahead expired at once
    assert day_after == dict.fromkeys(CLEARANCE_IDS, ReasonKind.EXPIRED)


def test_lighter_pressure_for_blood_thinners_or_severe_neuropathy() -> None:
    for item_id in ("blood-thinners", "severe-neuropathy"):
        verdict = evaluate(all_clear(applies=frozenset({"discussed", item_id})), TODAY)
        assert verdict.may_start and verdict.lighter_pressure is True


def test_standing_reasons_leave_out_todays_questions_only() -> None:
    verdict = evaluate(Answers(clearances=all_clear().clearances), TODAY)
    assert not verdict.may_start
    assert verdict.standing == ()
    blocked = Answers({"wound": True}, frozenset(), all_clear().clearances)
    assert [r.kind for r in evaluate(blocked, TODAY).standing] == [ReasonKind.BLOCKED]


# --- routine-added items ------------------------------------------------------------------


def test_routine_added_items_appear_and_count() -> None:
    extra = Item("knees:knee", Tier.REMIND, "Cushion your knee.", "Use a pillow.", core=False)
    verdict = evaluate(all_clear(), TODAY, extra_items=[extra])
    assert [r.item.id for r in verdict.unmet] == ["knees:knee"]
    acknowledged = clear_but({}, frozenset({"knees:knee"}))
    assert evaluate(acknowledged, TODAY, extra_items=[extra]).may_start
    bruise = Item("r:bruise", Tier.BLOCK, "Bruised?", "Wait.", core=False)
    blocked = evaluate(clear_but({"r:bruise": True}), TODAY, [bruise])
    assert [r.item.id for r in blocked.blocks] == ["r:bruise"]


@pytest.mark.parametrize("item_id", [*BLOCK_IDS, "discussed"])
def test_routine_items_cannot_remove_or_weaken_core_ones(item_id: str) -> None:
    weak = Item(item_id, Tier.REMIND, "Never mind.", "Carry on.", core=False)
    answers = all_clear()
    if item_id in BLOCK_IDS:
        blocks = {**answers.blocks, item_id: True}
        verdict = evaluate(Answers(blocks, answers.acknowledged | {item_id}, {}), TODAY, [weak])
        assert item_id in [r.item.id for r in verdict.blocks]
    else:
        clearances = dict(answers.clearances)
        del clearances[item_id]
        acknowledged = answers.acknowledged | {item_id}
        verdict = evaluate(Answers(answers.blocks, acknowledged, clearances), TODAY, [weak])
        assert [r.item.id for r in verdict.unmet] == [item_id]
        assert verdict.unmet[0].item.tier is Tier.CLEARANCE
    assert not verdict.may_start


def test_a_parsed_routine_precaution_reaches_the_screening() -> None:
    routine = parse_routine(
        {
            "id": "mine",
            "name": "Mine",
            "steps": [{"name": "s", "duration": 600, "instructions": "i"}],
            "precautions": [{"id": "p", "tier": "remind", "question": "q", "advice": "a"}],
        },
        default_id="mine",
    )
    verdict = evaluate(all_clear(), TODAY, extra_items=routine.precautions)
    assert [r.item.id for r in verdict.unmet] == ["mine:p"]


# --- sessions need a passing verdict ------------------------------------------------------


def test_session_start_raises_screening_required_for_a_failing_verdict() -> None:
    routine = parse_routine(
        {"name": "x", "steps": [{"name": "s", "duration": 600, "instructions": "i"}]}, "x"
    )
    with pytest.raises(ScreeningRequired):
        Session.start(routine, evaluate(Answers(), TODAY), 0.0, TODAY.isoformat())
    answers = all_clear()
    blocked = clear_but({"wound": True})
    with pytest.raises(ScreeningRequired):
        Session.start(routine, evaluate(blocked, TODAY), 0.0, TODAY.isoformat())
    session = Session.start(routine, evaluate(answers, TODAY), 0.0, TODAY.isoformat())
    assert not session.paused


# --- what each state says, exactly (the words are shown as they are) ------------------------


def test_each_reason_says_its_message_and_advice() -> None:
    items = {i.id: i for i in CORE_ITEMS}
    clearances = {
        "discussed": Clearance("discussed", False, TODAY),
        "past-clot": Clearance("past-clot", True, TODAY - timedelta(days=400)),
    }
    verdict = evaluate(Answers({"wound": True}, frozenset(), clearances), TODAY)
    said = {r.item.id: (r.kind, r.message, r.advice) for r in verdict.reasons}
    assert {k: said[k] for k in ("wound", "infection", "discussed", "past-clot", "check-feet")} == {
        "wound": (ReasonKind.BLOCKED, items["wound"].question, items["wound"].advice),
        "infection": (ReasonKind.UNANSWERED, "Not answered yet", items["infection"].question),
        "discussed": (
            ReasonKind.NEEDS_CLEARANCE,
            "A professional's go-ahead is needed",
            items["discussed"].advice,
        ),
        "past-clot": (
            ReasonKind.EXPIRED,
            "The recorded go-ahead has expired; ask again",
            items["past-clot"].advice,
        ),
        "check-feet": (
            ReasonKind.NOT_ACKNOWLEDGED,
            "Not acknowledged",
            items["check-feet"].question,
        ),
    }


def test_a_voided_go_ahead_and_the_check_asked_for_say_which_sign() -> None:
    noted = sign(TODAY - timedelta(days=2))
    answers = all_clear(applies=frozenset({"discussed", "past-clot"}))
    verdict = evaluate(answers, TODAY, signs=[noted])
    check, clot = verdict.unmet
    assert check.kind is ReasonKind.CHECK_NEEDED and check.sign == noted
    assert check.item.id == "discussed"
    assert check.message == (
        f"A warning sign was noted on {noted.day.isoformat()}: "
        "new wound, blister or cut (left foot)"
    )
    assert check.advice == (
        "Have your doctor, nurse or podiatrist check your feet, then record that check: "
        'answer y to "Talked with a professional" and give the date of the check.'
    )
    assert clot.kind is ReasonKind.VOIDED and clot.sign == noted
    assert clot.message == (
        "Needed again: since this go-ahead, a warning sign was noted on "
        f"{noted.day.isoformat()}: new wound, blister or cut (left foot)"
    )
    assert clot.advice == next(i for i in CORE_ITEMS if i.id == "past-clot").advice


def test_an_unreadable_file_is_the_first_reason_and_names_it() -> None:
    verdict = evaluate(all_clear(), TODAY, unreadable=["journal/2026-03.toml: not valid TOML"])
    (reason,) = verdict.reasons
    assert reason.kind is ReasonKind.UNREADABLE
    assert reason.item.id == "files-readable"
    assert reason.message == (
        "A file can't be read, so warning signs in it can't be checked "
        "(journal/2026-03.toml: not valid TOML)"
    )
    assert reason.advice == "Fix that file or put back a backup of it, then come back."


def test_a_settings_lifetime_that_cant_be_read_keeps_the_gate_shut_after_the_files() -> None:
    why = "config.toml: clearance_months must be a whole number"
    verdict = evaluate(
        all_clear(), TODAY, unreadable=["safety.toml: not valid TOML"], months_unknown=why
    )
    assert not verdict.may_start
    assert verdict.reasons == (
        Reason(
            FILES_ITEM,
            ReasonKind.UNREADABLE,
            "A file can't be read, so warning signs in it can't be checked "
            "(safety.toml: not valid TOML)",
            "Fix that file or put back a backup of it, then come back.",
        ),
        Reason(
            FILES_ITEM,
            ReasonKind.UNREADABLE,
            "How long a go-ahead lasts can't be read from your settings, so whether yours "
            f"are still valid can't be known ({why})",
            "Fix that file (clearance_months is a whole number from 1 to 12), then come back.",
        ),
    )
    assert evaluate(all_clear(), TODAY, months_unknown="").may_start


def test_item_states_carry_their_record_and_last_valid_day() -> None:
    given = TODAY - timedelta(days=10)
    last = add_months(given, 12) - timedelta(days=1)
    old = TODAY - timedelta(days=400)
    clearances = {
        "discussed": Clearance("discussed", False, given),
        "past-clot": Clearance("past-clot", False, old),
        "swollen": Clearance("swollen", False, given),
        "circulation": Clearance("circulation", True, given, datetime.combine(given, time(8))),
    }
    answers = Answers({"wound": False}, frozenset(), clearances)
    noted = sign(TODAY)  # today, after the go-ahead
    verdict = evaluate(answers, TODAY, signs=[noted])
    states = {v.item.id: v for v in verdict.items}
    assert {
        k: (states[k].state, states[k].record, states[k].last_valid_day) for k in clearances
    } == {
        "discussed": (ItemState.NEEDS_CLEARANCE, clearances["discussed"], last),
        "past-clot": (
            ItemState.EXPIRED,
            clearances["past-clot"],
            add_months(old, 12) - timedelta(days=1),
        ),
        "swollen": (ItemState.OK, clearances["swollen"], last),
        "circulation": (ItemState.VOIDED, clearances["circulation"], last),
    }
    assert states["swollen"].ok and states["circulation"].voided_by == noted
    assert states["wound"].present is False and states["infection"].present is None
    assert verdict.item("nothing-like-this") is None


NOON = datetime.combine(TODAY, time(14))


@pytest.mark.parametrize(
    ("on", "recorded", "answers"),
    [
        (TODAY, NOON.replace(hour=9), False),  # the same day, written before the sign
        (TODAY, NOON.replace(hour=18), True),  # the same day, written after it
        (TODAY, None, False),  # the same day, when written unknown
        (TODAY, NOON, False),  # at the very moment the sign was noted
        (TODAY + timedelta(days=1), None, True),
        (TODAY + timedelta(days=1), NOON, True),  # a later day, written as the sign was
    ],
)
def test_a_check_on_the_day_of_a_warning_sign_counts_only_if_written_after_it(
    on: date, recorded: datetime | None, answers: bool
) -> None:
    noted = sign(TODAY, hour=14)
    assert Clearance("discussed", True, on, recorded).answers(noted) is answers


def test_pending_signs_are_in_the_order_they_were_noticed() -> None:
    later, earlier = sign(TODAY, hour=11), sign(TODAY, hour=7, side="right")
    verdict = evaluate(all_clear(), TODAY, signs=[later, earlier])
    assert verdict.pending_signs == (earlier, later)
    assert verdict.unmet[0].sign == later


# --- what the day's record adds, whatever routine is chosen --------------------------------

KNEE = Item("knees:knee", Tier.BLOCK, "Knee painful?", "Rest it.", core=False, title="Knee")
BACK = Item("backs:back", Tier.BLOCK, "Back stiff?", "Wait.", core=False)


def test_the_after_stop_question_comes_first_and_counts_like_any_block() -> None:
    verdict = evaluate(all_clear(), TODAY, held=(AFTER_STOP_ITEM,))
    assert verdict.items[0].item == AFTER_STOP_ITEM
    assert verdict.items[0].state is ItemState.UNANSWERED
    assert [(r.item.id, r.kind) for r in verdict.reasons] == [("after-stop", ReasonKind.UNANSWERED)]
    assert verdict.standing == ()  # asked before the session, like today's other questions
    said_no = clear_but({"after-stop": False})
    assert evaluate(said_no, TODAY, held=(AFTER_STOP_ITEM,)).may_start
    said_yes = clear_but({"after-stop": True})
    blocked = evaluate(said_yes, TODAY, held=(AFTER_STOP_ITEM,))
    [reason] = blocked.blocks
    assert (reason.item, reason.kind) == (AFTER_STOP_ITEM, ReasonKind.BLOCKED)
    assert (reason.message, reason.advice) == (AFTER_STOP_ITEM.question, AFTER_STOP_ITEM.advice)
    assert blocked.standing == (reason,)
    # without a stop today the question is not there, answered or not
    assert evaluate(said_yes, TODAY).may_start
    assert evaluate(said_yes, TODAY).item("after-stop") is None


def test_a_held_yes_from_another_routine_blocks_this_one() -> None:
    answers = clear_but({KNEE.id: True, BACK.id: False})
    verdict = evaluate(answers, TODAY, extra_items=(BACK,), held=(KNEE,))
    [reason] = verdict.blocks
    assert (reason.item, reason.message, reason.advice) == (KNEE, "Knee painful?", "Rest it.")
    assert reason.item.label == "Knee"
    assert evaluate(answers, TODAY, extra_items=(BACK,)).may_start  # without it: forgotten


def test_every_question_once_the_days_own_first_the_held_ones_last() -> None:
    wound_again = Item("wound", Tier.BLOCK, "Fake?", "None.", core=False)
    fake_stop = Item("after-stop", Tier.BLOCK, "A routine's?", "None.", core=False)
    items = all_items((BACK, fake_stop, BACK), iter((KNEE, AFTER_STOP_ITEM, BACK, wound_again)))
    assert items == (AFTER_STOP_ITEM, *CORE_ITEMS, BACK, KNEE)
    assert all_items((BACK,), (KNEE,)) == (*CORE_ITEMS, BACK, KNEE)
    # a routine can't add the after-stop question: only a stop on record does
    assert all_items((fake_stop,)) == CORE_ITEMS
    assert all_items() == CORE_ITEMS


def test_a_routines_question_without_a_title_is_named_by_its_words_not_its_id() -> None:
    from footcare.domain.todo import to_do

    knee = Item("max:knee", Tier.BLOCK, "Is your left knee sore today?", "Rest it.")
    assert knee.label == "Is your left knee sore today?"
    answers = replace(all_clear(), blocks={**all_clear().blocks, knee.id: True})
    verdict = evaluate(answers, TODAY, extra_items=[knee])
    held = to_do(verdict).held()
    assert held == 'No massage today: you answered yes to "Is your left knee sore today?".'
    assert "max:knee" not in held
