"""The journal read for the command line, and the printable reports made from it.

The same report the journal screen writes (``services.report.write_all``): the record, the
owner and their problems from ``storage.report_context``, the pages from the domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from footcare.domain.journal import Entry
from footcare.folders import Paths


@dataclass(frozen=True)
class JournalRead:
    entries: list[Entry]
    """Every entry read, deleted ones too (a report keeps their warning signs)."""
    problems: list[str]
    """Month files that could not be read (and were skipped)."""


def read_journal(paths: Paths, since_month: str | None = None) -> JournalRead:
    """The journal from ``since_month`` (``YYYY-MM``) on, or all of it; a StorageError if
    the data folder can't be read at all."""
    from footcare.storage.files import check_readable_folder
    from footcare.storage.repository import JournalRepository

    check_readable_folder(paths.data)
    journal = JournalRepository.at(paths)
    try:
        loaded = journal.read(since_month)
    finally:
        journal.close()
    return JournalRead(list(loaded.entries), list(loaded.problems))


@dataclass(frozen=True)
class Report:
    text: str
    warnings: tuple[str, ...]
    """Problems with config.toml's name or date of birth (left out of the report)."""


def report(
    paths: Paths, entries: Sequence[Entry], today: date, since: date | None, markdown: bool
) -> Report:
    """The Markdown or the printable HTML report of ``entries`` from ``since`` (the last 90
    days when None), with the safety record and the owner."""
    from footcare.domain.export import to_markdown
    from footcare.domain.report.facts import report_start
    from footcare.domain.report.page import to_html
    from footcare.storage.report_context import report_context

    context = report_context(paths, today)
    make = to_markdown if markdown else to_html
    text = make(
        list(entries),
        today,
        since if since is not None else report_start(today),
        record=context.record,
        owner=context.owner,
        record_problems=context.record_problems,
    )
    return Report(text, tuple(context.warnings))
