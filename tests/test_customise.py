"""Routines and themes as the user's own files, seen through the app."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import OptionList

import rendered
from apphelpers import make_app, make_paths, pressed
from footcare.cli import run
from footcare.domain.screening import Tier
from footcare.storage.paths import bundled
from footcare.storage.starter import write_starter
from footcare.ui.screens.start import StartScreen
from shipped import ROUTINES

BROKEN = """
name = "Broken"
[[steps]]
name = "One"
duration = -5
instructions = "x"
"""


async def test_picker_shows_minutes_and_warnings_and_reports_a_broken_file(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    broken = paths.user_routines / "broken.toml"
    broken.write_text(BROKEN, encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#routines", OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Standard" in label and "12.5 min per foot" in label for label in labels)
        assert any("Quick test" in label and "outside 10–15 min" in label for label in labels)
        assert not any("Broken" in label for label in labels)
        notices = [n.message for n in rendered.notifications(app)]
        assert any(str(broken) in m and "steps[0].duration" in m for m in notices)
        assert len([m for m in notices if str(broken) in m]) == 1


async def test_an_edited_routine_is_picked_up_when_the_picker_opens_again(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")
        (paths.user_routines / "evening.toml").write_text(
            'name = "Evening"\n[[steps]]\nname = "A"\nduration = 600\ninstructions = "b"\n',
            encoding="utf-8",
        )
        await pressed(pilot, "s")
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one("#routines", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "evening" in ids


async def test_theme_choice_is_remembered_without_losing_comments(tmp_path: Path) -> None:
    paths = make_paths(tmp_path, routine=None)
    paths.config_file.write_text('# my settings\nemergency_number = "112"\n', encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "footcare-dark"
        app.theme = "footcare-high-contrast"
        await pilot.pause()
    text = paths.config_file.read_text(encoding="utf-8")
    assert text.startswith("# my settings\n")
    assert tomllib.loads(text) == {"emergency_number": "112", "theme": "footcare-high-contrast"}
    app2 = make_app(paths)
    async with app2.run_test(size=(80, 24)):
        assert app2.theme == "footcare-high-contrast"


async def test_a_missing_theme_falls_back_with_a_notice(tmp_path: Path) -> None:
    paths = make_paths(tmp_path, routine=None)
    paths.config_file.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "footcare-dark"
        assert any("no-such-theme" in n.message for n in rendered.notifications(app))


TRICKY = """
id = "Evening_2"
name = "Evening"
[[steps]]
name = "A"
duration = 600
instructions = "b"
[[precautions]]
id = "_knee"
question = "Knee comfortable?"
advice = "Use a cushion."
[[precautions]]
id = "a-b-c"
tier = "block"
question = "Hip sore?"
advice = "Rest."
[[precautions]]
id = "X9"
tier = "clearance"
question = "Seen the physio?"
advice = "Ask them first."
"""


@pytest.mark.parametrize("source", [*ROUTINES, "starter", "tricky"])
async def test_a_routine_that_validates_loads_and_opens_its_questions_in_the_app(
    tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = make_paths(tmp_path)
    if source == "starter":
        path = Path(write_starter(paths, "2nd evening routine"))
    elif source == "tricky":
        path = paths.user_routines / "tricky.toml"
        path.write_text(TRICKY, encoding="utf-8")
    else:
        path = bundled("routines") / f"{source}.toml"
    assert run(["--config-dir", str(paths.config), "--data-dir", str(paths.data),
                "routines", "validate", str(path)]) == 0  # fmt: skip
    assert f"{path}: ok" in capsys.readouterr().out
    from footcare.storage.routines import load_file

    routine = load_file(path)
    paths.config_file.write_text(f'routine = "{routine.id}"\n', encoding="utf-8")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pressed(pilot, "c")
        assert app.screen.id == "screening"
        shown = {w.id for w in app.screen.query("*") if w.id and w.id.startswith("q-")}
        for item in routine.precautions:
            if item.tier is not Tier.REMIND:  # reminders share one row
                assert f"q-{item.id.replace(':', '-')}" in shown
        assert not [n for n in rendered.notifications(app) if n.severity == "error"]
