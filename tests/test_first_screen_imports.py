"""The first screen imports only what it shows.

`footcare` is opened as a person opens it (`python -m footcare`, through the command line),
in a fresh interpreter, with an empty data folder; the app is run with Textual's test
driver instead of a terminal, until its first screen is up. What the first screen does not
show (the commands, the JSON Schema, the report, the foot pictures, the journal's index,
the session) must not have been imported by then: each costs memory and start-up time
(docs/benchmarks.md: the first screen's RSS within 1.10× of a bare Textual screen).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcare.cli import app_args, build_parser

OPEN_FIRST_SCREEN = """
import asyncio, json, sys

import footcare.ui.run as run
from footcare.ui.app import FootcareApp
from footcare.ui.screens.start import StartScreen

run.no_terminal = lambda: None  # Textual's test driver stands in for the terminal
seen = {}

async def first_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        seen["screen"] = type(app.screen).__name__
        seen["start"] = isinstance(app.screen, StartScreen)
        seen["modules"] = sorted(sys.modules)
    return 0

FootcareApp.run = lambda self, **kw: asyncio.run(first_screen(self))

from footcare.__main__ import main

code = main(ARGS)
print(json.dumps({**seen, "code": code}))
"""

HEAVY_PACKAGES = ("footcare.commands", "footcare.domain.feet", "footcare.storage.index")
"""Packages none of whose modules the first screen needs."""

HEAVY_MODULES = (
    "argparse",  # the command line's parser: opening the app needs none
    "footcare.domain.json_schema",
    "footcare.domain.report.page",
    "footcare.domain.report.facts",
    "footcare.domain.trends",
    "footcare.domain.session",
    "footcare.services.runner",
    "footcare.ui.screens.session",
    "sqlite3",  # the journal's index: an empty journal has nothing in it to ask
)


def first_screen_modules(tmp_path: Path, args: list[str]) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "XDG_"))}
    for name in ("DATA", "CONFIG", "CACHE"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[f"FOOTCARE_{name}_DIR"] = str(folder)
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-c", OPEN_FIRST_SCREEN.replace("ARGS", repr(args))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["start"], f"the first screen was {seen.get('screen')}, not the start screen"
    assert seen["code"] == 0
    modules: list[str] = seen["modules"]
    assert "footcare.ui.screens.start" in modules  # the probe did see the app's modules
    return modules


@pytest.mark.parametrize(
    "args",
    [[], ["--theme", "footcare-high-contrast"], ["--data-dir=DATA", "--profile", "mum"]],
    ids=["footcare", "with --theme", "with folder flags"],
)
def test_the_first_screen_imports_nothing_it_does_not_show(tmp_path: Path, args: list[str]) -> None:
    args = [a.replace("DATA", str(tmp_path / "data")) for a in args]
    modules = first_screen_modules(tmp_path, args)
    heavy = [
        m
        for m in modules
        if m in HEAVY_MODULES or any(m == p or m.startswith(p + ".") for p in HEAVY_PACKAGES)
    ]
    assert not heavy, f"imported at the first screen, which does not show them: {heavy}"


OPTION = st.sampled_from(["--config-dir", "--data-dir", "--cache-dir", "--profile", "--theme"])
VALUE = st.sampled_from(["", "x", "-x", "--data-dir", "a=b", "two words", "=", "status"])
ARGUMENT = st.one_of(
    st.tuples(OPTION, VALUE).map(list),
    st.tuples(OPTION, VALUE).map(lambda p: [f"{p[0]}={p[1]}"]),
    st.sampled_from([["--data"], ["--bindings"], ["-h"], ["status"], ["--theme"], ["--"]]),
)


@given(st.lists(ARGUMENT, max_size=4).map(lambda parts: [a for part in parts for a in part]))
@settings(max_examples=150, deadline=None)
def test_the_app_s_arguments_are_read_as_the_parser_reads_them(argv: list[str]) -> None:
    """What app_args reads, the parser reads alike; what it leaves (None), the parser reads."""
    quick = app_args(argv)
    if quick is None:
        return
    full = build_parser().parse_args(argv)
    assert full.command is None
    for name in ("config_dir", "data_dir", "cache_dir", "profile", "theme", "bindings"):
        assert getattr(quick, name) == getattr(full, name), (name, argv)
