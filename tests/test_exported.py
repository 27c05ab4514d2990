"""The journal's export says where each file went: every path whole, broken only after a
"/", and on screen until the person closes it (read from the rendered screen)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apphelpers import make_app, make_paths, pressed
from footcare.ui.screens.exported import Exported, path_lines
from rendered import screen_words

NAMES = st.text(st.characters(blacklist_characters="/\n", min_codepoint=33), max_size=30)


@given(
    st.lists(NAMES, min_size=1, max_size=12).map("/".join),
    st.integers(min_value=1, max_value=120),
)
def test_a_path_is_broken_after_a_slash_only(path: str, width: int) -> None:
    lines = path_lines(path, width)
    assert "".join(lines) == path
    assert all(len(line) <= width for line in lines)
    for line, after in itertools.pairwise(lines):
        if not line.endswith("/"):
            # folded inside a name only when that name (with its "/") is wider than a line
            head, slash, _ = after.partition("/")
            piece = line.rsplit("/", 1)[-1] + head + slash
            assert len(piece) > width, (line, after)


@pytest.mark.parametrize("size", [(80, 24), (40, 15)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_export_path_is_shown_whole_until_closed(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    paths = make_paths(tmp_path / "a-long-folder-name" / "another-long-folder" / "and-one-more")
    app = make_app(paths)
    async with app.run_test(size=size) as pilot:
        await pressed(pilot, "j")
        await pressed(pilot, "x")
        assert isinstance(app.screen, Exported)
        files = sorted(p for p in paths.reports.iterdir())
        assert len(files) == 3
        for _ in range(3):  # no timeout takes it away
            await pilot.pause(0.2)
        assert isinstance(app.screen, Exported)
        seen = [screen_words(app)]
        for _ in range(20):  # read on to the end, as the dialog says
            await pressed(pilot, "down")
            seen.append(screen_words(app))
            if seen[-1] == seen[-2]:
                break
        shown = " ".join(seen).replace("/ ", "/")  # a path's lines end after a "/"
        folder = f"{paths.reports}/"
        assert folder in shown, f"{folder} not whole on screen at {size}"
        for file in files:
            assert f"{file.name}" in shown
        await pressed(pilot, "enter")
        assert not isinstance(app.screen, Exported)
