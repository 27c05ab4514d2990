"""`footcare config`: where config.toml is, a commented starter, editing it, its schema."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from footcare.folders import Paths

SCHEMA_FILE = "footcare-config.schema.json"

STARTER = """#:schema ./{schema}
# footcare settings. Every key is optional: remove the # in front of a line to use it.
# Check what footcare makes of this file with:  footcare config

# routine = "standard"          # the routine chosen last (footcare keeps this up to date)
# theme = "footcare-dark"       # footcare-light, footcare-high-contrast, footcare-ansi
# emergency_number = "112"      # shown in every urgent message
# clearance_months = 12         # how long a go-ahead lasts: 1 to 12 months
# cues = "speech"               # each step read out; or "bell", or "off"
# remote_notices = false        # also a desktop notice through the terminal, over SSH
# bell_with_speech = true       # the bell rings with spoken steps too; false: speech alone
# name = "Alex Smith"           # at the top of the report for your clinician
# date_of_birth = 1951-04-30    # likewise

# [keymap]                      # your own keys, by binding id (footcare --bindings)
# "session.pause" = "space,k"
"""


EXAMPLES: dict[str, list[str]] = {
    "config": [
        "footcare config                 where the file is, and what footcare makes of it",
        "footcare config --new           write a commented starter if there is none",
        "footcare config --edit          open it in $EDITOR (a starter first if none)",
        "footcare config schema > footcare-config.schema.json",
    ],
}


def add_parser(sub: Any) -> None:
    parser = sub.add_parser("config", help="config.toml: where it is, a starter, edit, schema")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--new", action="store_true", help="write a commented starter")
    what.add_argument("--edit", action="store_true", help="open it in your editor")
    what.add_argument("--path", action="store_true", help="print only the file's path")
    parser.add_argument(
        "what", nargs="?", choices=("schema",), help="schema: print the JSON Schema"
    )


def schema_text() -> str:
    from footcare.services.folders import config_schema_text

    return config_schema_text()


def write_starter(paths: Paths) -> bool:
    """Write the commented starter and its schema; False if config.toml exists already."""
    from footcare.services.folders import write_config_starter

    return write_config_starter(paths, SCHEMA_FILE, STARTER.format(schema=SCHEMA_FILE))


def editor() -> list[str] | None:
    import shlex
    import shutil

    for name in ("VISUAL", "EDITOR"):
        if os.environ.get(name):
            return shlex.split(os.environ[name])
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    return None


def report(paths: Paths) -> int:
    from footcare.services.folders import config_problems

    path = paths.config_file
    if not path.exists():
        print(f"{path} (not there yet: footcare uses its defaults; `footcare config --new`)")
        return 0
    problems = config_problems(paths)
    print(f"{path}: " + ("fine" if not problems else f"{len(problems)} problem(s)"))
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


def cmd_config(paths: Paths, args: argparse.Namespace) -> int:
    if args.what == "schema":
        sys.stdout.write(schema_text())
        return 0
    if args.path:
        print(paths.config_file)
        return 0
    if args.new:
        if not write_starter(paths):
            print(f"footcare: {paths.config_file} exists already; edit it instead", file=sys.stderr)
            return 1
        print(f"wrote {paths.config_file} — edit it, or: footcare config --edit")
        return 0
    if args.edit:
        write_starter(paths)
        command = editor()
        if command is None:
            print(
                f"footcare: no editor found: set $EDITOR, or edit {paths.config_file}",
                file=sys.stderr,
            )
            return 1
        import subprocess

        try:
            done = subprocess.run([*command, str(paths.config_file)], check=False)
        except OSError as exc:
            print(f"footcare: {command[0]} could not start ({exc.strerror})", file=sys.stderr)
            return 1
        if done.returncode != 0:
            print(
                f"footcare: {command[0]} ended with an error (exit status {done.returncode}); "
                "the file is checked as it is now:",
                file=sys.stderr,
            )
            report(paths)
            return 1
    return report(paths)
