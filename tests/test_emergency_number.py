"""The emergency number from config.toml is shown in every urgent message: a value that
holds a control, escape or direction character (which could hide or reorder it on the
screen) is not used. The person is told which line, and the messages say the default
"your emergency number, e.g. 911 / 112 / 999" instead."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, example, given, settings

from apphelpers import make_paths
from domainsupport import hostile
from footcare.storage.config import DEFAULT_EMERGENCY, load_config
from ptyterm import app_env, footcare_command

HIDING = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
"""Controls, escapes, zero-width and direction characters."""


@example(number="11\x1b[8m2")
@example(number="112 or \u202e999")
@example(number="000 (Australia)")
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=hostile)
def test_a_number_that_could_hide_itself_is_not_used(
    tmp_path_factory: pytest.TempPathFactory, number: str
) -> None:
    assume(number == number.encode("utf-8", "replace").decode("utf-8"))  # a file holds UTF-8
    paths = make_paths(tmp_path_factory.mktemp("config"))
    paths.config_file.write_text(tomli_w.dumps({"emergency_number": number}), encoding="utf-8")
    loaded = load_config(paths)
    used = loaded.config.emergency_number
    assert not HIDING.search(used), repr(used)  # nothing that hides or reorders the number
    if used == number:
        assert loaded.problems == []
    else:  # refused whole, and said with its line: never shown changed
        assert used == DEFAULT_EMERGENCY
        (problem,) = loaded.problems
        assert problem.startswith(f"{paths.config_file}:1: emergency_number: "), problem
        if len(number) <= 200:
            assert "as plain text on one line" in problem


def test_the_command_that_notes_chest_pain_says_the_default_number(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.config_file.write_text('emergency_number = "11\\u001b[8m2"\n', encoding="utf-8")
    command = [*footcare_command(), "journal", "add", "--foot-check", "chest"]
    env = app_env(paths.config_file.parent, paths.data)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert f"Call {DEFAULT_EMERGENCY} now." in result.stdout
