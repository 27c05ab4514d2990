"""Atomic, private, locked TOML files. A file that doesn't parse is never overwritten.

Reading goes through footcare.storage.read (bounded, every failure a StorageError);
``read_toml`` is here too for the callers that know it from this module.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from footcare.storage.errors import StorageError
from footcare.storage.read import SMALL_LIMIT, check_text, exists, read_toml

__all__ = ["read_toml"]

LOCK_TIMEOUT = 10.0
PRIVATE_FOLDER = 0o700
_EFFECTIVE = os.access in os.supports_effective_ids
"""Check access as the process is (its effective ids and capabilities), not as it started."""


def make_private(folder: Path) -> None:
    """Take group and other permissions off an existing folder of ours (0755 becomes 0700).
    Only ever taken away: one the owner has locked is left locked. A folder that isn't
    ours, or can't be changed, is left as it is: footcare never fails over this."""
    with contextlib.suppress(OSError):
        st = folder.stat()
        mode = stat.S_IMODE(st.st_mode)
        if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and mode & 0o077:
            folder.chmod(mode & ~0o077)


def ensure_dir(path: Path) -> Path:
    """Create a private folder (0700), or make an existing one private, or explain why it
    can't be used."""
    chain = (path, *path.parents)
    missing = [p for p in chain if not exists(p)]
    for existing in chain:
        if existing not in missing:
            if not existing.is_dir():
                raise StorageError(
                    existing,
                    "exists but is not a folder",
                    "move that file away or choose another folder with --data-dir / --config-dir",
                )
            break
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        for created in missing:
            created.chmod(PRIVATE_FOLDER)
    except FileExistsError as exc:
        raise StorageError(path, "exists but is not a folder", "move that file away") from exc
    except OSError as exc:
        raise StorageError(
            path,
            f"cannot create the folder ({exc.strerror})",
            "choose another folder with --data-dir / --config-dir or fix its permissions",
        ) from exc
    make_private(path)
    if not os.access(path, os.W_OK | os.X_OK, effective_ids=_EFFECTIVE):
        raise StorageError(path, "the folder is not writable", "fix its permissions")
    return path


def check_readable_folder(path: Path) -> None:
    """A folder that is missing is fine (nothing saved yet); one behind a file, or one that
    can't be opened, is not."""
    for part in (path, *path.parents):
        if exists(part):
            if not part.is_dir():
                raise StorageError(
                    part,
                    "exists but is not a folder",
                    "choose another folder with --data-dir or move that file away",
                )
            if part == path:
                try:
                    os.scandir(path).close()
                except PermissionError as exc:
                    raise StorageError(
                        path,
                        "this folder cannot be opened: permission denied",
                        f"let your own user open it (chmod u+rwx '{path}')",
                    ) from exc
            return


def write_toml(
    path: Path,
    data: Mapping[str, Any],
    *,
    limit: int = SMALL_LIMIT,
    check: Callable[[dict[str, Any]], object] | None = None,
) -> None:
    """Write atomically, but only what reads back: the text is parsed again under the
    reader's own limits and ``check`` (the file's validation, raising to refuse) first."""
    import tomli_w  # only writers need it

    try:
        text = tomli_w.dumps(dict(data))
    except (TypeError, ValueError, RecursionError) as exc:
        raise StorageError(path, f"was not saved: {exc}", "please report this") from exc
    check_text(path, text, limit, check)
    write_text(path, text)


def write_text(path: Path, text: str) -> None:
    """Temp file in the same folder, flush, fsync, replace, fsync the folder."""
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
        # the file is in place: a folder that can't be synced now doesn't unsave it (told
        # "not saved", a person would add the entry again, and have it twice)
        with contextlib.suppress(OSError):
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
    """Hold the data folder's lock around a read-modify-write (storage.lock: a POSIX
    flock, imported only here, when something is about to be written)."""
    from footcare.storage.lock import LockTimeout, exclusive

    ensure_dir(lock_path.parent)
    with contextlib.ExitStack() as holding:
        try:
            holding.enter_context(exclusive(lock_path, LOCK_TIMEOUT))
        except LockTimeout as exc:
            raise StorageError(
                lock_path, "another footcare is busy with this folder", "try again in a moment"
            ) from exc
        except OSError as exc:
            raise StorageError(
                lock_path, f"cannot be locked ({exc.strerror})", "remove it or fix its permissions"
            ) from exc
        yield
