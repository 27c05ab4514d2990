"""`footcare session --plain` of the two-second routine, run for real: the routine, the
answers someone with nothing on record types, and what the session says, in order."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from footcare.domain.screening import Tier, all_items
from ptyterm import wait_until

TWO_SECONDS = """
id = "two"
name = "Two seconds"
description = "Each step two seconds."
feet = ["left", "right"]
get_ready_seconds = 2

[[steps]]
name = "Warming strokes"
technique = "effleurage"
duration = 2
instructions = "Glide lightly from the toes up to the ankle."
pressure = "light"
direction = "toes to ankle"

[[steps]]
name = "Knuckle rub"
technique = "knuckle-rub"
duration = 2
instructions = "Rub the sole with loose knuckles."
pressure = "comfortable"

[[steps]]
name = "Finish this foot"
technique = "finish"
duration = 2
instructions = "Wipe off extra lotion and dry between the toes."
pressure = "none"
"""


# The plain session of the two-second routine says these, in this order (one per line).
PLAIN_SAID = [
    "Get ready: left foot, 2 seconds. Look at it first: broken skin, redness, swelling or "
    "warmth means stop.",
    "Left foot, step 1 of 3: Warming strokes. 2 seconds. Glide lightly from the toes up to "
    "the ankle. Light pressure. Direction: toes to ankle.",
    "Left foot, step 2 of 3: Knuckle rub. 2 seconds.",
    "Left foot, step 3 of 3: Finish this foot. 2 seconds.",
    "Change feet: now the right foot. Wipe the lotion off your hands. Look at it first",
    "Right foot, step 1 of 3: Warming strokes. 2 seconds.",
    "Right foot, step 2 of 3: Knuckle rub. 2 seconds.",
    "Right foot, step 3 of 3: Finish this foot. 2 seconds.",
    "Session complete.",
]


def first_time_answers(blood_thinners: bool = False) -> list[str]:
    """Every question answered safely, for someone with nothing on record yet."""
    lines = ["3", "", "", ""]  # before: numbness 3
    for item in all_items():
        if item.tier is Tier.BLOCK:
            lines.append("n")
        elif item.tier is Tier.CLEARANCE:
            if item.everyone:
                lines += ["y", ""]  # the go-ahead, given today
            elif item.id == "blood-thinners" and blood_thinners:
                lines += ["y", f"{date.today() - timedelta(days=30)}"]  # a month ago
            else:
                lines.append("n")
    lines.append("")  # the reminders, read
    return lines


PLAIN_ANSWERS = "\n".join([*first_time_answers(), "", "", "", "", ""])
BEFORE_THE_END = "\n".join(first_time_answers()) + "\n"
AFTER_THE_END = "\n" * 4


def run_plain(
    config: Path,
    data: Path,
    stdin: str,
    path: str,
    later: str = "",
    until: Any = None,
    **extra: str,
) -> subprocess.CompletedProcess[str]:
    """The plain session with `stdin` typed ahead, then, once `until()` holds, `later`
    (the after-session answers: footcare stops any speech when it ends)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FOOTCARE_") and k not in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
    }
    env.update(
        FOOTCARE_CONFIG_DIR=str(config),
        FOOTCARE_DATA_DIR=str(data),
        PYTHONIOENCODING="utf-8",
        TERM="dumb",
        PATH=path,
        **extra,
    )
    argv = [sys.executable, "-m", "footcare", "session", "--plain", "--routine", "two"]
    if until is None:
        return subprocess.run(
            argv,
            input=stdin + later,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
        )
    with subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    ) as proc:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.flush()
        try:
            wait_until(until, 60, lambda: "the session's announcements were not all said")
        finally:
            out, err = proc.communicate(later, timeout=120)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def two_second_folders(root: Path) -> tuple[Path, Path]:
    """A config folder holding the two-second routine (not chosen), and a data folder."""
    config, data = root / "cfg", root / "data"
    (config / "routines").mkdir(parents=True)
    (config / "routines" / "two.toml").write_text(TWO_SECONDS, encoding="utf-8")
    return config, data
