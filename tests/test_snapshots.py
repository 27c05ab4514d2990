"""What the screens look like, kept from regressing. Accept intended changes with
`pytest --snapshot-update` and look at the pictures in tests/__snapshots__/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from apphelpers import FakeClock, all_clear_keys, make_app, make_paths, pressed
from footcare.ui.app import FootcareApp
from footcare.ui.screens.session import SessionScreen
from shipped import THEMES

SIZES = [(80, 24), (120, 40)]


async def into_session(pilot: Pilot[Any], seconds: int = 3) -> None:
    await pressed(pilot, "c", *all_clear_keys(), "b")
    app: Any = pilot.app
    screen = app.screen
    assert isinstance(screen, SessionScreen)
    app.services.clock.advance(seconds)
    screen.tick()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(make_paths(tmp_path, routine="standard"))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_screening_fresh(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(make_paths(tmp_path))
    assert snap_compare(app, press=["c"], terminal_size=size)


def test_screening_all_clear(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    assert snap_compare(app, press=["c", *all_clear_keys()], terminal_size=(80, 24))


def test_blocked(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    assert snap_compare(app, press=["c", "y"], terminal_size=(80, 24))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_session(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(make_paths(tmp_path, routine="standard"), FakeClock())
    assert snap_compare(app, run_before=lambda pilot: into_session(pilot, 75), terminal_size=size)


def test_session_paused_after_foot_change(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path), FakeClock())

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_session(pilot, 9)  # get ready 2 + 3 + 4 → right foot's get-ready
        await pilot.press("space")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))


def session_at_200_s(snap_compare: Any, tmp_path: Path, **options: Any) -> bool:
    services = make_app(make_paths(tmp_path, routine="standard"), FakeClock()).services
    app = FootcareApp(services, **options)
    return bool(
        snap_compare(app, run_before=lambda pilot: into_session(pilot, 200), terminal_size=(80, 24))
    )


@pytest.mark.parametrize("theme", THEMES)
def test_session_in_each_theme(snap_compare: Any, tmp_path: Path, theme: str) -> None:
    assert session_at_200_s(snap_compare, tmp_path, theme_name=theme)


def test_session_no_color(
    snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert session_at_200_s(snap_compare, tmp_path, ansi_color=True)


def test_end(snap_compare: Any, tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path), FakeClock())

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_session(pilot, 1)
        await pilot.press("n", "n", "n", "n", "n", "n", "3")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
