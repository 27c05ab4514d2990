"""How long footcare takes to save and leave when its terminal goes away mid-session, against
a bare Textual session screen (benchmarks/bare_session.py) told the same.

    .venv/bin/python benchmarks/hang_up.py            # five pairs for each way of leaving
    .venv/bin/python benchmarks/hang_up.py --pairs 3

Each way a terminal goes away (its pty closed, SIGHUP, SIGTERM): footcare is taken into a
session step at 80×24 as a person would be, then left; the time is from the signal (or the
close) to the process's end, which for footcare includes saving the session. The two
programs alternate; medians. The tests (tests/test_terminal_gone.py) check that it leaves and
saves every time; this says how fast, on an idle machine.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench import Setup, alternate, answer_screening, machine, make_setup, revision
from ptyrun import Run

WAYS = ("close", "SIGHUP", "SIGTERM")


def leave(run: Run, how: str) -> float:
    """Seconds from the terminal going away to the program's end."""
    start = time.perf_counter()
    if how == "close":
        os.close(run.master)
        run.master = os.open(os.devnull, os.O_RDONLY)  # for close() to close
    else:
        run.proc.send_signal(getattr(signal, how))
    run.proc.wait(timeout=60)
    return time.perf_counter() - start


def footcare(setup: Setup, how: str, n: int) -> float:
    run = Run(setup.footcare, setup.env_for(setup.root / f"left-{how}-{n}"))
    try:
        run.wait_for("Today's session")
        mark = len(run.data)
        run.send("c")
        answer_screening(run, mark)
        for key, phrase in (("b", "GET READY"), ("n", "step 1 of")):
            mark = len(run.data)
            run.send(key)
            run.wait_for(phrase, mark)
        return leave(run, how)
    finally:
        run.close()


def bare(setup: Setup, how: str) -> float:
    run = Run(setup.python("bare_session.py"), setup.env)
    try:
        run.wait_for("Stop")
        return leave(run, how)
    finally:
        run.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="pairs for each way (5)")
    pairs = parser.parse_args().pairs
    print(f"Leaving when the terminal goes away, {time.strftime('%Y-%m-%d %H:%M')}: footcare")
    print(f"{revision()}; {machine()}.\n")
    print("| the terminal | footcare (median) | bare session (median) | footcare slowest |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as root:
        setup = make_setup(Path(root))
        for how in WAYS:
            ours, theirs = alternate(
                pairs, lambda i, h=how: footcare(setup, h, i), lambda i, h=how: bare(setup, h)
            )
            print(
                f"| {how} | {statistics.median(ours) * 1000:.0f} ms "
                f"| {statistics.median(theirs) * 1000:.0f} ms | {max(ours) * 1000:.0f} ms |"
            )
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end; {pairs} pairs for each way.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
