"""The journal screen in-process, at 0 / 30 / 3,650 / 18,250 / 36,500 entries.

    python benchmarks/journal_open.py [--runs 3] [--sizes 0,30,3650,18250,36500]

Each run builds a fresh FootcareApp in ``run_test`` at 80×24 (its journal index already
built, as after any earlier use) and times, with a monotonic clock, from switching to the
journal:

- first draw: the screen mounted, laid out and handed to the display: the last two months
  in the table and the summary (streak, this week) counted over every entry, which the run
  checks against the journal's size; all from the index as its last sync left it;
- files looked at: until the look at every month file's stamp (off the main thread, begun
  once the first draw is done) has been taken in: from then on an edit by hand shows;
- next year shown: moving to the last row until the year before is in the table;
- save: saving a new entry from the form until the table shows it;
- trends: opening the trends screen (t), which reads every entry;
- every year shown: moving to the last row again and again until the oldest entry is in
  the table (the entries are read by then: this is the table's own work).

Prints a Markdown table of medians (milliseconds).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from journal_data import SIZES, journal_folder
from textual.screen import Screen
from textual.widgets import DataTable

from footcare.services.build import open_footcare
from footcare.services.status import status
from footcare.storage.index import RACY_NS
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.screens.trends import TrendsScreen

COLUMNS = (
    "first draw",
    "files looked at",
    "next year shown",
    "save",
    "trends",
    "every year shown",
)


class DrawSpy:
    """Notes the moment each screen is handed to the (headless) display: after layout and render."""

    def __init__(self, app: FootcareApp) -> None:
        self.draws: list[tuple[float, type]] = []
        original = app._display

        def spy(screen: Screen[object], renderable: object) -> None:
            if renderable is not None:
                self.draws.append((time.perf_counter(), type(screen)))
            original(screen, renderable)  # type: ignore[arg-type]

        app._display = spy  # type: ignore[method-assign]

    async def until(
        self, kind: type, after: float, ready: Callable[[], bool] = lambda: True
    ) -> float:
        """Seconds from ``after`` to the first draw of ``kind`` once ``ready()`` holds."""
        deadline = time.perf_counter() + 120
        ready_at: float | None = after if ready() else None
        while time.perf_counter() < deadline:
            if ready_at is None and ready():
                ready_at = max(after, time.perf_counter())
            if ready_at is not None:
                for when, screen in self.draws:
                    if screen is kind and when >= ready_at:
                        return when - after
            await asyncio.sleep(0.0005)
        raise TimeoutError(kind.__name__)


async def until_checked(screen: JournalScreen, start: float) -> float:
    """Seconds from ``start`` until the journal has taken in its look at the month files."""
    deadline = time.perf_counter() + 120
    while not screen.history.checked:
        if time.perf_counter() > deadline:
            raise TimeoutError("the journal never looked at its files")
        await asyncio.sleep(0.0005)
    return time.perf_counter() - start


async def one_run(paths: Paths, count: int) -> dict[str, float]:
    app = FootcareApp(open_footcare(paths))
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        spy = DrawSpy(app)
        start = time.perf_counter()
        await app.switch_mode("journal")
        out["first draw"] = await spy.until(JournalScreen, start)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        out["files looked at"] = await until_checked(screen, start)
        table = screen.query_one(DataTable)
        summary = str(screen.query_one("#journal-summary").render())
        counted = f"Streak: {count} days in a row" if count > 1 else "Streak: "
        if counted not in summary:
            raise RuntimeError(f"the summary does not count every entry: {summary!r}")
        shown = table.row_count
        if shown < count:  # older entries than the table shows at first
            start = time.perf_counter()
            table.move_cursor(row=max(0, shown - 1))
            out["next year shown"] = await spy.until(
                JournalScreen, start, lambda: table.row_count > shown
            )
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        await pilot.press("3")
        rows = table.row_count
        start = time.perf_counter()
        form.action_save()
        out["save"] = await spy.until(JournalScreen, start, lambda: table.row_count == rows + 1)
        start = time.perf_counter()
        screen.action_trends()
        out["trends"] = await spy.until(TrendsScreen, start)
        await pilot.press("escape")
        await pilot.pause()
        if table.row_count < count + 1:
            start = time.perf_counter()
            while table.row_count < count + 1:
                rows = table.row_count
                table.move_cursor(row=rows - 1)
                await spy.until(JournalScreen, time.perf_counter(), lambda: table.row_count > rows)  # noqa: B023
            out["every year shown"] = time.perf_counter() - start
    return out


def measure(root: Path, count: int, runs: int) -> dict[str, float]:
    template = journal_folder(root, count)
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        # a saved entry changes the folder: every run starts from the same journal, and
        # an index of it built beforehand (as any earlier use of footcare leaves it)
        data = Path(tempfile.mkdtemp(dir=root, prefix=f"run-{count}-"))
        if template.journal.exists():
            shutil.copytree(template.journal, data / "journal")
        paths = Paths(template.config, data, data / "cache")
        # a file written in the last two seconds is read at every sync (its stamp can't be
        # trusted yet): let the fresh copy age past that, as a real journal has
        while time.time_ns() < newest_change(paths) + RACY_NS:
            time.sleep(0.1)
        warm = open_footcare(paths)
        try:
            status(warm)
        finally:
            warm.close()
        try:
            for key, value in asyncio.run(one_run(paths, count)).items():
                results.setdefault(key, []).append(value)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    return {key: statistics.median(values) for key, values in results.items()}


def newest_change(paths: Paths) -> int:
    folder = paths.journal
    return (
        max((p.stat().st_ctime_ns for p in folder.iterdir()), default=0) if folder.exists() else 0
    )


def table(rows: list[tuple[int, dict[str, float]]], runs: int) -> str:
    lines = [
        f"Journal screen in-process (Pilot, 80×24), median of {runs} runs, ms",
        "",
        "| entries | " + " | ".join(COLUMNS) + " |",
        "|---:|" + "---:|" * len(COLUMNS),
    ]
    for count, r in rows:
        cells = [f"{r[c] * 1000:.0f}" if c in r else "–" for c in COLUMNS]
        lines.append(f"| {count:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--root", type=Path, help="a folder to keep the generated journals in")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="footcare-bench-") as tmp:
        root = args.root or Path(tmp)
        rows = [(count, measure(root, count, args.runs)) for count in sizes]
    print(table(rows, args.runs))


if __name__ == "__main__":
    main()
