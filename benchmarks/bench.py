"""footcare against equivalent bare Textual screens, and the journal at four sizes, in one go.

    python benchmarks/bench.py            # about 12 minutes; prints a Markdown report
    python benchmarks/bench.py --quick    # a few minutes, fewer repetitions: for trying things

Run it with the Python that has footcare installed (the venv's), on Linux (it reads /proc).
Every program runs under a real pty at 80×24 with TERM=xterm-256color; footcare and its
yardstick alternate so that a busy moment on the machine hits both alike. It measures:

- the first settled screen (start to the last byte before 0.3 s of quiet; nothing runs in
  the background there) and the peak RSS at that moment, against benchmarks/bare_start.py:
  the same widgets with no services and no files;
- a session: footcare after the nineteen safety questions, a window inside a 120 s step;
  benchmarks/bare_session.py (Header, Digits, two ProgressBars, Footer, 1 s timer) for as
  long. Peak RSS at the end of the window, CPU and bytes written per second;
- the journal at 0 / 30 / 3,650 / 18,250 / 36,500 daily entries (benchmarks/journal_data.py):
  from pressing j on the start screen to the whole history shown — the summary's streak
  counts every entry ("Streak: N days in a row"); for an empty journal, its "No entries
  yet";
- `footcare status`, `footcare journal list` and `footcare journal export --format json`
  at the same sizes (wall time, output to /dev/null), with the journal index in the cache
  folder as any earlier use leaves it; and, once per size, `footcare status` and the
  journal's opening with no index (the first use after it was deleted: it is built then);
- `footcare journal add` against `python -c "import textual.app"`;
- then benchmarks/journal_open.py (the journal screen in-process, step by step) and
  benchmarks/index_bench.py (the SQLite index: sync and queries) at the same sizes.

footcare's modules are byte-compiled first, as an installed package's are (from a source
checkout with PYTHONDONTWRITEBYTECODE set, every start would compile them again).

Medians throughout. The goals are the project's: first screen and its RSS within 1.10× of
the bare screen, peak session RSS within 1.25× of the bare session, journal open and
`status` within 1.10× of an empty journal at every size.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from journal_data import SIZES, journal_folder
from ptyrun import COLS, ROWS, Run, plain

from footcare.storage.index import RACY_NS

HERE = Path(__file__).resolve().parent
START_GOAL = 1.10
SESSION_RSS_GOAL = 1.25
JOURNAL_GOAL = 1.10


@dataclass
class Options:
    pairs: int
    session_seconds: float
    session_pairs: int
    runs: int
    sizes: list[int]
    inprocess_runs: int


def options() -> Options:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, short session")
    parser.add_argument("--pairs", type=int, help="start-up pairs (7; quick 3)")
    parser.add_argument("--session-seconds", type=float, help="session window (60; quick 15)")
    parser.add_argument("--session-pairs", type=int, help="session pairs (2; quick 1)")
    parser.add_argument("--runs", type=int, help="runs per journal size and command (5; quick 2)")
    parser.add_argument("--sizes", help="journal sizes (0,30,3650,18250,36500)")
    args = parser.parse_args()
    quick = args.quick
    return Options(
        pairs=args.pairs or (3 if quick else 7),
        session_seconds=args.session_seconds or (15.0 if quick else 60.0),
        session_pairs=args.session_pairs or (1 if quick else 2),
        runs=args.runs or (2 if quick else 5),
        sizes=[int(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES),
        inprocess_runs=1 if quick else 3,
    )


# the programs -------------------------------------------------------------------------------


@dataclass
class Setup:
    root: Path
    env: dict[str, str]
    footcare: list[str]

    def env_for(self, data: Path) -> dict[str, str]:
        return {**self.env, "FOOTCARE_DATA_DIR": str(data)}

    def python(self, script: str) -> list[str]:
        return [sys.executable, str(HERE / script)]


def make_setup(root: Path) -> Setup:
    config = root / "config"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('routine = "standard"\n', encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLORTERM", "NO_COLOR", "TEXTUAL"} and not k.startswith(("FOOTCARE_", "XDG_"))
    }
    # Typical SSH: TERM is forwarded, COLORTERM is not (256 colours).
    env.update(TERM="xterm-256color", LANG=env.get("LANG", "C.UTF-8"))
    env["FOOTCARE_CONFIG_DIR"] = str(config)
    env["XDG_CACHE_HOME"] = str(root / "cache")  # nothing cached outside this run
    script = Path(sys.executable).parent / "footcare"
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "footcare"]
    return Setup(root, env, argv)


STILL_TO_DO = r"— (\d+) to do"
ALL_ANSWERED = "Press b to begin"
DATE_DIALOG = "Type the date as"


def answer_screening(run: Run, since: int) -> None:
    """Answer every safety question safely, a key at a time, each once the last has landed.

    Today's questions are answered no, the go-ahead everyone needs yes (its date dialog
    confirmed with Enter), the other go-aheads "does not apply", and the reminders
    acknowledged with y until the screen says Begin is possible. Every answer brings the
    panel's "N to do" down: that is the sign a key landed.
    """
    from footcare.domain.screening import Tier, all_items

    answers: list[tuple[str, bool]] = []  # key, opens the date dialog
    for item in all_items():
        if item.tier is Tier.BLOCK:
            answers.append(("n", False))
        elif item.tier is Tier.CLEARANCE:
            answers.append(("y", True) if item.everyone else ("n", False))
    run.wait_for(STILL_TO_DO, since)
    for key, dialog in answers:
        mark = len(run.data)
        run.send(key)
        if dialog:
            run.wait_for(DATE_DIALOG, mark)
            mark = len(run.data)
            run.send("\r")
        run.wait_for(f"{STILL_TO_DO}|{ALL_ANSWERED}", mark)
    for _ in range(len(all_items())):  # the reminders: one row or one each
        if ALL_ANSWERED in plain(bytes(run.data[since:]))[-4000:]:
            return
        mark = len(run.data)
        run.send("y")
        run.wait_for(f"{STILL_TO_DO}|{ALL_ANSWERED}", mark)
    raise RuntimeError("the safety questions were not all answered")


# the measurements ---------------------------------------------------------------------------


def first_screen(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first settled screen, and the peak RSS (MiB) then."""
    run = Run(argv, env)
    try:
        seconds = run.settle(run.started)
        return seconds, run.status_mib("VmHWM")
    finally:
        run.close()


@dataclass
class Window:
    cpu: float
    """CPU seconds per second."""
    bytes_per_s: float
    peak_rss: float


def measure_window(run: Run, seconds: float) -> Window:
    cpu0 = run.cpu_seconds()
    t0 = time.perf_counter()
    got = run.pump(seconds)
    elapsed = time.perf_counter() - t0
    return Window((run.cpu_seconds() - cpu0) / elapsed, got / elapsed, run.status_mib("VmHWM"))


def footcare_session(setup: Setup, seconds: float, n: int) -> tuple[Window, int]:
    """A window inside step 2 (120 s long), then the bytes one step change costs."""
    run = Run(setup.footcare, setup.env_for(setup.root / f"session-{n}"))
    try:
        run.wait_for("Today's session")
        mark = len(run.data)
        run.send("c")
        answer_screening(run, mark)
        for key, phrase in (("b", "GET READY"), ("n", "step 1 of"), ("n", "step 2 of")):
            mark = len(run.data)
            run.send(key)
            run.wait_for(phrase, mark)
        run.pump(1.0)
        window = measure_window(run, seconds)
        before = len(run.data)
        pressed = time.perf_counter()
        run.send("n")
        run.settle(pressed)
        return window, len(run.data) - before
    finally:
        run.close()


def bare_session(setup: Setup, seconds: float) -> Window:
    run = Run(setup.python("bare_session.py"), setup.env)
    try:
        run.wait_for("Stop")
        run.pump(1.0)
        return measure_window(run, seconds)
    finally:
        run.close()


def journal_open(setup: Setup, data: Path, count: int) -> tuple[float, float]:
    """From pressing j on the settled start screen to the whole history shown; peak RSS."""
    run = Run(setup.footcare, setup.env_for(data))
    try:
        run.settle(run.started)
        mark = len(run.data)
        pressed = time.perf_counter()
        run.send("j")
        shown = r"No entries yet" if count == 0 else rf"Streak: {count} days in a row"
        seconds = run.wait_for(shown, mark, timeout=300) - pressed
        return seconds, run.status_mib("VmHWM")
    finally:
        run.close()


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


def wall(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        list(argv), env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def alternate(
    pairs: int, a: Callable[[int], float], b: Callable[[int], float]
) -> tuple[list[float], list[float]]:
    xs: list[float] = []
    ys: list[float] = []
    for i in range(pairs):
        if i % 2:
            ys.append(b(i))
            xs.append(a(i))
        else:
            xs.append(a(i))
            ys.append(b(i))
    return xs, ys


def rotated(sizes: list[int], runs: int) -> list[int]:
    """Each size ``runs`` times, the order turned a step each round."""
    out: list[int] = []
    for r in range(runs):
        k = r % len(sizes)
        out += sizes[k:] + sizes[:k]
    return out


# the report ---------------------------------------------------------------------------------


def revision() -> str:
    """The commit measured, and whether the working tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE.parent, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "footcare (no git)"
    if not head:
        return "footcare (not a git checkout)"
    return f"footcare {head}" + (" with uncommitted changes in src/" if dirty else "")


def byte_compiled() -> str:
    """Compile footcare's modules to bytecode first, as installing a package does: run from
    a source checkout where PYTHONDONTWRITEBYTECODE is set, Python would compile every
    module at every start, which no installed footcare does (Textual's are compiled)."""
    import compileall

    import footcare

    package = Path(footcare.__file__).parent
    compileall.compile_dir(package, quiet=1)
    why = (
        " (this machine sets PYTHONDONTWRITEBYTECODE)"
        if os.environ.get("PYTHONDONTWRITEBYTECODE")
        else ""
    )
    return f"footcare's modules byte-compiled beforehand, as an installed package's are{why}"


def machine() -> str:
    u = platform.uname()
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import textual

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {u.system} {u.release} {u.machine}; "
        f"Python {platform.python_version()}, Textual {textual.__version__}; "
        f"pty {COLS}×{ROWS}, TERM=xterm-256color; load average at the start {load}"
    )


def compare(what: str, ours: float, theirs: float, unit: str, yardstick: str, goal: float | None,
            fmt: str = ".0f") -> str:  # fmt: skip
    ratio = ours / theirs if theirs else float("inf")
    verdict = "–" if goal is None else ("yes" if ratio <= goal else "**no**")
    target = "–" if goal is None else f"≤ {goal:.2f}×"
    return (
        f"| {what} | {ours:{fmt}} {unit} | {theirs:{fmt}} {unit} ({yardstick}) | "
        f"{ratio:.2f}× | {target} | {verdict} |"
    )


def curve(what: str, by_size: dict[int, list[float]], sizes: list[int], goal: float | None,
          scale: float = 1000, fmt: str = ".0f") -> str:  # fmt: skip
    """A row: the median at each size, with its ratio to the smallest size."""
    med = {n: statistics.median(v) * scale for n, v in by_size.items()}
    base = med[sizes[0]]
    cells = []
    worst = 0.0
    for n in sizes:
        ratio = med[n] / base if base else float("inf")
        if n != sizes[0]:
            worst = max(worst, ratio)
        cells.append(f"{med[n]:{fmt}}" + ("" if n == sizes[0] else f" ({ratio:.2f}×)"))
    verdict = "–" if goal is None else ("yes" if worst <= goal else "**no**")
    target = "–" if goal is None else f"≤ {goal:.2f}×"
    return f"| {what} | " + " | ".join(cells) + f" | {target} | {verdict} |"


def main() -> int:
    opts = options()
    if not sys.platform.startswith("linux"):
        print("bench.py reads /proc: Linux only", file=sys.stderr)
        return 2
    say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731
    began = time.perf_counter()
    stamp = f"{datetime.now():%Y-%m-%d %H:%M}"
    where = f"{revision()}; {machine()}; {byte_compiled()}"
    med = statistics.median
    out: list[str] = []
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as tmp:
        setup = make_setup(Path(tmp))

        say(f"first settled screen, {opts.pairs} pairs …")
        rss_f: list[float] = []
        rss_b: list[float] = []

        def fc_start(i: int) -> float:
            seconds, rss = first_screen(setup.footcare, setup.env_for(setup.root / f"s{i}"))
            rss_f.append(rss)
            return seconds

        def bare_start(_: int) -> float:
            seconds, rss = first_screen(setup.python("bare_start.py"), setup.env)
            rss_b.append(rss)
            return seconds

        start_f, start_b = alternate(opts.pairs, fc_start, bare_start)

        say(f"sessions, {opts.session_pairs} pairs of {opts.session_seconds:.0f} s …")
        win_f: list[Window] = []
        win_b: list[Window] = []
        changes: list[int] = []
        for i in range(opts.session_pairs):
            for which in (0, 1) if i % 2 == 0 else (1, 0):
                if which == 0:
                    window, change = footcare_session(setup, opts.session_seconds, i)
                    win_f.append(window)
                    changes.append(change)
                else:
                    win_b.append(bare_session(setup, opts.session_seconds))

        say(f"journal add, {opts.pairs} pairs …")
        add_env = setup.env_for(setup.root / "adds")
        add_f, import_t = alternate(
            opts.pairs,
            lambda _: wall([*setup.footcare, "journal", "add", "--pain", "3"], add_env),
            lambda _: wall([sys.executable, "-c", "import textual.app"], setup.env),
        )

        say(f"journals of {', '.join(f'{n:,}' for n in opts.sizes)} entries …")
        folders = {n: journal_folder(setup.root / "journals", n).data for n in opts.sizes}
        # a month file written in the last two seconds is read at every sync (its stamp
        # can't be trusted yet): let the new journals age past that, as a real one has
        while time.time_ns() < newest_change(folders.values()) + RACY_NS:
            time.sleep(0.1)
        cache = Path(setup.env["XDG_CACHE_HOME"])
        cold_status: dict[int, list[float]] = {n: [] for n in opts.sizes}
        cold_open: dict[int, list[float]] = {n: [] for n in opts.sizes}
        for n in opts.sizes:
            say(f"  no index yet: {n:,} entries")
            shutil.rmtree(cache, ignore_errors=True)
            cold_open[n].append(journal_open(setup, folders[n], n)[0])
            shutil.rmtree(cache, ignore_errors=True)
            cold_status[n].append(wall([*setup.footcare, "status"], setup.env_for(folders[n])))
        opened: dict[int, list[float]] = {n: [] for n in opts.sizes}
        open_rss: dict[int, list[float]] = {n: [] for n in opts.sizes}
        commands = {
            "status": ["status"],
            "list": ["journal", "list"],
            "export": ["journal", "export", "--format", "json"],
        }
        timed: dict[str, dict[int, list[float]]] = {
            name: {n: [] for n in opts.sizes} for name in commands
        }
        order = rotated(opts.sizes, opts.runs)
        for k, n in enumerate(order):
            say(f"  journal round {k + 1}/{len(order)}: {n:,} entries")
            seconds, rss = journal_open(setup, folders[n], n)
            opened[n].append(seconds)
            open_rss[n].append(rss)
            for name, args in commands.items():
                timed[name][n].append(wall([*setup.footcare, *args], setup.env_for(folders[n])))

        extras = []
        for script, runs in (
            ("journal_open.py", opts.inprocess_runs),
            ("index_bench.py", opts.runs),
        ):
            say(f"{script} …")
            done = subprocess.run(
                [
                    sys.executable,
                    str(HERE / script),
                    f"--runs={runs}",
                    f"--sizes={','.join(str(n) for n in opts.sizes)}",
                    f"--root={setup.root / 'journals'}",
                ],
                capture_output=True,
                text=True,
                env={**setup.env, "PYTHONPATH": str(HERE)},
            )
            extras.append(done.stdout.strip() or f"{script} failed:\n{done.stderr.strip()[-2000:]}")
        shutil.rmtree(setup.root / "journals", ignore_errors=True)

    cpu_f = med([w.cpu for w in win_f]) * 100
    cpu_b = med([w.cpu for w in win_b]) * 100
    bps_f = med([w.bytes_per_s for w in win_f])
    bps_b = med([w.bytes_per_s for w in win_b])
    peak_f = max(w.peak_rss for w in win_f)
    peak_b = max(w.peak_rss for w in win_b)
    secs = f"{opts.session_seconds:.0f} s"
    out += [
        f"Benchmark run {stamp}: {where}.",
        "",
        "| measure | footcare | yardstick | ratio | goal | met? |",
        "|---|---|---|---|---|---|",
        compare(
            f"first settled screen (median of {opts.pairs})",
            med(start_f) * 1000,
            med(start_b) * 1000,
            "ms",
            "bare start screen",
            START_GOAL,
        ),
        compare(
            "peak RSS at the first screen",
            med(rss_f),
            med(rss_b),
            "MiB",
            "bare start screen",
            START_GOAL,
            ".1f",
        ),
        compare(
            f"peak RSS after a {secs} session",
            peak_f,
            peak_b,
            "MiB",
            "bare session screen",
            SESSION_RSS_GOAL,
            ".1f",
        ),
        compare("CPU while a session runs", cpu_f, cpu_b, "%", "bare session screen", None, ".2f"),
        compare(
            "bytes written per second in a session",
            bps_f,
            bps_b,
            "B/s",
            "bare session screen",
            None,
        ),
        compare(
            f"`footcare journal add` (median of {opts.pairs})",
            med(add_f) * 1000,
            med(import_t) * 1000,
            "ms",
            '`python -c "import textual.app"`',
            None,
        ),
        "",
        f"The journal by size (median of {opts.runs}; in brackets: against an empty journal)",
        "",
        "| measure | " + " | ".join(f"{n:,} entries" for n in opts.sizes) + " | goal | met? |",
        "|---|" + "---:|" * len(opts.sizes) + "---|---|",
        curve("journal open: j to the whole history shown (ms)", opened, opts.sizes, JOURNAL_GOAL),
        curve("`footcare status` (ms)", timed["status"], opts.sizes, JOURNAL_GOAL),
        curve("journal open, no index yet (1 run; it is built)", cold_open, opts.sizes, None),
        curve("`footcare status`, no index yet (1 run)", cold_status, opts.sizes, None),
        curve("`footcare journal list` (ms)", timed["list"], opts.sizes, None),
        curve("`footcare journal export --format json` (ms)", timed["export"], opts.sizes, None),
        curve("peak RSS with the journal open (MiB)", open_rss, opts.sizes, None, 1, ".1f"),
        "",
        "Load average at the end: "
        + ", ".join(f"{x:.2f}" for x in os.getloadavg())
        + " (other work on the machine slows both sides of a ratio alike only where they "
        "alternate: the start-up and session pairs; the journal sizes run in rotation).",
        "",
        f"Sessions: {opts.session_pairs} × {secs}, footcare inside step 2 of the `standard` "
        "routine after the safety questions, the bare session ticking its 1 s countdown. A step "
        f"change writes {med(changes):,.0f} B more, once per step (every 60–120 s). "
        f"Total run time {time.perf_counter() - began:.0f} s.",
    ]
    for extra in extras:
        out += ["", extra]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
