"""How long the journal screen takes to open with no entries and with ten years of daily entries.

Run with the project's Python:

    python benchmarks/journal_open.py [--runs 7]

Each run builds a fresh FootcareApp in ``run_test`` at 80×24 and times, with a
monotonic clock:

- open: switching to the journal mode until the screen is mounted, laid out and
  handed to the display for the first time (the table then shows the last 4
  months; older years are read in a background thread);
- older years read: until the background thread has read every older month;
- next year shown: moving to the last row, until the year before is in the table;
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
from datetime import datetime, timedelta
from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable

from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.services.core import Services
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.screens.trends import TrendsScreen

NOW = datetime(2026, 11, 24, 9, 0)
DAYS = 3650


def prefill(paths: Paths, days: int) -> None:
    """``days`` daily session entries ending yesterday, each added through the store."""
    store = JournalStore(paths)
    for n in range(days, 0, -1):
        at = NOW - timedelta(days=n) + timedelta(hours=10)
        store.add(
            Entry(
                id=new_id(at),
                at=at,
                before=Ratings(numbness=n % 11, tingling=(n * 3) % 11, pain=(n * 7) % 11),
                after=Ratings(
                    numbness=n % 11, tingling=(n * 3) % 11, pain=max(0, (n * 7) % 11 - 1)
                ),
                sleep=n % 7,
                findings={"redness": "left"} if n % 97 == 0 else {},
                session=SessionFacts("standard", ("left", "right"), 12.5),
                note="ten years of history" if n % 30 == 0 else "",
            )
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
        deadline = time.perf_counter() + 60
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


async def one_run(paths: Paths, days: int) -> dict[str, float]:
    app = FootcareApp(Services(paths, now=lambda: NOW))
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        spy = DrawSpy(app)
        start = time.perf_counter()
        await app.switch_mode("journal")
        out["open"] = await spy.until(JournalScreen, start)
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        table = screen.query_one(DataTable)

        def complete() -> bool:
            return screen.history is not None and screen.history.complete

        out["older read"] = await spy.until(JournalScreen, start, complete)
        await app.workers.wait_for_complete()
        assert screen.history is not None and len(screen.history.entries()) == days
        shown = table.row_count
        start = time.perf_counter()
        table.move_cursor(row=max(0, shown - 1))
        if days:
            out["next year"] = await spy.until(
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
        assert app.screen is screen
    return out


def measure(days: int, runs: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="footcare-bench-"))
    try:
        template = Paths(config=folder / "cfg", data=folder / "template")
        prefill(template, days)
        results: dict[str, list[float]] = {}
        for i in range(runs):
            data = folder / f"run{i}"
            if template.journal.exists():
                shutil.copytree(template.data, data)
            paths = Paths(config=folder / "cfg", data=data)
            for key, value in asyncio.run(one_run(paths, days)).items():
                results.setdefault(key, []).append(value)
        return {key: statistics.median(values) for key, values in results.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=DAYS)
    args = parser.parse_args()
    rows = [(0, measure(0, args.runs)), (args.days, measure(args.days, args.runs))]
    print(f"Journal screen at 80×24, median of {args.runs} runs (ms)\n")
    print(
        "| entries | open (first draw) | older years read | next year shown "
        "| trends | save + redraw |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count, r in rows:
        ms = {k: f"{v * 1000:.0f}" for k, v in r.items()}
        print(
            f"| {count:,} | {ms['open']} | {ms['older read']} | {ms.get('next year', '–')} "
            f"| {ms['trends']} | {ms['save']} |"
        )


if __name__ == "__main__":
    main()
