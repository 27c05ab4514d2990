"""The one way footcare reads a file: bounded, and every failure one StorageError.

Whatever is at the path — a file too big, not UTF-8, not TOML, nested a thousand deep, a
number with five thousand digits, a folder, a pipe, a device, a file or folder without read
permission — the reader gets either the parsed table or a StorageError naming the file, the
line where it is known, and what to do. Nothing else escapes, and nothing here ever blocks:
a pipe with no writer is refused, not waited on.

Writers use the same rules in reverse (``check_text``): footcare never writes what it would
refuse to read.
"""

from __future__ import annotations

import errno
import fnmatch
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.problems import Problem, ValidationError
from footcare.storage.errors import StorageError
from footcare.storage.locate import locate
from footcare.storage.prescan import MAX_DEPTH, most_items, scan

KIB = 1024
MIB = 1024 * KIB
SMALL_LIMIT = 1 * MIB
"""Config, routines, themes, session state, drafts: far beyond any real one."""
MONTH_LIMIT = 4 * MIB
"""A journal month: a hundred entries a day with long notes fit with room to spare."""
YEARS = (1900, 2999)
"""Dates footcare can count with (a week back, a year on) in any file."""
INT_RANGE = (-(2**63), 2**63 - 1)
"""TOML integers are 64-bit; a larger one can't be read losslessly (TOML 1.0, Integer)."""

FIX = "fix it in a text editor, or move it away"
_AT_LINE = re.compile(r"at line (\d+)")
_LONG_NUMBER = re.compile(r"\d{4000,}")


@frozen
class Document:
    """A file as read: its parsed table and its text (for finding the line of a key)."""

    path: Path
    data: dict[str, Any]
    text: str


def _size(n: int) -> str:
    return f"{n / MIB:.0f} MiB" if n >= MIB else f"{n / KIB:.0f} KiB"


def _open_error(path: Path, exc: OSError) -> StorageError:
    if isinstance(exc, PermissionError):
        if _blocking_folder(path) is not None:
            return _folder_error(path, exc)
        return StorageError(
            path,
            "cannot be read: permission denied",
            f"let your own user read it (chmod u+rw '{path}')",
        )
    if exc.errno == errno.ELOOP:
        return StorageError(path, "is a link that goes round in a loop", "replace it with a file")
    return StorageError(path, f"cannot be read ({exc.strerror or exc})", FIX)


def read_bytes(path: Path, limit: int = SMALL_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a StorageError."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise StorageError(path, "cannot be read: there is no such file", "check the name") from exc
    except OSError as exc:
        raise _open_error(path, exc) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise StorageError(
                path,
                "is a folder where a file should be",
                "move the folder away (footcare starts a new file)",
            )
        if not stat.S_ISREG(st.st_mode):
            raise StorageError(
                path,
                "is not a regular file (a pipe, socket or device)",
                "remove it or put the real file back",
            )
        if st.st_size > limit:
            raise StorageError(
                path,
                f"is too large to be a footcare file ({_size(st.st_size)}; "
                f"the most footcare reads is {_size(limit)})",
                "move it away and put back a copy from your backup",
            )
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 * MIB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise StorageError(
                    path,
                    f"is too large to be a footcare file (over {_size(limit)})",
                    "move it away and put back a copy from your backup",
                )
        return b"".join(chunks)
    except OSError as exc:
        raise _open_error(path, exc) from exc
    finally:
        os.close(fd)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text (a leading byte-order mark is allowed), or a StorageError with the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise StorageError(
            path,
            f"is not UTF-8 text (byte {exc.start + 1} is {data[exc.start : exc.start + 1]!r})",
            "save it as UTF-8 in your editor, or move it away",
            line=line,
        ) from exc
    return text.removeprefix("\ufeff")


def read_text(path: Path, limit: int = SMALL_LIMIT) -> str:
    return decode(path, read_bytes(path, limit))


def parse(path: Path, text: str, limit: int = SMALL_LIMIT) -> dict[str, Any]:
    """Parse TOML text; every failure of the parser is a StorageError naming the line.

    The text is first walked for what it would cost the parser (prescan: dotted keys,
    key length, nesting, the number of keys and values a file of this kind's ``limit``
    may hold), so no text, however made, costs more than a set time and memory."""
    bound = scan(text, most_items(limit))
    if bound is not None:
        raise StorageError(path, bound.message, FIX, line=bound.line)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _AT_LINE.search(message)
        raise StorageError(
            path, f"not valid TOML: {message}", FIX, line=int(match[1]) if match else None
        ) from exc
    except RecursionError as exc:
        raise StorageError(
            path, f"lists or tables are nested too deeply (footcare reads {MAX_DEPTH})", FIX
        ) from exc
    except ValueError as exc:  # an integer past Python's int-string conversion limit
        long = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        raise StorageError(path, "a number has far too many digits", FIX, line=line) from exc
    except MemoryError as exc:
        raise StorageError(path, "is too large to read", FIX) from exc
    problem = bounds_problem(data)
    if problem is not None:
        key, message = problem
        raise StorageError(path, message, FIX, key=key)
    return data


def bounds_problem(data: dict[str, Any]) -> tuple[str, str] | None:
    """The first value (in file order) no footcare file can hold: nesting deeper than
    MAX_DEPTH, an integer TOML itself does not allow, nan or infinity, or a date footcare
    can't count with. Checked without recursion."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, key, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return key, f"tables and lists are nested more than {MAX_DEPTH} deep"
            if isinstance(value, dict):
                inner = [(v, f"{key}.{k}" if key else str(k)) for k, v in value.items()]
            else:
                inner = [(v, f"{key}[{i}]") for i, v in enumerate(value)]
            stack.extend((v, k, depth + 1) for v, k in reversed(inner))
        elif type(value) is int and not INT_RANGE[0] <= value <= INT_RANGE[1]:
            return key, "the number is too large (TOML numbers are 64-bit)"
        elif type(value) is float and not math.isfinite(value):
            return key, f"{value} is not a number footcare can use"
        elif isinstance(value, date) and not YEARS[0] <= value.year <= YEARS[1]:
            return key, f"the date is out of range (footcare reads years {YEARS[0]} to {YEARS[1]})"
    return None


def read_document(path: Path, limit: int = SMALL_LIMIT) -> Document:
    """Read, decode and parse one TOML file; the only way footcare reads one."""
    text = read_text(path, limit)
    return Document(path, parse(path, text, limit), text)


def read_toml(path: Path, limit: int = SMALL_LIMIT) -> dict[str, Any]:
    """Parse a TOML file; any problem is a StorageError naming the file (and line)."""
    return read_document(path, limit).data


def check_text(path: Path, text: str, limit: int = SMALL_LIMIT, check: Check | None = None) -> None:
    """Refuse to write what would not read back: the same limits, the same parser, and
    ``check`` (the file's own validation; it raises to refuse)."""
    size = len(text.encode("utf-8"))
    if size > limit:
        raise StorageError(
            path,
            f"was not saved: it would be too large to read back ({_size(size)})",
            "move older data out of it",
        )
    try:
        data = parse(path, text, limit)
    except StorageError as exc:
        raise StorageError(
            path, f"was not saved: it would not read back ({exc.problem})", "please report this"
        ) from exc
    if check is not None:
        try:
            checked(Document(path, data, text), check)
        except StorageError as exc:
            raise StorageError(
                path,
                f"was not saved: it would not read back ({exc.problem})",
                "please report this",
                key=exc.key,
            ) from exc


Check = Callable[[dict[str, Any]], object]
"""A file's own validation of its table: raises ValidationError (or StorageError) to refuse."""


def checked(doc: Document, check: Check) -> dict[str, Any]:
    """``doc``'s table once ``check`` accepts it; its problems as one StorageError, each
    with its key path and, where the text shows it, its line."""
    try:
        check(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc.problems) from exc
    return doc.data


SHOWN = 5
"""Problems named in one message; the rest are counted."""


def problem_line(doc: Document, problem: Problem) -> int | None:
    """The line of one problem in ``doc``: its own, or where the text sets its key."""
    return problem.line or (locate(doc.text, problem.path) if problem.path else None)


def validation_error(doc: Document, problems: Sequence[Problem], todo: str = FIX) -> StorageError:
    """Problems found in a parsed file, as one StorageError: the first problem's line and
    key, and the first five problems in the message. Only those five are looked for in
    the text (each look reads it once), so ten thousand problems cost no more than five."""
    located = [(problem_line(doc, p), p) for p in problems[:SHOWN]]
    first_line, first = located[0]
    rest = [
        f"{p.path} (line {line}): {p.message}" if line else f"{p.path}: {p.message}"
        for line, p in located[1:]
    ]
    more = f"; and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    message = "; ".join([first.message, *rest]) + more
    return StorageError(doc.path, message, todo, line=first_line, key=first.path)


def exists(path: Path) -> bool:
    """Like Path.exists, but a folder on the way that can't be searched is a StorageError,
    not a PermissionError (a file that isn't there is still False)."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise _folder_error(path, exc) from exc
    return True


def is_dir(path: Path) -> bool:
    """Like Path.is_dir, with exists()'s rule for folders that can't be searched."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise _folder_error(path, exc) from exc
    return stat.S_ISDIR(st.st_mode)


def list_folder(folder: Path, pattern: str = "*.toml") -> list[Path]:
    """The files in ``folder`` whose names match ``pattern``, sorted; [] if there is no such
    folder. A folder that can't be listed is a StorageError (``Path.glob`` says nothing)."""
    if not is_dir(folder):
        return []
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if fnmatch.fnmatchcase(e.name, pattern)]
    except OSError as exc:
        raise _folder_error(folder, exc) from exc
    return sorted(folder / name for name in names)


def _blocking_folder(path: Path) -> Path | None:
    """The outermost folder on the way to ``path`` that can't be searched, if any."""
    for p in [*reversed(path.parents), path]:
        try:
            os.stat(p)
        except PermissionError:
            return p.parent
        except OSError:
            return None
    return None


def _folder_error(path: Path, exc: OSError) -> StorageError:
    if isinstance(exc, PermissionError):
        blocked = _blocking_folder(path) or path
        return StorageError(
            blocked,
            "this folder cannot be opened: permission denied",
            f"let your own user open it (chmod u+rwx '{blocked}')",
        )
    return StorageError(path, f"cannot be read ({exc.strerror or exc})", "check the folder")


def folder_problem(folder: Path) -> str | None:
    """Why footcare can't use ``folder`` (one line naming it and what to do), or None when
    it can, or when it doesn't exist yet (footcare makes it when first needed)."""
    try:
        if not exists(folder):
            return None
        if not is_dir(folder):
            return str(
                StorageError(folder, "is a file, not a folder", "move it away or choose another")
            )
        with os.scandir(folder):
            pass
    except StorageError as exc:
        return str(exc)
    except OSError as exc:
        return str(_folder_error(folder, exc))
    return None
