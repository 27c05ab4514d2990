"""The weekly question's keys, as the line under the entry form says them at 80×24: the
scale's ends and middle, each number once, whole on screen (it read "1 1 very much
better · 2 2 much better …" and lost its end past the 80th column)."""

from __future__ import annotations

from pathlib import Path

from apphelpers import make_app, make_paths, pressed
from footcare.domain.journal import WEEKLY_CHANGE
from rendered import normal, screen_words


async def test_the_weekly_questions_keys_fit_and_say_each_number_once(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j", "n", *["down"] * 5)  # four ratings and sleep, then the week
        assert app.focused is not None and app.focused.id == "weekly"
        shown = normal(screen_words(app))
    first, middle, last = WEEKLY_CHANGE[0], WEEKLY_CHANGE[3], WEEKLY_CHANGE[-1]
    hint = f"1–7: 1 {first} … 4 {middle} … 7 {last} · ←→ change · s or F2 saves"
    assert hint in shown, shown
    for n in range(1, 8):
        assert f"{n} {n} " not in shown
