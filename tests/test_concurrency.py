"""Many `journal add` processes at once, some killed mid-flight: nothing saved is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

from footcare.domain.journal import Entry, Ratings
from footcare.storage.journal import MONTH_FILE, JournalStore
from footcare.storage.paths import Paths
from monthfiles import write_months

WAVES = 4
PER_WAVE = 8
KILL_SHARE = 0.4
KILL_WINDOW = (0.3, 1.1)  # seconds after a process starts
SEED = 20260315


def spawn(paths: Paths, note: str, pain: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    env.update(FOOTCARE_CONFIG_DIR=str(paths.config), FOOTCARE_DATA_DIR=str(paths.data))
    return subprocess.Popen(
        [sys.executable, "-m", "footcare", "journal", "add", "--pain", str(pain), "--note", note],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def prefill(paths: Paths) -> int:
    """A busy current month (so each rewrite takes a while) and a few older months."""
    store = JournalStore(paths)
    now = datetime.now().replace(microsecond=0)
    entries = [
        Entry(id=f"old-{n}", at=now - timedelta(minutes=n + 1), before=Ratings(pain=n % 11))
        for n in range(600)
    ]
    entries += [
        Entry(id=f"older-{m}", at=now - timedelta(days=31 * m), note="older") for m in (1, 2, 3)
    ]
    write_months(store, entries)
    return len(entries)


def test_parallel_adds_with_random_kills_lose_nothing_that_was_confirmed(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "config", tmp_path / "data")
    prefilled = prefill(paths)
    rng = random.Random(SEED)
    confirmed: list[str] = []
    killed: list[str] = []
    failed: list[tuple[str, int, bytes]] = []
    for wave in range(WAVES):
        procs: list[tuple[str, subprocess.Popen[bytes], float | None]] = []
        for i in range(PER_WAVE):
            note = f"wave {wave} process {i} {rng.getrandbits(48):012x}"
            kill_after = rng.uniform(*KILL_WINDOW) if rng.random() < KILL_SHARE else None
            deadline = None if kill_after is None else time.monotonic() + kill_after
            procs.append((note, spawn(paths, note, rng.randint(0, 10)), deadline))
        # kill the chosen ones at their instant (counted from their own start), soonest first
        for _, proc, deadline in sorted(
            (p for p in procs if p[2] is not None), key=lambda p: p[2] or 0.0
        ):
            assert deadline is not None
            try:
                proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
        for note, proc, _ in procs:
            _, err = proc.communicate(timeout=60)
            if proc.returncode == 0:
                confirmed.append(note)
            elif proc.returncode == -signal.SIGKILL:
                killed.append(note)
            else:
                failed.append((note, proc.returncode, err))

    assert failed == []
    assert confirmed, "every process was killed: the test proved nothing"
    assert killed, "no process was killed: raise KILL_SHARE or the kill window"

    journal = paths.data / "journal"
    for path in journal.iterdir():
        if MONTH_FILE.match(path.name):
            with path.open("rb") as fh:
                tomllib.load(fh)  # every month file parses
        else:
            assert path.name.startswith(".") and path.name.endswith(".tmp"), path.name

    loaded = JournalStore(paths).load()
    assert loaded.problems == []
    notes = [e.note for e in loaded.entries]
    for note in confirmed:
        assert notes.count(note) == 1, note
    for note in killed:
        assert notes.count(note) <= 1, note
    assert len([e for e in loaded.entries if e.id.startswith("old")]) == prefilled
    assert len({e.id for e in loaded.entries}) == len(loaded.entries)
    print(
        f"confirmed {len(confirmed)}, killed {len(killed)}, of which saved "
        f"{sum(n in notes for n in killed)}; stray files {len(list(journal.iterdir())) - 4}"
    )

    # the folder is still usable: one more add lands and keeps everything
    after = spawn(paths, "after the storm", 1)
    assert after.wait(timeout=60) == 0
    again = JournalStore(paths).load()
    assert again.problems == []
    assert len(again.entries) == len(loaded.entries) + 1
