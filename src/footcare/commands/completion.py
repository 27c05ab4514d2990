"""`footcare completion bash | zsh | fish`: completion made from the parser by shtab."""

from __future__ import annotations

import argparse
from typing import Any

EXAMPLES: dict[str, list[str]] = {
    "completion": [
        "footcare completion bash > ~/.local/share/bash-completion/completions/footcare",
        "footcare completion fish > ~/.config/fish/completions/footcare.fish",
    ],
}


def add_parser(sub: Any) -> None:
    comp = sub.add_parser("completion", help="print shell completion for bash, zsh or fish")
    comp.add_argument("shell", choices=("bash", "zsh", "fish"))


def cmd_completion(parser: argparse.ArgumentParser, shell: str) -> int:
    """Completion made from this parser by shtab, so it knows every command and option."""
    import shtab

    if shell == "zsh":
        _escape_colons(parser)
    print(shtab.complete(parser, shell=shell))
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
