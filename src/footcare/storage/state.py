"""Small files the app keeps for itself: session in progress, clearances, drafts.

Nothing here is removed without a word: a session or draft file footcare can't use (not
TOML, not UTF-8, far too large, or a table that doesn't fit: a routine_id that is a table,
a draft with no entry in it) is kept aside whole, renamed to say so
(``session.unusable-20260131-142501.toml``), and the error that says so names both;
``status`` lists what is kept aside until the person deletes it. One that can't be
opened at all (no permission, a folder in its place) is left where it is, and named.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from footcare.domain.saved_state import draft_problem, session_state_problem
from footcare.domain.screening import Clearance
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, write_toml
from footcare.storage.paths import Paths
from footcare.storage.read import (
    SMALL_LIMIT,
    Check,
    Document,
    checked,
    decode,
    exists,
    list_folder,
    parse,
    read_bytes,
)

UNUSABLE = "unusable"
"""The word in the name of a file kept aside: ``<name>.unusable-<when>.toml``."""
LOOK = "look at it, then delete it (footcare starts afresh without it)"

Fits = Callable[[Mapping[str, Any]], str | None]
"""Why a table that read can't be used (None when it can)."""


class SetAside(StorageError):
    """A file that read but didn't fit, now kept under a name that says so."""

    def __init__(self, path: Path, kept: Path, what: str, reason: str) -> None:
        super().__init__(
            path, f"held {what} footcare can't use ({reason}); it is kept as {kept}", LOOK
        )
        self.kept = kept


class TableFile:
    """A whole-file TOML table owned by the app.

    Read through the one reading path (bounded, every failure a StorageError) and
    ``check``, the file's own validation. A file there that doesn't read or check out is
    never replaced or removed: ``save`` and ``clear`` refuse, naming it, and keep it.
    ``save`` also refuses a table that would not read back.
    """

    def __init__(
        self,
        path: Path,
        lock: Path,
        check: Check | None = None,
        limit: int = SMALL_LIMIT,
        fits: Fits | None = None,
        what: str = "a table",
    ) -> None:
        self.path = path
        self.lock = lock
        self.check = check
        self.limit = limit
        self.fits = fits
        self.what = what

    def exists(self) -> bool:
        """Whether there is something at the path (a StorageError if its folder can't be
        opened, never a PermissionError)."""
        return exists(self.path)

    def load(self) -> dict[str, Any] | None:
        """The file's table; None if there is none. One footcare can't use (its text or
        its table: see the module) is set aside (SetAside says where), or, where it can't
        be renamed, kept as it is (a StorageError): never used in part, never written over.
        A file without ``fits`` is never set aside: each problem is a StorageError."""
        if not exists(self.path):
            return None
        seen = os.stat(self.path)
        data, reason = self._read(seen)
        if reason is None:
            return data
        kept = self._set_aside(seen)
        if kept is None:
            raise StorageError(
                self.path,
                f"holds {self.what} footcare can't use ({reason}); it is kept as it is",
                "move it away: footcare starts afresh then",
            )
        raise SetAside(self.path, kept, self.what, reason)

    def _read(self, seen: os.stat_result) -> tuple[dict[str, Any], str | None]:
        """The table, and why it can't be used (None when it can). A file that can't be
        opened, or any problem of a file without ``fits``, is a StorageError."""
        try:
            raw = read_bytes(self.path, self.limit)
        except StorageError as exc:
            too_large = stat.S_ISREG(seen.st_mode) and seen.st_size > self.limit
            if self.fits is None or not too_large:
                raise
            return {}, _reason(exc)
        try:
            text = decode(self.path, raw)
            data = parse(self.path, text, self.limit)
            if self.check is not None:
                checked(Document(self.path, data, text), self.check)
        except StorageError as exc:
            if self.fits is None:
                raise
            return {}, _reason(exc)
        return data, (self.fits(data) if self.fits is not None else None)

    def _set_aside(self, seen: os.stat_result) -> Path | None:
        """Rename the file to ``<stem>.unusable-<when>[-n].toml`` (never over another),
        if it is still the one that was read; where it went, or None if it couldn't."""
        now = datetime.now()
        stem = f"{self.path.stem}.{UNUSABLE}-{now:%Y%m%d-%H%M%S}"
        try:
            st = os.stat(self.path)
            if (st.st_ino, st.st_size, st.st_mtime_ns) != (
                seen.st_ino,
                seen.st_size,
                seen.st_mtime_ns,
            ):
                return None  # changed since it was read: left for the next look
            for n in range(1, 100):
                kept = self.path.with_name(f"{stem}{'' if n == 1 else f'-{n}'}.toml")
                try:
                    os.link(self.path, kept)
                except FileExistsError:
                    continue
                os.unlink(self.path)
                with contextlib.suppress(OSError):
                    folder = os.open(self.path.parent, os.O_RDONLY)
                    try:
                        os.fsync(folder)
                    finally:
                        os.close(folder)
                return kept
        except OSError:
            return None
        return None

    def _keep_if_broken(self) -> None:
        try:
            self.load()
        except SetAside:
            pass  # kept under its new name: the path is free
        except StorageError as exc:
            raise StorageError(
                self.path,
                f"was left as it is, as it can't be read: {exc.problem}",
                "fix it or move it away; footcare starts a new one then",
                line=exc.line,
                key=exc.key,
            ) from exc

    def save(self, data: dict[str, Any]) -> None:
        """Write the table, unless it would not be usable when read back."""
        reason = self.fits(data) if self.fits is not None else None
        if reason is not None:
            raise StorageError(
                self.path, f"was not saved: it would not be usable ({reason})", "please report this"
            )
        with locked(self.lock):
            self._keep_if_broken()
            write_toml(self.path, data, limit=self.limit, check=self.check)

    def clear(self) -> None:
        with locked(self.lock):
            self._keep_if_broken()
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StorageError(
                    self.path, f"could not be removed ({exc.strerror})", "check its folder"
                ) from exc


def _reason(exc: StorageError) -> str:
    """A reading problem as the reason a file is kept aside: its line, where known."""
    if exc.line and "line" not in exc.problem:
        return f"line {exc.line}: {exc.problem}"
    return exc.problem


def session_file(paths: Paths) -> TableFile:
    return TableFile(paths.session_state, paths.lock, fits=session_state_problem, what="a session")


def draft_file(paths: Paths) -> TableFile:
    return TableFile(paths.draft, paths.lock, fits=draft_problem, what="an unsaved entry")


def kept_aside(paths: Paths) -> list[Path]:
    """The session and draft files set aside as unusable, still in the data folder."""
    try:
        return [
            p
            for name in (paths.session_state, paths.draft)
            for p in list_folder(paths.data, f"{name.stem}.{UNUSABLE}-*.toml")
        ]
    except StorageError:
        return []


class ClearanceStore:
    def __init__(self, paths: Paths) -> None:
        self.file = TableFile(paths.clearances, paths.lock)

    def load(self) -> dict[str, Clearance]:
        data = self.file.load() or {}
        items = data.get("items", {})
        out: dict[str, Clearance] = {}
        if not isinstance(items, dict):
            raise StorageError(self.file.path, "'items' must be a table", "fix or move the file")
        for item_id, raw in items.items():
            on = raw.get("on") if isinstance(raw, dict) else None
            if not isinstance(on, date) or not isinstance(raw.get("applies"), bool):
                raise StorageError(
                    self.file.path,
                    f"items.{item_id} needs 'applies' (true/false) and 'on' (a date)",
                    "fix or move the file",
                )
            if isinstance(on, datetime):
                on = on.date()
            recorded = raw.get("recorded")
            if not isinstance(recorded, datetime):
                recorded = None
            out[item_id] = Clearance(item_id, raw["applies"], on, recorded)
        return out

    def record(self, clearance: Clearance) -> None:
        with locked(self.file.lock):
            self.load()  # refuse to rewrite a file that doesn't parse or check out
            data = self.file.load() or {}
            items = dict(data.get("items", {}))
            entry: dict[str, object] = {"applies": clearance.applies, "on": clearance.on}
            if clearance.recorded is not None:
                entry["recorded"] = clearance.recorded.replace(microsecond=0, tzinfo=None)
            items[clearance.item_id] = entry
            write_toml(self.file.path, {**data, "items": items})
