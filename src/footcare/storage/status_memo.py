"""The last `footcare status --short` line, kept in the cache folder with what it was worked
out from, so that a shell prompt asking again before anything changed gets it at once.

It is never the truth: delete it and the line is worked out again. It is used only while
every file and folder it was worked out from has the stamp (mtime, size, inode, ctime) and
the listing it had then, on the same day, by the same footcare code, for the same folder
flags and environment; a line worked out from a file changed within RACY_NS is not kept
(its stamp proves nothing yet), nor one while a session file is there (whether a session
can be carried on depends on another process). The memo is private (0600, in a 0700
folder) and must be the person's own: one another user could write is not believed.

Reading it imports nothing beyond os and sys: a prompt asks at every Enter.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

FORMAT = "footcare status --short memo 1"
FLAGS = ("--config-dir", "--data-dir", "--cache-dir", "--profile")
"""The folder options of `footcare`; the environment's folder settings are FOOTCARE_*."""
CACHE_ENV = "FOOTCARE_CACHE_DIR"
ENV_ALSO = ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
"""What platformdirs reads for the user's own folders on Linux."""
MISSING = "-"


def escaped(text: str) -> str:
    """One line of ASCII whatever the text (a file name may hold a tab or a newline)."""
    return text.encode("unicode_escape").decode("ascii")


def unescaped(text: str) -> str:
    return text.encode("ascii").decode("unicode_escape")


def inputs(flags: Mapping[str, str], env: Mapping[str, str], cwd: str) -> str:
    """Everything the folders in use are decided from, as one text: the folder flags,
    FOOTCARE_* and the user's folder settings (and the working folder, when a folder is
    given relative to it)."""
    given = [f"{name}={flags[name]}" for name in FLAGS if name in flags]
    names = sorted({*ENV_ALSO, *(k for k in env if k.startswith("FOOTCARE_"))})
    given += [f"${name}={env[name]}" for name in names if name in env]
    values = [v for k, v in flags.items() if k != "--profile"]
    values += [v for k, v in env.items() if k.startswith("FOOTCARE_") and k.endswith("_DIR")]
    if any(v and not v.startswith(("/", "~")) for v in values):
        given.append(f"cwd={cwd}")
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return escaped(f"{sys.platform}\0{package}\0" + "\0".join(given))


def memo_file(flags: Mapping[str, str], env: Mapping[str, str], cwd: str) -> str | None:
    """Where the memo for these inputs lives: the cache folder given, else the user cache
    folder by the XDG rule platformdirs follows on Linux and the BSDs (elsewhere: None, no
    memo). One file per set of inputs, named by its FNV-1a hash."""
    base = flags.get("--cache-dir") or env.get(CACHE_ENV)
    if base:
        base = os.path.expanduser(base)
    elif sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        xdg = env.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
        base = os.path.join(xdg, "footcare")
    else:
        return None
    return os.path.join(base, f"status-short-{fnv1a(inputs(flags, env, cwd)):016x}.memo")


def fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode("ascii"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def stamp(path: str) -> str:
    """What stat says of ``path`` (following links), or MISSING; OSError if it can't say."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return MISSING
    return f"{st.st_mtime_ns},{st.st_size},{st.st_ino},{st.st_ctime_ns}"


def listing(folder: str) -> str:
    """The names in ``folder``, sorted, or MISSING; OSError if it can't be listed."""
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return MISSING
    return "/".join(sorted(names))  # a name never holds a slash


def look(stamped: Iterable[str], listed: Iterable[str]) -> list[str]:
    """The memo's lines for these paths as they are now: a stamp for each of ``stamped``,
    a listing for each of ``listed``."""
    out = [f"s {escaped(p)}\t{escaped(stamp(p))}" for p in stamped]
    out += [f"l {escaped(p)}\t{escaped(listing(p))}" for p in listed]
    return out


def text_of(key: str, day: str, looked: list[str], line: str) -> str:
    return "\n".join([FORMAT, f"key {key}", f"day {day}", *looked, f"line {escaped(line)}"])


def recall(where: str, key: str, day: str) -> str | None:
    """The line kept at ``where`` for ``key`` on ``day``, if every path it was worked out
    from is as it was then; else None (work it out again)."""
    try:
        fd = os.open(
            where, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        )
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if st.st_uid != os.getuid() or st.st_mode & 0o022 or st.st_size > 1 << 20:
            return None  # not the person's own, or others could write it
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            lines = fh.read().decode("ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(lines) < 4 or lines[:3] != [FORMAT, f"key {key}", f"day {day}"]:
        return None
    last = lines[-1]
    if not last.startswith("line "):
        return None
    try:
        for entry in lines[3:-1]:
            kind, _, rest = entry.partition(" ")
            path, _, want = rest.partition("\t")
            if kind == "s":
                now = stamp(unescaped(path))
            elif kind == "l":
                now = listing(unescaped(path))
            else:
                return None
            if escaped(now) != want:
                return None
        return unescaped(last[5:])
    except (OSError, UnicodeError, ValueError):
        return None


def settled(looked: list[str], racy_from: int) -> bool:
    """Whether every stamp in these memo lines is older than ``racy_from`` (ns): a file
    changed since can't have kept its stamp."""
    for entry in looked:
        if not entry.startswith("s "):
            continue
        got = entry.partition("\t")[2]
        if got == MISSING:
            continue
        mtime, _, _, ctime = (int(n) for n in got.split(","))
        if mtime >= racy_from or ctime >= racy_from:
            return False
    return True


def forget(where: str) -> None:
    try:  # noqa: SIM105 - contextlib is not imported for a prompt
        os.unlink(where)
    except OSError:
        pass
