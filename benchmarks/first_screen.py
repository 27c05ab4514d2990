"""The first settled screen alone, as bench.py measures it, for a new person and a returning
one: footcare against the bare start screen (benchmarks/bare_start.py), alternating, medians.

    .venv/bin/python benchmarks/first_screen.py             # 7 pairs each
    .venv/bin/python benchmarks/first_screen.py --pairs 11

A new person has an empty data folder (bench.py's start-up pairs); a returning one has a
month of sessions, one a day (benchmarks/journal_data.py), so the start screen asks the
journal's index how today stands. Time to the last byte before 0.3 s of quiet, and the
peak RSS then, under a real pty at 80×24.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import alternate, byte_compiled, first_screen, machine, make_setup, revision
from journal_data import journal_folder

GOAL = 1.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=7, help="pairs for each person (7)")
    pairs = parser.parse_args().pairs
    med = statistics.median
    print(f"First settled screen, {time.strftime('%Y-%m-%d %H:%M')}: {revision()}; {machine()};")
    print(f"{byte_compiled()}; {pairs} pairs each, medians.\n")
    print("| person | footcare | bare start screen | ratio | RSS footcare | RSS bare | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as root:
        setup = make_setup(Path(root))
        returning = journal_folder(Path(root) / "returning", 30).data
        for person, data in (("new", None), ("returning, 30 entries", returning)):
            rss_f: list[float] = []
            rss_b: list[float] = []

            def ours(i: int, data: Path | None = data, rss: list[float] = rss_f) -> float:
                where = data or setup.root / f"new-{i}"
                seconds, peak = first_screen(setup.footcare, setup.env_for(where))
                rss.append(peak)
                return seconds

            def theirs(_: int, rss: list[float] = rss_b) -> float:
                seconds, peak = first_screen(setup.python("bare_start.py"), setup.env)
                rss.append(peak)
                return seconds

            f, b = alternate(pairs, ours, theirs)
            print(
                f"| {person} | {med(f) * 1000:.0f} ms | {med(b) * 1000:.0f} ms "
                f"| {med(f) / med(b):.2f}× | {med(rss_f):.1f} MiB | {med(rss_b):.1f} MiB "
                f"| {med(rss_f) / med(rss_b):.2f}× |"
            )
    print(f"\nThe goal: both ratios within {GOAL:.2f}×. Load average at the end ", end="")
    print(f"{os.getloadavg()[0]:.2f}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
