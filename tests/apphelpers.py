"""Shared helpers for the app tests: fake clocks, a fixed date, a quick routine, a footcare
starting on a folder as a process would."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from footcare.domain.journal import Ratings
from footcare.domain.screening import Clearance, Tier, all_items
from footcare.services.build import UseCases, read_footcare
from footcare.services.cues import Terminal
from footcare.services.runner import SessionRunner, release_claim
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from ptyterm import screening_keys, two_steps

NOW = datetime(2026, 11, 24, 9, 0, 0)

QUICK = two_steps(description="Two short steps.", finish=4)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Clock:
    """Wall time and monotonic time moving together (the wall clock from ``at``)."""

    def __init__(self, at: datetime = NOW) -> None:
        self.mono = FakeClock()
        self.wall = at

    def advance(self, seconds: float) -> None:
        self.mono.advance(seconds)
        self.wall += timedelta(seconds=seconds)


_OPEN: dict[Path, UseCases] = {}


def services_for(paths: Paths, clock: Clock) -> UseCases:
    """A footcare starting on this folder. Here the one before it has closed (or was
    killed): its claim on the session went with it, as when a process ends."""
    before = _OPEN.pop(paths.data, None)
    if before is not None:
        release_claim(before.sessions)
    services = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    _OPEN[paths.data] = services
    return services


def make_paths(tmp: Path, routine: str | None = "quick") -> Paths:
    paths = Paths(config=tmp / "cfg", data=tmp / "data")
    (paths.config / "routines").mkdir(parents=True, exist_ok=True)
    (paths.config / "routines" / "quick.toml").write_text(QUICK, encoding="utf-8")
    if routine:
        paths.config_file.write_text(f'routine = "{routine}"\n', encoding="utf-8")
    return paths


def make_app(paths: Paths, clock: FakeClock | None = None, now: datetime = NOW) -> FootcareApp:
    services = read_footcare(paths, clock=clock or FakeClock(), now=lambda: now)
    return FootcareApp(services)


def record_all_clearances(paths: Paths, on: date | None = None) -> None:
    """'Discussed' given, every other go-ahead item answered 'does not apply'."""
    day = on or NOW.date()
    SafetyStore(paths).append(
        [
            Clearance(item.id, item.everyone, day)
            for item in all_items()
            if item.tier is Tier.CLEARANCE
        ]
    )


def cleared_paths(tmp: Path, routine: str | None = "quick") -> Paths:
    """The folders of `make_paths`, every go-ahead recorded a month before NOW."""
    paths = make_paths(tmp, routine)
    record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
    return paths


def answer_today(services: UseCases) -> None:
    """Every one of today's questions answered safely, through the gate (the day's own
    too: the question after a stop because it hurt or for feeling unwell)."""
    for item in services.gate.items(None):
        if item.tier is Tier.BLOCK:
            services.gate.answer_block(item.id, False)
        elif item.tier is Tier.REMIND:
            services.gate.acknowledge(item.id, True)


def begin_today(
    services: UseCases, before: Ratings, routine_id: str = "quick", cues: Terminal | None = None
) -> SessionRunner:
    """Today's questions answered safely (`answer_today`), then the routine begun."""
    answer_today(services)
    routine = services.settings.routine(routine_id)
    assert routine is not None
    return services.sessions.start(routine, before, cues)


def all_clear_keys(extra_reminders: int = 0) -> list[str]:
    """Keys that answer every question safely, top to bottom."""
    return screening_keys(enter="enter") + ["y"] * extra_reminders


async def pressed(pilot: Pilot[object], *keys: str) -> None:
    """Press `keys`, then let the app settle (one pause)."""
    await pilot.press(*keys)
    await pilot.pause()


async def answer_all_clear(pilot: Pilot[object]) -> None:
    await pressed(pilot, *all_clear_keys())


async def begin(pilot: Pilot[object]) -> None:
    """From the start screen: continue, answer every question safely, begin."""
    await pilot.press("c")
    await answer_all_clear(pilot)
    await pressed(pilot, "b")


def bells(app: FootcareApp) -> list[int]:
    """Replace the (headless no-op) bell with a counter."""
    count = [0]

    def ring() -> None:
        count[0] += 1

    app.bell = ring  # type: ignore[method-assign]
    return count
