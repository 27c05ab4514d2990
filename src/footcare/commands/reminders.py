"""`footcare remind install --at HH:MM` / `remind remove` / `remind now`: a daily desktop nudge.

It uses the system's own scheduler: a systemd user timer where `systemctl --user` works,
else the user's crontab. At the chosen time it runs `footcare remind now`, which shows
`footcare status --short` through `notify-send` (when today's session is not done yet).

Each person (the default one and every profile) has a reminder of their own: the unit
names and the crontab marker carry the profile's name, and the scheduled command carries
the same folders and `--profile`. A new reminder is set before the old one is taken away,
so a failed install leaves the old one working.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import unicodedata
from datetime import time
from pathlib import Path

from footcare.commands.command_lines import cron_command, exec_start
from footcare.domain.frozen import frozen
from footcare.folders import PROFILE_NAME, Paths

UNIT = "footcare-reminder"


class ReminderError(Exception):
    """A reminder that can't be set up, with what to do about it."""


@frozen
class Reminder:
    """Whose reminder: its systemd unit name and its crontab marker."""

    profile: str

    @property
    def unit(self) -> str:
        return f"{UNIT}-{self.profile}" if self.profile else UNIT

    @property
    def mark(self) -> str:
        return f"# {self.unit}"

    @property
    def whose(self) -> str:
        return (
            f"the daily reminder of profile {self.profile}"
            if self.profile
            else "the daily reminder"
        )


def reminder_for(paths: Paths) -> Reminder:
    if paths.profile and not PROFILE_NAME.match(paths.profile):
        raise ReminderError(f"'{paths.profile}' can't name a profile's reminder")
    return Reminder(paths.profile)


def unsafe_character(text: str) -> str | None:
    """The first character no scheduler line can carry: a newline or another control
    character, or a byte that is not text."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return char
    return None


def check_folder(what: str, folder: Path) -> None:
    bad = unsafe_character(str(folder))
    if bad is not None:
        shown = str(folder).encode("unicode_escape", "backslashreplace").decode("ascii")
        raise ReminderError(
            f"the {what} '{shown}' has a control character ({bad!r}) in its name, which a "
            "scheduler can't carry; rename it, or choose another folder, and install again"
        )


def footcare_command(paths: Paths) -> list[str]:
    """How the scheduler starts this footcare, for this person: their folders and profile
    (and the cache folder when one was chosen: the journal's index holds health data too,
    and stays where it was put)."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "footcare" and script.is_file():
        base = [str(script)]
    else:
        base = [sys.executable, "-m", "footcare"]
    # absolute: the scheduler starts footcare in another folder than this one
    config, data = paths.config.absolute(), paths.data.absolute()
    if paths.profile:
        # resolve() put the profile's folders at BASE/profiles/NAME: hand back BASE and
        # the name, so the scheduled run resolves them the same way
        config, data = config.parent.parent, data.parent.parent
    check_folder("program folder", Path(base[0]))
    check_folder("config folder", config)
    check_folder("data folder", data)
    cache: list[str] = []
    if paths.cache is not None:
        check_folder("cache folder", paths.cache)
        cache = ["--cache-dir", str(paths.cache.absolute())]
    return [
        *base,
        "--config-dir",
        str(config),
        "--data-dir",
        str(data),
        *cache,
        f"--profile={paths.profile}",
    ]


def cron_entry(reminder: Reminder, command: list[str], at: time) -> str:
    line = cron_command([*command, "remind", "now"])
    return f"{at.minute} {at.hour} * * * {line} {reminder.mark}"


def service_text(command: list[str]) -> str:
    return (
        "[Unit]\nDescription=footcare daily reminder\n\n"
        f"[Service]\nType=oneshot\nExecStart={exec_start([*command, 'remind', 'now'])}\n"
    )


def timer_text(at: time) -> str:
    return (
        "[Unit]\nDescription=footcare daily reminder\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at:%H:%M}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )


def _run(argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, input=stdin, capture_output=True, text=True, timeout=30, check=False
    )


def _quiet(argv: list[str]) -> None:
    """A clean-up step whose failure changes nothing the user is told."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        _run(argv)


def systemd_user() -> bool:
    if shutil.which("systemctl") is None:
        return False
    try:
        return _run(["systemctl", "--user", "show-environment"]).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def unit_folder() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user"


def unit_files(reminder: Reminder) -> list[Path]:
    folder = unit_folder()
    return [folder / f"{reminder.unit}.timer", folder / f"{reminder.unit}.service"]


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def install_systemd(reminder: Reminder, command: list[str], at: time) -> str:
    """Write and enable the timer; on failure put back the files that were there (or
    none) and raise."""
    timer, service = unit_files(reminder)
    before = {path: _read(path) for path in (timer, service)}
    try:
        timer.parent.mkdir(parents=True, exist_ok=True)
        service.write_text(service_text(command), encoding="utf-8")
        timer.write_text(timer_text(at), encoding="utf-8")
        _run(["systemctl", "--user", "daemon-reload"])
        done = _run(["systemctl", "--user", "enable", "--now", timer.name])
        if done.returncode != 0:
            raise OSError(done.stderr.strip() or "systemctl could not enable the timer")
    except (OSError, subprocess.SubprocessError):
        if before[timer] is None:
            _quiet(["systemctl", "--user", "disable", "--now", timer.name])
        for path, text in before.items():
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
        _quiet(["systemctl", "--user", "daemon-reload"])
        raise
    return f"a systemd user timer ({timer}) at {at:%H:%M} every day"


def remove_systemd(reminder: Reminder) -> bool:
    files = unit_files(reminder)
    if not any(f.exists() for f in files):
        return False
    _quiet(["systemctl", "--user", "disable", "--now", files[0].name])
    for f in files:
        f.unlink(missing_ok=True)
    _quiet(["systemctl", "--user", "daemon-reload"])
    return True


def crontab_lines() -> list[str]:
    listed = _run(["crontab", "-l"])
    if listed.returncode != 0:
        return []
    # lines end at "\n" only, as cron reads them (splitlines would also cut at \f, \x1c…)
    return listed.stdout.removesuffix("\n").split("\n") if listed.stdout else []


def write_crontab(lines: list[str]) -> None:
    done = _run(["crontab", "-"], stdin="".join(f"{line}\n" for line in lines))
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or "crontab refused the new table")


def is_entry(reminder: Reminder, line: str) -> bool:
    return line.rstrip().endswith(f" {reminder.mark}")


def install_cron(reminder: Reminder, command: list[str], at: time) -> str:
    """One new table with this person's entry in place of their old one: crontab takes it
    whole or not at all, so a refusal leaves the old entry."""
    kept = [line for line in crontab_lines() if not is_entry(reminder, line)]
    write_crontab([*kept, cron_entry(reminder, command, at)])
    return f"a crontab entry at {at:%H:%M} every day"


def has_cron(reminder: Reminder) -> bool:
    if shutil.which("crontab") is None:
        return False
    try:
        return any(is_entry(reminder, line) for line in crontab_lines())
    except (OSError, subprocess.SubprocessError):
        return False


def remove_cron(reminder: Reminder) -> bool:
    if shutil.which("crontab") is None:
        return False
    lines = crontab_lines()
    kept = [line for line in lines if not is_entry(reminder, line)]
    if len(kept) == len(lines):
        return False
    write_crontab(kept)
    return True


def notify(line: str, whose: str) -> int:
    """Show today's short status as a desktop notice (printed where there is none)."""
    title = f"footcare: {whose}" if whose else "footcare"
    sender = shutil.which("notify-send")
    if sender is None:
        print(f"{whose}: {line}" if whose else line)
        return 0
    _run([sender, "--app-name=footcare", title, line])
    return 0


def install(paths: Paths, at: time) -> int:
    reminder = reminder_for(paths)
    command = footcare_command(paths)
    had_timer = any(f.exists() for f in unit_files(reminder))
    had_cron = has_cron(reminder)
    try:
        if systemd_user():
            where = install_systemd(reminder, command, at)
            scheduler = "systemd"
        elif shutil.which("crontab") is not None:
            where = install_cron(reminder, command, at)
            scheduler = "cron"
        else:
            print(
                "footcare: neither a systemd user session nor crontab is available here; "
                "add `footcare remind now` to your own scheduler",
                file=sys.stderr,
            )
            return 1
    except (OSError, subprocess.SubprocessError) as exc:
        if had_timer or had_cron:
            state = f"{_first_up(reminder.whose)} set before is kept, unchanged."
        else:
            state = "No reminder is set" + (
                f" for profile {reminder.profile}." if reminder.profile else "."
            )
        again = "footcare" + (f" --profile {reminder.profile}" if reminder.profile else "")
        print(
            f"footcare: the new reminder could not be set: {exc}.\n{state} Try "
            f"`{again} remind install --at {at:%H:%M}` again once the scheduler works, "
            "or add `footcare remind now` to your own scheduler.",
            file=sys.stderr,
        )
        return 1
    # the new one works: only now take away the old one from the other scheduler
    try:
        if scheduler == "systemd":
            remove_cron(reminder)
        else:
            remove_systemd(reminder)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"footcare: an older reminder could not be taken away: {exc}", file=sys.stderr)
    print(f"Daily reminder set: {where}. It shows a desktop notice (notify-send).")
    if shutil.which("notify-send") is None:
        print("Note: notify-send is not installed (Debian: sudo apt install libnotify-bin).")
    return 0


def _first_up(text: str) -> str:
    return text[:1].upper() + text[1:]


def change(paths: Paths, action: str, at: time) -> int:
    """Install or remove the reminder, as `footcare remind ACTION` asks; the exit status."""
    try:
        if action == "remove":
            reminder = reminder_for(paths)
            removed = [remove_systemd(reminder), remove_cron(reminder)]
            whose = reminder.whose
            print(f"{_first_up(whose)} was removed." if any(removed) else "No reminder was set.")
            return 0
        return install(paths, at)
    except ReminderError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"footcare: the reminder could not be changed: {exc}", file=sys.stderr)
        return 1
