"""The SQLite journal index at 0 / 30 / 3,650 / 18,250 / 36,500 entries, against reading the TOML.

    python benchmarks/index_bench.py [--runs 5] [--sizes 0,30,3650,18250,36500]

For each size (benchmarks/journal_data.py), in this process unless said:

- TOML load: JournalStore.load(), every month file (what every reader does today);
- sync from empty: a new index file built from every month file;
- sync, nothing changed: the stamps of every month file compared, nothing read;
- sync, one month changed: after an entry is added to this month;
- queries: every entry (`journal list` / export), the last 90 days, the newest 200, the
  streak, the session days of the last 7 days (this week), the count, and the journal
  screen's summary (streak, this week, the weekly question: Index.counts);
- fresh process: `python -c` that imports the index, opens it, syncs and computes the
  streak — what `footcare status` would pay for it.

Prints a Markdown table of medians (milliseconds).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from pathlib import Path

from journal_data import SIZES, journal_folder

from footcare.domain.journal import Entry, Ratings
from footcare.storage.index import RACY_NS, Index
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths

COLUMNS = (
    "TOML load",
    "sync from empty",
    "sync, nothing changed",
    "sync, one month changed",
    "all entries",
    "last 90 days",
    "newest 200",
    "streak",
    "session days, 7",
    "count",
    "summary counts",
    "fresh process: open, sync, streak",
)

FRESH = """
import sys
from datetime import date
from pathlib import Path
from footcare.storage.index import Index
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
index = Index(Path(sys.argv[2]))
index.sync(JournalStore(Paths(Path(sys.argv[1]) / "config", Path(sys.argv[1]))))
print(index.streak(date.today()))
"""


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(paths: Paths, work: Path, runs: int) -> dict[str, float]:
    store = JournalStore(paths)
    today = date.today()
    out: dict[str, list[float]] = {name: [] for name in COLUMNS}
    for run in range(runs):
        db = work / f"index-{run}.sqlite3"
        out["TOML load"].append(timed(store.load))
        index = Index(db)
        out["sync from empty"].append(timed(lambda: index.sync(store)))  # noqa: B023
        out["sync, nothing changed"].append(timed(lambda: index.sync(store)))  # noqa: B023
        out["all entries"].append(timed(index.entries))
        since = today - timedelta(days=89)
        out["last 90 days"].append(timed(lambda: index.entries(since=since)))  # noqa: B023
        out["newest 200"].append(timed(lambda: index.entries(newest_first=True, limit=200)))  # noqa: B023
        out["streak"].append(timed(lambda: index.streak(today)))  # noqa: B023
        week = today - timedelta(days=6)
        out["session days, 7"].append(timed(lambda: index.session_days(since=week)))  # noqa: B023
        out["count"].append(timed(index.count))
        out["summary counts"].append(timed(lambda: index.counts(today)))  # noqa: B023
        fresh = [sys.executable, "-c", FRESH, str(paths.data), str(db)]
        out["fresh process: open, sync, streak"].append(
            timed(lambda: subprocess.run(fresh, check=True, capture_output=True))  # noqa: B023
        )
        at = datetime.now().replace(microsecond=0)
        store.add(Entry(id=new_id(at), at=at, before=Ratings(pain=2), note="benchmark"))
        out["sync, one month changed"].append(timed(lambda: index.sync(store)))  # noqa: B023
        index.close()
    return {name: statistics.median(values) for name, values in out.items() if values}


def table(rows: list[tuple[int, dict[str, float]]], runs: int) -> str:
    lines = [
        f"The journal index (sqlite3 {sqlite_version()}), median of {runs} runs, ms",
        "",
        "| entries | " + " | ".join(COLUMNS) + " |",
        "|---:|" + "---:|" * len(COLUMNS),
    ]
    for count, r in rows:
        cells = [f"{r[c] * 1000:.1f}" if c in r else "–" for c in COLUMNS]
        lines.append(f"| {count:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--root", type=Path, help="a folder to keep the generated journals in")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as tmp:
        root = args.root or Path(tmp)
        copies: dict[int, tuple[Paths, Path]] = {}
        for count in sizes:
            template = journal_folder(root, count)
            work = Path(tempfile.mkdtemp(dir=tmp, prefix=f"index-{count}-"))
            copy = Paths(template.config, work / "data")
            if template.journal.exists():
                shutil.copytree(template.journal, copy.journal)  # runs add entries to it
            copies[count] = (copy, work)
        # files written in the last two seconds are read at every sync (their stamp can't
        # be trusted yet): let the fresh copies age past that, as a real journal has
        while time.time_ns() < time_of_last_write(copies.values()) + RACY_NS:
            time.sleep(0.1)
        rows = [(count, measure(copy, work, args.runs)) for count, (copy, work) in copies.items()]
    print(table(rows, args.runs))


def time_of_last_write(copies: Iterable[tuple[Paths, Path]]) -> int:
    times = [
        p.stat().st_ctime_ns
        for paths, _ in copies
        if paths.journal.exists()
        for p in paths.journal.iterdir()
    ]
    return max(times, default=0)


if __name__ == "__main__":
    main()
