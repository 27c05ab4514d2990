"""A man page made from the command-line parser, so it can't drift from `--help`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from footcare import __version__

EXAMPLES: dict[str, list[str]] = {
    "manpage": [
        "footcare manpage > footcare.1 && man -l footcare.1",
    ],
}


def _roff(text: str) -> str:
    """Text safe in a roff line: backslashes, leading dots and quotes, and dashes."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # anything beyond ASCII as groff's own \[uXXXX] (en dashes, arrows, …)
    text = "".join(ch if ord(ch) < 128 else f"\\[u{ord(ch):04X}]" for ch in text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            name = ", ".join(action.option_strings)
            if action.nargs != 0 and action.metavar is not None:
                name += f" {action.metavar}"
            elif action.nargs != 0 and action.choices is None and action.dest:
                name += f" {action.dest.upper()}"
        else:
            name = str(action.metavar or action.dest)
        lines += [".TP", f"\\fB{_roff(name)}\\fR", _roff(action.help or "")]
    return lines


def _commands(parser: argparse.ArgumentParser, prefix: str) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, sub in action.choices.items():
            full = f"{prefix} {name}"
            lines += [f".SS {_roff(full)}", _roff(helps.get(name) or sub.description or "")]
            lines += _options(sub)
            if sub.epilog:
                lines += [".PP", ".nf", *(_roff(line) for line in sub.epilog.splitlines()), ".fi"]
            lines += _commands(sub, full)
    return lines


def manpage(parser: argparse.ArgumentParser, today: date | None = None) -> str:
    day = (today or date.today()).isoformat()
    lines = [
        f'.TH FOOTCARE 1 "{day}" "footcare {__version__}" "User Commands"',
        ".SH NAME",
        "footcare \\- " + _roff(parser.description or ""),
        ".SH SYNOPSIS",
        "\\fBfootcare\\fR [\\fIOPTIONS\\fR] [\\fICOMMAND\\fR ...]",
        ".SH DESCRIPTION",
        _roff(
            "Without a command, footcare opens the app: the safety questions, the guided "
            "session and the journal. The commands below work without opening it."
        ),
        ".SH OPTIONS",
        *_options(parser),
        ".SH COMMANDS",
        *_commands(parser, "footcare"),
        ".SH ENVIRONMENT",
        ".TP",
        "\\fBFOOTCARE_CONFIG_DIR\\fR, \\fBFOOTCARE_DATA_DIR\\fR",
        "The folders for settings and for the journal (the flags win).",
        ".TP",
        "\\fBFOOTCARE_CACHE_DIR\\fR",
        "The folder for the journal's index, a copy that is safe to delete (the flag wins).",
        ".TP",
        "\\fBFOOTCARE_PROFILE\\fR",
        "Whose feet: each profile keeps its own settings and journal.",
        ".SH FILES",
        _roff(
            "config.toml, routines/*.toml and themes/*.toml in the config folder; "
            "journal/YYYY-MM.toml, safety.toml and session.toml in the data folder "
            "(footcare paths prints both)."
        ),
        ".SH SEE ALSO",
        "The README that comes with footcare.",
    ]
    return "\n".join(lines) + "\n"


def add_parser(sub: Any) -> None:
    sub.add_parser("manpage", help="print footcare's manual page (roff)")


def cmd_manpage(parser: argparse.ArgumentParser) -> int:
    sys.stdout.write(manpage(parser))
    return 0
