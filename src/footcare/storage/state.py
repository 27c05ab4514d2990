"""Small files the app keeps for itself: session in progress, clearances, drafts."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from footcare.domain.screening import Clearance
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, read_toml, write_toml
from footcare.storage.paths import Paths


class TableFile:
    """A whole-file TOML table owned by the app."""

    def __init__(self, path: Path, lock: Path) -> None:
        self.path = path
        self.lock = lock

    def load(self) -> dict[str, Any] | None:
        if not self.path.exists():
            return None
        return read_toml(self.path)

    def save(self, data: dict[str, Any]) -> None:
        with locked(self.lock):
            write_toml(self.path, data)

    def clear(self) -> None:
        with locked(self.lock), contextlib.suppress(FileNotFoundError):
            self.path.unlink()


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
