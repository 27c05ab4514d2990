"""Write the clinician's reports and the full CSV into the reports folder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from footcare.domain.export import to_csv, to_markdown
from footcare.domain.frozen import frozen
from footcare.domain.journal import Entry
from footcare.domain.report.facts import REPORT_DAYS, report_start
from footcare.domain.report.page import to_html
from footcare.storage.files import write_text
from footcare.storage.paths import Paths
from footcare.storage.report_context import ReportContext, report_context

__all__ = ["HTML_DAYS", "REPORT_DAYS", "Report", "Written", "report", "write_all"]

HTML_DAYS = REPORT_DAYS
"""The HTML and the Markdown report cover the same days (the last 90); the CSV has every
entry."""


@frozen
class Written:
    html: Path
    markdown: Path
    csv: Path
    warnings: tuple[str, ...] = ()
    """Problems with config.toml's name or date of birth (left out of the reports)."""


def write_all(
    paths: Paths, entries: Sequence[Entry], today: date, unread: Sequence[str] = ()
) -> Written:
    """The printable HTML report, the Markdown report and the CSV; raises StorageError if
    the folder can't be written. ``entries`` may include deleted ones: a warning sign
    stays in the reports even when its entry was deleted. ``unread``: the journal files
    that could not be read, which the reports name."""
    context = report_context(paths, today)
    stamp = today.isoformat()
    html = paths.reports / f"footcare-report-{stamp}.html"
    markdown = paths.reports / f"footcare-report-{stamp}.md"
    table = paths.reports / f"footcare-journal-{stamp}.csv"
    write_text(markdown, _page(context, entries, today, None, True, unread))
    write_text(html, _page(context, entries, today, None, False, unread))
    write_text(table, to_csv(entries))
    return Written(html, markdown, table, context.warnings)


@frozen
class Report:
    text: str
    warnings: tuple[str, ...]
    """Problems with config.toml's name or date of birth (left out of the report)."""


def report(
    paths: Paths,
    entries: Sequence[Entry],
    today: date,
    since: date | None,
    markdown: bool,
    unread: Sequence[str] = (),
) -> Report:
    """The Markdown or the printable HTML report, as ``write_all`` writes it: of
    ``entries`` from ``since`` (the last 90 days when None), with the safety record."""
    context = report_context(paths, today)
    page = _page(context, entries, today, since, markdown, unread)
    return Report(page, tuple(context.warnings))


def _page(
    context: ReportContext,
    entries: Sequence[Entry],
    today: date,
    since: date | None,
    markdown: bool,
    unread: Sequence[str] = (),
) -> str:
    make = to_markdown if markdown else to_html
    return make(
        list(entries),
        today,
        since if since is not None else report_start(today),
        record=context.record,
        owner=context.owner,
        record_problems=context.record_problems,
        unread=unread,
    )
