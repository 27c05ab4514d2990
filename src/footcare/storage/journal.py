"""The journal on disk: one TOML file per month, so a new entry never rewrites old years."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from footcare.domain.journal import Entry, entry_from_dict, entry_to_dict
from footcare.domain.problems import ValidationError
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir, locked, read_toml, write_toml
from footcare.storage.paths import Paths

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.toml$")


def new_id(at: datetime) -> str:
    return f"{at:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"


@dataclass
class Loaded:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class JournalStore:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.folder = paths.journal

    def month_path(self, month_key: str) -> Path:
        return self.folder / f"{month_key}.toml"

    def month_files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        try:
            return sorted(p for p in self.folder.iterdir() if MONTH_FILE.match(p.name))
        except OSError as exc:
            raise StorageError(
                self.folder, f"cannot be read ({exc.strerror})", "fix its permissions"
            ) from exc

    def stamp(self, since_month: str) -> tuple[tuple[str, int, int], ...]:
        """Names, times and sizes of the month files from ``since_month`` on: it changes
        whenever anyone writes one, so readers can skip re-reading what they have."""
        try:
            return tuple(
                (p.name, (st := p.stat()).st_mtime_ns, st.st_size)
                for p in self.month_files()
                if p.stem >= since_month
            )
        except (OSError, StorageError):
            return ()

    def _read_month(self, path: Path) -> list[Entry]:
        if not path.exists():
            return []
        data = read_toml(path)
        raw = data.get("entries", [])
        if not isinstance(raw, list):
            raise StorageError(path, "'entries' must be a list of tables", "fix or move the file")
        out = []
        for i, item in enumerate(raw):
            try:
                out.append(entry_from_dict(item, f"entries[{i}]"))
            except (ValidationError, AttributeError, TypeError, ValueError) as exc:
                raise StorageError(path, f"{exc}", "fix or move the file") from exc
        return out

    def load(self, since_month: str | None = None) -> Loaded:
        """Every entry from every readable month file; broken files are listed, not fatal."""
        result = Loaded()
        try:
            month_files = self.month_files()
        except StorageError as exc:
            result.problems.append(str(exc))
            return result
        for path in month_files:
            if since_month and path.stem < since_month:
                continue
            try:
                result.entries.extend(self._read_month(path))
            except StorageError as exc:
                result.problems.append(str(exc))
        result.entries.sort(key=lambda e: e.at)
        return result

    def _write_month(self, path: Path, entries: list[Entry]) -> None:
        entries = sorted(entries, key=lambda e: e.at)
        write_toml(path, {"entries": [entry_to_dict(e) for e in entries]})

    def add(self, entry: Entry) -> None:
        ensure_dir(self.folder)
        path = self.month_path(entry.month_key)
        with locked(self.paths.lock):
            entries = self._read_month(path)
            if any(e.id == entry.id for e in entries):
                return
            entries.append(entry)
            self._write_month(path, entries)

    def replace(self, entry: Entry) -> None:
        """Save an edited entry (same id, same month)."""
        path = self.month_path(entry.month_key)
        with locked(self.paths.lock):
            entries = self._read_month(path)
            if not any(e.id == entry.id for e in entries):
                raise StorageError(path, f"entry {entry.id} is not there", "reload the journal")
            self._write_month(path, [entry if e.id == entry.id else e for e in entries])

    def set_deleted(self, entry: Entry, deleted: bool) -> Entry:
        changed = entry.with_changes(deleted=deleted)
        self.replace(changed)
        return changed
