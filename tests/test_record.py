"""The record is what happened: a session stopped early keeps the massage actually done on
each foot, its cause and its note, and every place that shows the entry shows them; after
ratings added with `journal add` count in "is it helping?"; the reports cover the same
period and each says it; a report is in the profile's name when config.toml gives none.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, Clock, answer_today, begin_today, cleared_paths, pressed
from domainsupport import one_line, page_text
from footcare.cli import run as cli
from footcare.domain.export import to_csv, to_json, to_markdown
from footcare.domain.journal import Entry, Ratings
from footcare.domain.report.facts import REPORT_DAYS
from footcare.domain.report.page import to_html
from footcare.domain.routine import Routine, Step
from footcare.domain.screening import Verdict
from footcare.domain.session import Session, Status
from footcare.domain.stops import StopCause
from footcare.services.build import read_footcare
from footcare.services.runner import SessionRunner
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.report_context import report_context
from footcare.ui.app import FootcareApp
from midnight import clear_of_midnight
from ptyterm import two_steps
from rendered import screen_words

SLOW = two_steps("slow", "Slow test", "A long massage step between a look and a finish.", 150, 30)


def slow_paths(tmp: Path) -> Paths:
    paths = cleared_paths(tmp, routine="slow")
    (paths.config / "routines" / "slow.toml").write_text(SLOW, encoding="utf-8")
    return paths


def ticked(clock: Clock, runner: SessionRunner, seconds: int) -> None:
    """``seconds`` pass, and the runner hears of each one."""
    for _ in range(seconds):
        clock.advance(1)
        runner.tick()


def stopped_after(paths: Paths, seconds: int, note: str) -> Entry:
    """A session stopped for pain ``seconds`` after it began, with a note typed after."""
    clock = Clock()
    services = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    runner = begin_today(services, Ratings(pain=4), "slow")
    ticked(clock, runner, seconds)
    runner.stop(StopCause.PAIN)
    entry = runner.add_after(Ratings(pain=6), note)
    assert entry is not None
    return entry


# --- a session stopped after 30 s -----------------------------------------------------------


async def test_a_stop_after_30_s_shows_under_a_minute_its_cause_and_its_note(
    tmp_path: Path,
) -> None:
    paths = slow_paths(tmp_path)
    entry = stopped_after(paths, 30, "left heel burned")
    # 2 s to get ready, then 28 s of light strokes on the left foot: not the plan's 2.5 min
    assert entry.session is not None
    assert entry.session.massage_seconds == {"left": 28}
    assert entry.session.minutes_per_foot == 0.4 < 1
    assert entry.session.stop_cause == "pain" and entry.note == "left heel burned"
    stored = [e for e in JournalStore(paths).load().entries if e.session is not None]
    assert stored == [entry]  # the file holds it so

    # the entry view, read from the painted screen
    app = FootcareApp(read_footcare(paths, now=lambda: NOW + timedelta(minutes=5)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")
        await pressed(pilot, "enter")
        shown = screen_words(app)
    assert "massage done: left foot 0.4 min (under a minute)" in shown, shown
    assert "stopped early: it hurts" in shown and "left heel burned" in shown, shown
    assert "no reason given" not in shown and "2.5 min" not in shown

    # the CSV and the JSON
    row = next(csv.DictReader(io.StringIO(to_csv([entry]))))
    assert (row["massage_minutes_left"], row["massage_minutes_right"]) == ("0.4", "")
    assert row["minutes_per_foot"] == "0.4" and row["stop_cause"] == "pain"
    assert row["note"] == "left heel burned"
    data = json.loads(to_json([entry]))["entries"][0]
    assert data["session"]["massage_seconds"] == {"left": 28}
    assert data["session"]["stop_cause"] == "pain" and data["note"] == "left heel burned"

    # the Markdown and the HTML report
    today = NOW.date()
    said = "stopped early (it hurts): left heel burned (massage done: left foot 0.4 min"
    markdown = one_line(to_markdown([entry], today, today))
    assert said in markdown and "Minutes per foot, average: 0.4" in markdown
    assert "Sessions stopped early: 1 (it hurts 1)" in markdown
    html = page_text(to_html([entry], today, today))
    assert said in html and "Minutes per foot, average: 0.4" in html


def test_a_session_run_to_its_end_records_its_massage_in_full(tmp_path: Path) -> None:
    paths = slow_paths(tmp_path)
    clock = Clock()
    services = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    answer_today(services)
    routine = services.settings.routine("slow")
    assert routine is not None
    runner = services.sessions.start(routine, Ratings())
    while runner.concluded is None:
        clock.advance(7)
        runner.tick()
    session = runner.concluded.entry.session
    assert session is not None and not session.stopped_early
    assert session.massage_seconds == {"left": 150, "right": 150}
    assert session.minutes_per_foot == 2.5 == routine.minutes_per_foot


def test_a_session_carried_on_after_a_restart_keeps_what_was_done(tmp_path: Path) -> None:
    paths = slow_paths(tmp_path)
    clock = Clock()
    services = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    runner = begin_today(services, Ratings(), "slow")
    ticked(clock, runner, 12)  # 2 s to get ready, 10 s of strokes, then on to the finish
    runner.next()
    ticked(clock, runner, 1)
    runner.checkpoint()  # footcare closes (its claim goes with it); the next start carries on
    services.close()
    again = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    answer_today(again)
    resumed = again.sessions.resume()
    resumed.resume()
    resumed.next()
    ticked(clock, resumed, 12)  # the right foot: 2 s to get ready, then 10 s of strokes
    resumed.stop(StopCause.OTHER)
    session = resumed.concluded.entry.session if resumed.concluded else None
    assert session is not None and session.massage_seconds == {"left": 10, "right": 10}


# --- recorded minutes are never more than the massage done --------------------------------

ROUTINE = Routine(
    id="r",
    name="r",
    description="",
    feet=("left", "right"),
    get_ready_seconds=3,
    steps=(
        Step("look", "prepare", 5, "Look.", pressure="none"),
        Step("strokes", "effleurage", 20, "Stroke.", pressure="light"),
        Step("circles", "thumb-circles", 15, "Circle.", pressure="gentle"),
        Step("finish", "finish", 6, "Dry.", pressure="none"),
    ),
)
PASS = Verdict(blocks=(), unmet=())


def planned_massage(stop: float) -> dict[str, float]:
    """The oracle: seconds in massage steps, foot by foot, when the clock alone moves on."""
    done = {"left": 0.0, "right": 0.0}
    start = 0.0
    for foot in ROUTINE.feet:
        for step in (None, *ROUTINE.steps):
            duration = ROUTINE.get_ready_seconds if step is None else step.duration
            if step is not None and step.pressure != "none":
                done[foot] += max(0.0, min(float(duration), stop - start))
            start += duration
    return done


@settings(max_examples=200, deadline=None)
@given(
    stop=st.floats(0, 110, allow_nan=False),
    ticks=st.lists(st.floats(0.01, 30, allow_nan=False), max_size=12),
)
def test_with_the_clock_alone_the_massage_recorded_is_the_time_spent(
    stop: float, ticks: list[float]
) -> None:
    assert PASS.may_start
    session = Session.start(ROUTINE, PASS, 0.0, date(2026, 11, 24))
    now = 0.0
    for step in ticks:  # ticks at any moments before the stop: the sum never changes
        if now + step >= stop:
            break
        now += step
        session.tick(now)
    session.tick(stop)
    session.stop(stop, StopCause.PAIN)
    expected = planned_massage(stop)
    got = session.massage_seconds(stop)
    for foot in ROUTINE.feet:
        assert got[foot] == pytest.approx(expected[foot], abs=1e-6)


actions = st.lists(
    st.tuples(
        st.sampled_from(["wait", "next", "back", "pause"]), st.floats(0, 40, allow_nan=False)
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(actions=actions)
def test_whatever_is_pressed_the_massage_recorded_is_within_the_time_spent(
    actions: list[tuple[str, float]],
) -> None:
    session = Session.start(ROUTINE, PASS, 0.0, date(2026, 11, 24))
    now, running = 0.0, 0.0
    for action, seconds in actions:
        if action == "wait":
            if session.status is Status.RUNNING:
                running += seconds
            now += seconds
            session.tick(now)
        elif action == "next":
            session.next(now)
        elif action == "back":
            session.back(now)
        else:
            session.toggle_pause(now)
    session.stop(now, StopCause.OTHER)
    got = session.massage_seconds(now)
    assert all(value >= 0 for value in got.values())
    assert sum(got.values()) <= running + 1e-6


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(stop=st.integers(0, 400))
def test_the_journal_entry_never_records_more_than_was_done(stop: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        entry = stopped_after(slow_paths(Path(tmp)), stop, "")
    session = entry.session
    assert session is not None
    massage = planned_massage_slow(stop)
    for foot, seconds in session.massage_seconds.items():
        assert 0 <= seconds <= massage[foot]
        assert massage[foot] - seconds < 1  # whole seconds, rounded down
    assert set(session.massage_seconds) == set(session.feet)
    assert 0 <= session.minutes_per_foot * 60 <= max(massage.values(), default=0)


def planned_massage_slow(stop: int) -> dict[str, float]:
    """Seconds of the slow routine's strokes (2 s look, 150 s light, 30 s none) by ``stop``."""
    return {
        "left": float(max(0, min(150, stop - 2))),
        "right": float(max(0, min(150, stop - 184))),
    }


# --- after ratings from `journal add` -----------------------------------------------------


def test_before_and_after_pairs_from_journal_add_count_in_is_it_helping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data")
    where = ["--config-dir", str(paths.config), "--data-dir", str(paths.data)]
    today = date.today()
    for n in range(1, 7):  # six sessions done without the app, rated before and after
        day = (today - timedelta(days=n)).isoformat()
        added = [*where, "journal", "add", "--pain", "6", "--after-pain", "4"]
        assert cli([*added, "--date", day, "--time", "09:00"]) == 0
    capsys.readouterr()
    assert cli([*where, "journal", "export", "--format", "markdown"]) == 0
    markdown = one_line(capsys.readouterr().out)
    assert "| Pain | −2, lower after (median of 6 sessions, 6 entered outside the app" in markdown
    assert "| Pain | not enough data yet" not in markdown
    said = "Sessions rated before and after in this period: 6, of which 6 were entered with"
    assert said in markdown
    assert cli([*where, "journal", "export", "--format", "html"]) == 0
    html = page_text(capsys.readouterr().out)
    assert "median of 6 sessions, 6 entered outside the app" in html and said in html


# --- one period for every report ----------------------------------------------------------

PERIOD = re.compile(r"Period:\s*(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d) \((\d+) days?\)")


async def test_the_markdown_html_and_in_app_reports_cover_the_same_period_and_say_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data")
    where = ["--config-dir", str(paths.config), "--data-dir", str(paths.data)]
    today = clear_of_midnight()
    first = (today - timedelta(days=200)).isoformat()
    assert cli([*where, "journal", "add", "--pain", "3", "--date", first]) == 0
    capsys.readouterr()
    periods = []
    for fmt in ("markdown", "html"):
        assert cli([*where, "journal", "export", "--format", fmt]) == 0
        periods.append(PERIOD.findall(page_text(capsys.readouterr().out))[0])
    # the journal screen's x, in the app: the same days in both files it writes
    app = FootcareApp(read_footcare(paths, now=lambda: datetime.combine(today, NOW.time())))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")
        await pressed(pilot, "x")
    written = sorted(paths.reports.glob("footcare-report-*"))
    assert [p.suffix for p in written] == [".html", ".md"]
    for path in written:
        periods.append(PERIOD.findall(page_text(path.read_text("utf-8")))[0])
    start = (today - timedelta(days=REPORT_DAYS - 1)).isoformat()
    assert periods == [(start, today.isoformat(), str(REPORT_DAYS))] * 4


# --- whose feet ---------------------------------------------------------------------------


def test_a_profile_without_a_name_is_reported_in_the_profiles_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ["--config-dir", str(tmp_path / "cfg"), "--data-dir", str(tmp_path / "data")]
    bob = [*where, "--profile", "bob"]
    assert cli([*bob, "journal", "add", "--pain", "3", "--date", "2026-01-05"]) == 0
    capsys.readouterr()
    cli([*bob, "status"])
    assert "For bob:" in capsys.readouterr().out
    assert cli([*bob, "journal", "export", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "Name: bob." in markdown and "not given" not in markdown
    assert cli([*bob, "journal", "export", "--format", "html"]) == 0
    html = page_text(capsys.readouterr().out)
    assert "Name: bob " in html


def test_a_name_in_config_wins_over_the_profile_and_nothing_says_not_given(
    tmp_path: Path,
) -> None:
    named = Paths(config=tmp_path / "cfg", data=tmp_path / "data", profile="bob")
    named.config.mkdir(parents=True)
    named.config_file.write_text('name = "Robert Example"\n', encoding="utf-8")
    assert report_context(named, NOW.date()).owner.name == "Robert Example"
    assert read_footcare(named).settings.whose == "Robert Example"
    broken = Paths(config=tmp_path / "c2", data=tmp_path / "d2", profile="bob")
    broken.config.mkdir(parents=True)
    broken.config_file.write_text("name = 5\n", encoding="utf-8")
    context = report_context(broken, NOW.date())
    assert context.owner.name == "bob" and context.warnings
    nobody = Paths(config=tmp_path / "c3", data=tmp_path / "d3")
    assert report_context(nobody, NOW.date()).owner.name == ""
    assert "Name: not given." in to_markdown(
        [], NOW.date(), owner=report_context(nobody, NOW.date()).owner
    )


def test_an_old_stopped_entry_says_its_minutes_were_the_plan_and_is_not_averaged() -> None:
    from footcare.domain.history import full_text_lines
    from footcare.domain.journal import SessionFacts
    from footcare.domain.report.facts import gather

    old = Entry(  # written before footcare kept the massage done: 10 was the plan
        id="old",
        at=NOW,
        session=SessionFacts("gentle", ("left",), 10, stopped_early=True, stop_cause="pain"),
    )
    done = Entry(id="new", at=NOW, session=SessionFacts("gentle", ("left", "right"), 12.5))
    session = dict(full_text_lines(old))["Session"]
    assert "10 min per foot planned (massage done not recorded)" in session
    assert "stopped early: it hurts" in session
    assert gather([old, done], NOW.date(), NOW.date()).minutes_per_foot() == 12.5
