"""A SQLite index of the journal, kept in the cache folder: fast to ask, never the truth.

The TOML month files stay what a person reads, backs up and edits. The index keeps, per
month file, its stamp (name, mtime_ns, size, inode, ctime_ns) and that month's entries;
afterwards every query answers exactly what ``JournalStore.load`` would: the same entries
in the same order, the same problems. Its parts:

- ``schema``: the SQLite file, its layout, and its recovery when spoiled;
- ``rows``: an entry as a row, with its checksum;
- ``sync``: keeping up with the month files (and the runs of session days);
- ``queries``: the questions it answers (``Index``).

Any SQLite or file error raises ``IndexUnavailable``. Nothing above storage sees it:
``storage.repository.JournalRepository`` answers from the month files then. Deleting the
index costs one slower start, nothing else.
"""

from footcare.storage.index.queries import Index, open_index
from footcare.storage.index.schema import KEEP_INDEXES, SCHEMA_VERSION, IndexUnavailable
from footcare.storage.journal import RACY_NS

__all__ = ["KEEP_INDEXES", "RACY_NS", "SCHEMA_VERSION", "Index", "IndexUnavailable", "open_index"]
