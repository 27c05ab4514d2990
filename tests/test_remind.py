"""`footcare remind`: a daily reminder through the system's scheduler, set up and taken away.

The scheduler programs are stand-ins on PATH that keep their table in a file, so the test
sees exactly what footcare asked for, and then runs the entry it installed."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from footcare.cli import build_parser
from footcare.commands import reminders
from footcare.storage.paths import Paths, resolve

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
if [ "$2" = "enable" ] && [ -n "$FAKE_ENABLE_FAILS" ]; then
    echo "Failed to connect to bus: No medium found" >&2
    exit 1
fi
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


def run(
    home: Path, *args: str, systemd: bool = False, enable_fails: bool = False
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "FAKE_"))}
    if enable_fails:
        env["FAKE_ENABLE_FAILS"] = "1"
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


def cron_text(entry: str) -> str:
    """The command cron hands to the shell for a crontab line: past the five time fields,
    `\\%` becomes `%` and an unescaped `%` would end the command (cron's own reading, where
    a backslash also takes the character after it as escaped)."""
    command = entry.split(" ", 5)[5]
    out: list[str] = []
    escaped = False
    for char in command:
        if escaped:
            if char == "%":
                out[-1] = "%"
            else:
                out.append(char)
            escaped = False
            continue
        assert char != "%", f"cron would cut the command at a bare %: {command}"
        out.append(char)
        escaped = char == "\\"
    return "".join(out)


def cron_argv(entry: str) -> list[str]:
    """The words the shell makes of a crontab line's command."""
    return shlex.split(cron_text(entry), comments=True)


SYSTEMD_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "s": " ", "a": "\a"}
SYSTEMD_ESCAPES.update({"b": "\b", "f": "\f", "r": "\r", "v": "\v"})


def systemd_words(line: str) -> list[str]:
    """systemd's own splitting of a command line: words apart at spaces, quotes group,
    and backslash escapes are C-style inside quotes as well as outside (unlike the shell)."""
    words: list[str] = []
    word: list[str] | None = None
    quote = ""
    chars = iter(line)
    for char in chars:
        if char == "\\":
            code = next(chars)
            assert code in SYSTEMD_ESCAPES, f"systemd can't read the escape \\{code}: {line}"
            word = [*(word or []), SYSTEMD_ESCAPES[code]]
        elif quote:
            if char == quote:
                quote = ""
            else:
                word = [*(word or []), char]
        elif char in "\"'":
            quote, word = char, word or []
        elif char in " \t":
            if word is not None:
                words.append("".join(word))
            word = None
        else:
            word = [*(word or []), char]
    assert not quote, f"an unclosed quote: {line}"
    if word is not None:
        words.append("".join(word))
    return words


def systemd_argv(line: str) -> list[str]:
    """The argv systemd starts for an ExecStart= value: `%%` is the only specifier here
    (read first, over the whole line), then the words, then `$$` in each word (a bare `$`
    would be a variable)."""
    assert "%" not in line.replace("%%", ""), f"systemd would read a specifier: {line}"
    words = systemd_words(line.replace("%%", "%"))
    for word in words:
        assert "$" not in word.replace("$$", ""), f"systemd would expand a variable: {word}"
    return [word.replace("$$", "$") for word in words]


def exec_start(service: str) -> list[str]:
    """The argv systemd starts for a service file's one ExecStart= line."""
    (start,) = [x for x in service.splitlines() if x.startswith("ExecStart=")]
    return systemd_argv(start.removeprefix("ExecStart="))


def entries(home: Path) -> list[str]:
    table = home / "crontab"
    if not table.exists():
        return []
    return [x for x in table.read_text(encoding="utf-8").splitlines() if "footcare-reminder" in x]


def run_entry(home: Path, argv: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "FAKE_"))}
    env.update(PATH=f"{home / 'bin'}:/usr/bin:/bin", FAKE_HOME=str(home))
    subprocess.run(argv, env=env, check=True, timeout=60)


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
    run_entry(home, cron_argv(entry))  # as the scheduler would: a notice says not done yet
    notices = (home / "notices").read_text(encoding="utf-8")
    assert "footcare: streak 0 · today not yet" in notices
    again = run(home, "remind", "install", "--at", "08:00")
    assert again.returncode == 0
    (entry,) = entries(home)
    assert entry.startswith("0 8 * * * ")
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
    argv = exec_start(service)
    assert argv[-2:] == ["remind", "now"] and str(home / "data") in argv
    calls = (home / "systemctl").read_text(encoding="utf-8")
    assert "--user enable --now footcare-reminder.timer" in calls
    assert not (home / "crontab").exists()
    removed = run(home, "remind", "remove", systemd=True)
    assert removed.returncode == 0
    assert not list(units.glob("footcare-reminder.*"))
    assert "--user disable --now footcare-reminder.timer" in (home / "systemctl").read_text()


@pytest.mark.parametrize("at", ["25:99", "0700", "T07:00", "07:00:30", "07:00+01:00", "7pm", ""])
def test_a_bad_time_is_a_usage_error(home: Path, at: str) -> None:
    done = run(home, "remind", "install", "--at", at)
    assert done.returncode == 2 and "time" in done.stderr and "Traceback" not in done.stderr
    assert not (home / "crontab").exists()  # nothing was scheduled


def test_each_profile_has_its_own_cron_reminder(home: Path) -> None:
    (home / "cfg" / "profiles" / "bob").mkdir(parents=True)
    (home / "cfg" / "profiles" / "bob" / "config.toml").write_text('name = "Bob B"\n')
    assert run(home, "--profile", "alex", "remind", "install", "--at", "08:00").returncode == 0
    assert run(home, "--profile", "bob", "remind", "install", "--at", "20:00").returncode == 0
    assert run(home, "remind", "install", "--at", "12:00").returncode == 0
    found = {e.rsplit(" ", 1)[1]: e for e in entries(home)}
    assert sorted(found) == ["footcare-reminder", "footcare-reminder-alex", "footcare-reminder-bob"]
    assert found["footcare-reminder-alex"].startswith("0 8 * * * ")
    assert found["footcare-reminder-bob"].startswith("0 20 * * * ")
    # each runs `remind now` with the same base folders and its own profile
    bob = cron_argv(found["footcare-reminder-bob"])
    assert bob[-3:] == ["--profile=bob", "remind", "now"]
    assert bob[bob.index("--data-dir") + 1] == str(home / "data")
    assert bob[bob.index("--config-dir") + 1] == str(home / "cfg")
    assert cron_argv(found["footcare-reminder"])[-3:] == ["--profile=", "remind", "now"]
    run_entry(home, bob)
    assert "footcare: Bob B" in (home / "notices").read_text(encoding="utf-8")
    # removing alex's leaves bob's and the default person's
    removed = run(home, "--profile", "alex", "remind", "remove")
    assert removed.returncode == 0 and "profile alex was removed" in removed.stdout
    names = [e.rsplit(" ", 1)[1] for e in entries(home)]
    assert names == ["footcare-reminder-bob", "footcare-reminder"]
    assert "No reminder was set" in run(home, "--profile", "alex", "remind", "remove").stdout
    assert run(home, "remind", "remove").returncode == 0
    assert [e.rsplit(" ", 1)[1] for e in entries(home)] == ["footcare-reminder-bob"]


def test_each_profile_has_its_own_systemd_timer(home: Path) -> None:
    units = home / "xdg" / "systemd" / "user"
    for who, at in (("alex", "08:00"), ("bob", "20:00")):
        done = run(home, "--profile", who, "remind", "install", "--at", at, systemd=True)
        assert done.returncode == 0, done.stderr
    assert "08:00:00" in (units / "footcare-reminder-alex.timer").read_text()
    assert "20:00:00" in (units / "footcare-reminder-bob.timer").read_text()
    service = (units / "footcare-reminder-alex.service").read_text(encoding="utf-8")
    assert exec_start(service)[-3:] == ["--profile=alex", "remind", "now"]
    assert run(home, "--profile", "alex", "remind", "remove", systemd=True).returncode == 0
    left = sorted(p.name for p in units.iterdir())
    assert left == ["footcare-reminder-bob.service", "footcare-reminder-bob.timer"]
    calls = (home / "systemctl").read_text(encoding="utf-8")
    assert "disable --now footcare-reminder-alex.timer" in calls
    assert "footcare-reminder-bob.timer" not in calls.split("disable", 1)[1]


def test_a_failed_install_keeps_the_reminder_that_works(home: Path) -> None:
    units = home / "xdg" / "systemd" / "user"
    assert run(home, "remind", "install", "--at", "08:00", systemd=True).returncode == 0
    before = {p.name: p.read_text() for p in units.iterdir()}
    done = run(home, "remind", "install", "--at", "21:00", systemd=True, enable_fails=True)
    assert done.returncode == 1
    assert "Failed to connect to bus" in done.stderr
    assert "The daily reminder set before is kept, unchanged." in done.stderr
    assert {p.name: p.read_text() for p in units.iterdir()} == before
    # a crontab one is kept too when systemd fails to take over
    assert run(home, "--profile", "alex", "remind", "install", "--at", "07:00").returncode == 0
    (entry,) = entries(home)
    done = run(home, "--profile", "alex", "remind", "install", systemd=True, enable_fails=True)
    assert done.returncode == 1 and "profile alex set before is kept" in done.stderr
    assert entries(home) == [entry]
    assert not list(units.glob("footcare-reminder-alex.*"))


def test_a_failed_first_install_leaves_nothing_and_says_so(home: Path) -> None:
    done = run(home, "remind", "install", "--at", "21:00", systemd=True, enable_fails=True)
    assert done.returncode == 1
    assert "No reminder is set" in done.stderr and "remind install" in done.stderr
    units = home / "xdg" / "systemd" / "user"
    assert not list(units.glob("footcare-reminder*"))
    assert "disable --now footcare-reminder.timer" in (home / "systemctl").read_text()


def test_odd_folders_reach_the_scheduled_run_through_the_shell(home: Path) -> None:
    odd = home / "100%done $HOME 'x' \\%d `;` \"q\""
    odd.mkdir()
    (odd / "config.toml").write_text('name = "Odd"\n', encoding="utf-8")
    folders = ("--config-dir", str(odd), "--data-dir", str(odd))
    assert run(home, *folders, "remind", "install", "--at", "06:00").returncode == 0
    (entry,) = entries(home)
    argv = cron_argv(entry)
    assert argv[argv.index("--data-dir") + 1] == str(odd)
    # the real shell runs the line as cron hands it over: the notice is Odd's
    run_entry(home, ["/bin/sh", "-c", cron_text(entry)])
    assert "footcare: Odd footcare: streak 0" in (home / "notices").read_text(encoding="utf-8")


def test_a_control_character_in_a_folder_is_refused(home: Path) -> None:
    bad = home / "two\nlines"
    done = run(home, "--data-dir", str(bad), "remind", "install")
    assert done.returncode == 1
    assert "data folder" in done.stderr and "two\\nlines" in done.stderr
    assert entries(home) == []
    done = run(home, "--config-dir", str(home / "tab\there"), "remind", "install", systemd=True)
    assert done.returncode == 1 and "config folder" in done.stderr and "tab\\there" in done.stderr
    assert not (home / "xdg").exists()


FOLDER_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30
)


@settings(max_examples=300, deadline=None)
@given(config=FOLDER_TEXT, data=FOLDER_TEXT, profile=st.sampled_from(["", "alex", "B_2-x"]))
@example(config="100%done", data="a\\%b $HOME %h $$ `x`;'\" \\", profile="")
@example(config="it's", data="\\\\%%", profile="alex")
def test_scheduled_lines_give_back_the_exact_argv(config: str, data: str, profile: str) -> None:
    base_config, base_data = Path("/home/a", config), Path("/home/a", data)
    paths = resolve(str(base_config), str(base_data), profile_flag=profile)
    command = reminders.footcare_command(paths)
    folders = ["--config-dir", str(base_config), "--data-dir", str(base_data)]
    expected = [*command[:-5], *folders, f"--profile={profile}", "remind", "now"]
    who = reminders.reminder_for(paths)
    entry = reminders.cron_entry(who, command, time(7, 5))
    assert entry.startswith("5 7 * * * ") and reminders.is_entry(who, entry)
    assert "\n" not in entry and cron_argv(entry) == expected
    assert exec_start(reminders.service_text(command)) == expected
    assert resolve(*expected[4:7:2], profile_flag=profile) == paths


@settings(max_examples=100, deadline=None)
@given(cache=FOLDER_TEXT, profile=st.sampled_from(["", "alex"]))
@example(cache="100%done $HOME", profile="alex")
def test_a_chosen_cache_folder_goes_with_the_scheduled_run(cache: str, profile: str) -> None:
    """The index holds health data too: the scheduled run keeps it in the folder chosen."""
    paths = resolve("/home/a/cfg", "/home/a/data", str(Path("/home/a", cache)), profile)
    command = reminders.footcare_command(paths)
    at = command.index("--cache-dir")
    assert command[at + 1] == str(Path("/home/a", cache))
    who = reminders.reminder_for(paths)
    argv = cron_argv(reminders.cron_entry(who, command, time(7, 5)))
    assert exec_start(reminders.service_text(command)) == argv == [*command, "remind", "now"]
    parsed = build_parser().parse_args(argv[argv.index("--config-dir") :])
    again = resolve(parsed.config_dir, parsed.data_dir, parsed.cache_dir, parsed.profile)
    assert again == paths


@given(folder=st.text(min_size=1, max_size=20).filter(lambda t: reminders.unsafe_character(t)))
def test_any_control_character_is_refused_naming_the_folder(folder: str) -> None:
    paths = Paths(Path("/home/a/cfg"), Path("/home/a/" + folder))
    with pytest.raises(reminders.ReminderError, match="data folder '/home/a/"):
        reminders.footcare_command(paths)
