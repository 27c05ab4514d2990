"""One journal entry as a row of the index, each row with its own checksum."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from footcare.domain.journal import Entry, entry_from_dict, entry_to_dict
from footcare.domain.problems import ValidationError

NOT_AN_ENTRY = (ValidationError, ValueError, KeyError, TypeError, AttributeError)
"""What decoding a tampered row can raise."""


def _iso(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def encode(entry: Entry) -> str:
    """The whole entry as JSON (entry_to_dict, dates as ISO strings)."""
    return json.dumps(entry_to_dict(entry), default=_iso, ensure_ascii=False)


def decode(data: str, at: str) -> Entry:
    """An entry from its JSON and its exact time (entry_to_dict drops microseconds).

    The index is a file like any other: what it holds is validated again on the way out."""
    raw: Any = json.loads(data)
    if not isinstance(raw, dict):
        raise ValueError("an entry is not a table")
    raw["at"] = at
    follow = raw.get("next_follow_up")
    if isinstance(follow, str):
        raw["next_follow_up"] = date.fromisoformat(follow)
    return entry_from_dict(raw)


def _row(month: str, seq: int, entry: Entry) -> tuple[object, ...]:
    row = (
        month,
        seq,
        entry.id,
        entry.at.isoformat(timespec="microseconds"),
        entry.day.toordinal(),
        int(entry.session is not None),
        int(entry.deleted),
        int(bool(entry.findings)),
        entry.weekly_change,
        encode(entry),
    )
    return (*row, _checksum(row))


def _checksum(row: Sequence[object]) -> bytes:
    """SQLite keeps no checksum of its pages: each row carries its own, so a spoiled row is
    never returned as an entry."""
    return hashlib.blake2b(repr(tuple(row)).encode(), digest_size=8).digest()


def _entry(row: Sequence[Any]) -> Entry:
    """The entry of a full row (every column, in order), checked against its checksum."""
    *values, checksum = row
    if _checksum(values) != checksum:
        raise ValueError("a row of the index does not match its checksum")
    return decode(values[9], values[3])
