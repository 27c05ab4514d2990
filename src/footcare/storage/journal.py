"""The journal on disk: one TOML file per month, so a new entry never rewrites old years."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from footcare.domain.journal import Entry, entry_from_dict, entry_to_dict
from footcare.domain.problems import Collector, ValidationError
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir, locked, write_toml
from footcare.storage.locate import locate
from footcare.storage.paths import Paths
from footcare.storage.read import (
    MONTH_LIMIT,
    Document,
    exists,
    list_folder,
    read_document,
    validation_error,
)

MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})\.toml$")
RACY_NS = 2_000_000_000
"""A file changed this recently (ns) may change again within the same timestamp tick, so its
stamp proves nothing yet."""
Stamp = tuple[int, int, int, int]
"""What a month file's stat says: mtime_ns, size, inode, ctime_ns (plain tuples: a thousand
of them are made and compared at every look); UNSEEN when it can't be stat'ed."""
UNSEEN: Stamp = (-1, -1, -1, -1)
MonthStamps = dict[str, Stamp]
"""Each month file's stamp, by name."""


def month_stamps(folder: Path, since_month: str = "") -> MonthStamps:
    """The stamp of every month file (from ``since_month`` on), by name: one listing and
    one stat per file, by its name within the open folder (no path walked again for each).
    A folder that is not there holds no months; one that can't be listed raises OSError."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError):
        return {}
    stamps: MonthStamps = {}
    try:
        for name in os.listdir(fd):
            if name[:7] < since_month or not MONTH_FILE.match(name):
                continue
            try:
                st = os.stat(name, dir_fd=fd)
            except FileNotFoundError:
                continue  # gone since the listing: read as empty
            except OSError:
                stamps[name] = UNSEEN  # read it; the reader words why not
                continue
            stamps[name] = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_ctime_ns)
    finally:
        os.close(fd)
    return stamps


def racy(stamp: Stamp, racy_from: int) -> bool:
    """Whether a file with this stamp may have changed since without its stamp changing
    (changed at or after ``racy_from``, ns, or not stat'ed at all)."""
    return stamp[0] == UNSEEN[0] or stamp[0] >= racy_from or stamp[3] >= racy_from


def file_clock(folder: str | os.PathLike[str]) -> int:
    """Now, in ns, on the clock file times are compared with: the earlier of the process's
    clock and the time the file system holding ``folder`` gives a file made at this moment
    (a nameless file, so the folder is not changed). The file system's clock may run behind
    the process's (a faked clock, a network share's server): with the process's alone, a
    file written a moment ago would count as settled. Where no such file can be made (not
    Linux, a read-only or missing folder), the process's clock."""
    import time

    now = time.time_ns()
    try:
        fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    except (AttributeError, OSError):
        return now
    try:
        return min(now, os.fstat(fd).st_mtime_ns)
    finally:
        os.close(fd)


def settled(stamps: MonthStamps, now: int) -> bool:
    """Whether these stamps prove what the files hold: none changed within RACY_NS of
    ``now`` (ns, from ``file_clock``)."""
    racy_from = now - RACY_NS
    return not any(racy(stamp, racy_from) for stamp in stamps.values())


FIX_MONTH = "fix it in a text editor or put back a copy from your backup; the other months are read"


def month_entries(doc: Document) -> list[Entry]:
    """The entries of a parsed month file; every problem a StorageError with its line."""
    c = Collector()
    c.unknown_keys(doc.data, ("entries",))
    if c.problems:
        raise validation_error(doc, c.problems, FIX_MONTH)
    raw = doc.data.get("entries", [])
    if not isinstance(raw, list):
        raise StorageError(doc.path, "'entries' must be a list of [[entries]] tables", FIX_MONTH)
    out = []
    for i, item in enumerate(raw):
        try:
            out.append(entry_from_dict(item, f"entries[{i}]"))
        except ValidationError as exc:
            raise validation_error(doc, exc.problems, FIX_MONTH) from exc
        except (AttributeError, TypeError, ValueError, OverflowError) as exc:
            raise StorageError(doc.path, str(exc), FIX_MONTH, key=f"entries[{i}]") from exc
    month = doc.path.stem
    if MONTH_FILE.match(doc.path.name):
        for i, entry in enumerate(out):
            if entry.month_key != month:
                raise StorageError(
                    doc.path,
                    f"entries[{i}] is dated {entry.at:%Y-%m-%d}, which belongs in "
                    f"{entry.month_key}.toml, not in this month's file",
                    f"move that entry into {entry.month_key}.toml, or correct its date",
                    line=locate(doc.text, f"entries[{i}].at") if doc.text else None,
                    key=f"entries[{i}].at",
                )
    return out


def storable(path: Path, entry: Entry) -> dict[str, Any]:
    """The table for an entry, once it is sure to read back as the same entry."""
    table = entry_to_dict(entry)
    expected = entry.with_changes(at=entry.at.replace(microsecond=0))
    try:
        again = entry_from_dict(table)
    except ValidationError as exc:
        problems = "; ".join(p.render() for p in exc.problems[:5])
        raise StorageError(
            path, f"entry {entry.id} was not saved: {problems}", "correct it and save again"
        ) from exc
    if again != expected:
        raise StorageError(
            path,
            f"entry {entry.id} was not saved: it would not read back as it is",
            "correct it and save again",
        )
    return table


def new_id(at: datetime) -> str:
    import secrets  # only writers need it

    return f"{at:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"


class EntryChanged(StorageError):
    """The entry in its month file is not the one a change was made from: changed or
    deleted elsewhere (by hand, by another footcare) since it was read, or gone. Nothing
    was written; ``now`` is the entry as it is now (None: not there)."""

    def __init__(self, path: Path, entry_id: str, now: Entry | None) -> None:
        if now is None:
            super().__init__(path, f"entry {entry_id} is not there", "reload the journal")
        else:
            super().__init__(
                path,
                f"entry {entry_id} was changed elsewhere since it was read",
                "read it again, then change it",
            )
        self.now = now


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
        """The month files, oldest first; [] before the first entry. A journal folder that
        can't be opened is a StorageError."""
        return [p for p in list_folder(self.folder) if MONTH_FILE.match(p.name)]

    def has_months(self) -> bool:
        """Whether there may be a month file: False only for a folder that holds none or is
        not there (one that can't be listed may hold some; the reader says why not)."""
        try:
            with os.scandir(self.folder) as listing:
                return any(MONTH_FILE.match(e.name) for e in listing)
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError:
            return True

    def stamp(self, since_month: str) -> MonthStamps:
        """The stamps of the month files from ``since_month`` on: they change whenever
        anyone writes one, so readers can skip re-reading what they have (unless
        ``settled`` says they may not have yet); {} when the folder can't be listed."""
        try:
            return month_stamps(self.folder, since_month)
        except OSError:
            return {}

    def _read_month(self, path: Path) -> list[Entry]:
        if not exists(path):
            return []
        doc = read_document(path, MONTH_LIMIT)
        return month_entries(doc)

    def load(self, since_month: str | None = None, until_month: str | None = None) -> Loaded:
        """Every entry from every readable month file (from ``since_month`` to
        ``until_month``, both included, when given); broken files are listed, not fatal."""
        result = Loaded()
        try:
            month_files = self.month_files()
        except StorageError as exc:
            result.problems.append(str(exc))
            return result
        for path in month_files:
            if (since_month and path.stem < since_month) or (
                until_month and path.stem > until_month
            ):
                continue
            try:
                result.entries.extend(self._read_month(path))
            except StorageError as exc:
                result.problems.append(str(exc))
        result.entries.sort(key=lambda e: e.at)
        return result

    def _write_month(self, path: Path, entries: list[Entry]) -> None:
        """Write a month, but only entries that read back as they are: each goes through
        the reader's own validation first, and the whole file through the reader."""
        entries = sorted(entries, key=lambda e: e.at)
        tables = [storable(path, e) for e in entries]
        write_toml(
            path,
            {"entries": tables},
            limit=MONTH_LIMIT,
            check=lambda data: month_entries(Document(path, data, "")),
        )

    def add(self, entry: Entry) -> None:
        ensure_dir(self.folder)
        path = self.month_path(entry.month_key)
        with locked(self.paths.lock):
            entries = self._read_month(path)
            if any(e.id == entry.id for e in entries):
                return
            entries.append(entry)
            self._write_month(path, entries)

    def put(self, entry: Entry, overwrite: bool = True) -> bool:
        """Add the entry whether or not it is there yet: one with its id is written over
        (its deleted mark kept) if ``overwrite``, or else only if it has no after ratings
        or note while this one has (what a session left to be written). Whether anything
        was written."""
        ensure_dir(self.folder)
        path = self.month_path(entry.month_key)
        with locked(self.paths.lock):
            entries = self._read_month(path)
            there = next((e for e in entries if e.id == entry.id), None)
            if there is None:
                self._write_month(path, [*entries, entry])
                return True
            fills = (there.after.empty and not there.note) and (
                not entry.after.empty or bool(entry.note)
            )
            if not (overwrite or fills):
                return False
            entry = entry.with_changes(deleted=there.deleted)
            if entry == there:
                return False
            self._write_month(path, [entry if e.id == entry.id else e for e in entries])
            return True

    def stored(self, entry: Entry) -> Entry | None:
        """The entry with this one's id as its month file holds it now (None: not there)."""
        entries = self._read_month(self.month_path(entry.month_key))
        return next((e for e in entries if e.id == entry.id), None)

    def replace(self, entry: Entry, expected: Entry | None = None) -> None:
        """Save an edited entry (same id, same month). With ``expected`` (the entry as it
        was read before the change), only while the month file still holds exactly that:
        otherwise EntryChanged, and nothing is written. Checked and written under the lock,
        so an edit by hand or by another footcare in between is never written over."""
        path = self.month_path(entry.month_key)
        with locked(self.paths.lock):
            entries = self._read_month(path)
            there = next((e for e in entries if e.id == entry.id), None)
            if there is None or (expected is not None and there != expected):
                raise EntryChanged(path, entry.id, there)
            self._write_month(path, [entry if e.id == entry.id else e for e in entries])

    def set_deleted(self, entry: Entry, deleted: bool) -> Entry:
        """Delete or restore ``entry`` as it was read (EntryChanged if it changed since)."""
        changed = entry.with_changes(deleted=deleted)
        self.replace(changed, expected=entry)
        return changed
