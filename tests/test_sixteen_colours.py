"""On a terminal of 16 colours (an old laptop, a plain SSH session) footcare draws with
the theme made of those colours, unless the person chose a theme: another theme's shades
of grey all become one dark grey there, so a field's hint ("e.g. 20") was drawn grey on
grey, just where someone with poor eyesight types."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from textual.widgets import Input

from apphelpers import make_app, make_paths, pressed
from footcare.storage.config import load_config


def terminal(monkeypatch: pytest.MonkeyPatch, term: str) -> None:
    for name in ("COLORTERM", "NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", term)


@pytest.mark.parametrize(
    ("term", "theme"), [("xterm-16color", "footcare-ansi"), ("xterm-256color", "footcare-dark")]
)
def test_the_theme_follows_the_terminals_colours_until_one_is_chosen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, term: str, theme: str
) -> None:
    terminal(monkeypatch, term)
    paths = make_paths(tmp_path)
    assert make_app(paths).theme == theme
    with paths.config_file.open("a", encoding="utf-8") as f:
        f.write('theme = "footcare-light"\n')
    assert make_app(paths).theme == "footcare-light"  # the person's choice stands


async def test_a_fields_hint_is_not_drawn_in_its_backgrounds_colour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal(monkeypatch, "xterm-16color")
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j", "n")  # a new journal entry
        field = app.screen.query_one("#exercise", Input)
        field.focus()
        await pilot.pause()
        lines = [field.render_line(y) for y in range(field.size.height)]
        drawn = [s for line in lines for s in line if ".g. 20" in s.text]  # the cursor aside
        assert drawn, [line.text for line in lines]
        for segment in drawn:  # as the terminal shows it: in its 16 colours
            style = segment.style
            assert style is not None and style.color is not None
            ink = style.color.downgrade(ColorSystem.STANDARD)
            paper = style.bgcolor.downgrade(ColorSystem.STANDARD) if style.bgcolor else None
            if not ink.is_default:  # the terminal's own text colour on its own background
                assert ink != paper and ink.number != 8, style  # 8: the dark grey


async def test_a_theme_picked_on_such_a_terminal_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal(monkeypatch, "xterm-16color")
    paths = make_paths(tmp_path)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "footcare-dark"  # as the theme picker sets it
        await pilot.pause()
    assert load_config(paths).config.theme == "footcare-dark"
