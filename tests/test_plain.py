"""`footcare session --plain` and `footcare status`, as a script or a screen reader uses them:
lines in, lines out, the same gate as the app, and no Textual."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from footcare.domain.advice import refusal
from footcare.domain.journal import SYMPTOMS
from footcare.domain.screening import Answers, evaluate
from footcare.domain.todo import to_do
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from midnight import clear_of_midnight
from plainrun import TWO_SECONDS, first_time_answers

PROBE = (
    "import sys\n"
    "from footcare.cli import run\n"
    "rc = run(sys.argv[1:])\n"
    "assert 'textual' not in sys.modules, 'textual was imported'\n"
    "sys.exit(rc)\n"
)


class Folder:
    def __init__(self, root: Path) -> None:
        self.config = root / "cfg"
        self.data = root / "data"
        (self.config / "routines").mkdir(parents=True)
        (self.config / "routines" / "two.toml").write_text(TWO_SECONDS, encoding="utf-8")
        self.paths = Paths(self.config, self.data)

    def run(
        self, *args: str, stdin: str = "", timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
        env.update(
            FOOTCARE_CONFIG_DIR=str(self.config),
            FOOTCARE_DATA_DIR=str(self.data),
            PYTHONIOENCODING="utf-8",
            TERM="dumb",
        )
        return subprocess.run(
            [sys.executable, "-c", PROBE, *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=timeout,
        )

    def session(self, answers: list[str], *flags: str) -> subprocess.CompletedProcess[str]:
        """`footcare session --plain` of the two-second routine, these lines typed."""
        return self.run("session", "--plain", "--routine", "two", *flags, stdin="\n".join(answers))


@pytest.fixture
def folder(tmp_path: Path) -> Folder:
    return Folder(tmp_path)


def test_a_whole_session_from_a_pipe_with_no_textual(folder: Folder) -> None:
    (folder.config / "config.toml").write_text('cues = "bell"\n', encoding="utf-8")
    after = ["2", "", "1", "", "feet warm"]
    done = folder.session(first_time_answers() + after)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "Traceback" not in out + done.stderr
    stop_if = "Stop at once if it hurts, if you see a new mark, or if the foot swells."
    assert out.count(stop_if) == 2, "said before each foot, as the session screen shows it"
    order = [
        "Get ready: left foot",
        stop_if,
        "Step 1 of 3, left foot: Warming strokes. 2 seconds.",
        "Step 2 of 3, left foot: Knuckle rub.",
        "Pressure: comfortable.",
        "Step 3 of 3, left foot: Finish this foot.",
        "Change feet: now the right foot.",
        "Get ready: right foot",
        "Step 1 of 3, right foot: Warming strokes.",
        "Step 3 of 3, right foot: Finish this foot.",
        "Session complete.",
        "Saved to your journal.",
    ]
    positions = [out.index(line) for line in order]
    assert positions == sorted(positions)
    right = out.index("Get ready: right foot")
    assert right < out.index(stop_if, right) < out.index("Step 1 of 3, right foot")
    # a bell for each of the 6 steps, two at the foot change and two at the end
    assert out.count("\a") == 6 + 2 + 2
    entries = JournalStore(folder.paths).load().entries
    assert len(entries) == 1
    entry = entries[0]
    assert entry.before.numbness == 3 and entry.after.numbness == 2 and entry.after.burning == 1
    assert entry.note == "feet warm"
    assert entry.session is not None and entry.session.feet == ("left", "right")


def test_blood_thinners_make_the_plain_session_lighter(folder: Folder) -> None:
    done = folder.session(
        [*first_time_answers(blood_thinners=True), "", "", "", "", ""], "--no-bell"
    )
    assert done.returncode == 0, done.stdout
    assert "\a" not in done.stdout
    assert "Pressure: comfortable" not in done.stdout
    assert "Light strokes (in place of knuckle rub)" in done.stdout
    assert done.stdout.count("Lighter pressure for you") == 6


def test_a_yes_refuses_with_the_apps_own_words(folder: Folder) -> None:
    today = clear_of_midnight()  # the yes holds for the day it was given on
    done = folder.session(["", "", "", "", "y", ""])
    assert done.returncode == 3
    verdict = evaluate(Answers(blocks={"wound": True}), today)
    for line in refusal(verdict, "your emergency number, e.g. 911 / 112 / 999"):
        shown = f"{line.label}: {line.text}" if line.label else line.text
        assert shown in done.stdout
    # and the yes holds for the rest of the day: status says so too, in the same words,
    # with no count of questions that can't lift the day
    held = 'No massage today: you answered yes to "Wound, sore or blister".'
    status = folder.run("status", "--json")
    assert status.returncode == 0, status.stderr
    report = json.loads(status.stdout)
    assert report["may_start"] is False
    assert [r["item"] for r in report["reasons"] if r["kind"] == "blocked"] == ["wound"]
    assert report["no_massage_today"] == held and report["to_do"] == []
    lines, short = folder.run("status").stdout, folder.run("status", "--short").stdout
    again = folder.session(["", "", "", "", "n", ""]).stdout
    assert lines.splitlines()[0] == held
    assert short.rstrip("\n").endswith(" · n" + held[1:-1])
    assert held in done.stdout.splitlines() and held in again.splitlines()
    for said in (lines, short, done.stdout, again):
        assert not re.search(r"\d+ to do", said), said


def test_no_answers_at_all_refuses_and_lists_what_is_open(folder: Folder) -> None:
    today = clear_of_midnight()
    done = folder.session([])
    assert done.returncode == 3
    left = to_do(evaluate(Answers(), today))
    said = done.stdout.splitlines()
    heading = said.index(f"The session can't begin yet. Still {left.says()}:")
    assert said[heading + 1 : heading + 1 + left.count] == [f"- {line}" for line in left.lines()]


def test_a_deleted_warning_sign_still_refuses_everywhere(folder: Folder) -> None:
    first = folder.session([*first_time_answers(), "", "", "", "", ""])
    assert first.returncode == 0, first.stdout
    earlier = datetime.now() - timedelta(minutes=5)  # yesterday, just after midnight
    added = folder.run(
        "journal", "add", "--foot-check", "new-wound:left",
        "--date", f"{earlier:%Y-%m-%d}", "--time", f"{earlier:%H:%M}",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Warning sign: new wound, blister or cut (left foot)" in added.stdout
    entry_id = added.stdout.split()[2]
    deleted = folder.run("journal", "delete", entry_id)
    assert deleted.returncode == 0, deleted.stderr
    assert "stays in your safety record" in deleted.stdout
    status = json.loads(folder.run("status", "--json").stdout)
    assert status["may_start"] is False
    assert [r["kind"] for r in status["reasons"]] == ["check needed"]
    assert status["pending_warning_signs"][0]["finding"] == "wound"
    plain = folder.run("status")
    assert "Warning signs waiting for a professional's check" in plain.stdout
    # the plain session asks for that check and refuses without it
    again = folder.session(["", "", "", "", "n", ""])
    assert again.returncode == 3
    assert "A warning sign was noted on" in again.stdout
    assert "new wound, blister or cut (left foot)" in again.stdout
    restored = folder.run("journal", "restore", entry_id)
    assert restored.returncode == 0 and "restored" in restored.stdout


def test_a_back_dated_entry_with_a_blister_blocks_that_day_on(folder: Folder) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    done = folder.run(
        "journal", "add", "--foot-check", "new-wound:right", "--date", yesterday, "--time", "20:00"
    )
    assert done.returncode == 0, done.stderr
    entries = JournalStore(folder.paths).load().entries
    assert entries[0].at == datetime.fromisoformat(f"{yesterday}T20:00")
    report = json.loads(folder.run("status", "--json").stdout)
    assert report["may_start"] is False
    # two days on: still in the future if midnight passes before the command runs
    later = (date.today() + timedelta(days=2)).isoformat()
    future = folder.run("journal", "add", "--pain", "2", "--date", later)
    assert future.returncode == 2 and "future" in future.stderr


def test_status_is_plain_text_and_json_without_textual(folder: Folder) -> None:
    text = folder.run("status")
    assert text.returncode == 0, text.stderr
    assert "Streak: 0 days in a row." in text.stdout
    assert "Today's session: not yet." in text.stdout
    report = json.loads(folder.run("status", "--json").stdout)
    assert set(report) >= {"may_start", "reasons", "pending_warning_signs", "streak"}
    assert report["may_start"] is False  # nobody has recorded the go-ahead yet
    assert report["reasons"][0]["item"] == "discussed"
    assert {"item", "why", "what_to_do"} <= set(report["reasons"][0])


def test_ratings_on_the_command_line_cover_every_symptom(folder: Folder) -> None:
    args = [arg for s in SYMPTOMS for arg in (f"--{s}", "4")]
    done = folder.run("journal", "add", *args)
    assert done.returncode == 0, done.stderr


def test_journal_add_takes_every_field_of_the_entry_form(folder: Folder) -> None:
    done = folder.run(
        "journal", "add", "--pain", "5", "--after-pain", "3", "--after-numbness", "2",
        "--sleep", "4", "--footwear", "yes", "--exercise", "25", "--blood-sugar", "6.1 mmol/L",
        "--follow-up", "2026-12-24", "--foot-check", "redness:both", "--note", "ok",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    (entry,) = JournalStore(folder.paths).load().entries
    assert entry.before.pain == 5 and entry.after.pain == 3 and entry.after.numbness == 2
    assert entry.sleep == 4 and entry.footwear is True and entry.exercise_minutes == 25
    assert entry.blood_sugar == "6.1 mmol/L" and entry.next_follow_up == date(2026, 12, 24)
    assert entry.findings == {"redness": "both"}
    care_only = folder.run("journal", "add", "--footwear", "no")
    assert care_only.returncode == 0, care_only.stderr


def test_journal_list_filters(folder: Folder) -> None:
    for args in (
        ["--pain", "3", "--date", "2026-10-01", "--note", "left heel warm"],
        ["--pain", "4", "--date", "2026-10-15", "--note", "fine"],
        ["--foot-check", "warmth:left", "--date", "2026-11-01", "--note", "Heel hot"],
    ):
        assert folder.run("journal", "add", *args).returncode == 0
    lines = folder.run("journal", "list", "--grep", "HEEL").stdout.splitlines()
    assert [line[:10] for line in lines] == ["2026-10-01", "2026-11-01"]
    flagged = folder.run("journal", "list", "--flags").stdout.splitlines()
    assert [line[:10] for line in flagged] == ["2026-11-01"]
    window = folder.run("journal", "list", "--since", "2026-10-10", "--until", "2026-10-31")
    assert [line[:10] for line in window.stdout.splitlines()] == ["2026-10-15"]
    assert folder.run("journal", "list", "--grep", "warmth").stdout.count("\n") == 1


def test_status_short_is_one_line(folder: Folder) -> None:
    line = folder.run("status", "--short")
    assert line.returncode == 0, line.stderr
    assert (
        line.stdout == "footcare: streak 0 · today not yet · no session today (footcare status)\n"
    )
    folder.run("journal", "add", "--foot-check", "pus")
    again = folder.run("status", "--short").stdout
    assert again == "footcare: streak 0 · today not yet · 1 warning sign to have checked\n"
