"""The command line. Paths that don't open the app never import Textual."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING, Any, TextIO, cast

from footcare import __version__
from footcare.domain.errors import StorageError
from footcare.folders import Paths, ProfileNameError, resolve

if TYPE_CHECKING:
    import argparse

# The commands (footcare.commands) and argparse are imported when the parser is built:
# opening the app (`footcare` with folder flags or --theme alone) needs neither (app_args).


def _command_modules() -> dict[str, ModuleType]:
    """Each module of ``footcare.commands`` that makes a command, by the command's name."""
    from importlib import import_module

    return {name: import_module(f"footcare.commands.{name}") for name in COMMAND_NAMES}


COMMAND_NAMES = (
    "paths", "routines", "themes", "journal", "status", "config", "remind", "cues",
    "completion", "manpage", "session", "serve",
)  # fmt: skip
"""The commands, in the order `--help` lists them."""
EXAMPLE_ORDER = (
    "paths", "config", "status", "session", "routines", "themes", "journal", "remind", "cues",
    "completion", "manpage", "serve",
)  # fmt: skip


@cache
def examples() -> dict[str, list[str]]:
    """Examples shown by `--help` for each command (and in the man page)."""
    modules = _command_modules()
    return {
        "": [
            "footcare                      open the app: safety questions, session, journal",
            "footcare status --short       one line for a shell prompt",
            "footcare session --plain      the session as lines of text, for a screen reader",
        ],
        **{k: v for name in EXAMPLE_ORDER for k, v in modules[name].EXAMPLES.items()},
    }


def add_examples(parser: argparse.ArgumentParser, name: str = "") -> None:
    """Every command's --help ends with examples of it."""
    import argparse

    lines = examples().get(name)
    if lines and not parser.epilog:
        parser.epilog = "examples:\n" + "\n".join(f"  {line}" for line in lines)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                add_examples(sub, f"{name} {sub_name}".strip())


def add_global_options(p: argparse.ArgumentParser) -> None:
    """The options before any command: the same for the parser and for app_args."""
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


APP_OPTIONS = ("--config-dir", "--data-dir", "--cache-dir", "--profile", "--theme")
"""The options that may come with opening the app, each with a value."""


def app_args(argv: Sequence[str]) -> Any:
    """`footcare [OPTION VALUE | OPTION=VALUE]...` with only APP_OPTIONS, read as the parser
    reads them (the last of each wins): the arguments that open the app, without building
    the parser (the commands and argparse are not imported). None for anything else, which
    the parser reads and, when it is wrong, says why as it always has."""
    given: dict[str, str | None] = {name[2:].replace("-", "_"): None for name in APP_OPTIONS}
    args = list(argv)
    i = 0
    while i < len(args):
        name, eq, value = args[i].partition("=")
        if name not in APP_OPTIONS:
            return None
        if not eq:
            if i + 1 >= len(args):
                return None
            i += 1
            value = args[i]
        if value.startswith("-"):
            return None  # the parser has its own rules for those
        given[name[2:].replace("-", "_")] = value
        i += 1
    return SimpleNamespace(**given, bindings=False, command=None)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    p = argparse.ArgumentParser(
        prog="footcare",
        description="A companion for foot self-massage with neuropathy. Not medical advice.",
    )
    add_global_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules().values():
        module.add_parser(sub)
    add_examples(p)
    return p


@cache
def commands() -> dict[str, Callable[[Paths, argparse.Namespace], int]]:
    """The commands, each beside its kind in ``footcare.commands``; none imports Textual."""
    m = _command_modules()
    return {
        "paths": m["paths"].cmd_paths,
        "routines": m["routines"].cmd_routines,
        "themes": m["themes"].cmd_themes,
        "journal": m["journal"].cmd_journal,
        "status": m["status"].cmd_status,
        "remind": m["remind"].cmd_remind,
        "cues": m["cues"].cmd_cues,
        "config": m["config"].cmd_config,
        "completion": lambda _, args: m["completion"].cmd_completion(build_parser(), args.shell),
        "manpage": lambda _, args: m["manpage"].cmd_manpage(build_parser()),
    }


def open_client(paths: Paths, args: argparse.Namespace, stderr: TextIO) -> int | None:
    """The clients a command opens: the app, the plain session, the browser's server.
    None when the command is one of ``commands()``."""
    if args.command is None:
        from footcare.ui.run import run_app

        sys.stderr = stderr  # the app's own
        return run_app(paths, theme=args.theme)
    if args.command == "session" and not args.plain:
        from footcare.ui.run import run_app

        return run_app(paths, theme=args.theme)
    if args.command == "session":
        from footcare.plain import main

        return main(paths, args.routine, bell=not args.no_bell)
    if args.command == "serve":
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
    return None


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
    args = app_args(argv) or build_parser().parse_args(list(argv))
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
        opened = open_client(paths, args, stderr)
        if opened is not None:
            return opened
        return commands()[args.command](paths, args)
    except StorageError as exc:
        print(f"footcare: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
