"""Atomic, private, locked TOML files. A file that doesn't parse is never overwritten."""

from __future__ import annotations

import contextlib
import os
import tempfile
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import tomli_w
from filelock import FileLock, Timeout

from footcare.storage.errors import StorageError

LOCK_TIMEOUT = 10.0


def ensure_dir(path: Path) -> Path:
    """Create a private folder (0700), or explain why it can't be."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for existing in (path, *path.parents):
        if existing.exists():
            if not existing.is_dir():
                raise StorageError(
                    existing,
                    "exists but is not a folder",
                    "move that file away or choose another folder with --data-dir / --config-dir",
                )
            break
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        for created in missing:
            created.chmod(0o700)
    except FileExistsError as exc:
        raise StorageError(path, "exists but is not a folder", "move that file away") from exc
    except OSError as exc:
        raise StorageError(
            path,
            f"cannot create the folder ({exc.strerror})",
            "choose another folder with --data-dir / --config-dir or fix its permissions",
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise StorageError(path, "the folder is not writable", "fix its permissions")
    return path


def check_readable_folder(path: Path) -> None:
    """A folder that is missing is fine (nothing saved yet); one behind a file is not."""
    for part in (path, *path.parents):
        if part.exists():
            if not part.is_dir():
                raise StorageError(
                    part,
                    "exists but is not a folder",
                    "choose another folder with --data-dir or move that file away",
                )
            return


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names the file and line."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise StorageError(path, f"not valid TOML: {exc}", "fix or move the file") from exc
    except UnicodeDecodeError as exc:
        raise StorageError(path, "not UTF-8 text", "save it as UTF-8") from exc
    except OSError as exc:
        raise StorageError(path, f"cannot be read ({exc.strerror})", "check the file") from exc


def write_toml(path: Path, data: Mapping[str, Any]) -> None:
    """Write atomically: temp file in the same folder, fsync, replace, fsync the folder."""
    text = tomli_w.dumps(dict(data))
    write_text(path, text)


def write_text(path: Path, text: str) -> None:
    folder = ensure_dir(path.parent)
    fd = -1
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fd = -1
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = ""
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise StorageError(
            path, f"could not be saved ({exc.strerror})", "free some space or fix permissions"
        ) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold the data folder's lock around a read-modify-write."""
    ensure_dir(lock_path.parent)
    lock = FileLock(str(lock_path), timeout=LOCK_TIMEOUT, mode=0o600)
    try:
        lock.acquire()
    except Timeout as exc:
        raise StorageError(
            lock_path, "another footcare is busy with this folder", "try again in a moment"
        ) from exc
    except OSError as exc:
        raise StorageError(
            lock_path, f"cannot be locked ({exc.strerror})", "remove it or fix its permissions"
        ) from exc
    try:
        yield
    finally:
        lock.release()
