"""q in the app while the session is saved nowhere (the disk full since its last save):
footcare does not quit in silence. It says what could not be saved and why, shows the
session to write down, and Enter tries again (leaving once it is saved), Esc goes back,
l leaves without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from apphelpers import FakeClock, begin, cleared_paths, make_app, pressed
from faults import Plan, inject
from footcare.ui.screens.not_saved import NotSaved
from footcare.ui.screens.session import SessionScreen
from rendered import normal, screen_words

LOST = "only in this window: it is lost if footcare ends now"
WRITE = "Your session was not saved. Please write it down, or it is lost:"


async def into_a_full_disk(pilot, app, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Plan:  # type: ignore[no-untyped-def]
    """A session begun and saved, then a few seconds of it once the disk is full."""
    await begin(pilot)
    assert isinstance(app.screen, SessionScreen)
    plan = inject(monkeypatch, Plan(fail_at=1, stays=True))
    for _ in range(3):
        clock.advance(1)
        app.screen.tick()
    await pilot.pause()
    return plan


@pytest.mark.parametrize("leave", [False, True], ids=["space-returns", "left-unsaved"])
async def test_q_with_the_session_saved_nowhere_asks_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave: bool
) -> None:
    paths = cleared_paths(tmp_path)
    clock = FakeClock()
    app = make_app(paths, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        plan = await into_a_full_disk(pilot, app, clock, monkeypatch)
        before = paths.session_state.read_bytes()  # as last saved, before the disk filled
        await pressed(pilot, "q")
        assert isinstance(app.screen, NotSaved)
        shown = normal(screen_words(app))
        assert "Not saved:" in shown and "No space left on device" in shown
        assert LOST in shown and WRITE in shown and "Session: quick" in shown
        await pressed(pilot, "enter")  # the disk is still full: asked again
        assert isinstance(app.screen, NotSaved)
        assert app.return_code is None
        await pressed(pilot, "escape")  # back to the session, which goes on
        assert isinstance(app.screen, SessionScreen)
        await pressed(pilot, "q")
        if leave:
            await pressed(pilot, "l")
        else:
            plan.space_returns()
            await pressed(pilot, "enter")
        assert app.return_code == 0
    # left: the file as it was; saved once space returned: what the session did since
    assert (paths.session_state.read_bytes() == before) is leave
