"""The journal screen in-process, at 0 / 3,650 / 18,250 / 36,500 entries.

    python benchmarks/journal_open.py [--runs 3] [--sizes 0,3650,18250,36500]

Each run builds a fresh FootcareApp in ``run_test`` at 80×24 and times, with a monotonic
clock, from switching to the journal:

- first draw: the screen mounted, laid out and handed to the display (the table then
  shows the recent months; older years are read in a background thread);
- whole history in: the screen's History says ``complete`` (every month read) and the
  screen has been drawn after that — what a person waits for before the streak and the
  summary count every entry;
- next year shown: moving to the last row until the year before is in the table;
- trends: opening the trends screen (t);
- save: saving a new entry from the form until the table shows it.

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

from footcare.services.core import Services
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.screens.trends import TrendsScreen

COLUMNS = ("first draw", "whole history in", "next year shown", "trends", "save")


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


async def one_run(paths: Paths, count: int) -> dict[str, float]:
    app = FootcareApp(Services(paths))
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        spy = DrawSpy(app)
        start = time.perf_counter()
        await app.switch_mode("journal")
        out["first draw"] = await spy.until(JournalScreen, start)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        table = screen.query_one(DataTable)
        out["whole history in"] = await spy.until(
            JournalScreen, start, lambda: screen.history.complete
        )
        await app.workers.wait_for_complete()
        if len(screen.history.entries()) != count:
            raise RuntimeError(f"{len(screen.history.entries())} entries shown, not {count}")
        shown = table.row_count
        if count:
            start = time.perf_counter()
            table.move_cursor(row=max(0, shown - 1))
            out["next year shown"] = await spy.until(
                JournalScreen, start, lambda: table.row_count > shown
            )
        start = time.perf_counter()
        screen.action_trends()
        out["trends"] = await spy.until(TrendsScreen, start)
        await pilot.press("escape", "n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        await pilot.press("3")
        rows = table.row_count
        start = time.perf_counter()
        form.action_save()
        out["save"] = await spy.until(JournalScreen, start, lambda: table.row_count == rows + 1)
    return out


def measure(root: Path, count: int, runs: int) -> dict[str, float]:
    template = journal_folder(root, count)
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        # a saved entry changes the folder: every run starts from the same journal
        data = Path(tempfile.mkdtemp(dir=root, prefix=f"run-{count}-"))
        if template.journal.exists():
            shutil.copytree(template.journal, data / "journal")
        try:
            for key, value in asyncio.run(one_run(Paths(template.config, data), count)).items():
                results.setdefault(key, []).append(value)
        finally:
            shutil.rmtree(data, ignore_errors=True)
    return {key: statistics.median(values) for key, values in results.items()}


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
