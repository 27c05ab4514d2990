"""What `footcare status` and `footcare remind now` ask: how today stands over the folders,
in the forms they print (lines, JSON, the one short line), and whether a reminder is due.

Nothing is imported here until it is asked for: `status --short` keeps its light path
(services/status_short.py), and the full status reads what the gate reads
(services/status.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from footcare.domain.frozen import frozen

if TYPE_CHECKING:
    from footcare.folders import Paths
    from footcare.services.status import Status


@frozen
class Standing:
    """Today's status for one person, ready to print."""

    report: Status
    whose: str
    """Whose footcare this is (config.toml's name or the profile), or empty."""

    def lines(self) -> list[str]:
        from footcare.services.status import status_lines

        return status_lines(self.report, self.whose)

    def as_json(self) -> dict[str, Any]:
        return self.report.as_json()

    def short(self) -> str:
        from footcare.services.status import short_line

        return short_line(self.report)

    @property
    def reminder_due(self) -> bool:
        """A reminder has something to say: no session yet today, or a warning sign
        waiting for a professional's check."""
        return not self.report.session_today or bool(self.report.pending_signs)


def standing(paths: Paths) -> Standing:
    """Today's status as `footcare status` gives it: the gate's own verdict and the
    journal's counts, read from the folders as they are."""
    from footcare.services.build import read_footcare
    from footcare.services.status import status

    uses = read_footcare(paths)
    return Standing(status(uses), uses.settings.whose)


def short_standing(paths: Paths, flags: Mapping[str, str]) -> str:
    """`status --short`'s line, kept for the next prompt (`flags`: the folder flags given,
    which name the memo)."""
    from footcare.services.status_short import short_status

    return short_status(paths, flags)
