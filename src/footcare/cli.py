"""The command line. Paths that don't open the app never import Textual."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO, cast

from footcare import __version__
from footcare.commands import config as config_commands
from footcare.commands import cues as cues_commands
from footcare.commands import journal as journal_commands
from footcare.commands import remind as remind_commands
from footcare.domain.routine import format_minutes, routine_schema
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths, ProfileNameError, resolve


def rating(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use a number from 0 to 10")
    return value


def day(text: str) -> date:
    from footcare.domain.typed import NotADay, parse_day

    try:
        return parse_day(text)
    except NotADay as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


EXAMPLES: dict[str, list[str]] = {
    "": [
        "footcare                      open the app: safety questions, session, journal",
        "footcare status --short       one line for a shell prompt",
        "footcare session --plain      the session as lines of text, for a screen reader",
    ],
    "paths": ["footcare paths"],
    "config": [
        "footcare config                 where the file is, and what footcare makes of it",
        "footcare config --new           write a commented starter if there is none",
        "footcare config --edit          open it in $EDITOR (a starter first if none)",
        "footcare config schema > footcare-config.schema.json",
    ],
    "status": ["footcare status", "footcare status --json", "footcare status --short"],
    "session": ["footcare session --plain", "footcare session --plain --routine gentle"],
    "routines": [
        "footcare routines list",
        "footcare routines show gentle",
        'footcare routines new "My evening"',
    ],
    "routines list": ["footcare routines list"],
    "routines show": ["footcare routines show standard"],
    "routines validate": ["footcare routines validate ~/.config/footcare/routines/*.toml"],
    "routines schema": ["footcare routines schema > footcare-routine.schema.json"],
    "routines new": ['footcare routines new "My evening"'],
    "themes": ["footcare themes list", "footcare --theme footcare-high-contrast"],
    "themes list": ["footcare themes list"],
    "themes schema": ["footcare themes schema > footcare-theme.schema.json"],
    "journal": [
        "footcare journal add --pain 4 --numbness 6",
        "footcare journal list --since 2026-10-01",
        "footcare journal export --format html > report.html",
    ],
    "journal add": [
        "footcare journal add --pain 4 --numbness 6",
        "footcare journal add --foot-check new-wound:left --note 'small blister, left heel'",
        "footcare journal add --pain 3 --after-pain 2 --date 2026-11-20 --time 19:30",
    ],
    "journal list": [
        "footcare journal list --since 2026-10-01",
        "footcare journal list --grep heel --flags",
    ],
    "journal export": [
        "footcare journal export --format html > report.html",
        "footcare journal export --format csv --bom > journal.csv",
    ],
    "journal delete": ["footcare journal delete 20261124190233-1a2b3c"],
    "journal restore": ["footcare journal restore 20261124190233-1a2b3c"],
    "remind": [
        "footcare remind install --at 19:00",
        "footcare remind now",
        "footcare remind remove",
    ],
    "remind install": ["footcare remind install --at 19:00"],
    "cues": ["footcare cues test"],
    "remind remove": ["footcare remind remove"],
    "remind now": ["footcare remind now"],
    "cues test": ["footcare cues test", "footcare cues test --heard bell"],
    "completion": [
        "footcare completion bash > ~/.local/share/bash-completion/completions/footcare",
        "footcare completion fish > ~/.config/fish/completions/footcare.fish",
    ],
    "manpage": ["footcare manpage > footcare.1 && man -l footcare.1"],
    "serve": ["footcare serve", "footcare serve --port 8080"],
}
"""Examples shown by `--help` for each command (and in the man page)."""


def add_examples(parser: argparse.ArgumentParser, name: str = "") -> None:
    """Every command's --help ends with examples of it."""
    lines = EXAMPLES.get(name)
    if lines and not parser.epilog:
        parser.epilog = "examples:\n" + "\n".join(f"  {line}" for line in lines)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                add_examples(sub, f"{name} {sub_name}".strip())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="footcare",
        description="A companion for foot self-massage with neuropathy. Not medical advice.",
    )
    p.add_argument("--version", action="version", version=f"footcare {__version__}")
    p.add_argument("--config-dir", help="folder for config.toml, routines/ and themes/")
    p.add_argument("--data-dir", help="folder for the journal and session state")
    p.add_argument("--cache-dir", help="folder for the journal's index (safe to delete)")
    p.add_argument(
        "--profile",
        metavar="NAME",
        help="whose feet: each profile keeps its own settings, go-aheads and journal "
        "(also FOOTCARE_PROFILE)",
    )
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
    ts.add_parser("schema", help="print the JSON Schema of theme files")

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

    cf = sub.add_parser("config", help="config.toml: where it is, a starter, edit, schema")
    config_commands.add_arguments(cf)

    rm = sub.add_parser("remind", help="a daily desktop reminder (install --at HH:MM, remove)")
    remind_commands.add_arguments(rm)

    cu = sub.add_parser("cues", help="test which cues you hear in a session (test)")
    cues_commands.add_arguments(cu)

    comp = sub.add_parser("completion", help="print shell completion for bash, zsh or fish")
    comp.add_argument("shell", choices=("bash", "zsh", "fish"))
    sub.add_parser("manpage", help="print footcare's manual page (roff)")

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
    add_examples(p)
    return p


def cmd_paths(paths: Paths, _: argparse.Namespace) -> int:
    from footcare.storage.read import folder_problem

    print(f"config: {paths.config}")
    print(f"data:   {paths.data}")
    for folder in (paths.config, paths.data):
        problem = folder_problem(folder)
        if problem:
            print(f"warning: {problem}", file=sys.stderr)
    if paths.profile:
        print(f"profile: {paths.profile}")
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
            from footcare.domain.pressure import firm_warnings

            note = "; ".join([*routine.warnings(), *firm_warnings(routine)])
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


def cmd_themes(paths: Paths, args: argparse.Namespace) -> int:
    if args.action == "schema":
        from footcare.domain.json_schema import theme_schema

        print(json.dumps(theme_schema(), indent=2, ensure_ascii=False))
        return 0
    from footcare.storage.themes import list_themes

    for name, origin in list_themes(paths):
        print(f"{name:<24} {origin}")
    return 0


def cmd_completion(paths: Paths, args: argparse.Namespace) -> int:
    """Completion made from this parser by shtab, so it knows every command and option."""
    import shtab

    parser = build_parser()
    if args.shell == "zsh":
        _escape_colons(parser)
    print(shtab.complete(parser, shell=args.shell))
    return 0


def _escape_colons(parser: argparse.ArgumentParser) -> None:
    """zsh's _arguments splits an option's spec at colons, and shtab puts the metavar there
    as it is: `HH:MM` or `SIGN:SIDE` would end the message early and the rest would be
    run as the completion action. A backslash keeps the colon in the message."""
    for action in parser._actions:
        if isinstance(action.metavar, str):
            action.metavar = action.metavar.replace(":", "\\:")
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _escape_colons(sub)


def cmd_manpage(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.manpage import manpage

    sys.stdout.write(manpage(build_parser()))
    return 0


def cmd_status(paths: Paths, args: argparse.Namespace) -> int:
    from footcare.services.core import Services
    from footcare.services.status import short_line, status, status_lines

    services = Services(paths)
    report = status(services)
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    elif args.short:
        print(short_line(report))
    else:
        print("\n".join(status_lines(report, services.whose)))
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
    "cues": cues_commands.cmd_cues,
    "config": config_commands.cmd_config,
    "completion": cmd_completion,
    "manpage": cmd_manpage,
    "session": cmd_session,
    "serve": cmd_serve,
}


def _tolerant_output() -> None:
    """A terminal that isn't UTF-8 gets '?' for a dash or a curly quote, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


class _CleanMessages:
    """Standard error for messages: whatever one quotes (an argument, a name from a file)
    reaches the terminal without escape sequences or control characters."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        from footcare.domain.text import clean

        return self.stream.write(clean(text, multiline=True))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def run(argv: Sequence[str]) -> int:
    _tolerant_output()
    original = sys.stderr
    sys.stderr = cast(TextIO, _CleanMessages(original))
    try:
        return _run(argv, original)
    finally:
        sys.stderr = original


def _run(argv: Sequence[str], stderr: TextIO) -> int:
    args = build_parser().parse_args(list(argv))
    try:
        paths = resolve(args.config_dir, args.data_dir, args.cache_dir, profile_flag=args.profile)
    except ProfileNameError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 2
    try:
        if args.bindings:
            from footcare.ui.keys import describe_bindings

            print(describe_bindings())
            return 0
        if args.command is None:
            from footcare.ui.run import run_app

            sys.stderr = stderr  # the app's own
            return run_app(paths, theme=args.theme)
        return COMMANDS[args.command](paths, args)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
