"""A no to the go-ahead everyone needs ("Have you talked about foot self-massage with a
professional?") is met at once with what to do, in the app and in the plain session
alike: the plain session used to take the no, ask eight more questions, and then say
only "not answered yet"."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from apphelpers import NOW, make_app, make_paths, pressed
from footcare.domain.screening import Tier, all_items
from plainscript import run_plain
from rendered import normal, toast_words

ASK = (
    "Everyone needs this one. Ask your doctor, nurse or podiatrist whether foot self-massage "
    "suits you, then"
)
TODAYS = [i for i in all_items() if i.tier is Tier.BLOCK]


def test_the_plain_session_says_what_to_do_after_the_no(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = make_paths(tmp_path)
    said = run_plain(paths, monkeypatch, ["", "", "", "", *["n"] * len(TODAYS), "n"]).text
    question = said.index("Have you talked about foot self-massage with a professional?")
    after = normal(said[question:])
    assert f"{ASK} answer y here to record the date." in after, said


async def test_the_app_says_the_same(tmp_path: Path) -> None:
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pressed(pilot, "c", *["n"] * len(TODAYS), "n")
        said = f"{ASK} press y to record the date."
        for _ in range(100):  # drawn within five seconds
            if said in normal(" ".join(toast_words(app))):
                break
            await pilot.pause(0.05)
        assert said in normal(" ".join(toast_words(app)))


def test_a_go_ahead_too_old_to_count_is_said_at_once_in_the_plain_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dated more than a year back, it does not count: said right after the date, as the
    app's question says it, not only in the refusal after every other question."""
    old = (NOW - timedelta(days=400)).date()
    script = ["", "", "", "", *["n"] * len(TODAYS), "y", old.isoformat()]
    said = normal(run_plain(make_paths(tmp_path), monkeypatch, script).text)
    told = said.index(f"{old.isoformat()}")
    assert f"Recorded {old.isoformat()}; it counted until" in said[told:], said
    assert said.index("it counted until") < said.index("severe neuropathy"), said
