"""The stop dialog at every size: its question, whom to call and every cause are on screen
together, read from the painted screen (at 40×15 they once scrolled away behind the list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from apphelpers import make_app, make_paths
from footcare.domain.stops import CHOOSABLE
from footcare.domain.wording import STOP_QUESTION, cause_label
from footcare.ui.screens.stop_reason import StopReason
from rendered import screen_words


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 24)])
async def test_the_question_and_every_cause_are_on_screen_at_once(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=size) as pilot:
        await app.push_screen(StopReason("999"))
        await pilot.pause()
        await pilot.pause()
        words = screen_words(app)
        assert STOP_QUESTION in words, words
        assert "999" in words, words
        for cause in CHOOSABLE:
            # a label may be cut with … only if the whole is reachable; here every one fits
            assert cause_label(cause) in words, (cause, words)
