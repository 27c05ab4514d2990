"""The command line. Paths that don't open the app never import Textual."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from footcare import __version__
from footcare.commands import journal as journal_commands
from footcare.commands import remind as remind_commands
from footcare.domain.routine import format_minutes, routine_schema
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths, resolve


def rating(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use a number from 0 to 10")
    return value


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-01-31") from None


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="footcare",
        description="A companion for foot self-massage with neuropathy. Not medical advice.",
    )
    p.add_argument("--version", action="version", version=f"footcare {__version__}")
    p.add_argument("--config-dir", help="folder for config.toml, routines/ and themes/")
    p.add_argument("--data-dir", help="folder for the journal and session state")
    p.add_argument("--bindings", action="store_true", help="list every key binding id and exit")
    p.add_argument("--theme", help="use this theme for this run")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("paths", help="print the folders in use")

    r = sub.add_parser("routines", help="list, show, check or create routines")
    rs = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    rs.add_parser("list", help="list routines")
    show = rs.add_parser("show", help="show one routine")
    show.add_argument("id")
    val = rs.add_parser("validate", help="check routine files")
    val.add_argument("files", nargs="+", type=Path)
    rs.add_parser("schema", help="print the JSON Schema of routine files")
    new = rs.add_parser("new", help="write a starter routine file to edit")
    new.add_argument("name")

    t = sub.add_parser("themes", help="list themes")
    ts = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    ts.add_parser("list", help="list bundled and user themes")

    j = sub.add_parser("journal", help="add to, list or export the journal")
    js = j.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = js.add_parser("add", help="add an entry without opening the app")
    journal_commands.add_arguments(add, rating, day)
    ls = js.add_parser("list", help="print entries (filters: --since, --until, --grep, --flags)")
    ls.add_argument("--since", type=day, metavar="DATE", help="from this day on")
    ls.add_argument("--until", type=day, metavar="DATE", help="up to and including this day")
    ls.add_argument("--grep", metavar="TEXT", help="only entries whose note or words hold TEXT")
    ls.add_argument("--flags", action="store_true", help="only entries with a warning sign")
    exp = js.add_parser("export", help="print an export")
    exp.add_argument(
        "--format",
        choices=("csv", "json", "markdown", "html"),
        required=True,
        help="html: a printable report with charts (last 90 days unless --since)",
    )
    exp.add_argument("--since", type=day, metavar="DATE", help="only entries from this date")
    exp.add_argument(
        "--bom", action="store_true", help="csv: add a byte-order mark for spreadsheets"
    )
    delete = js.add_parser("delete", help="hide an entry (its warning signs stay on record)")
    delete.add_argument("id", help="the entry's id, as `journal export --format json` shows")
    restore = js.add_parser("restore", help="bring back a deleted entry")
    restore.add_argument("id", help="the entry's id")

    st = sub.add_parser("status", help="may a session start today, and why not")
    form = st.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print it as JSON")
    form.add_argument(
        "--short", action="store_true", help="one line, for a shell prompt or a login message"
    )

    rm = sub.add_parser("remind", help="a daily desktop reminder (install --at HH:MM, remove)")
    remind_commands.add_arguments(rm)

    se = sub.add_parser("session", help="today's session (--plain: as lines of text)")
    se.add_argument(
        "--plain",
        action="store_true",
        help="the whole session as plain text on stdout, answers typed on stdin",
    )
    se.add_argument("--routine", metavar="ID", help="the routine to use (default: the last one)")
    se.add_argument("--no-bell", action="store_true", help="no bell character at each step")

    serve = sub.add_parser("serve", help="serve the app to a web browser (needs footcare[serve])")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    return p


def cmd_paths(paths: Paths, _: argparse.Namespace) -> int:
    print(f"config: {paths.config}")
    print(f"data:   {paths.data}")
    return 0


def cmd_routines(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.storage import routines

    if args.action == "schema":
        print(json.dumps(routine_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.action == "validate":
        failed = 0
        for path in args.files:
            try:
                routine = routines.load_file(path)
            except routines.RoutineFileError as exc:
                failed += 1
                for message in exc.messages:
                    print(message, file=sys.stderr)
                continue
            note = "; ".join(routine.warnings())
            print(f"{path}: ok ({routine.name})" + (f" — warning: {note}" if note else ""))
        return 1 if failed else 0
    if args.action == "new":
        from footcare.storage.starter import write_starter

        target = write_starter(paths, args.name)
        print(f"wrote {target} — edit it, then check it with: footcare routines validate {target}")
        return 0
    cat = routines.load_catalogue(paths)
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
    print(f"{chosen.name} [{chosen.id}] — {cat.sources[chosen.id]}")
    if chosen.description:
        print(chosen.description)
    print(
        f"Feet: {', '.join(chosen.feet)}; {format_minutes(chosen.minutes_per_foot)} of massage "
        "per foot"
    )
    for warning in chosen.warnings():
        print(f"warning: {warning}")
    for i, step in enumerate(chosen.steps, 1):
        print(f"{i:>2}. {step.name} ({step.duration} s, pressure: {step.pressure})")
        print(f"    {step.instructions}")
        if step.direction:
            print(f"    direction: {step.direction}")
    return 0


def cmd_themes(paths: Paths, _: argparse.Namespace) -> int:
    from footcare.storage.themes import list_themes

    for name, origin in list_themes(paths):
        print(f"{name:<24} {origin}")
    return 0


def cmd_status(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.services.core import Services
    from footcare.services.status import short_line, status, status_lines

    report = status(Services(paths))
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    elif args.short:
        print(short_line(report))
    else:
        print("\n".join(status_lines(report)))
    return 0


def cmd_session(paths: Paths, args: argparse.Namespace) -> int:
    if not args.plain:
        from footcare.ui.run import run_app

        return run_app(paths, theme=args.theme)
    from footcare.services.core import Services
    from footcare.services.plain import run_plain
    from footcare.storage.files import ensure_dir

    ensure_dir(paths.data)
    return run_plain(Services(paths), args.routine, bell=not args.no_bell)


def cmd_serve(paths: Paths, args: argparse.Namespace) -> int:
    try:
        from footcare.serve import serve
    except ImportError as exc:
        print(
            f"footcare: serving to a browser is not available here ({exc}); "
            "install it with: pip install 'footcare[serve]'",
            file=sys.stderr,
        )
        return 1
    return int(serve(paths, args.host, args.port))


COMMANDS: dict[str, Callable[[Paths, argparse.Namespace], int]] = {
    "paths": cmd_paths,
    "routines": cmd_routines,
    "themes": cmd_themes,
    "journal": journal_commands.cmd_journal,
    "status": cmd_status,
    "remind": remind_commands.cmd_remind,
    "session": cmd_session,
    "serve": cmd_serve,
}


def _tolerant_output() -> None:
    """A terminal that isn't UTF-8 gets '?' for a dash or a curly quote, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def run(argv: Sequence[str]) -> int:
    _tolerant_output()
    args = build_parser().parse_args(list(argv))
    paths = resolve(args.config_dir, args.data_dir)
    try:
        if args.bindings:
            from footcare.ui.keys import describe_bindings

            print(describe_bindings())
            return 0
        if args.command is None:
            from footcare.ui.run import run_app

            return run_app(paths, theme=args.theme)
        return COMMANDS[args.command](paths, args)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
