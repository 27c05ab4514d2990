"""What `footcare journal` asks: the journal use-case over the folders, let go (the index
closed) when the command is done, and a new entry with its id."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from footcare.domain.journal import Entry

if TYPE_CHECKING:
    from footcare.folders import Paths
    from footcare.services.journal_use import JournalUse

__all__ = ["JournalUse", "journal_at", "new_entry"]


@contextmanager
def journal_at(paths: Paths) -> Iterator[JournalUse]:
    """The journal as it is in the folders (nothing made or tidied first): reading,
    adding one entry, deleting or restoring one."""
    from footcare.services.build import read_footcare

    uses = read_footcare(paths)
    try:
        yield uses.journal_use
    finally:
        uses.close()


def new_entry(at: datetime, **fields: Any) -> Entry:
    """An entry made at ``at``, with a new id; ``fields`` as `Entry` takes them."""
    from footcare.services.journal import new_id

    return Entry(id=new_id(at), at=at, **fields)
