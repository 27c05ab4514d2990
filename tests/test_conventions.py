"""Command-line conventions: config, schemas, completion, a man page, examples in --help."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from footcare.cli import build_parser, examples
from footcare.domain.json_schema import config_schema, theme_schema
from footcare.storage.config import SHAPE, remember
from footcare.storage.paths import Paths

ROOT = Path(__file__).resolve().parents[1]


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FOOTCARE_")}
    environ.update(
        FOOTCARE_CONFIG_DIR=str(tmp_path / "cfg"),
        FOOTCARE_DATA_DIR=str(tmp_path / "data"),
        FOOTCARE_CACHE_DIR=str(tmp_path / "cache"),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "footcare", *args],
        capture_output=True, text=True, env=environ, timeout=60,
    )  # fmt: skip


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                full = f"{prefix} {name}".strip()
                found.append((full, sub))
                found += commands(sub, full)
    return found


def test_every_command_has_examples_in_its_help() -> None:
    names = [name for name, _ in commands(build_parser())]
    for name, sub in commands(build_parser()):
        has_children = any(other.startswith(name + " ") for other in names)
        if not has_children:
            assert name in examples(), f"`footcare {name} --help` has no examples"
            assert "examples:" in (sub.epilog or "")  # type: ignore[attr-defined]


def test_the_starter_config_reads_with_no_problem_and_the_schema_knows_every_key(
    tmp_path: Path,
) -> None:
    assert "not there yet" in run(tmp_path, "config").stdout
    assert run(tmp_path, "config", "--new").returncode == 0
    config = tmp_path / "cfg" / "config.toml"
    text = config.read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}  # every line a comment until you choose
    uncommented = "\n".join(
        line[2:] if line.startswith("# ") and "=" in line.split("#")[1] else line
        for line in text.splitlines()
    ).replace("# [keymap]", "[keymap]")
    config.write_text(uncommented, encoding="utf-8")
    data = tomllib.loads(uncommented)
    assert set(data) == set(SHAPE.keys)  # the starter shows every setting
    checked = run(tmp_path, "config")
    assert checked.returncode == 0 and ": fine" in checked.stdout, checked.stdout
    assert run(tmp_path, "config", "--new").returncode == 1  # never over an existing one
    schema = json.loads((tmp_path / "cfg" / "footcare-config.schema.json").read_text())
    assert set(schema["properties"]) == set(SHAPE.keys)
    assert schema == json.loads(run(tmp_path, "config", "schema").stdout)


def test_a_config_problem_is_named_with_its_line_and_edit_runs_the_editor(tmp_path: Path) -> None:
    run(tmp_path, "config", "--new")
    config = tmp_path / "cfg" / "config.toml"
    config.write_text(config.read_text() + "clearance_months = 40\n", encoding="utf-8")
    bad = run(tmp_path, "config")
    assert bad.returncode == 1 and "clearance_months: must be a whole number" in bad.stdout
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/= 40/= 6/" "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    edited = run(tmp_path, "config", "--edit", EDITOR=str(editor))
    assert edited.returncode == 0 and ": fine" in edited.stdout
    assert run(tmp_path, "config", "--path").stdout.strip() == str(config)
    failed = run(tmp_path, "config", "--edit", EDITOR="false")
    assert failed.returncode == 1 and "false ended with an error" in failed.stderr


def test_schemas_match_what_the_files_may_say() -> None:
    schema = config_schema(SHAPE)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["clearance_months"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 12,
        "description": "How long a professional's go-ahead lasts, 1 to 12 months.",
    }
    assert schema["properties"]["cues"]["enum"] == ["speech", "bell", "off"]
    theme = theme_schema()
    for path in (ROOT / "themes").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) <= set(theme["properties"]), path.name
        assert set(theme["required"]) <= set(data), path.name


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_knows_every_command(tmp_path: Path, shell: str) -> None:
    done = run(tmp_path, "completion", shell)
    assert done.returncode == 0, done.stderr
    for name in ("journal", "status", "session", "routines", "remind", "config", "--plain"):
        assert name in done.stdout
    if shell == "bash" and shutil.which("bash"):
        script = tmp_path / "footcare.bash"
        script.write_text(done.stdout, encoding="utf-8")
        check = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_the_man_page_has_every_command(tmp_path: Path) -> None:
    done = run(tmp_path, "manpage")
    assert done.returncode == 0
    page = done.stdout
    assert page.startswith(".TH FOOTCARE 1 ")
    for name, _ in commands(build_parser()):
        assert f".SS footcare {name.replace('-', chr(92) + '-')}" in page
    assert "\\-\\-foot\\-check" in page
    if shutil.which("groff"):
        rendered = subprocess.run(
            ["groff", "-man", "-Tutf8", "-ww"], input=page, capture_output=True, text=True
        )
        assert rendered.returncode == 0 and "journal add" in rendered.stdout
        assert "warning" not in rendered.stderr.lower(), rendered.stderr


def test_two_profiles_keep_separate_journals_and_say_whose(tmp_path: Path) -> None:
    alex = run(tmp_path, "--profile", "alex", "journal", "add", "--pain", "3")
    assert alex.returncode == 0, alex.stderr
    sam = run(tmp_path, "journal", "add", "--pain", "7", FOOTCARE_PROFILE="sam")
    assert sam.returncode == 0, sam.stderr
    alex_s = run(tmp_path, "--profile", "alex", "journal", "list").stdout
    assert "pain 3" in alex_s and "pain 7" not in alex_s
    assert "pain 7" in run(tmp_path, "--profile", "sam", "journal", "list").stdout
    assert run(tmp_path, "journal", "list").stdout == ""  # nobody's profile: nothing
    where = run(tmp_path, "--profile", "alex", "paths").stdout
    assert "profiles/alex" in where and "profile: alex" in where
    assert run(tmp_path, "--profile", "sam", "status").stdout.startswith("For sam:")
    bad = run(tmp_path, "--profile", "../etc", "paths")
    assert bad.returncode == 2 and "can't name a profile" in bad.stderr


async def test_the_header_says_whose_journal_is_open(tmp_path: Path) -> None:
    from footcare.services.build import read_footcare
    from footcare.storage.paths import resolve
    from footcare.ui.app import FootcareApp

    paths = resolve(str(tmp_path / "cfg"), str(tmp_path / "data"), str(tmp_path / "cache"), "alex")
    app = FootcareApp(read_footcare(paths))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.title == "footcare · alex"
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.title == "footcare · alex"
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text('name = "Alex Smith"\n', encoding="utf-8")
    app = FootcareApp(read_footcare(paths))
    async with app.run_test(size=(80, 24)):
        assert app.screen.title == "footcare · Alex Smith"


def test_remembering_a_choice_keeps_every_comment_and_line(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "cfg", tmp_path / "data", tmp_path / "cache")
    paths.config.mkdir(parents=True)
    text = (
        "# my settings\n"
        'routine = "short"   # the one I like\n'
        "theme = 'footcare-dark'\n"
        "\n"
        "[keymap]  # my keys\n"
        '"session.pause" = "space,k"\n'
    )
    paths.config_file.write_text(text, encoding="utf-8")
    remember(paths, "routine", 'My "best" one')
    remember(paths, "emergency_number", "112")
    after = paths.config_file.read_text(encoding="utf-8")
    assert after.startswith('# my settings\nroutine = "My \\"best\\" one"   # the one I like\n')
    assert "theme = 'footcare-dark'\n" in after and "[keymap]  # my keys\n" in after
    assert tomllib.loads(after)["emergency_number"] == "112"
    assert tomllib.loads(after)["keymap"] == {"session.pause": "space,k"}
    assert after.index("emergency_number") < after.index("[keymap]")
