"""The safety record: it only grows, it notices hand edits, and it never gets written over
when it can't be trusted."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.safety import (
    BlockAnswer,
    Event,
    SafetyRecord,
    new_signs,
    record_from_dict,
    record_to_dict,
)
from footcare.domain.screening import Clearance
from footcare.domain.signs import SignSource, WarningSign
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
            st.sampled_from(["wound", "infection", "one-leg"]),
            st.booleans(),
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
}


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(events_strategy, st.data())
def test_any_hand_edit_of_an_event_is_noticed(events: list[Event], data: st.DataObject) -> None:
    raw = through_toml(build(events))
    index = data.draw(st.integers(0, len(raw["events"]) - 1))
    event = raw["events"][index]
    key = data.draw(st.sampled_from(sorted(k for k in event if k in EDITS)))
    event[key] = EDITS[key](event[key])
    _, problems = record_from_dict(raw)
    assert problems, f"editing events[{index}].{key} went unnoticed"


@given(events_strategy, st.data())
def test_removing_any_event_is_noticed(events: list[Event], data: st.DataObject) -> None:
    raw = through_toml(build(events))
    index = data.draw(st.integers(0, len(raw["events"]) - 1))
    del raw["events"][index]
    _, problems = record_from_dict(raw)
    assert problems


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


# --- on disk ------------------------------------------------------------------------------


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    return Paths(config=tmp_path / "cfg", data=tmp_path / "data")


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
