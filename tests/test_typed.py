"""Dates, times and foot-check options as typed on the command line and in the prompts.

Whatever text is given, footcare takes exactly one form (YYYY-MM-DD from 1900 to 2999,
H:MM on a 24-hour clock) or says what it wants in one line: never a traceback, never an
entry it later refuses to write, never a sign quietly dropped.
"""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from footcare.cli import run
from footcare.commands.journal import merged
from footcare.domain.typed import EARLIEST, LATEST, NotADay, parse_clock, parse_day
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore

TEXTS = st.one_of(
    st.text(max_size=30),
    st.dates().map(date.isoformat),
    st.times().map(time.isoformat),
    st.sampled_from(
        [
            "20261101",
            "2026-W47-1",
            "2026-11-01T10:00",
            "0001-01-01",
            "9999-12-31",
            "01:00Z",
            "01:00+00:00",
            "T01:00",
            "0700",
            "07:00:30",
            "01:00,5",
            "24:00",
            "7:00",
            " 07:05 ",
        ]
    ),
)


@given(TEXTS)
@example("0\n0")
@example("\u0662\u0660\u0662\u0666-\u0661\u0661-\u0660\u0661")  # 2026-11-01 in Arabic-Indic digits
@example("2026-11-01\n")
def test_a_day_is_one_form_in_range_or_a_plain_refusal(text: str) -> None:
    try:
        day = parse_day(text)
    except NotADay as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert day.isoformat() == text.strip()
    assert EARLIEST <= day <= LATEST


@given(TEXTS)
@example("0\n0")
@example("\u0661\u0668:\u0663\u0660")  # 18:30 in Arabic-Indic digits
@example("\x1b[2J7:00")
def test_a_clock_time_is_h_mm_or_a_plain_refusal(text: str) -> None:
    try:
        clock = parse_clock(text)
    except ValueError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", text.strip())
    hour, minute = text.strip().split(":")
    assert clock == time(int(hour), int(minute))
    assert clock.second == 0 and clock.tzinfo is None


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("2026-11-01", date(2026, 11, 1)), (" 1900-01-01 ", EARLIEST), ("2999-12-31", LATEST)],
)
def test_the_form_asked_for_is_taken(text: str, wanted: date) -> None:
    assert parse_day(text) == wanted


@pytest.mark.parametrize(
    "text", ["20261101", "2026-W47-1", "1899-12-31", "3000-01-01", "2026-02-30"]
)
def test_other_forms_and_ranges_are_refused(text: str) -> None:
    with pytest.raises(NotADay):
        parse_day(text)


def footcare(tmp: Path, *args: str) -> tuple[int, str]:
    """Run footcare on folders in ``tmp``: its exit code and what it wrote to stderr."""
    err = io.StringIO()
    where = ["--config-dir", str(tmp / "c"), "--data-dir", str(tmp / "d")]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = run([*where, *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, err.getvalue()


def journal_add(tmp: Path, *args: str) -> tuple[int, str]:
    return footcare(tmp, "journal", "add", *args)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(option=st.sampled_from(["--date", "--time", "--follow-up"]), text=TEXTS)
def test_journal_add_takes_any_date_or_time_text_without_a_traceback(
    tmp_path: Path, option: str, text: str
) -> None:
    if text.startswith("-"):
        text = " " + text  # not an option of its own
    code, err = journal_add(tmp_path, "--pain", "2", option, text)
    assert "Traceback" not in err
    if code != 0:
        assert code == 2 and err.strip(), err
        assert "please report" not in err


SIDES = st.sampled_from(["left", "right", "both", "yes"])


@given(st.lists(st.tuples(st.sampled_from(["wound", "swelling", "redness"]), SIDES), max_size=6))
def test_repeated_foot_checks_keep_every_side(findings: list[tuple[str, str]]) -> None:
    """Both feet only where both are named: "yes" (no foot named) beside a foot is that foot,
    never "both", which would make swelling the milder sign."""
    combined = merged(findings)
    assert set(combined) == {key for key, _ in findings}
    for key, side in combined.items():
        named = {s for k, s in findings if k == key} - {"yes"}
        assert side == (named.pop() if len(named) == 1 else "both" if named else "yes")


@pytest.mark.parametrize(
    ("checks", "findings", "signs"),
    [
        # `--foot-check session-injury`, as scripts wrote it before it took a side, is kept on
        # no foot named; it blocks sessions as one on a foot does
        (["session-injury"], {"session_injury": "yes"}, [("yes", True)]),
        (["redness:left", "redness:right"], {"redness": "both"}, [("both", True)]),
    ],
)
def test_foot_checks_are_recorded_with_their_sides(
    tmp_path: Path, checks: list[str], findings: dict[str, str], signs: list[tuple[str, bool]]
) -> None:
    code, err = journal_add(tmp_path, *(a for check in checks for a in ("--foot-check", check)))
    assert code == 0, err
    [entry] = JournalStore(Paths(tmp_path / "c", tmp_path / "d")).load().entries
    assert entry.findings == findings
    record = SafetyStore(Paths(tmp_path / "c", tmp_path / "d")).load().record
    assert [(s.side, s.blocks_sessions) for s in record.signs] == signs


@pytest.mark.parametrize("note", ["\x1b\x07\x01", "   ", "\x1b[2J", "\u202e"])
def test_a_note_of_nothing_printable_adds_nothing(tmp_path: Path, note: str) -> None:
    code, err = journal_add(tmp_path, "--note", note, "--blood-sugar", " ")
    assert code == 2 and "nothing to add" in err
    assert JournalStore(Paths(tmp_path / "c", tmp_path / "d")).load().entries == []


def test_a_since_after_until_says_so(tmp_path: Path) -> None:
    code, err = footcare(
        tmp_path, "journal", "list", "--since", "2026-11-30", "--until", "2026-10-01"
    )
    assert code == 2 and "is after --until" in err
