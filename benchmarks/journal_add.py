"""How long `footcare journal add` takes, and whether ten years of history slow it down.

Run with the project's Python (stdlib only, plus footcare itself for the pre-fill):

    python benchmarks/journal_add.py [--runs 15]

Prints a Markdown table of medians. Commands are run alternately so that a busy moment
on the machine hits every variant alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from footcare.domain.journal import Entry, Ratings
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths

DAYS = 3650


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def prefill(paths: Paths) -> None:
    """Ten years of daily entries, ending yesterday, each added through the store."""
    store = JournalStore(paths)
    today = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for n in range(DAYS, 0, -1):
        at = today - timedelta(days=n)
        store.add(
            Entry(
                id=new_id(at),
                at=at,
                before=Ratings(numbness=n % 11, tingling=(n * 3) % 11, pain=(n * 7) % 11),
                after=Ratings(pain=max(0, (n * 7) % 11 - 1)),
                sleep=n % 7,
                note="ten years of history" if n % 30 == 0 else "",
            )
        )


def env_for(config: Path, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    env.update(FOOTCARE_CONFIG_DIR=str(config), FOOTCARE_DATA_DIR=str(data))
    return env


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    py = sys.executable

    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as tmp:
        root = Path(tmp)
        config = root / "config"
        template = Paths(config, root / "ten-years")
        started = time.perf_counter()
        prefill(template)
        fill_seconds = time.perf_counter() - started
        count = len(JournalStore(template).load().entries)
        assert count == DAYS, count
        months = len(JournalStore(template).month_files())

        startup: dict[str, list[float]] = {"add": [], "pass": [], "textual": []}
        adds: dict[str, list[float]] = {"empty": [], "full": []}
        store_adds: dict[str, list[float]] = {"empty": [], "full": []}
        commands: dict[str, Callable[[int], list[str]]] = {
            "add": lambda _: [py, "-m", "footcare", "journal", "add", "--pain", "3"],
            "pass": lambda _: [py, "-c", "pass"],
            "textual": lambda _: [py, "-c", "import textual.app"],
        }
        for i in range(runs):
            # interpreter start-up and imports, alternating
            for name, make in commands.items():
                data = root / f"startup-{name}-{i}"
                startup[name].append(wall(make(i), env_for(config, data)))
            # the 3,651st entry vs the first, each into a fresh copy of its folder
            for kind in ("empty", "full"):
                data = root / f"{kind}-{i}"
                if kind == "full":
                    shutil.copytree(template.data, data)
                cmd = [py, "-m", "footcare", "journal", "add", "--pain", "3"]
                adds[kind].append(wall(cmd, env_for(config, data)))
            # the same without interpreter start-up: JournalStore.add in this process
            for kind in ("empty", "full"):
                data = root / f"store-{kind}-{i}"
                if kind == "full":
                    shutil.copytree(template.data, data)
                store = JournalStore(Paths(config, data))
                now = datetime.now().replace(microsecond=0)
                entry = Entry(id=new_id(now), at=now, before=Ratings(pain=3))
                start = time.perf_counter()
                store.add(entry)
                store_adds[kind].append(time.perf_counter() - start)

        full_check = JournalStore(Paths(config, root / f"full-{runs - 1}")).load()
        assert len(full_check.entries) == DAYS + 1 and not full_check.problems

    print(f"Python {sys.version.split()[0]} on {sys.platform}, median of {runs} runs each.\n")
    print("| what | median wall time |")
    print("|---|---|")
    print(f"| `python -c pass` | {median_ms(startup['pass'])} |")
    print(f'| `python -c "import textual.app"` | {median_ms(startup["textual"])} |')
    print(f"| `footcare journal add --pain 3` (python -m footcare) | {median_ms(startup['add'])} |")
    print(f"| `journal add`: entry 1, empty data folder | {median_ms(adds['empty'])} |")
    print(
        f"| `journal add`: entry {DAYS + 1:,}, after {DAYS:,} daily entries "
        f"({months} month files) | {median_ms(adds['full'])} |"
    )
    print(f"| `JournalStore.add` in-process: entry 1, empty | {median_ms(store_adds['empty'])} |")
    print(
        f"| `JournalStore.add` in-process: entry {DAYS + 1:,}, ten years | "
        f"{median_ms(store_adds['full'])} |"
    )
    print(f"\nPre-filling {DAYS:,} entries one `add` at a time took {fill_seconds:.1f} s.")


if __name__ == "__main__":
    main()
