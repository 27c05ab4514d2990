"""A warning sign is named alike wherever a person meets it, its foot in brackets after it.

Whatever the finding and its side, the notice after a save, `journal add`, the gate's and
the start screen's words (the sign's `what`), the entry view, `journal list`, the CSV and
both reports say "redness (left foot)", never "redness on the left foot" in one place and
"redness (left)" in another; a finding on no foot named is its name alone.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from apphelpers import NOW, pressed
from domainsupport import page_text
from footcare.domain.export import list_lines, to_csv, to_markdown
from footcare.domain.history import full_text_lines
from footcare.domain.journal import FINDINGS, SIDED_FINDINGS, Entry
from footcare.domain.redflags import entry_flags, entry_signs
from footcare.domain.report.page import to_html
from footcare.domain.safety import SafetyRecord
from footcare.services.build import read_footcare
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.widgets.choice import ChoiceRow
from rendered import lines, screen_words, words

WHERE = {"left": " (left foot)", "right": " (right foot)", "both": " (both feet)", "yes": ""}
"""The foot after a sided finding's name, written here by hand."""


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(SIDED_FINDINGS), side=st.sampled_from(sorted(WHERE)))
def test_every_client_names_a_sided_sign_with_its_foot_after_it(key: str, side: str) -> None:
    named = FINDINGS[key] + WHERE[side]
    entry = Entry(id="seen", at=NOW, findings={key: side})
    (sign,) = entry_signs(entry, NOW)
    assert sign.what == named  # the gate, the start screen, status, the safety questions
    assert [f.what for f in entry_flags(entry)] == [named]  # the notice, journal add, plain
    assert dict(full_text_lines(entry))["Foot check"] == named  # the entry view
    (line,) = list_lines([entry])  # journal list
    assert line.endswith(f"check: {named}"), line
    assert f",{named}," in to_csv([entry]) or f',"{named}",' in to_csv([entry])
    record = SafetyRecord().with_event(sign)
    day = NOW.date()
    markdown = " ".join(to_markdown([entry], day, day, record=record).split())
    assert f"| {day.isoformat()} | {named} | {sign.urgency.value} |" in markdown
    assert f"{day.isoformat()} {named} {sign.urgency.value}" in page_text(
        to_html([entry], day, day, record=record)
    )


async def test_a_new_mark_from_massage_reads_as_picked_with_its_foot(tmp_path: Path) -> None:
    """Picked in the entry form on the left foot, the notice after saving says so."""
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data")
    app = FootcareApp(read_footcare(paths, now=lambda: NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j", "n")
        assert isinstance(app.screen, EntryForm)
        app.screen.query_one("#finding-session_injury", ChoiceRow).focus()
        await pilot.wait_for_scheduled_animations()  # scrolled to it
        await pressed(pilot, "l")
        (row,) = [words([line]) for line in lines(app) if "New mark/burn from massage" in line]
        assert "(•) left" in row, row
        await pressed(pilot, "f2")
        assert isinstance(app.screen, FlagNotice)
        assert (
            "Noticed: a new mark, blister, burn or broken skin from massage (left foot)"
            in screen_words(app)
        )
