"""Write the clinician's reports and the full CSV into the reports folder."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from footcare.domain.export import to_csv, to_markdown
from footcare.domain.journal import Entry
from footcare.domain.report.facts import REPORT_DAYS, report_start
from footcare.domain.report.page import to_html
from footcare.storage.files import write_text
from footcare.storage.paths import Paths
from footcare.storage.report_context import report_context

__all__ = ["HTML_DAYS", "REPORT_DAYS", "Written", "write_all", "write_reports"]

HTML_DAYS = REPORT_DAYS
"""The HTML and the Markdown report cover the same days (the last 90); the CSV has every
entry."""


@dataclass(frozen=True)
class Written:
    html: Path
    markdown: Path
    csv: Path
    warnings: tuple[str, ...] = ()
    """Problems with config.toml's name or date of birth (left out of the reports)."""


def write_all(paths: Paths, entries: Sequence[Entry], today: date) -> Written:
    """The printable HTML report, the Markdown report and the CSV; raises StorageError if
    the folder can't be written. ``entries`` may include deleted ones: a warning sign
    stays in the reports even when its entry was deleted."""
    context = report_context(paths, today)
    record, owner, problems = context.record, context.owner, context.record_problems
    stamp = today.isoformat()
    html = paths.reports / f"footcare-report-{stamp}.html"
    markdown = paths.reports / f"footcare-report-{stamp}.md"
    table = paths.reports / f"footcare-journal-{stamp}.csv"
    since = report_start(today)
    text = to_markdown(entries, today, since, record=record, owner=owner, record_problems=problems)
    write_text(markdown, text)
    page = to_html(entries, today, since, record=record, owner=owner, record_problems=problems)
    write_text(html, page)
    write_text(table, to_csv(entries))
    return Written(html, markdown, table, context.warnings)


def write_reports(paths: Paths, entries: Sequence[Entry], today: date) -> tuple[Path, Path]:
    """(report.md, journal.csv), writing the printable report.html beside them too."""
    written = write_all(paths, entries, today)
    return written.markdown, written.csv
