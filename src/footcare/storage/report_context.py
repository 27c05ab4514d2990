"""What a report needs besides the journal: the safety record, and whose report it is.

``name`` and ``date_of_birth`` are read from config.toml here (both optional); a value that
can't be used is left out of the report with a warning naming the file and the key.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date

from footcare.domain.frozen import frozen
from footcare.domain.report.owner import Owner, owner_from_config, owner_name
from footcare.domain.safety import SafetyRecord
from footcare.storage.errors import StorageError
from footcare.storage.files import read_toml
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore


@frozen
class ReportContext:
    record: SafetyRecord = field(default_factory=SafetyRecord)
    owner: Owner = field(default_factory=Owner)
    record_problems: tuple[str, ...] = ()
    """Why the safety record could not be read (the report says so)."""
    warnings: tuple[str, ...] = ()
    """Problems with config.toml's name or date_of_birth (left out of the report)."""


def read_owner(paths: Paths, today: date) -> tuple[Owner, list[str]]:
    path = paths.config_file
    profile = Owner(owner_name("", paths.profile))  # whose feet, when config.toml can't say
    try:
        if not path.exists():
            return profile, []
        data = read_toml(path)
    except OSError as exc:  # a folder footcare may not look into
        return profile, [f"{path}: cannot be read ({exc.strerror}) (the report has no name)"]
    except StorageError as exc:
        return profile, [f"{exc} (the report is made without a name)"]
    owner, problems = owner_from_config(data, today, paths.profile)
    return owner, [f"{path}: {p} (left out of the report)" for p in problems]


def report_context(paths: Paths, today: date) -> ReportContext:
    facts = SafetyStore(paths).load()
    owner, warnings = read_owner(paths, today)
    return ReportContext(facts.record, owner, tuple(facts.unreadable), tuple(warnings))
