"""The safety record: it only grows, it notices hand edits, and it never gets written over
when it can't be trusted."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from footcare.domain.safety import (
    BlockAnswer,
    Event,
    SafetyRecord,
    SessionStop,
    event_fields,
    new_signs,
    new_stops,
    record_from_dict,
    record_to_dict,
    signs_as_of,
    signs_in,
)
from footcare.domain.safety_events import FORMAT
from footcare.domain.screening import (
    AFTER_STOP_ITEM,
    Answers,
    Clearance,
    Item,
    ItemState,
    ReasonKind,
    Tier,
    Verdict,
    evaluate,
)
from footcare.domain.signs import SignSource, WarningSign
from footcare.domain.stops import StopCause
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore, UntrustedRecord
from footcare.storage.state import ClearanceStore

T0 = datetime(2026, 11, 20, 9, 0)


def moment(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


events_strategy = st.lists(
    st.one_of(
        st.builds(
            lambda i, f, side: WarningSign(
                f, side, moment(i), moment(i + 1), f"entry-{i}", SignSource.JOURNAL
            ),
            st.integers(0, 5000),
            st.sampled_from(["wound", "redness", "pus", "chest", "swelling"]),
            st.sampled_from(["left", "right", "both", "yes"]),
        ),
        st.builds(
            lambda i, item, applies: Clearance(item, applies, moment(i).date(), moment(i)),
            st.integers(0, 5000),
            st.sampled_from(["discussed", "past-clot", "blood-thinners"]),
            st.booleans(),
        ),
        st.builds(
            lambda i, item, present: BlockAnswer(item, moment(i).date(), present, moment(i)),
            st.integers(0, 5000),
            st.sampled_from(["wound", "infection", "one-leg", "after-stop"]),
            st.booleans(),
        ),
        st.builds(
            lambda i, present, words: BlockAnswer(
                "knees:knee", moment(i).date(), present, moment(i), *words
            ),
            st.integers(0, 5000),
            st.booleans(),
            st.tuples(*(st.text(min_size=1, max_size=30) for _ in range(3))),
        ),
        st.builds(
            lambda i, cause: SessionStop(cause, moment(i), f"entry-{i}", moment(i + 1)),
            st.integers(0, 5000),
            st.sampled_from(StopCause),
        ),
    ),
    min_size=1,
    max_size=12,
)


def build(events: list[Event]) -> SafetyRecord:
    record = SafetyRecord()
    for event in events:
        record = record.with_event(event)
    return record


def through_toml(record: SafetyRecord) -> dict[str, Any]:
    return tomllib.loads(tomli_w.dumps(record_to_dict(record)))


@settings(deadline=None)  # a loaded machine is not a failure
@given(events_strategy)
def test_a_record_reads_back_exactly_as_written(events: list[Event]) -> None:
    record = build(events)
    back, problems = record_from_dict(through_toml(record))
    assert problems == []
    assert back == record


EDITS = {
    "recorded": lambda v: v + timedelta(days=1),
    "at": lambda v: v - timedelta(days=3),
    "on": lambda v: v + timedelta(days=30),
    "day": lambda v: v + timedelta(days=1),
    "applies": lambda v: not v,
    "present": lambda v: not v,
    "finding": lambda v: "redness" if v != "redness" else "wound",
    "side": lambda v: "right" if v != "right" else "left",
    "item": lambda v: "swollen",
    "entry": lambda v: v + "x",
    "cause": lambda v: "unwell" if v != "unwell" else "pain",
    "question": lambda v: v + "?",
    "title": lambda v: v + "!",
    "advice": lambda v: v + ".",
}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events_strategy, st.data())
def test_any_hand_edit_of_an_event_is_noticed(events: list[Event], data: st.DataObject) -> None:
    raw = through_toml(build(events))
    index = data.draw(st.integers(0, len(raw["events"]) - 1))
    event = raw["events"][index]
    key = data.draw(st.sampled_from(sorted(k for k in event if k in EDITS)))
    event[key] = EDITS[key](event[key])
    _, problems = record_from_dict(raw)
    assert problems, f"editing events[{index}].{key} went unnoticed"


@settings(deadline=None)
@given(events_strategy, st.data())
def test_removing_any_event_is_noticed(events: list[Event], data: st.DataObject) -> None:
    raw = through_toml(build(events))
    index = data.draw(st.integers(0, len(raw["events"]) - 1))
    del raw["events"][index]
    _, problems = record_from_dict(raw)
    assert problems


@given(
    st.one_of(
        st.integers(), st.booleans(), st.floats(allow_nan=False), st.lists(st.text(), max_size=2)
    )
)
def test_a_profile_that_is_no_name_is_the_one_problem_named(profile: Any) -> None:
    data = {"format": FORMAT, "profile": profile, "count": 0, "events": []}
    assert record_from_dict(data)[1] == ["profile: must be a profile name"]


def test_what_the_gate_reads_from_a_record() -> None:
    wound = WarningSign("wound", "left", moment(0), moment(1), "e1")
    record = build(
        [
            Clearance("discussed", True, T0.date(), moment(-60)),
            wound,
            BlockAnswer("wound", T0.date(), True, moment(5)),
            BlockAnswer("infection", T0.date(), True, moment(6)),
            BlockAnswer("infection", T0.date(), False, moment(7)),
            Clearance("discussed", True, T0.date(), moment(30)),
        ]
    )
    assert record.clearances()["discussed"].recorded == moment(30)
    # a yes taken back (confirmed) no longer holds today, but the day stays a blocked day
    assert record.blocks_on(T0.date()) == {"wound": True}
    assert record.blocked_days() == {T0.date(): ("wound", "infection")}
    assert record.blocks_on(T0.date() + timedelta(days=1)) == {}
    again = WarningSign("wound", "left", moment(0), moment(99), "e1")
    other_side = WarningSign("wound", "right", moment(0), moment(99), "e1")
    assert new_signs(record, [again, other_side, other_side]) == [other_side]


# --- what the day holds whatever routine is chosen ------------------------------------------

DAY = T0.date()
KNEE = BlockAnswer("knees:knee", DAY, True, moment(5), "Knee painful?", "Knee", "Rest it.")


def stop(cause: StopCause, minutes: int = 0, entry: str = "e1") -> SessionStop:
    return SessionStop(cause, moment(minutes), entry, moment(minutes + 1))


def test_a_routines_yes_is_held_for_the_day_with_its_words_not_another_days() -> None:
    next_day = BlockAnswer("knees:knee", DAY + timedelta(days=1), True, moment(9), "Knee sore?")
    record = build([KNEE, BlockAnswer("wound", DAY, True, moment(6)), next_day])
    # the core's own questions are asked anyway: only the routine's is added
    assert record.held_items(DAY) == (
        Item("knees:knee", Tier.BLOCK, "Knee painful?", "Rest it.", core=False, title="Knee"),
    )
    assert [i.question for i in record.held_items(DAY + timedelta(days=1))] == ["Knee sore?"]
    assert record.held_items(DAY + timedelta(days=2)) == ()
    assert record.held_items(DAY - timedelta(days=1)) == ()
    taken_back = build([KNEE, BlockAnswer("knees:knee", DAY, False, moment(7))])
    assert taken_back.held_items(DAY) == ()
    said_again = build(
        [*taken_back.events, BlockAnswer("knees:knee", DAY, True, moment(8), "Knee sore?")]
    )
    [item] = said_again.held_items(DAY)
    assert (item.question, item.title, item.advice) == ("Knee sore?", "", "Don't massage today.")
    # a yes from before footcare kept the words still holds, and says whose it is
    [old] = build([BlockAnswer("knees:knee", DAY, True, moment(5))]).held_items(DAY)
    assert old.id == "knees:knee" and "knees:knee" in old.question and old.tier is Tier.BLOCK


@pytest.mark.parametrize("cause", list(StopCause), ids=lambda c: c.value)
def test_a_stop_for_pain_or_feeling_unwell_adds_the_after_stop_question(cause: StopCause) -> None:
    record = build([stop(cause, 30)])
    asks = cause in (StopCause.PAIN, StopCause.UNWELL)
    assert record.held_items(DAY) == ((AFTER_STOP_ITEM,) if asks else ())
    assert record.stopped_on(DAY) == ((stop(cause, 30),) if asks else ())
    assert record.held_items(DAY + timedelta(days=1)) == ()
    assert record.stops == (stop(cause, 30),)


def test_the_after_stop_question_is_held_once_and_a_yes_to_it_holds() -> None:
    yes = BlockAnswer(AFTER_STOP_ITEM.id, DAY, True, moment(40))
    twice = build([stop(StopCause.PAIN, 10), stop(StopCause.UNWELL, 20, "e2"), yes, KNEE])
    assert [i.id for i in twice.held_items(DAY)] == ["after-stop", "knees:knee"]
    assert build([yes]).held_items(DAY) == (AFTER_STOP_ITEM,)
    assert twice.blocked_days() == {DAY: ("after-stop", "knees:knee")}


def test_a_stop_is_recorded_once_by_its_entry() -> None:
    record = build([stop(StopCause.PAIN, 10, "e1")])
    again = stop(StopCause.PAIN, 99, "e1")
    other = stop(StopCause.UNWELL, 20, "e2")
    assert new_stops(record, [again, other, other]) == [other]
    assert stop(StopCause.PAIN, 10).day == DAY


def test_a_yes_without_words_is_written_as_before_so_old_seals_still_match() -> None:
    plain = BlockAnswer("wound", DAY, True, moment(5))
    assert sorted(event_fields(plain)) == ["day", "item", "kind", "present", "recorded"]
    assert event_fields(KNEE)["question"] == "Knee painful?"
    assert event_fields(KNEE)["title"] == "Knee" and event_fields(KNEE)["advice"] == "Rest it."
    assert event_fields(stop(StopCause.UNWELL)) == {
        "kind": "session-stop",
        "recorded": moment(1),
        "cause": "unwell",
        "at": moment(0),
        "entry": "e1",
    }


def test_a_blocked_day_is_named_in_words_in_the_report_even_when_its_routine_is_gone() -> None:
    from footcare.domain.report.facts import gather

    after = BlockAnswer(AFTER_STOP_ITEM.id, DAY, True, moment(9))
    unworded = BlockAnswer("old:hip", DAY, True, moment(10))
    record = build([KNEE, after, unworded, BlockAnswer("wound", DAY, True, moment(11))])
    assert [i.id for i in record.answered_items()] == ["knees:knee", "after-stop", "old:hip"]
    [day] = gather([], DAY, DAY, record=record).blocked
    hip = "A question of your routine (old:hip), answered yes today"  # no words were kept
    assert day.items == ("Knee", "After today's stop", hip, "Wound, sore or blister")
    # a routine still there names its own question
    routine_knee = Item("knees:knee", Tier.BLOCK, "Knee?", "Rest.", core=False, title="My knee")
    [day] = gather([], DAY, DAY, record=record, items=(routine_knee,)).blocked
    assert day.items[0] == "My knee"


# --- on disk ------------------------------------------------------------------------------


def test_the_file_only_grows(paths: Paths) -> None:
    store = SafetyStore(paths)
    sign = WarningSign("wound", "left", moment(0), moment(1), "e1")
    store.append([sign])
    first = paths.safety_record.read_text(encoding="utf-8")
    store.append([Clearance("discussed", True, T0.date(), moment(90))])
    second = paths.safety_record.read_text(encoding="utf-8")
    assert second.startswith(first.replace("count = 1", "count = 2"))
    assert store.load().record.signs == (sign,)
    assert oct(paths.safety_record.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace('finding = "wound"', 'finding = "redness"'),
        lambda text: text.replace("count = 2", "count = 1"),
        lambda text: text[: len(text) // 2],
        lambda text: "\ufeff\x00" + text,
        lambda text: text.replace("[[events]]", "[[events]]\nextra = 1", 1),
    ],
)
def test_an_untrusted_record_shuts_the_gate_and_is_never_written_over(
    paths: Paths, damage: Any
) -> None:
    store = SafetyStore(paths)
    store.append([WarningSign("wound", "left", moment(0), moment(1), "e1")])
    store.append([Clearance("discussed", True, T0.date(), moment(90))])
    broken = damage(paths.safety_record.read_text(encoding="utf-8"))
    paths.safety_record.write_bytes(broken.encode("utf-8", "surrogatepass"))
    before = paths.safety_record.read_bytes()
    facts = store.load()
    assert facts.unreadable and str(paths.safety_record) in facts.unreadable[0]
    with pytest.raises(UntrustedRecord):
        store.append([Clearance("past-clot", False, T0.date(), moment(100))])
    assert paths.safety_record.read_bytes() == before


def test_a_professionals_check_starts_a_new_record_and_keeps_the_old_one(paths: Paths) -> None:
    store = SafetyStore(paths)
    store.append([WarningSign("wound", "left", moment(0), moment(1), "e1")])
    paths.safety_record.write_text("not = [valid", encoding="utf-8")
    check = Clearance("discussed", True, T0.date(), moment(120))
    kept = store.restart_with(check, moment(121))
    assert kept is not None and kept.read_text(encoding="utf-8") == "not = [valid"
    assert store.load().record.go_aheads == (check,)
    assert store.load().unreadable == ()


def test_go_aheads_from_the_old_clearances_file_carry_over(paths: Paths) -> None:
    old = ClearanceStore(paths)
    old.record(Clearance("discussed", True, date(2026, 10, 1), datetime(2026, 10, 1, 10, 0)))
    old.record(Clearance("past-clot", False, date(2026, 10, 1)))
    store = SafetyStore(paths)
    assert set(store.load().record.clearances()) == {"discussed", "past-clot"}
    store.append([BlockAnswer("wound", T0.date(), True, moment(0))])
    # written into the record with the first event, then read from it alone
    paths.clearances.unlink()
    record = store.load().record
    assert record.clearances()["discussed"].recorded == datetime(2026, 10, 1, 10, 0)
    assert record.blocked_days() == {T0.date(): ("wound",)}


def test_a_broken_old_clearances_file_keeps_the_gate_shut(paths: Paths) -> None:
    paths.data.mkdir(parents=True)
    paths.clearances.write_text("[items.discussed]\napplies = 3\n", encoding="utf-8")
    facts = SafetyStore(paths).load()
    assert facts.unreadable and "clearances.toml" in facts.unreadable[0]
    with pytest.raises(StorageError):
        SafetyStore(paths).append([BlockAnswer("wound", T0.date(), True, moment(0))])


# --- every way an event can be wrong, named exactly -----------------------------------------

WHEN = datetime(2026, 11, 20, 9, 0)
BASES: dict[str, Event] = {
    "sign": WarningSign("wound", "left", WHEN, WHEN, "e1"),
    "go-ahead": Clearance("discussed", True, WHEN.date(), WHEN),
    "block": BlockAnswer("wound", WHEN.date(), True, WHEN),
    "stop": SessionStop(StopCause.PAIN, WHEN, "e1", WHEN),
    "words": BlockAnswer("r:knee", WHEN.date(), True, WHEN, "Knee?", "Knee", "Rest."),
}


def one_event(which: str, **changes: Any) -> dict[str, Any]:
    raw = through_toml(build([BASES[which]]))
    event = raw["events"][0]
    for key, value in changes.items():
        if value is None:
            del event[key]
        else:
            event[key] = value
    return raw


E = "events[0]"
SEAL_CHANGED = (
    f"{E}.seal: does not match: this event, or one before it, was changed or removed by hand"
)
NO_KIND = f"{E}.kind: must be warning-sign, go-ahead, block-answer or session-stop"
CASES: list[tuple[str, dict[str, Any], list[str]]] = [
    ("sign", {"kind": "rumour"}, [NO_KIND]),
    ("sign", {"kind": ["warning-sign"]}, [NO_KIND]),
    ("sign", {"recorded": None}, [f"{E}.recorded: is required"]),
    ("sign", {"recorded": "2026-11-20"}, [f"{E}.recorded: must be a date and time"]),
    ("sign", {"recorded": True}, [f"{E}.recorded: must be a date and time"]),
    ("sign", {"finding": 3}, [f"{E}.finding: must be a finding name"]),
    ("sign", {"finding": "sparkle"}, [f"{E}.finding: unknown finding 'sparkle'"]),
    ("sign", {"side": "top"}, [f"{E}.side: must be left, right, both or yes"]),
    ("sign", {"side": True}, [f"{E}.side: must be left, right, both or yes"]),
    ("sign", {"at": None}, [f"{E}.at: is required"]),
    ("sign", {"entry": 5}, [f"{E}.entry: must be an entry id"]),
    ("sign", {"source": "fax"}, [f"{E}.source: must be journal or session"]),
    ("sign", {"colour": "red"}, [f"{E}.colour: unknown key"]),
    ("sign", {"sael": "x"}, [f"{E}.sael: unknown key (did you mean 'seal'?)"]),
    ("sign", {"finding": "redness"}, [SEAL_CHANGED]),
    ("sign", {"seal": None}, [SEAL_CHANGED]),
    ("go-ahead", {"applies": 1}, [f"{E}.applies: must be true or false"]),
    ("go-ahead", {"on": WHEN}, [f"{E}.on: must be a date without a time"]),
    ("go-ahead", {"on": "soon"}, [f"{E}.on: must be a date"]),
    ("go-ahead", {"item": 7}, [f"{E}.item: must be an item id"]),
    ("block", {"present": None}, [f"{E}.present: is required"]),
    ("block", {"present": "yes"}, [f"{E}.present: must be true or false"]),
    ("sign", {"at": "today"}, [f"{E}.at: must be a date and time"]),
    ("sign", {"source": None}, []),  # a sign without a source is from the journal
    ("block", {"day": WHEN}, [f"{E}.day: must be a date without a time"]),
    ("block", {"day": 20}, [f"{E}.day: must be a date"]),
    ("stop", {"cause": "boredom"}, [f"{E}.cause: unknown stop cause 'boredom'"]),
    ("stop", {"cause": None}, [f"{E}.cause: is required"]),
    ("stop", {"cause": 3}, [f"{E}.cause: must be a stop cause"]),
    ("stop", {"at": "noon"}, [f"{E}.at: must be a date and time"]),
    ("stop", {"entry": None}, [f"{E}.entry: is required"]),
    ("stop", {"entry": 20261120}, [f"{E}.entry: must be an entry id"]),
    ("stop", {"item": "wound"}, [f"{E}.item: unknown key"]),
    ("words", {"question": 5}, [f"{E}.question: must be text"]),
    ("words", {"title": True}, [f"{E}.title: must be text"]),
    ("words", {"advice": ["x"]}, [f"{E}.advice: must be text"]),
    ("block", {"question": "Knee?"}, [SEAL_CHANGED]),
    ("words", {"question": None}, [SEAL_CHANGED]),
]


@pytest.mark.parametrize(("which", "changes", "expected"), CASES)
def test_each_broken_event_is_named_with_its_key_path(
    which: str, changes: dict[str, Any], expected: list[str]
) -> None:
    _, problems = record_from_dict(one_event(which, **changes))
    assert problems == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format": 2}, ["format: must be 1: this record was written by another footcare version"]),
        (
            {"events": {}},
            [
                "events: must be a list of tables ([[events]])",
                "count: says 1 events but the file holds 0: some were removed",
            ],
        ),
        ({"count": 5}, ["count: says 5 events but the file holds 1: some were removed"]),
        ({"extra": 1}, ["extra: unknown key"]),
        ({"profil": "ann"}, ["profil: unknown key (did you mean 'profile'?)"]),
        ({"events": ["x"]}, ["events[0]: must be a table ([[events]])"]),
    ],
)
def test_a_broken_record_is_named_with_its_key_path(
    changes: dict[str, Any], expected: list[str]
) -> None:
    raw = through_toml(build([BASES["sign"]]))
    raw.update(changes)
    _, problems = record_from_dict(raw)
    assert problems == expected


def test_an_event_after_a_broken_one_is_still_read_and_sealed_in_order() -> None:
    raw = through_toml(build([BASES["go-ahead"], BASES["block"]]))
    raw["events"][0]["applies"] = "yes"
    record, problems = record_from_dict(raw)
    assert problems == ["events[0].applies: must be true or false"]
    assert record.events == (BASES["block"],)
    # a missing file format and count are taken as this version's, with what is there
    del raw["format"], raw["count"]
    raw["events"][0]["applies"] = True
    record, problems = record_from_dict(raw)
    assert problems == [] and len(record.events) == 2


def test_an_untrusted_record_names_its_first_problems_and_how_many_more(paths: Paths) -> None:
    raw = through_toml(build([BASES["sign"]] * 5))
    for event in raw["events"]:
        event["side"] = "top"
    paths.data.mkdir(parents=True)
    paths.safety_record.write_text(tomli_w.dumps(raw), encoding="utf-8")
    (problem,) = SafetyStore(paths).load().unreadable
    assert problem.startswith(f"{paths.safety_record}: events[0].side: must be left, right")
    assert problem.count("must be left, right, both or yes") == 3
    assert "; and 2 more — put back a copy from your backup" in problem


def test_seals_depend_on_every_field_and_on_the_event_before() -> None:
    first = build([BASES["sign"]])
    assert len(first.last_seal()) == 20
    assert first.last_seal() != build([BASES["go-ahead"]]).last_seal()
    two = first.with_event(BASES["block"])
    other_order = build([BASES["block"]]).with_event(BASES["sign"])
    assert two.seals[1] != other_order.seals[0]
    assert record_to_dict(two)["count"] == 2
    assert record_to_dict(two)["format"] == 1
    assert [e["seal"] for e in record_to_dict(two)["events"]] == list(two.seals)


def test_an_empty_record_file_is_an_empty_record() -> None:
    assert record_from_dict({}) == (SafetyRecord(), [])


def test_an_unreadable_file_comes_before_every_other_reason() -> None:
    verdict = evaluate(Answers(), T0.date(), unreadable=["a", "b"])
    kinds = [r.kind for r in verdict.unmet]
    assert kinds[:2] == [ReasonKind.UNREADABLE] * 2 and ReasonKind.UNREADABLE not in kinds[2:]
    assert "(b)" in verdict.unmet[0].message and "(a)" in verdict.unmet[1].message


@pytest.mark.parametrize("zone", [None, UTC])
def test_record_times_are_naive_and_whole_seconds(zone: Any) -> None:
    moment = datetime(2026, 11, 20, 9, 0, 5, 987654, tzinfo=zone)
    (event,) = record_to_dict(build([WarningSign("wound", "left", moment, moment, "e")]))["events"]
    assert event["recorded"] == event["at"] == datetime(2026, 11, 20, 9, 0, 5)


# --- signs read from a list of events, and weighed by the gate ------------------------------


def test_every_warning_sign_in_a_list_of_events_is_read_whatever_else_it_holds() -> None:
    wound = WarningSign("wound", "left", moment(0), moment(1), "e1")
    pus = WarningSign("pus", "right", moment(60), moment(61), "e2")
    check = Clearance("discussed", True, T0.date(), moment(120))  # answers the wound
    raw = through_toml(build([BlockAnswer("wound", DAY, True, moment(2)), wound, check, pus]))
    broken = {**raw["events"][1], "side": "top"}
    assert signs_in(["not a table", 3, *raw["events"], broken]) == [wound, pus]
    assert signs_in(raw) == []
    # a key footcare doesn't know, or a sign's missing seal: the sign is still read
    extra = {**raw["events"][3], "colour": "red"}
    unsealed = {k: v for k, v in raw["events"][3].items() if k != "seal"}
    assert signs_in([extra, unsealed]) == [pus, pus]
    # one missing a key it needs is not
    assert signs_in([{k: v for k, v in raw["events"][3].items() if k != "entry"}]) == []


def test_a_record_set_aside_gives_up_only_the_signs_no_later_check_answers() -> None:
    wound = WarningSign("wound", "left", moment(0), moment(1), "e1")
    pus = WarningSign("pus", "right", moment(180), moment(181), "e2")
    next_day = T0.date() + timedelta(days=1)
    events: list[Event] = [
        wound,
        Clearance("discussed", True, T0.date(), moment(120)),  # answers the wound
        pus,
        Clearance("past-clot", True, next_day, moment(24 * 60)),  # no professional's check
        Clearance("discussed", False, next_day, moment(24 * 60 + 1)),  # no check either
    ]
    raw = through_toml(build(events))["events"]
    assert signs_in(raw, open_only=True) == [pus]
    assert signs_in(raw) == [wound, pus]


def at(days: int, hour: int) -> datetime:
    return datetime.combine(DAY + timedelta(days=days), time(hour))


def weighed_verdict(
    record: SafetyRecord, sign: WarningSign
) -> tuple[tuple[WarningSign, ...], Verdict]:
    """The sign as the gate weighs it today (DAY), and the gate's verdict with it."""
    weighed = signs_as_of(record, [sign], DAY)
    return weighed, evaluate(Answers(clearances=record.clearances()), DAY, signs=weighed)


# the same moment: a check given tomorrow, written down when the sign counts from
@example(check_on=1, check_recorded=(0, 0), sign_at=(2, 9), sign_recorded=(1, 9), held=True)
@example(check_on=1, check_recorded=(-1, 9), sign_at=(1, 0), sign_recorded=(-1, 9), held=False)
@given(
    check_on=st.integers(-2, 2),
    check_recorded=st.sampled_from([(-1, 9), (0, 0), (0, 9)]),
    sign_at=st.tuples(st.integers(1, 3), st.sampled_from([0, 9])),
    sign_recorded=st.sampled_from([(-1, 9), (0, 0), (0, 9), (1, 9)]),
    held=st.booleans(),
)
def test_a_check_written_down_before_a_sign_dated_after_today_never_answers_it(
    check_on: int,
    check_recorded: tuple[int, int],
    sign_at: tuple[int, int],
    sign_recorded: tuple[int, int],
    held: bool,
) -> None:
    check = Clearance("discussed", True, DAY + timedelta(days=check_on), at(*check_recorded))
    sign = WarningSign("wound", "left", at(*sign_at), at(*sign_recorded), "e1")
    # held: written down after the check; or not in the record yet (a trace of it)
    weighed, verdict = weighed_verdict(build([check, sign] if held else [check]), sign)
    assert verdict.pending_signs == weighed
    reason = verdict.unmet[0]
    assert (reason.kind, reason.sign) == (ReasonKind.CHECK_NEEDED, weighed[0])
    assert reason.message == (
        f"A warning sign was noted on {DAY.isoformat()}: new wound, blister or cut (left foot)"
    )


@example(seconds=0)
@example(seconds=1)
@given(seconds=st.integers(0, 3600))
def test_a_sign_the_check_never_saw_counts_from_the_second_after_it(seconds: int) -> None:
    check = Clearance("discussed", True, DAY, at(0, 9))
    sign = WarningSign("wound", "left", at(2, 9), at(2, 9), "e1")
    clot = Clearance("past-clot", True, DAY, at(0, 9) + timedelta(seconds=seconds))
    _, verdict = weighed_verdict(build([check, sign, clot]), sign)
    state = verdict.item("past-clot")
    assert state is not None
    assert state.state is (ItemState.OK if seconds else ItemState.VOIDED)


@example(back=0, days_before=1)
@given(back=st.integers(0, 3600), days_before=st.integers(0, 30))
def test_a_sign_written_down_after_the_check_is_never_answered_by_it(
    back: int, days_before: int
) -> None:
    """In the same second as the check (or with the clock set back since): the record's order
    says the check came first, so it can't have seen the sign, whatever the sign's day."""
    check = Clearance("discussed", True, DAY, at(0, 9))
    noted = at(-days_before, 8)
    sign = WarningSign("redness", "right", noted, at(0, 9) - timedelta(seconds=back), "e1")
    weighed, verdict = weighed_verdict(build([check, sign]), sign)
    assert verdict.pending_signs == weighed
    assert not verdict.may_start
    # written down before the check, the same sign is answered by it
    _, before = weighed_verdict(build([replace(sign, recorded=at(0, 8)), check]), sign)
    assert before.pending_signs == ()
