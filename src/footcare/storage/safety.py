"""safety.toml: the append-only safety record, on disk.

Written like every other file (temp file, fsync, rename, under the folder's lock) and only
ever grown. A record that doesn't parse or whose seals don't match is never written over:
the gate stays shut and says which file to fix. The one way past a record that can't be
trusted is a professional's check: the old file is kept beside the new one, which starts
with that check.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from footcare.domain.safety import (
    Event,
    SafetyFacts,
    SafetyRecord,
    record_from_dict,
    record_to_dict,
)
from footcare.domain.screening import Clearance
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, read_toml, write_toml
from footcare.storage.paths import Paths
from footcare.storage.read import exists
from footcare.storage.state import ClearanceStore

RECORD_LIMIT = 16 * 1024 * 1024
"""The record only grows: room for decades of events (about 200 bytes each)."""
FIX = "put back a copy from your backup, or record a professional's check of your feet"


class UntrustedRecord(StorageError):
    """The record can't be read or was changed by hand: it is never written over."""


class SafetyStore:
    def __init__(self, paths: Paths) -> None:
        self.paths = paths
        self.path = paths.safety_record

    def stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _legacy(self) -> list[Clearance]:
        """Go-aheads from clearances.toml, the record of footcare 0.1, oldest first."""
        if not exists(self.paths.clearances):
            return []
        answers = ClearanceStore(self.paths).load()
        return sorted(
            answers.values(),
            key=lambda c: c.recorded or datetime.combine(c.on, datetime.min.time()),
        )

    def _read(self) -> SafetyRecord:
        """The record; raises UntrustedRecord naming the file and each problem."""
        try:
            there = exists(self.path)
        except StorageError as exc:
            raise UntrustedRecord(exc.path, exc.problem, exc.todo) from exc
        if not there:
            record = SafetyRecord()
            try:
                legacy = self._legacy()
            except StorageError as exc:
                raise UntrustedRecord(exc.path, exc.problem, exc.todo) from exc
            for event in legacy:
                record = record.with_event(event)
            return record
        try:
            data = read_toml(self.path, limit=RECORD_LIMIT)
        except StorageError as exc:
            raise UntrustedRecord(self.path, exc.problem, FIX) from exc
        record, problems = record_from_dict(data)
        if problems:
            shown = "; ".join(problems[:3]) + (
                f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
            )
            raise UntrustedRecord(self.path, shown, FIX)
        return record

    def load(self) -> SafetyFacts:
        try:
            return SafetyFacts(self._read())
        except UntrustedRecord as exc:
            return SafetyFacts(SafetyRecord(), (str(exc),))

    def append(self, events: Sequence[Event]) -> SafetyRecord:
        """Add events at the end, under the lock; never rewrites a record it can't trust."""
        with locked(self.paths.lock):
            record = self._read()
            if not events:
                return record
            for event in events:
                record = record.with_event(event)
            write_toml(self.path, record_to_dict(record), limit=RECORD_LIMIT)
            return record

    def restart_with(self, check: Clearance, now: datetime) -> Path | None:
        """Keep an untrusted record beside a new one that starts with a professional's check.

        Returns where the old file was kept (None if there was nothing to keep)."""
        with locked(self.paths.lock):
            kept: Path | None = None
            if exists(self.path):
                kept = self.path.with_name(f"{self.path.name}.kept-{now:%Y%m%d-%H%M%S}")
                try:
                    os.replace(self.path, kept)
                except OSError as exc:
                    raise StorageError(
                        self.path, f"could not be set aside ({exc.strerror})", "check the folder"
                    ) from exc
            write_toml(
                self.path, record_to_dict(SafetyRecord().with_event(check)), limit=RECORD_LIMIT
            )
            return kept
