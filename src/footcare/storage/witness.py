"""The witness of the safety record: what footcare last saw of it, kept outside the file.

The record's seals show an event changed or removed before the last one; they can't show
the last events cut off (with ``count`` fixed), an older copy put back, or another
folder's record copied in. The witness can: it holds how many events the record had, the
seal of the last one, whose record it is and its warning signs, written beside the journal
(``.safety-witness`` in the data folder) and beside the index in the cache folder at every
change of the record. A record shorter than a witness, or without its last seal where the
witness saw it, is not the record footcare last wrote: the gate stays shut. The signs it
holds stay in force even when the record itself can't be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from footcare.domain.frozen import frozen
from footcare.domain.safety import SafetyRecord, event_fields, signs_in
from footcare.domain.signs import WarningSign
from footcare.storage.errors import StorageError
from footcare.storage.files import read_toml, write_toml
from footcare.storage.paths import Paths

WITNESS_LIMIT = 4 * 1024 * 1024
NAME = ".safety-witness"


@frozen
class Witness:
    where: Path
    count: int
    seal: str
    signs: tuple[WarningSign, ...] = ()

    def doubts(self, record: SafetyRecord) -> str:
        """Why ``record`` is not (a later state of) the one witnessed; "" when it is."""
        if len(record.events) < self.count:
            return (
                f"holds {len(record.events)} events, but footcare last saw {self.count} in it "
                f"(noted in {self.where}): it is an older or cut copy"
            )
        if self.count and record.seals[self.count - 1] != self.seal:
            return (
                f"is not the record footcare last saw here (noted in {self.where}): "
                "an older copy, or another folder's or profile's"
            )
        return ""


def places(paths: Paths) -> tuple[Path, ...]:
    """Where the witness is kept: beside the journal, and beside the index."""
    try:
        index = paths.index
    except OSError:
        return (paths.data / NAME,)
    return (paths.data / NAME, index.with_name(f"{index.stem}.witness"))


def read(paths: Paths) -> list[Witness]:
    """Every witness that can be read (one that can't is passed over: deleting or breaking
    the witnesses too is hand-editing every copy, which footcare can't stop)."""
    out: list[Witness] = []
    for place in places(paths):
        try:
            if not place.is_file():
                continue
            data = read_toml(place, limit=WITNESS_LIMIT)
        except (OSError, StorageError):
            continue
        count, seal = data.get("count"), data.get("seal")
        if not isinstance(count, int) or isinstance(count, bool) or not isinstance(seal, str):
            continue
        out.append(Witness(place, max(count, 0), seal, tuple(signs_in(data.get("signs")))))
    return out


def _tables(record: SafetyRecord, profile: str) -> dict[str, Any]:
    return {
        "note": "what footcare last saw of safety.toml: leave this file alone",
        "profile": profile,
        "count": len(record.events),
        "seal": record.last_seal(),
        "signs": [event_fields(s) for s in record.signs],
    }


def write(paths: Paths, record: SafetyRecord, *, strict: bool = False) -> None:
    """Note ``record`` as the one last seen, in every place. A witness a step behind is
    harmless (the record only grows), so a failed write is passed over, unless ``strict``
    (a new record replaces the old): then a place that can't be written is emptied, or the
    StorageError is raised before anything else changes."""
    tables = _tables(record, paths.profile)
    for place in places(paths):
        try:
            write_toml(place, tables, limit=WITNESS_LIMIT)
        except StorageError as exc:
            if not strict:
                continue
            try:
                place.unlink(missing_ok=True)
            except OSError:
                raise exc from None
