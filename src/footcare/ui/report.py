"""Write the clinician's one-page report and the full CSV into the reports folder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from footcare.domain.export import to_csv, to_markdown
from footcare.domain.journal import Entry
from footcare.storage.files import write_text
from footcare.storage.paths import Paths

REPORT_DAYS = 30
"""The report covers the last 30 days; the CSV has every entry."""


def write_reports(paths: Paths, entries: Sequence[Entry], today: date) -> tuple[Path, Path]:
    """(report.md, journal.csv); raises StorageError if the folder can't be written."""
    since = today - timedelta(days=REPORT_DAYS - 1)
    report = paths.reports / f"footcare-report-{today.isoformat()}.md"
    table = paths.reports / f"footcare-journal-{today.isoformat()}.csv"
    write_text(report, to_markdown(entries, today, since))
    write_text(table, to_csv(entries))
    return report, table
