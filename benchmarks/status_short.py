"""`footcare status --short`, sold for a shell prompt, against `python -c pass`, whole-process.

    python benchmarks/status_short.py             # 21 rounds per journal size
    python benchmarks/status_short.py --runs 41 --sizes 0,30,3650,36500

Run it with the Python that has footcare installed (the venv's). footcare's modules are
byte-compiled first, as an installed package's are. Each round runs `python -c pass` and
`footcare status --short` on every journal (an empty data folder, a month of daily entries,
ten years …, benchmarks/journal_data.py), the order turned a step each round so that a busy
moment on the machine hits all alike; the journal index in the cache folder is as any earlier
use leaves it. It prints the median wall time of each (ms), the ratio to the bare Python, the
goal (3×), the line printed, and the modules the short status imports (`-X importtime`);
and, beside each, the first prompt after a change (the memo removed first: the line worked
out again as `footcare status` does, and kept).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from journal_data import journal_folder

import footcare
from footcare.storage.journal import RACY_NS

GOAL = 3.0
SIZES = (0, 30, 3650)
HEAVY = ("textual", "sqlite3", "tomli_w", "argparse", "footcare.cli", "footcare.services.core")


def options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (21)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="journal sizes")
    return parser.parse_args()


def wall(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        list(argv), env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def newest_change(folders: Iterable[Path]) -> int:
    """The ctime of the most recently written month file (ns)."""
    return max(
        (
            p.stat().st_ctime_ns
            for f in folders
            if (f / "journal").exists()
            for p in (f / "journal").iterdir()
        ),
        default=0,
    )


def footcare_argv() -> list[str]:
    script = Path(sys.executable).parent / "footcare"
    return [str(script)] if script.exists() else [sys.executable, "-m", "footcare"]


def imported(args: Sequence[str], env: dict[str, str]) -> list[str]:
    """Every module `footcare ARGS` imports, from `-X importtime`."""
    cmd = [sys.executable, "-X", "importtime", "-m", "footcare", *args]
    err = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    return [
        line.split("|")[-1].strip()
        for line in err.splitlines()
        if line.startswith("import time:") and not line.rstrip().endswith("package")
    ]


def main() -> int:
    opts = options()
    sizes = [int(s) for s in opts.sizes.split(",")]
    compileall.compile_dir(Path(footcare.__file__).parent, quiet=1)
    root = Path(tempfile.mkdtemp(prefix="footcare-short-"))
    try:
        config = root / "config"
        config.mkdir()
        (config / "config.toml").write_text('routine = "standard"\n', encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "XDG_"))}
        env.update(FOOTCARE_CONFIG_DIR=str(config))
        folders = {n: journal_folder(root / "journals", n).data for n in sizes}
        while time.time_ns() < newest_change(folders.values()) + RACY_NS:
            time.sleep(0.1)
        argv = [*footcare_argv(), "status", "--short"]
        caches = {n: root / f"cache-{n}" for n in sizes}  # each journal's index and memo
        envs = {
            n: {**env, "FOOTCARE_DATA_DIR": str(folders[n]), "FOOTCARE_CACHE_DIR": str(caches[n])}
            for n in sizes
        }
        lines = {}
        for n in sizes:  # the index built, as any earlier use leaves it
            out = subprocess.run(argv, env=envs[n], capture_output=True, text=True, check=True)
            lines[n] = out.stdout.strip()
        bare = [sys.executable, "-c", "pass"]
        times: dict[object, list[float]] = {"bare": []}
        times.update({n: [] for n in sizes})
        times.update({-1 - n: [] for n in sizes})  # worked out again: no memo
        order: list[object] = ["bare", *sizes, *(-1 - n for n in sizes)]
        for r in range(opts.runs):
            k = r % len(order)
            for which in order[k:] + order[:k]:
                if which == "bare":
                    times["bare"].append(wall(bare, env))
                    continue
                n = int(str(which))
                size = n if n >= 0 else -1 - n
                if n < 0:
                    for memo in caches[size].glob("status-short-*.memo"):
                        memo.unlink()
                times[which].append(wall(argv, envs[size]))
        base = statistics.median(times["bare"]) * 1000
        print(f"`python -c pass`: {base:.1f} ms (median of {opts.runs})")
        print(f"{'entries':>8} {'ms':>7} {'× bare':>7} {'again ms':>9} {'× bare':>7}  line")
        worst = 0.0
        for n in sizes:
            ms = statistics.median(times[n]) * 1000
            again = statistics.median(times[-1 - n]) * 1000
            worst = max(worst, ms / base)
            print(
                f"{n:>8,} {ms:>7.1f} {ms / base:>6.2f}× {again:>9.1f} {again / base:>6.2f}×  "
                f"{lines[n]}"
            )
        print("again: the first prompt after a change, worked out again and kept (no memo)")
        print(
            f"goal: within {GOAL:.0f}× of `python -c pass`: {'met' if worst <= GOAL else 'NOT met'}"
        )
        modules = imported(argv[-2:], envs[sizes[-1]])
        ours = [m for m in modules if m.startswith("footcare")]
        heavy = [h for h in HEAVY if any(m == h or m.startswith(h + ".") for m in modules)]
        print(f"modules imported: {len(modules)}, of them footcare's: {len(ours)}")
        print("  " + ", ".join(sorted(ours)))
        print(f"heavy modules imported: {', '.join(heavy) or 'none'}")
        return 0 if worst <= GOAL else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
