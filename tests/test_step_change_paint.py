"""A step change paints the step once (issue 20: a session's bytes over SSH).

The words and the picture of a new step are drawn in one frame: the step's widgets are not
painted a second time by a layout that finds nothing to move. Each paint of a widget is
one call of its ``render_lines`` by the compositor; at a step change, every one of the
step's widgets is painted at most once, and its title (new at every step) exactly once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from apphelpers import all_clear_keys, make_app, make_paths, pressed
from footcare.ui.screens.session import SessionScreen
from shipped import ROUTINES

STEP = ("step-title", "instructions", "cue", "picture", "next")
"""The widgets a step change gives new content."""


@pytest.mark.parametrize("routine", ROUTINES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_step_change_paints_the_step_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, routine: str, size: tuple[int, int]
) -> None:
    painted: Counter[str] = Counter()
    render_lines = Widget.render_lines

    def counted(self: Widget, crop: Region) -> list[Strip]:
        if self.id in STEP:
            painted[self.id] += 1
        return render_lines(self, crop)

    monkeypatch.setattr(Widget, "render_lines", counted)
    app: Any = make_app(make_paths(tmp_path, routine=routine))
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "c", *all_clear_keys(), "b")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        changes = 0
        while True:
            painted.clear()
            await pressed(pilot, "n")
            await pilot.pause()
            if not isinstance(app.screen, SessionScreen):
                break
            changes += 1
            title = str(screen.query_one("#step-title").render())
            assert painted["step-title"] == 1, f"{title}: {dict(painted)}"
            twice = {name: n for name, n in painted.items() if n > 1}
            assert not twice, f"painted more than once at {title} ({size}): {twice}"
        assert changes == 2 * len(screen.session.routine.steps) + 1
