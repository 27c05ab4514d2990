"""`footcare themes list`: it lists as good exactly the themes the app loads, flags each file
the app would refuse with the app's own line (the file, each key with its line, what to do),
and prints nothing from a file raw (no escape sequence reaches the terminal)."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import event, given, settings
from hypothesis import strategies as st

from footcare.__main__ import main
from footcare.domain.theme_keys import (
    APP_VARIABLE_NAMES,
    BOOL_KEYS,
    COLOUR_KEYS,
    REQUIRED_KEYS,
)
from footcare.services.folders import list_themes
from footcare.storage.paths import Paths
from footcare.ui.themes import load_themes

SHOWN = 5  # the app names the first five problems of a file, then how many more

GOOD = ("#112233", "#FFF", "red", "ansi_bright_white", "rgb(10,20,30)")
BAD: tuple[Any, ...] = ("notacolour", "#12", "", "#gggggg", 5, True, 1.5, ["#112233"])
NAMES: tuple[Any, ...] = ("mine", "footcare-dark", "a,b", "", "x" * 61, "esc\x1b[31m", 5)


def mostly(draw: st.DrawFn, good: tuple[Any, ...], bad: tuple[Any, ...]) -> Any:
    """A good value nine times in ten, so that many drawn themes are sound."""
    return draw(st.sampled_from(bad if draw(st.integers(0, 9)) == 0 else good))


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    """A theme file's table: each key there or not, each value good or bad, now and then
    an unknown key, and the app's own colours under [variables] (Textual's own variables
    are the app's alone to check)."""
    table: dict[str, Any] = {}
    if draw(st.booleans()):
        table["name"] = mostly(draw, NAMES[:2], NAMES[2:])
    for key in (*BOOL_KEYS, *COLOUR_KEYS):
        if draw(st.integers(0, 19)) < (19 if key in REQUIRED_KEYS else 5):
            kind = (True, False), ("yes", 1)
            table[key] = mostly(draw, *(kind if key in BOOL_KEYS else (GOOD, BAD)))
    if draw(st.integers(0, 5)) == 0:
        table[draw(st.sampled_from(("zzprimary", "colour", "dark_mode")))] = 1
    if draw(st.booleans()):
        names = st.sampled_from(APP_VARIABLE_NAMES)
        values = {name: mostly(draw, GOOD, BAD) for name in draw(st.lists(names, max_size=3))}
        table["variables"] = mostly(draw, (values,), (5,))
    return table


@settings(max_examples=300)
@given(table=tables())
def test_themes_list_flags_what_the_app_refuses_in_the_apps_words(table: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = Paths(Path(tmp) / "config", Path(tmp) / "data")
        paths.user_themes.mkdir(parents=True)
        path = paths.user_themes / "mine.toml"
        path.write_text(tomli_w.dumps(table), encoding="utf-8")
        rows = list_themes(paths)
        _, app_problems = load_themes(paths)
    flagged = [text for name, text in rows if name == "(broken)" and str(path) in text]
    users = [name for name, origin in rows if origin.startswith("user")]
    refused = [text for text in app_problems if str(path) in text]
    assert len(flagged) == len(refused) <= 1, (flagged, refused)
    event("refused" if refused else "loaded")
    if not refused:
        assert users == [table.get("name", "mine")]
        return
    assert not users  # never listed as good
    assert flagged == refused  # the app's own line: the file, each key's line, what to do


def test_the_three_files_of_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name with an escape sequence, a colour that isn't one, and a broken file named
    like a bundled theme: the name is shown clean; the two the app refuses are flagged,
    each with its file and reason, and the bundled theme is still listed."""
    folder = tmp_path / "config" / "themes"
    folder.mkdir(parents=True)
    sound = {"dark": True, "primary": "#112233", "foreground": "#ffffff", "background": "#000"}
    (folder / "esc.toml").write_text(tomli_w.dumps({"name": "esc\x1b[31m", **sound}))
    (folder / "bad.toml").write_text(tomli_w.dumps({**sound, "foreground": "notacolour"}))
    (folder / "footcare-dark.toml").write_text(
        tomli_w.dumps({"name": "footcare-dark", **sound, "primary": 5, "zzprimary": 1})
    )
    monkeypatch.setenv("FOOTCARE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FOOTCARE_DATA_DIR", str(tmp_path / "data"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["themes", "list"]) == 0
    lines = out.getvalue().splitlines()
    assert all(line.isprintable() for line in lines), lines
    assert any(line.startswith("esc ") and "esc.toml" in line for line in lines)
    broken = [line for line in lines if line.startswith("(broken)")]
    assert len(broken) == 2, lines
    bad = next(line for line in broken if "bad.toml" in line)
    assert (
        "foreground (line 3): 'notacolour' is not a colour" in bad and "'bad' was not loaded" in bad
    )
    dark = next(line for line in broken if "footcare-dark.toml" in line)
    assert "primary (line 3): must be text in quotes, not 5" in dark
    assert "zzprimary (line 6): unknown key" in dark and "the bundled one is used instead" in dark
    assert [line.split()[1] for line in lines if line.startswith("footcare-dark ")] == ["bundled"]
    assert not any(line.startswith("bad ") for line in lines)
