"""`footcare remind install --at HH:MM` / `remind remove` / `remind now`: a daily desktop nudge.

It uses the system's own scheduler: a systemd user timer where `systemctl --user` works,
else the user's crontab. At the chosen time it runs `footcare remind now`, which shows
`footcare status --short` through `notify-send` (when today's session is not done yet).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from datetime import time
from pathlib import Path

from footcare.storage.paths import Paths

UNIT = "footcare-reminder"
CRON_MARK = "# footcare-reminder"


def at_time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time like 19:00") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    install = actions.add_parser(
        "install",
        help="a daily reminder at a time of day",
        description="Set up a daily desktop reminder with the system's scheduler.",
    )
    install.add_argument("--at", type=at_time, default=time(19, 0), metavar="HH:MM")
    actions.add_parser("remove", help="take the daily reminder away")
    actions.add_parser("now", help="show the reminder now (what the scheduler runs)")


def footcare_command(paths: Paths) -> list[str]:
    """How the scheduler starts this footcare, with this person's folders."""
    script = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "footcare" and script.is_file():
        base = [str(script)]
    else:
        base = [sys.executable, "-m", "footcare"]
    return [*base, "--config-dir", str(paths.config), "--data-dir", str(paths.data)]


def _run(argv: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, input=stdin, capture_output=True, text=True, timeout=30, check=False
    )


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


def install_systemd(command: list[str], at: time) -> str:
    folder = unit_folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{UNIT}.service").write_text(
        "[Unit]\nDescription=footcare daily reminder\n\n"
        f"[Service]\nType=oneshot\nExecStart={shlex.join([*command, 'remind', 'now'])}\n",
        encoding="utf-8",
    )
    (folder / f"{UNIT}.timer").write_text(
        "[Unit]\nDescription=footcare daily reminder\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at:%H:%M}:00\nPersistent=true\n\n"
        "[Install]\nWantedBy=timers.target\n",
        encoding="utf-8",
    )
    _run(["systemctl", "--user", "daemon-reload"])
    done = _run(["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or "systemctl could not enable the timer")
    return f"a systemd user timer ({folder / (UNIT + '.timer')}) at {at:%H:%M} every day"


def remove_systemd() -> bool:
    folder = unit_folder()
    files = [folder / f"{UNIT}.timer", folder / f"{UNIT}.service"]
    if not any(f.exists() for f in files):
        return False
    _run(["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"])
    for f in files:
        f.unlink(missing_ok=True)
    _run(["systemctl", "--user", "daemon-reload"])
    return True


def crontab_lines() -> list[str]:
    listed = _run(["crontab", "-l"])
    return listed.stdout.splitlines() if listed.returncode == 0 else []


def write_crontab(lines: list[str]) -> None:
    done = _run(["crontab", "-"], stdin="".join(f"{line}\n" for line in lines))
    if done.returncode != 0:
        raise OSError(done.stderr.strip() or "crontab refused the new table")


def install_cron(command: list[str], at: time) -> str:
    kept = [line for line in crontab_lines() if CRON_MARK not in line]
    entry = f"{at.minute} {at.hour} * * * {shlex.join([*command, 'remind', 'now'])} {CRON_MARK}"
    write_crontab([*kept, entry])
    return f"a crontab entry at {at:%H:%M} every day"


def remove_cron() -> bool:
    if shutil.which("crontab") is None:
        return False
    lines = crontab_lines()
    kept = [line for line in lines if CRON_MARK not in line]
    if len(kept) == len(lines):
        return False
    write_crontab(kept)
    return True


def notify_now(paths: Paths) -> int:
    from footcare.services.core import Services
    from footcare.services.status import short_line, status

    report = status(Services(paths))
    if report.session_today and not report.pending_signs:
        return 0
    line = short_line(report)
    sender = shutil.which("notify-send")
    if sender is None:
        print(line)
        return 0
    _run([sender, "--app-name=footcare", "footcare", line])
    return 0


def cmd_remind(paths: Paths, args: argparse.Namespace) -> int:
    if args.action == "now":
        return notify_now(paths)
    try:
        if args.action == "remove":
            removed = [remove_systemd(), remove_cron()]
            print("The daily reminder was removed." if any(removed) else "No reminder was set.")
            return 0
        command = footcare_command(paths)
        remove_systemd()
        remove_cron()
        if systemd_user():
            where = install_systemd(command, args.at)
        elif shutil.which("crontab") is not None:
            where = install_cron(command, args.at)
        else:
            print(
                "footcare: neither a systemd user session nor crontab is available here; "
                "add `footcare remind now` to your own scheduler",
                file=sys.stderr,
            )
            return 1
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"footcare: the reminder could not be set: {exc}", file=sys.stderr)
        return 1
    print(f"Daily reminder set: {where}. It shows a desktop notice (notify-send).")
    if shutil.which("notify-send") is None:
        print("Note: notify-send is not installed (Debian: sudo apt install libnotify-bin).")
    return 0
