"""`footcare routines list | show | validate | schema | new`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from footcare.folders import Paths

if TYPE_CHECKING:
    from footcare.domain.routine import Routine

EXAMPLES: dict[str, list[str]] = {
    "routines": [
        "footcare routines list",
        "footcare routines show gentle",
        'footcare routines new "My evening"',
    ],
    "routines list": [
        "footcare routines list",
    ],
    "routines show": [
        "footcare routines show standard",
    ],
    "routines validate": [
        "footcare routines validate ~/.config/footcare/routines/*.toml",
    ],
    "routines schema": [
        "footcare routines schema > footcare-routine.schema.json",
    ],
    "routines new": [
        'footcare routines new "My evening"',
    ],
}


def add_parser(sub: Any) -> None:
    r = sub.add_parser("routines", help="list, show, check or create routines")
    rs = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    rs.add_parser("list", help="list routines")
    show = rs.add_parser("show", help="show one routine")
    show.add_argument("id")
    show.add_argument(
        "--plain", action="store_true", help="where each step works in words, not pictures"
    )
    val = rs.add_parser("validate", help="check routine files")
    val.add_argument("files", nargs="+", type=Path)
    rs.add_parser("schema", help="print the JSON Schema of routine files")
    new = rs.add_parser("new", help="write a starter routine file to edit")
    new.add_argument("name")


def cmd_routines(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.domain.routine import format_minutes, routine_schema
    from footcare.services.routine_files import catalogue, write_starter

    if args.action == "schema":
        print(json.dumps(routine_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.action == "validate":
        return validate(args.files)
    if args.action == "new":
        target = write_starter(paths, args.name)
        print(f"wrote {target} — edit it, then check it with: footcare routines validate {target}")
        return 0
    cat = catalogue(paths)
    for problem in cat.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if args.action == "list":
        for routine in cat.routines.values():
            warn = " (!)" if routine.warnings() else ""
            print(
                f"{routine.id:<16} {format_minutes(routine.minutes_per_foot):>8}/foot{warn}  "
                f"{routine.name}"
            )
        return 0
    chosen = cat.routines.get(args.id)
    if chosen is None:
        known = ", ".join(cat.routines) or "none"
        print(f"footcare: no routine '{args.id}' (known: {known})", file=sys.stderr)
        return 1
    show(chosen, cat.sources[chosen.id], plain=args.plain)
    return 0


def validate(files: list[Path]) -> int:
    from footcare.domain.pressure import firm_warnings
    from footcare.services.routine_files import check_file

    failed = 0
    for path in files:
        checked = check_file(path)
        if isinstance(checked, list):
            failed += 1
            for message in checked:
                print(message, file=sys.stderr)
            continue
        note = "; ".join([*checked.warnings(), *firm_warnings(checked)])
        print(f"{path}: ok ({checked.name})" + (f" — warning: {note}" if note else ""))
    return 1 if failed else 0


def show(chosen: Routine, source: Path, *, plain: bool = False) -> None:
    from footcare.domain.feet import Side
    from footcare.domain.feet.text import key_line, step_lines
    from footcare.domain.routine import format_minutes

    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    side: Side = "right" if chosen.feet[0] == "right" else "left"
    print(f"{chosen.name} [{chosen.id}] — {source}")
    if chosen.description:
        print(chosen.description)
    print(
        f"Feet: {', '.join(chosen.feet)}; {format_minutes(chosen.minutes_per_foot)} of massage "
        "per foot"
    )
    for warning in chosen.warnings():
        print(f"warning: {warning}")
    if not plain:
        print(key_line(side))
    for i, step in enumerate(chosen.steps, 1):
        print(f"{i:>2}. {step.name} ({step.duration} s, pressure: {step.pressure})")
        print(f"    {step.instructions}")
        if step.direction:
            print(f"    direction: {step.direction}")
        for line in step_lines(step, side, plain=plain, colour=colour):
            print(line)
