"""Small files the app keeps for itself: session in progress, clearances, drafts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from footcare.domain.screening import Clearance
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, write_toml
from footcare.storage.paths import Paths
from footcare.storage.read import SMALL_LIMIT, Check, checked, exists, read_document


class TableFile:
    """A whole-file TOML table owned by the app.

    Read through the one reading path (bounded, every failure a StorageError) and
    ``check``, the file's own validation. A file there that doesn't read or check out is
    never replaced or removed: ``save`` and ``clear`` refuse, naming it, and keep it.
    ``save`` also refuses a table that would not read back.
    """

    def __init__(
        self, path: Path, lock: Path, check: Check | None = None, limit: int = SMALL_LIMIT
    ) -> None:
        self.path = path
        self.lock = lock
        self.check = check
        self.limit = limit

    def exists(self) -> bool:
        """Whether there is something at the path (a StorageError if its folder can't be
        opened, never a PermissionError)."""
        return exists(self.path)

    def load(self) -> dict[str, Any] | None:
        if not exists(self.path):
            return None
        doc = read_document(self.path, self.limit)
        return checked(doc, self.check) if self.check is not None else doc.data

    def _keep_if_broken(self) -> None:
        try:
            self.load()
        except StorageError as exc:
            raise StorageError(
                self.path,
                f"was left as it is, as it can't be read: {exc.problem}",
                "fix it or move it away; footcare starts a new one then",
                line=exc.line,
                key=exc.key,
            ) from exc

    def save(self, data: dict[str, Any]) -> None:
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


def session_file(paths: Paths) -> TableFile:
    return TableFile(paths.session_state, paths.lock)


def draft_file(paths: Paths) -> TableFile:
    return TableFile(paths.draft, paths.lock)


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
