"""A footcare client for the racing tests, run in a thread or as a process of its own.

It gets ready, waits for the go file, then does one thing on the shared folder (settle what
a closed footcare left, or begin a session and run it to its end) and writes what came of
it into ``results/<name>``. A client that won the session keeps it (its claim) until the
release file appears, so every other client meets it running.

    python tests/racer.py settle|start ROOT NAME
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

from apphelpers import NOW, FakeClock, answer_today
from footcare.domain.journal import Ratings
from footcare.services.build import read_footcare
from footcare.storage.claim import SessionRunning
from footcare.storage.paths import Paths

NEXT_DAY = NOW + timedelta(days=1)
"""When the racers run: the day after the session left in the folder."""
WAIT = 120.0


def wait_for(path: Path, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} never appeared")
        time.sleep(0.005)


def report(root: Path, name: str, what: str) -> None:
    results = root / "results"
    results.mkdir(exist_ok=True)
    tmp = results / f".{name}"
    tmp.write_text(what, encoding="utf-8")
    tmp.rename(results / name)


def client(role: str, root: Path, name: str) -> None:
    paths = Paths(config=root / "cfg", data=root / "data")
    clock = FakeClock()
    wall = [NEXT_DAY]
    services = read_footcare(paths, clock=clock, now=lambda: wall[0])
    if role == "start":
        answer_today(services)
    wait_for(root / "go")
    try:
        services.sessions.settle()  # as the app and the plain session do first
        if role == "settle":
            report(root, name, "settled")
            return
        routine = services.settings.routine("quick")
        assert routine is not None
        try:
            runner = services.sessions.start(routine, Ratings(pain=3))
        except SessionRunning:
            report(root, name, "refused")
            return
        for _ in range(3600):
            if runner.concluded is not None:
                break
            clock.advance(1)
            wall[0] += timedelta(seconds=1)
            runner.tick()
        report(root, name, "ran" if runner.concluded is not None else "stuck")
        wait_for(root / "release")
        runner.add_after(Ratings(pain=1), "")
    finally:
        services.close()


if __name__ == "__main__":
    client(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
