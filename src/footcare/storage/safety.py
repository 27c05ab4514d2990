"""safety.toml: the append-only safety record, on disk.

Written like every other file (temp file, fsync, rename, under the folder's lock) and only
ever grown. A record that doesn't parse or whose seals don't match is never written over:
the gate stays shut and says which file to fix. The one way past a record that can't be
trusted is a professional's check: the old file is kept beside the new one, which starts
with the warning signs still found and that check.

A record is trusted only as the plain file footcare wrote for this profile, no shorter and
no older than its witness (storage.witness) says it was last seen.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from footcare.domain.safety import (
    Event,
    SafetyFacts,
    SafetyRecord,
    new_signs,
    record_from_dict,
    record_to_dict,
    signs_in,
)
from footcare.domain.screening import Clearance
from footcare.domain.signs import WarningSign
from footcare.storage import witness
from footcare.storage.errors import StorageError
from footcare.storage.files import locked, read_toml, write_toml
from footcare.storage.paths import Paths
from footcare.storage.read import exists
from footcare.storage.state import ClearanceStore

RECORD_LIMIT = 16 * 1024 * 1024
"""The record only grows: room for decades of events (about 200 bytes each)."""
FIX = "put back a copy from your backup, or record a professional's check of your feet"
NEWEST = (
    "put back your newest copy of it (one holding every event footcare saw), or record a "
    "professional's check of your feet, which starts a new record"
)


class UntrustedRecord(StorageError):
    """The record can't be read or was changed by hand: it is never written over."""


def _is_link(path: Path) -> bool:
    """Whether ``path`` is a symbolic link (False when it can't be looked at: the reading
    that follows says why)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _whose(profile: str) -> str:
    return f"the profile '{profile}'" if profile else "the folder's own person (no profile)"


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
        seen = witness.read(self.paths)
        if _is_link(self.path):
            try:
                target = f"a link to {os.readlink(self.path)}"
            except OSError:
                target = "a link"
            raise UntrustedRecord(
                self.path,
                f"is {target}, not the record footcare wrote",
                "put the record file itself in its place (a copy from your backup), or record "
                "a professional's check of your feet",
            )
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
            last = max((w.count for w in seen), default=0)
            if last:
                raise UntrustedRecord(
                    self.path, f"is missing, but footcare last saw {last} events in it", FIX
                )
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
        whose = data.get("profile", self.paths.profile)
        if whose != self.paths.profile:
            raise UntrustedRecord(
                self.path,
                f"is the record of {_whose(str(whose))}, not of {_whose(self.paths.profile)}",
                "put back this profile's own record from your backup, or record a "
                "professional's check of your feet",
            )
        for w in seen:
            if doubt := w.doubts(record):
                raise UntrustedRecord(self.path, doubt, NEWEST)
        if record.events and all(w.count < len(record.events) for w in seen):
            witness.write(self.paths, record)  # written by an older footcare: seen now
        return record

    def traces(self, record_too: bool) -> list[WarningSign]:
        """Warning signs outside the record as read: the witness's, those no check answers
        in a record set aside (``safety.toml.kept-…``), and (``record_too``: it can't be
        trusted) every sign that can be read in the record file itself."""
        out = [s for w in witness.read(self.paths) for s in w.signs]
        try:
            kept = sorted(self.path.parent.glob(f"{self.path.name}.kept-*"))
        except OSError:
            kept = []
        for path in (self.path, *kept) if record_too else kept:
            try:
                data = read_toml(path, limit=RECORD_LIMIT)
            except (StorageError, OSError):
                continue
            out.extend(signs_in(data.get("events"), open_only=path != self.path))
        return new_signs(SafetyRecord(), out)

    def load(self) -> SafetyFacts:
        try:
            record = self._read()
        except UntrustedRecord as exc:
            return SafetyFacts(SafetyRecord(), (str(exc),), tuple(self.traces(True)), False)
        return SafetyFacts(record, (), tuple(self.traces(False)))

    def append(self, events: Sequence[Event]) -> SafetyRecord:
        """Add events at the end, under the lock; never rewrites a record it can't trust."""
        with locked(self.paths.lock):
            record = self._read()
            if not events:
                return record
            for event in events:
                record = record.with_event(event)
            write_toml(self.path, self._tables(record), limit=RECORD_LIMIT)
            witness.write(self.paths, record)
            return record

    def _tables(self, record: SafetyRecord) -> dict[str, object]:
        return record_to_dict(record, self.paths.profile)

    def restart_with(
        self, check: Clearance, now: datetime, carry: Sequence[WarningSign] = ()
    ) -> Path | None:
        """Keep an untrusted record beside a new one that starts with the warning signs
        still found (``carry``) and then a professional's check.

        Returns where the old file was kept (None if there was nothing to keep)."""
        record = SafetyRecord()
        for sign in new_signs(record, carry):
            record = record.with_event(sign)
        record = record.with_event(check)
        with locked(self.paths.lock):
            # the witness first: if what follows fails, the gate still stays shut
            witness.write(self.paths, record, strict=True)
            kept: Path | None = None
            if _is_link(self.path) or exists(self.path):
                name = f"{self.path.name}.kept-{now:%Y%m%d-%H%M%S}"
                kept = self.path.with_name(name)
                n = 1
                while _is_link(kept) or exists(kept):  # never over an older kept file
                    n += 1
                    kept = self.path.with_name(f"{name}-{n}")
                try:
                    os.replace(self.path, kept)
                except OSError as exc:
                    raise StorageError(
                        self.path, f"could not be set aside ({exc.strerror})", "check the folder"
                    ) from exc
            write_toml(self.path, self._tables(record), limit=RECORD_LIMIT)
            return kept
