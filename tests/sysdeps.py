"""Install a Debian package a test needs (as root, with apt-get), or skip with a clear reason.

Nothing already on the machine changes: when the programs exist apt-get is not run at
all; otherwise apt-get first simulates the install (`-s`), and the install goes ahead
only if it upgrades and removes nothing, with `--no-upgrade` and
`--no-install-recommends`. The package lists are refreshed (`apt-get update`, which
installs nothing) only when apt-get cannot find a package or fetch it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

INSTALL = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "--no-upgrade"]
SUMMARY = re.compile(r"^(\d+) upgraded, (\d+) newly installed, (\d+) to remove", re.MULTILINE)
UPGRADED = re.compile(r"^Inst (\S+) \[", re.MULTILINE)  # "Inst pkg [installed] (new …)"
REMOVED = re.compile(r"^Remv (\S+)", re.MULTILINE)

_updated = False


def _skip(reason: str) -> NoReturn:
    # Printed past pytest's capture as well, so `pytest -q` shows why too.
    print(f"\nSKIPPED: {reason}", file=sys.__stderr__, flush=True)
    pytest.skip(reason)


def _found(programs: Sequence[str]) -> bool:
    return all(Path(p).exists() if os.sep in p else shutil.which(p) for p in programs)


@dataclass
class Done:
    ok: bool
    output: str

    def last_lines(self) -> str:
        return " | ".join(self.output.strip().splitlines()[-3:])


def _run(step: list[str], why: str) -> Done:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(
            step,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    except subprocess.TimeoutExpired:
        _skip(f"{why}: `{' '.join(step)}` took over 15 minutes")
    return Done(done.returncode == 0, done.stdout + done.stderr)


def _update(why: str) -> None:
    global _updated
    done = _run(["apt-get", "update", "-q"], why)
    if not done.ok:
        _skip(f"{why}: `apt-get update` failed: {done.last_lines()}")
    _updated = True


def _simulate(packages: Sequence[str], why: str) -> Done:
    """What installing would do; refreshes the lists once if a package is not found."""
    done = _run([*INSTALL, "-s", *packages], why)
    if not done.ok and not _updated:
        _update(why)
        done = _run([*INSTALL, "-s", *packages], why)
    if not done.ok:
        _skip(f"{why}: apt-get cannot install {' '.join(packages)}: {done.last_lines()}")
    return done


def changes_to_installed(simulation: str) -> list[str]:
    """Installed packages a simulated install would upgrade or remove."""
    names = [f"upgrade {n}" for n in UPGRADED.findall(simulation)]
    names += [f"remove {n}" for n in REMOVED.findall(simulation)]
    summary = SUMMARY.search(simulation)
    if not names and summary and (int(summary[1]) or int(summary[3])):
        names.append(summary[0])  # counted but not listed: still a change
    return names


def ensure(programs: Sequence[str], packages: Sequence[str], why: str) -> None:
    """Make sure every program exists, installing `packages` with apt-get if not.

    Skips the test (and says why) only when they cannot be installed without touching
    anything installed: not root, no apt-get, an upgrade or removal needed, or apt-get
    failed.
    """
    if _found(programs):
        return
    wanted = " ".join(packages)
    missing = ", ".join(programs)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        _skip(f"{why}: {missing} missing and not root to apt-get install {wanted}")
    if shutil.which("apt-get") is None:
        _skip(f"{why}: {missing} missing and there is no apt-get to install {wanted}")
    changes = changes_to_installed(_simulate(packages, why).output)
    if changes:
        _skip(
            f"{why}: installing {wanted} would also {', '.join(changes)}; "
            f"install {wanted} yourself if that is fine"
        )
    done = _run([*INSTALL, *packages], why)
    if not done.ok and not _updated:  # stale lists: files gone from the mirror
        _update(why)
        changes = changes_to_installed(_simulate(packages, why).output)
        if changes:
            _skip(f"{why}: installing {wanted} would also {', '.join(changes)}")
        done = _run([*INSTALL, *packages], why)
    if not done.ok:
        _skip(f"{why}: `{' '.join([*INSTALL, *packages])}` failed: {done.last_lines()}")
    if not _found(programs):
        _skip(f"{why}: installed {wanted} but {missing} still missing")
