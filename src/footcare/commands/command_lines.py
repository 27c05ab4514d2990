"""A footcare command line written for a scheduler: quoted for cron's shell, or as systemd's
ExecStart= words (``footcare remind install``)."""

from __future__ import annotations

import shlex


def cron_command(argv: list[str]) -> str:
    """A shell command line for a crontab: each word quoted for the shell, and every `%`
    (which cron turns into a newline) written as `\\%` outside the shell's quotes, so the
    backslash cron removes never follows another backslash."""
    words = []
    for word in argv:
        quoted = shlex.quote(word)
        if quoted.startswith("'"):
            quoted = quoted.replace("%", "'\\%'")
        else:
            quoted = quoted.replace("%", "\\%")
        words.append(quoted)
    return " ".join(words)


def systemd_word(word: str) -> str:
    """One word of an ExecStart= line: in double quotes, with systemd's backslash escapes
    for `\\` and `"`, `%%` for its specifiers and `$$` for its variables."""
    escaped = word.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("%", "%%").replace("$", "$$") + '"'


def exec_start(argv: list[str]) -> str:
    return " ".join(systemd_word(word) for word in argv)
