"""Keys: every binding has an id and a tooltip, [keymap] remaps by id, typos are reported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from textual.widgets import Footer

import rendered
from apphelpers import all_clear_keys, make_app, make_paths, pressed
from footcare.ui.keys import all_bindings, check_keymap
from footcare.ui.screens.session import SessionScreen


def test_every_binding_has_an_id_and_the_shown_ones_a_tooltip() -> None:
    rows = all_bindings()
    ids = [b.id for _, b in rows]
    assert len(ids) == len(set(ids)), "binding ids must be unique"
    for _, binding in rows:
        if binding.show:
            assert binding.tooltip, binding.id


def test_unknown_keymap_id_is_reported_with_a_hint() -> None:
    problems = check_keymap({"sesion.pause": "k", "session.next": "m"})
    assert len(problems) == 1
    assert "sesion.pause" in problems[0] and "did you mean 'session.pause'" in problems[0]


def test_bindings_flag_lists_every_id() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "footcare", "--bindings"], capture_output=True, text=True, check=True
    ).stdout
    for _, binding in all_bindings():
        assert binding.id is not None and binding.id in out


async def test_keymap_remaps_pause_and_the_footer_shows_it(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.config_file.write_text(
        'routine = "quick"\n\n[keymap]\n"session.pause" = "k"\n', encoding="utf-8"
    )
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", *all_clear_keys(), "b")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pressed(pilot, "k")
        assert screen.session.paused
        assert ("k", "Carry on") in rendered.footer_keys(screen.query_one(Footer))  # paused
        await pressed(pilot, "space")
        assert screen.session.paused, "space no longer pauses once remapped"


async def test_a_keymap_line_with_no_keys_leaves_the_binding_its_own(tmp_path: Path) -> None:
    """ "session.pause" = "" would leave a session with no key to pause it: the line is
    reported (footcare config says it too) and pause keeps its keys."""
    from footcare.storage.config import load_config

    paths = make_paths(tmp_path)
    paths.config_file.write_text('[keymap]\n"session.pause" = " "\n', encoding="utf-8")
    (problem,) = load_config(paths).problems
    assert "keymap.session.pause: must not be empty" in problem
    assert problem.startswith(str(paths.config_file)) and problem.endswith("(using the default)")
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", *all_clear_keys(), "b", "space")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.session.paused
        assert ("space", "Carry on") in rendered.footer_keys(screen.query_one(Footer))


def test_the_binding_list_is_taken_from_the_classes_and_misses_none() -> None:
    """Every `Binding(…, id=…)` written anywhere in the ui is listed: found by reading the
    source, so a new screen's keys can't be forgotten."""
    ui = Path(__file__).resolve().parents[1] / "src" / "footcare" / "ui"
    written: set[str] = set()
    for source in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Binding":
                for keyword in node.keywords:
                    if keyword.arg == "id" and isinstance(keyword.value, ast.Constant):
                        written.add(str(keyword.value.value))
    listed = {b.id for _, b in all_bindings()}
    assert written - listed == set()
    assert {"date.cancel", "date.accept", "flag.ok", "help.close", "stop.cancel"} <= listed
    assert check_keymap({"stop.cancel": "c", "help.close": "x"}) == []


async def test_while_paused_the_footer_says_the_pause_key_carries_on(tmp_path: Path) -> None:
    """The screen says "PAUSED — space to carry on": the footer no longer says "Pause"."""
    app = make_app(make_paths(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c", *all_clear_keys(), "b")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        footer = screen.query_one(Footer)
        assert ("space", "Pause") in rendered.footer_keys(footer)
        await pressed(pilot, "space")
        await pilot.pause()
        assert screen.session.paused
        assert "PAUSED — space to carry on" in rendered.screen_words(app)
        keys = rendered.footer_keys(screen.query_one(Footer))
        assert ("space", "Carry on") in keys and ("space", "Pause") not in keys
        await pressed(pilot, "space")
        for _ in range(100):  # the footer is made again after the screen is drawn
            if ("space", "Pause") in rendered.footer_keys(screen.query_one(Footer)):
                break
            await pilot.pause(0.02)
        assert not screen.session.paused
        assert ("space", "Pause") in rendered.footer_keys(screen.query_one(Footer))
