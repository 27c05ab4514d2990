"""`footcare remind`: a daily reminder through the system's scheduler, set up and taken away.

The scheduler programs are stand-ins on PATH that keep their table in a file, so the test
sees exactly what footcare asked for, and then runs the entry it installed."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

FAKE_CRONTAB = """#!/bin/sh
table="$FAKE_HOME/crontab"
if [ "$1" = "-l" ]; then
    [ -f "$table" ] || { echo "no crontab for you" >&2; exit 1; }
    cat "$table"
elif [ "$1" = "-" ]; then
    cat > "$table"
fi
"""
FAKE_NOTIFY = """#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_HOME/notices"
"""
FAKE_SYSTEMCTL = """#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_HOME/systemctl"
[ "$2" = "show-environment" ] && exit "${FAKE_SYSTEMD_EXIT:-1}"
exit 0
"""


def fake(bin_dir: Path, name: str, text: str) -> None:
    path = bin_dir / name
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake(bin_dir, "crontab", FAKE_CRONTAB)
    fake(bin_dir, "notify-send", FAKE_NOTIFY)
    fake(bin_dir, "systemctl", FAKE_SYSTEMCTL)
    return tmp_path


def run(home: Path, *args: str, systemd: bool = False) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    env.update(
        PATH=f"{home / 'bin'}:/usr/bin:/bin",
        FAKE_HOME=str(home),
        FAKE_SYSTEMD_EXIT="0" if systemd else "1",
        XDG_CONFIG_HOME=str(home / "xdg"),
        FOOTCARE_CONFIG_DIR=str(home / "cfg"),
        FOOTCARE_DATA_DIR=str(home / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "footcare", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


def test_cron_reminder_is_installed_runs_and_is_removed(home: Path) -> None:
    table = home / "crontab"
    table.write_text("0 5 * * * backup\n", encoding="utf-8")
    done = run(home, "remind", "install", "--at", "19:30")
    assert done.returncode == 0, done.stderr
    assert "crontab entry at 19:30" in done.stdout
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "0 5 * * * backup"
    (entry,) = [line for line in lines if "footcare-reminder" in line]
    assert entry.startswith("30 19 * * * ")
    # the scheduler runs it: a desktop notice says the session is not done yet
    command = entry.split(" ", 5)[5].rsplit(" #", 1)[0]
    env = {**os.environ, "PATH": f"{home / 'bin'}:/usr/bin:/bin", "FAKE_HOME": str(home)}
    subprocess.run(shlex.split(command), env=env, check=True, timeout=60)
    notices = (home / "notices").read_text(encoding="utf-8")
    assert "footcare: streak 0 · today not yet" in notices
    again = run(home, "remind", "install", "--at", "08:00")
    assert again.returncode == 0
    entries = [x for x in table.read_text(encoding="utf-8").splitlines() if "reminder" in x]
    assert len(entries) == 1 and entries[0].startswith("0 8 * * * ")
    removed = run(home, "remind", "remove")
    assert removed.returncode == 0 and "removed" in removed.stdout
    assert table.read_text(encoding="utf-8").splitlines() == ["0 5 * * * backup"]
    assert "No reminder was set" in run(home, "remind", "remove").stdout


def test_systemd_timer_is_written_enabled_and_removed(home: Path) -> None:
    done = run(home, "remind", "install", "--at", "07:05", systemd=True)
    assert done.returncode == 0, done.stderr
    units = home / "xdg" / "systemd" / "user"
    timer = (units / "footcare-reminder.timer").read_text(encoding="utf-8")
    service = (units / "footcare-reminder.service").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 07:05:00" in timer
    assert "remind now" in service and str(home / "data") in service
    calls = (home / "systemctl").read_text(encoding="utf-8")
    assert "--user enable --now footcare-reminder.timer" in calls
    assert not (home / "crontab").exists()
    removed = run(home, "remind", "remove", systemd=True)
    assert removed.returncode == 0
    assert not list(units.glob("footcare-reminder.*"))
    assert "--user disable --now footcare-reminder.timer" in (home / "systemctl").read_text()


def test_a_bad_time_is_a_usage_error(home: Path) -> None:
    done = run(home, "remind", "install", "--at", "25:99")
    assert done.returncode == 2 and "is not a time like 19:00" in done.stderr
