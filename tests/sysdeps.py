"""Install a Debian package a test needs (as root, with apt-get), or skip with a clear reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

_updated = False


def _skip(reason: str) -> None:
    # Printed past pytest's capture as well, so `pytest -q` shows why too.
    print(f"\nSKIPPED: {reason}", file=sys.__stderr__, flush=True)
    pytest.skip(reason)


def _found(programs: Sequence[str]) -> bool:
    return all(Path(p).exists() if os.sep in p else shutil.which(p) for p in programs)


def ensure(programs: Sequence[str], packages: Sequence[str], why: str) -> None:
    """Make sure every program exists, installing `packages` with apt-get if not.

    Skips the test (and says why) only when they cannot be installed: not root,
    no apt-get, or apt-get failed.
    """
    global _updated
    if _found(programs):
        return
    wanted = " ".join(packages)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        _skip(f"{why}: {', '.join(programs)} missing and not root to apt-get install {wanted}")
    if shutil.which("apt-get") is None:
        _skip(f"{why}: {', '.join(programs)} missing and there is no apt-get to install {wanted}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps: list[list[str]] = []
    if not _updated:
        steps.append(["apt-get", "update", "-q"])
    steps.append(["apt-get", "install", "-y", "-q", *packages])
    for step in steps:
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
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-3:]
            _skip(f"{why}: `{' '.join(step)}` failed ({done.returncode}): {' | '.join(last)}")
        if step[1] == "update":
            _updated = True
    if not _found(programs):
        _skip(f"{why}: installed {wanted} but {', '.join(programs)} still missing")
