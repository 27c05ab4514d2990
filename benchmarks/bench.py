"""footcare against a bare Textual app, under a real pty at 80×24, in one go.

    python benchmarks/bench.py            # about 3 minutes; prints a Markdown table

Run it with the Python that has footcare installed (the venv's). It alternates the two
programs so that a busy moment on the machine hits both alike, and measures:

- time to the first settled screen: from start to the last byte before 300 ms of quiet
  (median of pairs);
- peak RSS of the app process (VmHWM from /proc), and its CPU and the bytes it writes per
  second while a session runs (footcare in the "standard" routine's session; the bare
  app, benchmarks/bare_app.py, with its 1 s progress bar);
- `footcare journal add` against `python -c "import textual.app"` (median of pairs);
- opening the journal with 3,650 entries (ten years of daily entries) against an empty
  one: from the key press to the settled journal screen. If benchmarks/journal_open.py
  is there, its own report is printed after the table too.

The goal is each figure within 1.2× the yardstick.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLS, ROWS = 80, 24
QUIET = 0.3  # seconds of no output that count as "settled"
GOAL = 1.2
TICK = os.sysconf("SC_CLK_TCK")
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def plain(data: bytes) -> str:
    return ESCAPES.sub(b"", data).decode("utf-8", "replace")


def _controlling_tty() -> None:
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Run:
    """One program in its own pty at 80×24, read from this thread with select."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            preexec_fn=_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.data = bytearray()
        self.last_byte = 0.0

    def pump(self, seconds: float) -> int:
        """Read for this long; returns the bytes read."""
        end = time.perf_counter() + seconds
        got = 0
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                self.data += chunk
                got += len(chunk)
                self.last_byte = time.perf_counter()
        return got

    def settle(self, since: float, timeout: float = 30.0) -> float:
        """Wait for output, then for QUIET seconds of none; the time of the last byte."""
        deadline = time.perf_counter() + timeout
        seen = len(self.data)
        while len(self.data) == seen:
            if time.perf_counter() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"no output; the program said:\n{plain(bytes(self.data))}")
            self.pump(0.02)
        while True:
            if time.perf_counter() > deadline:
                raise RuntimeError("the screen never settled")
            if self.pump(QUIET) == 0:
                return self.last_byte - since

    def wait_for(self, phrase: str, since: int = 0, timeout: float = 30.0) -> None:
        """Wait until `phrase` was printed after byte `since`."""
        deadline = time.perf_counter() + timeout
        while phrase not in plain(bytes(self.data[since:])):
            if time.perf_counter() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"{phrase!r} not seen:\n{plain(bytes(self.data))[-2000:]}")
            self.pump(0.05)

    def send(self, keys: str, gap: float = 0.05) -> None:
        for key in keys:
            os.write(self.master, key.encode())
            self.pump(gap)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        os.close(self.master)


# the programs -------------------------------------------------------------------------------


@dataclass
class Setup:
    root: Path
    env: dict[str, str]
    footcare: list[str]
    bare: list[str]

    def footcare_env(self, data: Path) -> dict[str, str]:
        return {**self.env, "FOOTCARE_DATA_DIR": str(data)}


def footcare_argv() -> list[str]:
    script = Path(sys.executable).parent / "footcare"
    return [str(script)] if script.exists() else [sys.executable, "-m", "footcare"]


def make_setup(root: Path) -> Setup:
    config = root / "config"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('routine = "standard"\n', encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"COLORTERM", "NO_COLOR", "TEXTUAL"} and not k.startswith("FOOTCARE_")
    }
    # Typical SSH: TERM is forwarded, COLORTERM is not (256 colours).
    env.update(TERM="xterm-256color", LANG=env.get("LANG", "C.UTF-8"))
    env["FOOTCARE_CONFIG_DIR"] = str(config)
    return Setup(root, env, footcare_argv(), [sys.executable, str(HERE / "bare_app.py")])


def screening_steps() -> list[tuple[str, str]]:
    """Keys that answer every question safely, each group with the text that shows it landed.

    The go-ahead everyone needs opens a date dialog (y), confirmed with Enter.
    """
    from footcare.domain.screening import Tier, all_items

    steps: list[tuple[str, str]] = []
    keys = ""
    for item in all_items():
        if item.tier is Tier.BLOCK:
            keys += "n"
        elif item.tier is Tier.CLEARANCE and item.everyone:
            steps += [(keys + "y", "Type the date as"), ("\r", "Go-ahead recorded")]
            keys = ""
        elif item.tier is Tier.CLEARANCE:
            keys += "n"
        else:
            keys += "y"
    return [*steps, (keys, "Press b to begin")]


# the measurements ---------------------------------------------------------------------------


def first_screen(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    run = Run(argv, env)
    try:
        seconds = run.settle(run.started)
        return seconds, run.peak_rss_mib()
    finally:
        run.close()


@dataclass
class Window:
    cpu: float  # CPU seconds per second
    bytes_per_s: float
    rss: float


def measure_window(run: Run, seconds: float) -> Window:
    cpu0 = run.cpu_seconds()
    t0 = time.perf_counter()
    got = run.pump(seconds)
    elapsed = time.perf_counter() - t0
    return Window((run.cpu_seconds() - cpu0) / elapsed, got / elapsed, run.peak_rss_mib())


def footcare_session(setup: Setup, seconds: float, n: int) -> tuple[Window, int]:
    """A window inside step 1 (60 s long), then the bytes one step change costs."""
    run = Run(setup.footcare, setup.footcare_env(setup.root / f"session-{n}"))
    try:
        steps = [("", "Today's session"), ("c", "Safety questions")]
        steps += [*screening_steps(), ("b", "GET READY")]
        steps += [("n", "step 1 of")]  # skip the 10 s get-ready: the window is in step 1
        for keys, phrase in steps:
            mark = len(run.data)
            run.send(keys)
            run.wait_for(phrase, mark)
        run.pump(1.0)
        window = measure_window(run, seconds)
        before = len(run.data)
        pressed = time.perf_counter()
        os.write(run.master, b"n")
        run.settle(pressed)
        return window, len(run.data) - before
    finally:
        run.close()


def bare_session(setup: Setup, seconds: float) -> Window:
    run = Run(setup.bare, setup.env)
    try:
        run.settle(run.started)
        run.pump(1.0)
        return measure_window(run, seconds)
    finally:
        run.close()


def wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    return time.perf_counter() - start


def prefill_journal(data: Path, days: int) -> None:
    """`days` daily entries ending yesterday, written a month file at a time."""
    from footcare.domain.journal import Entry, Ratings, entry_to_dict
    from footcare.storage.files import ensure_dir, write_toml
    from footcare.storage.journal import new_id

    months: dict[str, list[Entry]] = {}
    today = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for n in range(days, 0, -1):
        at = today - timedelta(days=n)
        entry = Entry(
            id=new_id(at),
            at=at,
            before=Ratings(numbness=n % 11, tingling=(n * 3) % 11, pain=(n * 7) % 11),
            after=Ratings(pain=max(0, (n * 7) % 11 - 1)),
            note="ten years of history" if n % 30 == 0 else "",
        )
        months.setdefault(entry.month_key, []).append(entry)
    folder = data / "journal"
    ensure_dir(data)
    ensure_dir(folder)
    for key, entries in months.items():
        write_toml(folder / f"{key}.toml", {"entries": [entry_to_dict(e) for e in entries]})


def journal_open(setup: Setup, data: Path) -> float:
    """From pressing j on the start screen to the settled journal screen."""
    run = Run(setup.footcare, setup.footcare_env(data))
    try:
        run.settle(run.started)
        pressed = time.perf_counter()
        os.write(run.master, b"j")
        return run.settle(pressed)
    finally:
        run.close()


# the report ---------------------------------------------------------------------------------


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


def row(what: str, ours: float, theirs: float, unit: str, yardstick: str, fmt: str = ".0f") -> str:
    ratio = ours / theirs if theirs else float("inf")
    verdict = "yes" if ratio <= GOAL else "**no**"
    return (
        f"| {what} | {ours:{fmt}} {unit} | {theirs:{fmt}} {unit} ({yardstick}) | "
        f"{ratio:.2f}× | {verdict} |"
    )


def machine() -> str:
    u = platform.uname()
    cpu = ""
    with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import textual

    return (
        f"{u.system} {u.release} {u.machine}, {os.cpu_count()} CPUs ({cpu or 'unknown CPU'}); "
        f"Python {platform.python_version()}, Textual {textual.__version__}; "
        f"pty {COLS}×{ROWS}, TERM=xterm-256color"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="footcare against a bare Textual app")
    parser.add_argument("--pairs", type=int, default=7, help="pairs for the timings (7)")
    parser.add_argument("--session-seconds", type=float, default=20.0)
    parser.add_argument("--session-pairs", type=int, default=2)
    parser.add_argument("--journal-days", type=int, default=3650)
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        print("bench.py reads /proc: Linux only", file=sys.stderr)
        return 2

    began = time.perf_counter()
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as tmp:
        setup = make_setup(Path(tmp))
        say = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

        say(f"first settled screen, {args.pairs} pairs …")
        rss_f: list[float] = []
        rss_b: list[float] = []

        def fc_start(i: int) -> float:
            seconds, rss = first_screen(setup.footcare, setup.footcare_env(setup.root / f"s{i}"))
            rss_f.append(rss)
            return seconds

        def bare_start(_: int) -> float:
            seconds, rss = first_screen(setup.bare, setup.env)
            rss_b.append(rss)
            return seconds

        start_f, start_b = alternate(args.pairs, fc_start, bare_start)

        say(f"sessions, {args.session_pairs} pairs of {args.session_seconds:.0f} s …")
        win_f: list[Window] = []
        win_b: list[Window] = []
        changes: list[int] = []
        for i in range(args.session_pairs):
            order = [0, 1] if i % 2 == 0 else [1, 0]
            for which in order:
                if which == 0:
                    window, change = footcare_session(setup, args.session_seconds, i)
                    win_f.append(window)
                    changes.append(change)
                else:
                    win_b.append(bare_session(setup, args.session_seconds))

        say(f"journal add, {args.pairs} pairs …")
        add_env = setup.footcare_env(setup.root / "adds")
        add_f, import_t = alternate(
            args.pairs,
            lambda _: wall([*setup.footcare, "journal", "add", "--pain", "3"], add_env),
            lambda _: wall([sys.executable, "-c", "import textual.app"], setup.env),
        )

        say(f"journal open, {args.journal_days:,} entries against none …")
        full = setup.root / "ten-years"
        prefill_journal(full, args.journal_days)
        empty = setup.root / "empty-journal"
        empty.mkdir()
        open_full, open_empty = alternate(
            max(3, args.pairs // 2),
            lambda _: journal_open(setup, full),
            lambda _: journal_open(setup, empty),
        )

        med = statistics.median
        cpu_f = sum(w.cpu for w in win_f) / len(win_f) * 100
        cpu_b = sum(w.cpu for w in win_b) / len(win_b) * 100
        bps_f = sum(w.bytes_per_s for w in win_f) / len(win_f)
        bps_b = sum(w.bytes_per_s for w in win_b) / len(win_b)
        peak_f = max(w.rss for w in win_f)
        peak_b = max(w.rss for w in win_b)
        bare = "bare app"
        lines += [
            f"Benchmark run {datetime.now():%Y-%m-%d %H:%M}: {machine()}.",
            "",
            f"| measure | footcare | yardstick | ratio | within {GOAL}×? |",
            "|---|---|---|---|---|",
            row(
                f"time to first settled screen (median of {args.pairs})",
                med(start_f) * 1000,
                med(start_b) * 1000,
                "ms",
                bare,
            ),
            row(
                "peak RSS at the first screen (median)", med(rss_f), med(rss_b), "MiB", bare, ".1f"
            ),
            row(
                f"peak RSS after {args.session_seconds:.0f} s of session",
                peak_f,
                peak_b,
                "MiB",
                bare,
                ".1f",
            ),
            row("CPU while a session runs", cpu_f, cpu_b, "%", bare, ".2f"),
            row("bytes written per second in a session", bps_f, bps_b, "B/s", bare),
            row(
                f"`footcare journal add` (median of {args.pairs})",
                med(add_f) * 1000,
                med(import_t) * 1000,
                "ms",
                '`python -c "import textual.app"`',
            ),
            row(
                f"journal open, {args.journal_days:,} entries: key to settled screen",
                med(open_full) * 1000,
                med(open_empty) * 1000,
                "ms",
                "empty journal",
            ),
            "",
            f"Sessions: {args.session_pairs} × {args.session_seconds:.0f} s each, footcare inside "
            "step 1 of the `standard` routine, the bare app ticking its 1 s bar. A step change "
            f"(a new title, instructions and cue) writes {med(changes):,.0f} B more, once per "
            f"step (every 60–120 s in `standard`: about {med(changes) / 90:.0f} B/s averaged). "
            f"Total run time {time.perf_counter() - began:.0f} s.",
        ]
    print("\n".join(lines))
    extra = HERE / "journal_open.py"
    if extra.exists():
        print(f"\n{extra.name}:\n")
        try:
            done = subprocess.run(
                [sys.executable, str(extra)], capture_output=True, text=True, timeout=120
            )
            print(done.stdout.strip() or done.stderr.strip())
        except subprocess.TimeoutExpired:
            print("(took over 2 minutes; skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
