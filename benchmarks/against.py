"""This footcare against another version of it, in the same minutes, turn and turn about.

    .venv/bin/python benchmarks/against.py /path/to/other/.venv/bin/footcare
    .venv/bin/python benchmarks/against.py OTHER --rounds 21 --sizes 0,30,36500

bench.py's ratios compare footcare with a bare Textual screen or an empty journal, and on a
shared machine two runs an hour apart can differ by more than the change being judged. Here
each round runs this footcare and the other one after the other (the order turned every
round), so a busy moment hits both alike:

- the first settled screen for a new person, and its peak RSS, with the bare start screen
  in the same round (bench.first_screen);
- the peak RSS inside step 2 of a session, after the safety questions (a few rounds:
  memory hardly varies);
- `footcare status` at each journal size, as the CPU time the process used (user and
  system), which a busy machine disturbs less than the wall clock;
- opening the journal at each size (bench.journal_open).

Both versions read the same journals, written by this footcare (benchmarks/journal_data.py),
each from its own copy and with its own cache folder; every index is built once before the
rounds. The session is reached by answering the safety questions as this footcare asks
them (bench.answer_screening): against a version that asks others, that measure waits in
vain until its timeout. Medians; the last column is this footcare against the other.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench import (
    Setup,
    byte_compiled,
    first_screen,
    footcare_session,
    journal_open,
    machine,
    make_setup,
    revision,
)
from journal_data import journal_folder


def cpu_ms(argv: list[str], env: dict[str, str]) -> float:
    """The CPU time (user + system) a command took, in ms."""
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if child.returncode != 0:
        raise RuntimeError(f"{argv} failed")
    return (usage.ru_utime + usage.ru_stime) * 1000


def rounds(n: int, names: list[str], measure: Callable[[str, int], float]) -> dict[str, float]:
    """The median of ``measure(name, round)`` for each name, the order turned each round."""
    got: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n):
        for name in names if i % 2 == 0 else names[::-1]:
            got[name].append(measure(name, i))
    return {name: statistics.median(values) for name, values in got.items()}


def row(what: str, ours: float, theirs: float, unit: str) -> str:
    return f"| {what} | {ours:.1f} {unit} | {theirs:.1f} {unit} | {ours / theirs:.2f}× |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", help="the other version's footcare program")
    parser.add_argument("--rounds", type=int, default=11, help="rounds of each measure (11)")
    parser.add_argument("--sizes", default="0,30,36500", help="journal sizes (0,30,36500)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{revision()} against {args.other}; {machine()}; {byte_compiled()};")
    print(f"{args.rounds} rounds, medians; load average at the start {os.getloadavg()[0]:.2f}.\n")
    print("| measure | this footcare | the other | ratio |\n|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="footcare-against-") as tmp:
        root = Path(tmp)
        bare = make_setup(root / "bare")
        setups: dict[str, Setup] = {}
        for name in ("ours", "theirs"):
            setups[name] = make_setup(root / name)  # its own config and cache folders
        setups["theirs"].footcare = [args.other]
        measure(args.rounds, sizes, setups, bare)
    print(f"\nLoad average at the end {os.getloadavg()[0]:.2f}.")
    return 0


def measure(n: int, sizes: list[int], setups: dict[str, Setup], bare: Setup) -> None:
    names = list(setups)

    def start(name: str, i: int) -> float:
        if name == "bare":
            return first_screen(bare.python("bare_start.py"), bare.env)[0] * 1000
        setup = setups[name]
        return first_screen(setup.footcare, setup.env_for(setup.root / f"new-{i}"))[0] * 1000

    def start_rss(name: str, i: int) -> float:
        setup = setups[name]
        return first_screen(setup.footcare, setup.env_for(setup.root / f"rss-{i}"))[1]

    def session_rss(name: str, i: int) -> float:
        return footcare_session(setups[name], 5.0, i)[0].peak_rss

    times = rounds(n, [*names, "bare"], start)
    print(row("first settled screen", times["ours"], times["theirs"], "ms"))
    ours, theirs = times["ours"] / times["bare"], times["theirs"] / times["bare"]
    print(f"| the same, against the bare start screen | {ours:.2f}× | {theirs:.2f}× | |")
    peaks = rounds(3, names, start_rss)
    print(row("peak RSS at the first screen", peaks["ours"], peaks["theirs"], "MiB"))
    session = rounds(3, names, session_rss)
    print(row("peak RSS inside a session", session["ours"], session["theirs"], "MiB"))
    journals = {size: journal_folder(bare.root / "journals", size).data for size in sizes}
    for setup in setups.values():
        for size in sizes:
            shutil.copytree(journals[size], setup.root / f"journal-{size}")
            cpu_ms([*setup.footcare, "status"], setup.env_for(setup.root / f"journal-{size}"))
    for size in sizes:

        def status(name: str, _: int, size: int = size) -> float:
            setup = setups[name]
            return cpu_ms(
                [*setup.footcare, "status"], setup.env_for(setup.root / f"journal-{size}")
            )

        cpu = rounds(n, names, status)
        print(row(f"`footcare status` CPU, {size:,} entries", cpu["ours"], cpu["theirs"], "ms"))
    for size in sizes:

        def opened(name: str, _: int, size: int = size) -> float:
            setup = setups[name]
            return journal_open(setup, setup.root / f"journal-{size}", size)[0] * 1000

        took = rounds(n, names, opened)
        print(row(f"journal open, {size:,} entries", took["ours"], took["theirs"], "ms"))


if __name__ == "__main__":
    raise SystemExit(main())
