"""The guidance's wider plan (shoes, exercise, a balanced diet, blood sugar with diabetes) is
said where the day's care is chosen: the start screen's help, read from the screen."""

from __future__ import annotations

from pathlib import Path

from apphelpers import make_app, make_paths, pressed
from rendered import screen_words


async def test_the_start_screens_help_names_diet_and_blood_sugar(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 40)) as pilot:
        await pressed(pilot, "f1")
        shown = screen_words(app)
        for words in ("balanced diet", "blood sugar", "supportive shoes", "gentle exercise"):
            assert words in shown, words
