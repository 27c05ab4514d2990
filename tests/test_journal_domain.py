"""Journal entries, what a history shows, red flags, and the exports a clinician reads."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from footcare.domain.export import CSV_COLUMNS, list_lines, to_csv, to_json, to_markdown
from footcare.domain.journal import (
    SYMPTOMS,
    Entry,
    Ratings,
    SessionFacts,
    daily_series,
    entry_from_dict,
    entry_to_dict,
    session_changes,
    sessions_this_week,
    streak,
    weekly_question_due,
)
from footcare.domain.problems import ValidationError
from footcare.domain.redflags import Urgency, entry_flags, entry_signs, history_flags
from footcare.domain.safety import SafetyRecord
from footcare.domain.search import Filter, matching

TODAY = date(2026, 3, 15)
_counter = iter(range(1_000_000))


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, 0)


def entry(
    day: date = TODAY,
    *,
    hour: int = 9,
    session: bool = False,
    before: dict[str, int] | None = None,
    after: dict[str, int] | None = None,
    **fields: Any,
) -> Entry:
    facts = SessionFacts("standard", ("left", "right"), 12.5) if session else None
    return Entry(
        id=f"e{next(_counter)}",
        at=at(day, hour),
        before=Ratings(**(before or {})),
        after=Ratings(**(after or {})),
        session=facts,
        **fields,
    )


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


FULL = Entry(
    id="20260315091500-abc123",
    at=datetime(2026, 3, 15, 9, 15, 0),
    before=Ratings(numbness=6, tingling=4, burning=0, pain=3),
    after=Ratings(numbness=5, pain=2),
    sleep=7,
    findings={"swelling": "both", "redness": "left", "pus": "yes"},
    session=SessionFacts(
        routine="gentle",
        feet=("right", "left"),
        minutes_per_foot=10.5,
        stopped_early=True,
        stop_reason="tired, and the arch hurt",
        lotion="unscented cream",
    ),
    weekly_change=2,
    footwear=True,
    exercise_minutes=25,
    blood_sugar="6.1 mmol/L",
    next_follow_up=date(2026, 4, 2),
    note='Line one\nline "two", with a comma',
    deleted=True,
)


# --- serialisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original",
    [FULL, Entry(id="x", at=datetime(2026, 1, 1, 0, 0)), entry(session=True, before={"pain": 0})],
)
def test_entry_round_trips_through_dict_and_toml(original: Entry) -> None:
    assert entry_from_dict(entry_to_dict(original)) == original
    text = tomli_w.dumps({"entries": [entry_to_dict(original)]})
    parsed = tomllib.loads(text)["entries"][0]
    assert entry_from_dict(parsed, "entries[0]") == original


def test_entry_to_dict_has_no_none_and_no_microseconds() -> None:
    e = Entry(id="x", at=datetime(2026, 1, 1, 8, 30, 15, 999_999), before=Ratings(pain=2))
    out = entry_to_dict(e)
    assert out == {"id": "x", "at": datetime(2026, 1, 1, 8, 30, 15), "before": {"pain": 2}}
    assert None not in out.values()


def test_entry_at_may_be_text() -> None:
    e = entry_from_dict({"id": "x", "at": "2026-03-15T09:15:00"})
    assert e.at == datetime(2026, 3, 15, 9, 15)
    assert e.month_key == "2026-03"
    assert e.day == date(2026, 3, 15)


@pytest.mark.parametrize("value", [0, 10])
def test_ratings_at_the_ends_of_the_scale_are_valid(value: int) -> None:
    e = entry_from_dict({"id": "x", "at": at(TODAY), "before": {"pain": value}, "sleep": value})
    assert e.before.pain == value
    assert e.sleep == value


@pytest.mark.parametrize("value", [-1, 11, 2.5, "3", True])
def test_ratings_outside_0_to_10_are_refused(value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        entry_from_dict(
            {"id": "x", "at": at(TODAY), "after": {"burning": value}, "sleep": value},
            "entries[4]",
        )
    paths = {p.path for p in info.value.problems}
    assert paths == {"entries[4].after.burning", "entries[4].sleep"}
    assert "0 to 10" in str(info.value)


def test_every_entry_problem_is_reported_at_once() -> None:
    raw = {
        "at": "yesterday",
        "before": {"pian": 3},
        "findings": {"wound": "middle", "itch": "yes"},
        "weekly_change": 7,
        "exercise_minutes": -5,
        "next_follow_up": "soon",
        "mood": "ok",
    }
    with pytest.raises(ValidationError) as info:
        entry_from_dict(raw)
    by_path = {p.path: p.message for p in info.value.problems}
    assert set(by_path) == {
        "at",
        "before.pian",
        "findings.wound",
        "findings.itch",
        "weekly_change",
        "exercise_minutes",
        "next_follow_up",
        "mood",
        "id",
    }
    assert by_path["before.pian"] == "unknown key (did you mean 'pain'?)"


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        ({"session": {"feet": 5}}, "session.feet"),
        ({"session": {"feet": ["left", "elbow"]}}, "session.feet[1]"),
        ({"session": {"minutes_per_foot": "ten"}}, "session.minutes_per_foot"),
        ({"session": {"minutes_per_foot": [1]}}, "session.minutes_per_foot"),
        ({"session": {"stopped_early": "no"}}, "session.stopped_early"),
        ({"session": {"routine": "x", "minuts_per_foot": 3}}, "session.minuts_per_foot"),
        ({"session": "standard"}, "session"),
        ({"findings": "wound"}, "findings"),
        ({"deleted": "no"}, "deleted"),
        ({"footwear": "yes"}, "footwear"),
        ({"weekly_change": True}, "weekly_change"),
        ({"exercise_minutes": True}, "exercise_minutes"),
    ],
)
def test_malformed_fields_are_problems_not_crashes_or_silent_guesses(
    raw: dict[str, Any], path: str
) -> None:
    with pytest.raises(ValidationError) as info:
        entry_from_dict({"id": "x", "at": at(TODAY), **raw}, "entries[0]")
    assert f"entries[0].{path}" in {p.path for p in info.value.problems}


@pytest.mark.parametrize("raw", [[], "entry", 5, None])
def test_an_entry_that_is_not_a_table_is_a_validation_error(raw: Any) -> None:
    with pytest.raises(ValidationError) as info:
        entry_from_dict(raw, "entries[3]")
    assert [p.path for p in info.value.problems] == ["entries[3]"]


# --- history ------------------------------------------------------------------------------


def test_streak_counts_consecutive_session_days_ending_today_or_yesterday() -> None:
    assert streak([entry(days_ago(n), session=True) for n in (0, 1, 2, 4)], TODAY) == 3
    before_todays_session = [entry(days_ago(n), session=True) for n in (1, 2)]
    assert streak(before_todays_session, TODAY) == 2
    assert streak(before_todays_session, TODAY + timedelta(days=1)) == 0


def test_streak_ignores_deleted_and_non_session_entries() -> None:
    entries = [
        entry(days_ago(0), session=True),
        entry(days_ago(1), session=True, deleted=True),
        entry(days_ago(1), before={"pain": 2}),
        entry(days_ago(2), session=True),
    ]
    assert streak(entries, TODAY) == 1
    assert streak([], TODAY) == 0


def test_two_sessions_on_one_day_count_as_one_day() -> None:
    entries = [entry(days_ago(0), hour=h, session=True) for h in (8, 20)]
    assert streak(entries, TODAY) == 1
    assert sessions_this_week(entries, TODAY) == 1


def test_sessions_this_week_counts_days_in_the_last_seven() -> None:
    entries = [entry(days_ago(n), session=True) for n in (0, 3, 6, 7, 30)]
    entries.append(entry(days_ago(2), before={"pain": 1}))
    entries.append(entry(days_ago(1), session=True, deleted=True))
    assert sessions_this_week(entries, TODAY) == 3


def test_daily_series_is_one_mean_per_day_with_gaps() -> None:
    entries = [
        entry(days_ago(0), session=True, before={"pain": 4}, after={"pain": 2}),
        entry(days_ago(0), hour=21, before={"pain": 6}),
        entry(days_ago(2), before={"pain": 5, "tingling": 9}),
        entry(days_ago(1), before={"tingling": 3}),
        entry(days_ago(1), before={"pain": 10}, deleted=True),
        entry(days_ago(9), before={"pain": 1}),
    ]
    assert daily_series(entries, "pain", TODAY, 4) == [None, 5.0, None, 4.0]
    assert daily_series(entries, "tingling", TODAY, 3) == [9.0, 3.0, None]


def test_session_changes_are_after_minus_before_oldest_first() -> None:
    entries = [
        entry(days_ago(0), session=True, before={"pain": 3}, after={"pain": 5}),
        entry(days_ago(2), session=True, before={"pain": 6}, after={"pain": 2}),
        entry(days_ago(1), session=True, before={"pain": 4}),
        entry(days_ago(3), before={"pain": 4}, after={"pain": 1}),
        entry(days_ago(4), session=True, before={"pain": 4}, after={"pain": 4}, deleted=True),
    ]
    # the entry rated before and after with `journal add` (no session facts) counts too
    assert session_changes(entries, "pain") == [-3, -4, 2]
    assert session_changes(entries, "numbness") == []


@pytest.mark.parametrize(
    ("answered_days_ago", "deleted", "due"),
    [(None, False, True), (0, False, False), (6, False, False), (7, False, True), (1, True, True)],
)
def test_weekly_question_is_asked_once_in_seven_days(
    answered_days_ago: int | None, deleted: bool, due: bool
) -> None:
    """Due again when the last answer is eight days old, or was deleted."""
    entries = [entry(days_ago(n), before={"pain": 2}) for n in range(10)]
    if answered_days_ago is not None:
        entries.append(entry(days_ago(answered_days_ago), weekly_change=3, deleted=deleted))
    assert weekly_question_due(entries, TODAY) is due


# --- red flags ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "side", "urgency"),
    [
        ("chest", "yes", Urgency.EMERGENCY),
        ("red_leg_unwell", "left", Urgency.EMERGENCY),  # a red leg with confusion
        ("wound", "left", Urgency.SAME_DAY),
        ("swelling", "both", Urgency.SOON),
        ("swelling", "left", Urgency.SAME_DAY),
        ("swelling", "right", Urgency.SAME_DAY),
        ("redness", "right", Urgency.SAME_DAY),
        ("warmth", "left", Urgency.SAME_DAY),
        ("not_healing", "yes", Urgency.SAME_DAY),
        ("pus", "yes", Urgency.SAME_DAY),
        ("shape_change", "left", Urgency.SAME_DAY),
        ("session_injury", "yes", Urgency.SAME_DAY),
    ],
)
def test_finding_tiers(finding: str, side: str, urgency: Urgency) -> None:
    (flag,) = entry_flags(entry(findings={finding: side}), emergency="112")
    assert flag.urgency is urgency and flag.day == TODAY
    assert flag.blocks_sessions is (urgency is not Urgency.SOON)
    if side in ("left", "right"):
        assert f"{side} foot" in flag.what
    if urgency is Urgency.SAME_DAY:
        assert "today" in flag.action
    if urgency is Urgency.EMERGENCY:  # with the configured number
        assert "112" in flag.action


def test_flags_come_most_urgent_first_and_deleted_entries_raise_none() -> None:
    findings = {"swelling": "both", "wound": "right", "chest": "yes"}
    flags = entry_flags(entry(findings=findings))
    assert [f.urgency for f in flags] == [Urgency.EMERGENCY, Urgency.SAME_DAY, Urgency.SOON]
    assert entry_flags(entry(findings=findings, deleted=True)) == []
    assert entry_flags(entry(before={"pain": 10})) == []


def worse_sessions(n: int, start: int = 0) -> list[Entry]:
    return [
        entry(days_ago(start + i), session=True, before={"pain": 3}, after={"pain": 5})
        for i in range(n)
    ]


def test_three_sessions_worse_after_than_before_is_a_soon_flag() -> None:
    flags = history_flags(worse_sessions(3), TODAY)
    assert [f.urgency for f in flags] == [Urgency.SOON]
    assert "3 sessions" in flags[0].what
    assert "pausing" in flags[0].action
    assert not flags[0].blocks_sessions


def test_two_worse_sessions_or_a_better_latest_one_is_no_flag() -> None:
    assert history_flags(worse_sessions(2), TODAY) == []
    better = entry(TODAY, hour=20, session=True, before={"pain": 5}, after={"pain": 2})
    assert history_flags([*worse_sessions(3, start=1), better], TODAY) == []


def test_sessions_without_both_ratings_do_not_break_the_run() -> None:
    unrated = entry(days_ago(1), hour=12, session=True)
    entries = [*worse_sessions(1), unrated, *worse_sessions(2, start=2)]
    assert len(history_flags(entries, TODAY)) == 1


def baseline_history(recent_pain: int, recent_days: int = 7) -> list[Entry]:
    base = [entry(days_ago(n), before={"pain": 2}) for n in range(8, 36)]
    recent = [entry(days_ago(n), before={"pain": recent_pain}) for n in range(recent_days)]
    return base + recent


def test_ratings_two_above_baseline_for_a_week_is_a_soon_flag() -> None:
    flags = history_flags(baseline_history(4), TODAY)
    assert [f.urgency for f in flags] == [Urgency.SOON]
    assert "above your usual (2.0)" in flags[0].what


@pytest.mark.parametrize(("pain", "days"), [(3, 7), (9, 3)])
def test_less_than_two_above_or_too_few_days_is_no_flag(pain: int, days: int) -> None:
    assert history_flags(baseline_history(pain, days), TODAY) == []


def test_one_good_day_in_the_week_is_no_flag() -> None:
    entries = [*baseline_history(5), entry(days_ago(3), hour=20, before={"pain": 0})]
    entries = [e for e in entries if not (e.day == days_ago(3) and e.before.pain == 5)]
    assert history_flags(entries, TODAY) == []


def test_entry_signs_carry_each_finding_and_only_same_day_and_emergency_ones_block() -> None:
    when = datetime(2026, 11, 24, 9, 30)
    signs = {
        (s.finding, s.side): s.blocks_sessions
        for e in [
            entry(days_ago(1), findings={"wound": "left", "pus": "yes"}),
            entry(days_ago(3), findings={"chest": "yes"}),
            entry(days_ago(2), findings={"swelling": "both"}),
        ]
        for s in entry_signs(e, recorded=when)
    }
    assert signs == {
        ("wound", "left"): True,
        ("pus", "yes"): True,
        ("chest", "yes"): True,
        ("swelling", "both"): False,
    }
    # a deleted entry can be restored and its findings stay in its file: its sign stays
    deleted = entry(days_ago(5), findings={"wound": "right"}, deleted=True)
    assert [(s.finding, s.side) for s in entry_signs(deleted, recorded=when)] == [
        ("wound", "right")
    ]


# --- exports ------------------------------------------------------------------------------


def export_entries() -> list[Entry]:
    return [
        entry(days_ago(2), session=True, before={"pain": 6, "numbness": 7}, after={"pain": 4}),
        entry(days_ago(1), findings={"wound": "left"}, note="small cut, heel"),
        entry(days_ago(0), session=True, before={"pain": 4}, after={"pain": 3}, sleep=5),
        entry(days_ago(0), hour=22, note="deleted one", deleted=True),
    ]


def test_csv_has_the_header_and_one_row_per_live_entry() -> None:
    text = to_csv([FULL.with_changes(deleted=False), *export_entries()])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == CSV_COLUMNS
    assert len(rows) == 4
    full = next(r for r in rows if r["id"] == FULL.id)
    assert full["note"] == FULL.note
    assert full["stop_reason"] == "tired, and the arch hurt"
    assert full["feet"] == "right left"
    assert full["minutes_per_foot"] == "10.5"
    assert full["stopped_early"] == "yes"
    assert full["before_numbness"] == "6"
    assert full["after_tingling"] == ""
    assert full["weekly_change"] == "a little better"
    assert "swelling (both feet)" in full["foot_check"]
    assert full["lotion"] == "unscented cream"
    assert (full["footwear"], full["exercise_minutes"]) == ("yes", "25")
    assert (full["blood_sugar"], full["next_follow_up"]) == ("6.1 mmol/L", "2026-04-02")
    assert (full["after_numbness"], full["after_pain"], full["sleep"]) == ("5", "2", "7")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert "deleted one" not in text


def test_json_is_self_reported_and_plain() -> None:
    data = json.loads(to_json([FULL.with_changes(deleted=False), *export_entries()]))
    assert data["self_reported"] is True
    assert len(data["entries"]) == 4
    full = next(e for e in data["entries"] if e["id"] == FULL.id)
    assert full["at"] == "2026-03-15T09:15:00"
    assert full["next_follow_up"] == "2026-04-02"
    assert full["session"]["feet"] == ["right", "left"]
    assert full["before"] == {"numbness": 6, "tingling": 4, "burning": 0, "pain": 3}
    assert all(e["id"] != "deleted one" for e in data["entries"])


def test_markdown_report_for_a_clinician() -> None:
    text = to_markdown(export_entries(), TODAY, since=days_ago(6))
    assert text.startswith("# ")
    assert "self-reported" in text.lower()
    assert "not a diagnosis" in text
    assert "Period: 2026-03-09 to 2026-03-15 (7 days)" in text
    assert "- Days with a session: 2 of 7 (goal: daily)" in text
    assert "| Pain | 5.0 | 3.5 | −1.5 |" in text
    assert "| Numbness | 7.0 | – | – |" in text
    flag_line = f"| {days_ago(1).isoformat()} | new wound, blister or cut (left foot) | same day |"
    assert flag_line in text
    assert "small cut, heel" in text
    assert "deleted one" not in text
    assert "| Sleep interference | 5.0 |" in text
    # warning signs come before the tables, and a header says whose report it is
    assert text.index("## Warning signs and blocked days") < text.index("## Sessions")
    assert "Name: not given." in text


def test_markdown_report_keeps_a_sign_whose_entry_was_deleted() -> None:
    flagged = entry(days_ago(3), findings={"wound": "right"}, note="blister")
    sign = entry_signs(flagged, recorded=flagged.at)[0]
    record = SafetyRecord().with_event(sign)
    deleted = flagged.with_changes(deleted=True)
    text = to_markdown([deleted, *export_entries()], TODAY, days_ago(6), record=record)
    assert (
        f"| {days_ago(3).isoformat()} | new wound, blister or cut (right foot) | same day | "
        "no check recorded yet: sessions blocked; its journal entry was deleted" in text
    )
    assert "blister" not in text.split("## Notes")[1]  # the deleted note itself is gone


def test_markdown_report_counts_only_the_period_it_names() -> None:
    old = [entry(days_ago(n), session=True, before={"pain": 9}) for n in range(20, 40)]
    text = to_markdown([*old, *export_entries()], TODAY, since=days_ago(6))
    assert "- Days with a session: 2 of 7 (goal: daily)" in text
    assert "| Pain | 5.0 | 3.5 | −1.5 |" in text


def test_markdown_report_trends_use_the_weeks_before_the_period() -> None:
    text = to_markdown(baseline_history(5), TODAY, since=days_ago(6))
    assert "| your ratings have been 2 or more points above your usual" in text
    assert "Period: 2026-03-09 to 2026-03-15 (7 days)" in text


def test_markdown_report_says_none_noted_and_shows_early_stops() -> None:
    stopped = Entry(
        id="s",
        at=at(TODAY),
        session=SessionFacts("short", ("left",), 4.0, stopped_early=True, stop_reason="cramp"),
    )
    text = to_markdown([stopped], TODAY)
    assert "No warning signs were noted in this period." in text
    assert "- Sessions stopped early: 1" in text
    assert "stopped early: cramp" in text
    assert "(1 day)" in text


def test_markdown_report_lists_history_flags() -> None:
    text = to_markdown(worse_sessions(3), TODAY)
    assert (
        "| symptoms were worse after the session than before, 3 sessions in a row | soon |" in text
    )


def test_list_lines_are_one_per_live_entry_oldest_first() -> None:
    lines = list_lines(export_entries())
    assert len(lines) == 3
    assert lines[0].startswith(days_ago(2).isoformat())
    assert "standard 12.5 min/foot" in lines[0]
    assert "numbness 7 pain 6→4" in lines[0]  # each rating before→after, none dropped
    assert "check: new wound, blister or cut (left foot)" in lines[1]


ratings = st.builds(Ratings, **dict.fromkeys(SYMPTOMS, st.none() | st.integers(0, 10)))


@given(before=ratings, after=ratings)
def test_a_journal_list_line_keeps_every_rating_before_and_after(
    before: Ratings, after: Ratings
) -> None:
    """A clinician reading `journal list` sees what the person rated before the session
    and after it: no rating is dropped, and none reads as the other."""
    (line,) = list_lines([Entry(id="e", at=datetime(2026, 11, 3, 9), before=before, after=after)])
    said = dict(re.findall(r"(numbness|tingling|burning|pain) (\S+)", line))
    for symptom in SYMPTOMS:
        b, a = before.get(symptom), after.get(symptom)
        if a is not None:
            assert said[symptom] == f"{'–' if b is None else b}→{a}", line
        elif b is not None:
            assert said[symptom] == str(b), line
        else:
            assert symptom not in said, line


def test_report_shows_symptoms_over_the_period_from_every_entry() -> None:
    entries = [
        Entry(id=f"e{day}", at=datetime(2026, 11, day, 9), before=Ratings(pain=pain))
        for day, pain in ((1, 8), (3, 6), (28, 2), (30, 4))
    ]
    report = to_markdown(entries, date(2026, 11, 30), since=date(2026, 11, 1))
    assert "## Ratings over the period" in report
    assert "| Pain | 5.0 | 7.0 | 3.0 | 2–8 |" in report  # the first 7 days, the last 7
    assert "(30 days)" in report
    assert "| Numbness |" not in report.split("## Ratings over the period")[1]


def test_search_looks_in_the_words_of_an_entry_and_its_dates() -> None:
    heel = entry(days_ago(3), note="Left HEEL warm")
    flagged = entry(days_ago(1), findings={"wound": "right"})
    session = entry(days_ago(2), session=True)
    entries = [heel, flagged, session]
    assert matching(entries, Filter(text="heel left")) == [heel]
    assert matching(entries, Filter(text="wound/blister")) == [flagged]
    assert matching(entries, Filter(flags_only=True)) == [flagged]
    assert matching(entries, Filter(since=days_ago(2), until=days_ago(2))) == [session]
    assert matching(entries, Filter()) == entries and Filter().empty
    assert not Filter(text="x").empty


@given(left=st.integers(0, 1500), right=st.integers(0, 1500))
def test_a_journal_list_line_gives_each_foots_minutes_when_they_differ(
    left: int, right: int
) -> None:
    """A session stopped on the second foot is no average "min/foot": each foot's minutes,
    in the entry view's words."""
    done = SessionFacts(
        "quick",
        ("left", "right"),
        (left + right) / 120,
        True,
        massage_seconds={"left": left, "right": right},
    )
    (line,) = list_lines([Entry(id="e", at=datetime(2026, 11, 3, 9), session=done)])
    minutes = {foot: (seconds // 6) / 10 for foot, seconds in (("left", left), ("right", right))}
    if minutes["left"] == minutes["right"]:
        assert line.startswith(f"2026-11-03 09:00  quick {done.minutes_per_foot:g} min/foot"), line
    else:
        assert "min/foot" not in line, line
        assert f"quick, massage done: left foot {minutes['left']:g} min" in line, line
        assert f", right foot {minutes['right']:g} min" in line, line
