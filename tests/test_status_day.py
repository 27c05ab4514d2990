"""How today stands, as `footcare status` and the start screen say it, on a day a yes
holds and a warning sign waits for a check as well (the day's sessions:
test_start_today.py)."""

from __future__ import annotations

from pathlib import Path

from apphelpers import NOW, Clock, cleared_paths, services_for
from footcare.domain.journal import Entry
from footcare.services.status import status, status_lines
from footcare.services.today import today
from footcare.storage.config import DEFAULT_EMERGENCY


def test_a_held_day_keeps_the_call_for_a_sign_that_needs_help_at_once(tmp_path: Path) -> None:
    """A yes today and then chest pain noted: what to do about the sign is still said."""
    paths = cleared_paths(tmp_path)
    uses = services_for(paths, Clock())
    try:
        uses.gate.answer_block("wound", True)
        uses.journal_use.save(Entry(id="c", at=NOW, findings={"chest": "yes"}))
        lines = status_lines(status(uses))
        start = " ".join(today(uses).lines())
    finally:
        uses.close()
    text = "\n".join(lines)
    assert 'you answered yes to "Wound, sore or blister"' in text
    assert f"call {DEFAULT_EMERGENCY} now" in text, text
    assert f"call {DEFAULT_EMERGENCY} now" in start  # as the start screen says it
