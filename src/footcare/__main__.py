"""`python -m footcare` and the `footcare` console script.

`footcare [--config-dir D] [--data-dir D] [--cache-dir D] [--profile NAME] status --short`
is asked at every shell prompt: it is answered here from the line kept for it when nothing
it was worked out from has changed (services/status_short.py), without building the
command line's parser or reading the journal; else it is worked out as `footcare status`
does and kept for next time, still without the parser. Anything else goes to the command
line (cli.py), which keeps the line too when it is the one to work it out.
"""

from __future__ import annotations

import sys

FOLDER_FLAGS = ("--config-dir", "--data-dir", "--cache-dir", "--profile")
SHORT = ["status", "--short"]


def short_request(args: list[str]) -> dict[str, str] | None:
    """The folder flags of exactly `[FOLDER FLAGS] status --short`, as the parser would read
    them (the last of each wins); None for anything else, the parser's to read."""
    if args[-2:] != SHORT:
        return None
    flags: dict[str, str] = {}
    rest = args[:-2]
    i = 0
    while i < len(rest):
        name, eq, value = rest[i].partition("=")
        if name not in FOLDER_FLAGS:
            return None
        if not eq:
            if i + 1 >= len(rest):
                return None
            i += 1
            value = rest[i]
        if value.startswith("-"):
            return None  # the parser has its own rules for those
        flags[name] = value
        i += 1
    return flags


def recalled(args: list[str]) -> str | None:
    """The kept short status line for these arguments, if it still holds."""
    flags = short_request(args)
    if flags is None:
        return None
    import os

    from footcare.services.status_short import recall, today_text

    try:
        return recall(flags, os.environ, os.getcwd(), today_text())
    except (OSError, ValueError):
        return None


def worked_out(args: list[str]) -> str | None:
    """The short status line worked out (and kept) without the command line's parser; None
    when it can't be: the command line then runs, and says what is wrong as it always has."""
    flags = short_request(args)
    if flags is None:
        return None
    from footcare.folders import resolve
    from footcare.services.status_short import short_status

    try:
        paths = resolve(
            flags.get("--config-dir"),
            flags.get("--data-dir"),
            flags.get("--cache-dir"),
            profile_flag=flags.get("--profile"),
        )
        return short_status(paths, flags)
    except Exception:  # a bad profile name, a folder that can't be read: said by the CLI
        return None


def say(line: str) -> int:
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")  # as the command line does: '?' for what can't show
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        line = recalled(args) or worked_out(args)
    except KeyboardInterrupt:
        return 130
    if line is not None:
        return say(line)
    from footcare.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
