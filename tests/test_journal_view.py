"""The pure parts behind the journal screen: the form's draft, table rows, trends as text."""

from __future__ import annotations

import tomllib
from datetime import date, datetime, timedelta

import tomli_w

from footcare.domain.draft import FormState
from footcare.domain.history import findings_words, full_text_lines, pain_text, table_row
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.trends import (
    buckets,
    direction,
    overview,
    session_change,
    signed,
    spark,
    streak_text,
    symptom_trends,
    week_marks,
)

NOW = datetime(2026, 11, 24, 9, 0)


def session(at: datetime, before: int, after: int, **changes: object) -> Entry:
    return Entry(
        id=f"e{at:%Y%m%d%H%M}",
        at=at,
        before=Ratings(pain=before),
        after=Ratings(pain=after),
        session=SessionFacts("standard", ("left", "right"), 12.5),
    ).with_changes(**changes)


# --- the draft ---------------------------------------------------------------------------


def test_a_draft_survives_toml_unchanged() -> None:
    state = FormState(
        ask_weekly=True,
        before={"numbness": 3, "tingling": None, "burning": 10, "pain": 0},
        sleep=4,
        findings={"wound": "left", "pus": "yes"},
        weekly=2,
        footwear=False,
        exercise="2",
        follow_up="2026-12",
        note="half",
    )
    back = FormState.from_dict(tomllib.loads(tomli_w.dumps(state.to_dict())))
    assert back == state


def test_a_garbled_draft_keeps_what_fits() -> None:
    state = FormState.from_dict(
        {
            "mode": "edit",  # without an entry id it can only be a new entry
            "before": {"pain": 11, "numbness": 2, "tingling": True},
            "findings": {"wound": "middle", "redness": "right", "bogus": "left"},
            "weekly": 9,
            "note": 5,
        }
    )
    assert state.mode == "new"
    assert state.before["numbness"] == 2 and state.before["pain"] is None
    assert state.before["tingling"] is None
    assert state.findings == {"redness": "right"}
    assert state.weekly is None and state.note == ""


def test_problems_name_the_field() -> None:
    state = FormState(exercise="-5", follow_up="soon", note="x" * 501)
    assert [name for name, _ in state.problems()] == ["exercise", "follow_up", "note"]
    assert FormState(exercise="30", follow_up="2026-12-01").problems() == []


def test_build_new_and_edit() -> None:
    state = FormState(sleep=3, exercise="30", follow_up="2026-12-01", note="  two   spaces ")
    state.before["pain"] = 4
    entry = state.build(None, "new-id", NOW)
    assert entry.id == "new-id" and entry.at == NOW and entry.session is None
    assert entry.before == Ratings(pain=4) and entry.after.empty
    assert entry.exercise_minutes == 30 and entry.next_follow_up == date(2026, 12, 1)
    assert entry.note == "two spaces"

    base = session(NOW - timedelta(days=3), 6, 3, note="old")
    edit = FormState.from_entry(base)
    assert edit.mode == "edit" and edit.with_session and edit.after["pain"] == 3
    edit.after["pain"] = 1
    changed = edit.build(base, "ignored", NOW)
    assert changed.id == base.id and changed.at == base.at and changed.session == base.session
    assert changed.after.pain == 1 and changed.note == "old"


def test_empty_means_nothing_chosen() -> None:
    assert FormState(ask_weekly=True).empty
    assert not FormState(sleep=0).empty
    assert not FormState(findings={"wound": "left"}).empty


# --- table rows and the whole entry -------------------------------------------------------


def test_table_row_in_words() -> None:
    entry = session(NOW, 6, 3, findings={"swelling": "both", "wound": "left"})
    row = table_row(entry)
    assert row[:3] == ("2026-11-24", "standard", "12.5")
    assert row[6:] == ("6→3", "wound/blister left, swelling both")
    plain = Entry(id="x", at=NOW, before=Ratings(pain=2, numbness=7))
    assert table_row(plain) == (
        "2026-11-24", "(no session)", "", "7", "–", "–", "2", "nothing noted",
    )  # fmt: skip
    stopped = session(NOW, 6, 7).with_changes(
        session=SessionFacts("gentle", ("left",), 10, stopped_early=True, stop_reason="It hurts"),
        deleted=True,
    )
    row = table_row(stopped)
    assert row[1] == "stopped: gentle" and row[-1].startswith("DELETED")
    assert pain_text(Entry(id="y", at=NOW)) == "–"
    assert findings_words(Entry(id="z", at=NOW, findings={"chest": "yes"})) == "CHEST PAIN"


def test_full_text_has_every_part() -> None:
    entry = session(
        NOW,
        6,
        3,
        weekly_change=0,
        footwear=True,
        exercise_minutes=20,
        blood_sugar="6.1",
        next_follow_up=date(2026, 12, 1),
        note="fine",
    )
    parts = dict(full_text_lines(entry))
    assert parts["This week overall"] == "very much better"
    assert "gentle exercise: 20 min" in parts["Daily care"]
    assert "next follow-up: 2026-12-01" in parts["Daily care"]
    assert parts["Foot check"] == "nothing noted" and parts["Note"] == "fine"


# --- trends -------------------------------------------------------------------------------


def test_spark_and_buckets() -> None:
    assert spark([0, 5, 10, None]) == "▁▅█·"
    assert buckets([1, 3, None, None, 5], 2) == [2.0, None, 5.0]


def test_words_and_signs() -> None:
    assert direction(3.0, 5.0) == "better" and direction(5.0, 3.0) == "worse"
    assert direction(3.2, 3.0) == "same" and direction(None, 3.0) == ""
    assert signed(-2) == "−2" and signed(1.5) == "+1.5" and signed(0) == "0"
    assert week_marks(5) == "■■■■■□□" and week_marks(9) == "■■■■■■■"
    assert streak_text(0) == "0 days" and streak_text(1) == "1 day"
    assert streak_text(4) == "4 days in a row"


def test_overview_and_trends() -> None:
    entries = [session(NOW - timedelta(days=d), 6, 4) for d in range(40)]
    entries.append(Entry(id="w", at=NOW - timedelta(days=2), weekly_change=3))
    o = overview(entries, NOW.date())
    assert (o.streak, o.this_week, o.weekly_due) == (40, 7, False)
    assert o.last_weekly == (date(2026, 11, 22), "no change")
    trends = symptom_trends(entries, NOW.date())
    assert [t.name for t in trends] == ["numbness", "tingling", "burning", "pain", "sleep"]
    pain = trends[3]
    assert len(pain.spark30) == 30 and len(pain.spark90) == 30
    assert pain.avg30 == 5.0 and "·" not in pain.spark30  # each of the last 30 days rated
    assert pain.spark90.startswith("·" * 16)  # days 90..41 ago have no ratings
    change = session_change(entries, "pain")
    assert change.recent == [-2] * 10 and change.average == -2 and change.sessions == 40
