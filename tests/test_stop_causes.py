"""A stop is kept on the foot being massaged, and each stop cause has one name everywhere.

A stop for a new mark, blister or broken skin records its warning sign on the foot whose
step was running (on no foot named while getting ready, when either may be meant); sudden
swelling, a sign of the leg that may show in the other one, stays on no foot named, never
"both". The gate sees each exactly as the same sign recorded with no side. Whatever the
cause, the list it is picked from, the words at the stop, the entry view, `journal list`
and both reports name it in the same words.
"""

from __future__ import annotations

import re
import tempfile
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apphelpers import NOW, Clock, answer_today, cleared_paths, pressed, services_for
from footcare.domain.export import list_lines, to_markdown
from footcare.domain.history import full_text_lines
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.report.page import to_html
from footcare.domain.signs import urgency_of
from footcare.domain.stops import CHOOSABLE, StopCause
from footcare.domain.wording import CAUSE_NAMES, cause_label, ending_lines
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.widgets.choice import ChoiceRow
from ptyterm import two_steps
from rendered import lines, words

SIGN_OF = {
    StopCause.NEW_MARK: "session_injury",
    StopCause.SWELLING: "swelling",
    StopCause.CHEST: "chest",
}
"""The warning sign each stop records, written here by hand."""
IN_HAND = {StopCause.NEW_MARK}
"""The stops whose sign is on the foot being massaged (swelling and chest pain are on none)."""
FEET = [("left", "right"), ("right", "left"), ("left",), ("right",)]
PER_FOOT = 3
"""The routine of `two_steps`: getting ready, then two steps, on each foot."""


def page_text(page: str) -> str:
    """The HTML report's words, tags dropped, on one line (a label's colon after it)."""
    body = page.split("<body>", 1)[-1]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split()).replace(" :", ":")


@settings(max_examples=40, deadline=None)
@given(
    cause=st.sampled_from(CHOOSABLE),
    feet=st.sampled_from(FEET),
    moves=st.integers(0, 2 * PER_FOOT - 1),
)
def test_a_stop_keeps_a_new_mark_on_the_foot_being_massaged(
    cause: StopCause, feet: tuple[str, ...], moves: int
) -> None:
    moves %= PER_FOOT * len(feet)
    foot = feet[moves // PER_FOOT] if moves % PER_FOOT else None  # None: getting ready
    with tempfile.TemporaryDirectory() as tmp:
        paths = cleared_paths(Path(tmp))
        listed = ", ".join(f'"{one}"' for one in feet)
        routine = two_steps().replace('feet = ["left", "right"]', f"feet = [{listed}]")
        (paths.config / "routines" / "quick.toml").write_text(routine, encoding="utf-8")
        clock = Clock()
        services = services_for(paths, clock)
        answer_today(services)
        quick = services.settings.routine("quick")
        assert quick is not None and quick.feet == feet
        runner = services.sessions.start(quick, Ratings(pain=4))
        for _ in range(moves):
            clock.advance(1)
            runner.next()
        assert runner.session.index == moves
        runner.stop(cause)

        (entry,) = JournalStore(paths).load().entries
        sign = SIGN_OF.get(cause)
        side = foot if foot and cause in IN_HAND else "yes"
        assert entry.findings == ({sign: side} if sign else {})
        # the gate sees the sign as it saw it with no side: same urgency, same block
        record = SafetyStore(paths).load().record
        assert [(s.finding, s.side) for s in record.signs] == list(entry.findings.items())
        for s in record.signs:
            assert s.urgency is urgency_of(s.finding, "yes") and s.blocks_sessions
        clock.advance(60)
        again = services_for(paths, clock)
        answer_today(again)
        assert again.gate.verdict(quick).may_start is (sign is None)
        # the report's feet: on that foot, and on no other
        words = page_text(to_html([entry], NOW.date(), record=record))
        if sign is None:
            return
        for one in ("left", "right"):
            named = f"{one.capitalize()} foot: no warning sign." not in words
            assert named is (side == one), (one, words)
        assert ("Not tied to a foot:" in words) is (side == "yes")


@settings(max_examples=60, deadline=None)
@given(
    cause=st.sampled_from(list(StopCause)),
    said=st.sampled_from(["", "the arch cramped"]),
    hours=st.integers(0, 23),
)
def test_every_client_names_a_stop_cause_in_its_one_name(
    cause: StopCause, said: str, hours: int
) -> None:
    name = CAUSE_NAMES[cause]
    inside = name if name.startswith("I ") else name[0].lower() + name[1:]
    entry = Entry(
        id="stopped",
        at=NOW.replace(hour=0) + timedelta(hours=hours),
        session=SessionFacts(
            "short", ("left",), 1.1, stopped_early=True, stop_reason=said, stop_cause=cause.value
        ),
    )
    day = entry.day
    if cause in CHOOSABLE:  # the app's list and the plain menu
        assert cause_label(cause).startswith(name)
    # at the stop: the app's end screen, --plain and speech all say these lines
    assert ending_lines(cause, "112")[0].startswith(f"Session stopped: {inside}.")
    with_said = f"{inside} ({said})" if said else inside
    session = dict(full_text_lines(entry))["Session"]  # the app's entry view
    assert f"stopped early: {with_said}" in session, session
    (line,) = list_lines([entry])  # footcare journal list
    assert line.endswith(f"stopped early: {with_said}"), line
    for client, text in (
        ("Markdown", " ".join(to_markdown([entry], day, day).replace("**", "").split())),
        ("HTML", page_text(to_html([entry], day, day))),
    ):
        assert f"Sessions stopped early: 1 ({inside} 1)" in text, (client, text)
        if said:  # the reports list a stop's words, under its cause
            assert f"stopped early ({inside}): {said}" in text, (client, text)


@pytest.mark.parametrize("side", ["right", "yes"], ids=["on a foot", "no foot named"])
async def test_editing_a_stopped_entry_shows_its_sign_as_recorded(
    tmp_path: Path, side: str
) -> None:
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data")
    facts = SessionFacts("short", ("left", "right"), 1.1, True, stop_cause="new-mark")
    JournalStore(paths).add(
        Entry(id="stopped", at=NOW, session=facts, findings={"session_injury": side})
    )
    app = FootcareApp(read_footcare(paths, now=lambda: NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j", "e")
        assert isinstance(app.screen, EntryForm)
        app.screen.query_one("#finding-session_injury", ChoiceRow).focus()
        await pilot.wait_for_scheduled_animations()  # scrolled to it
        (row,) = [words([line]) for line in lines(app) if "New mark/burn from massage" in line]
        assert f"(•) {side}" in row, row
        # what a "yes" on a sided sign means is said beside the keys of its line
        assert ("yes: foot not named" in words(lines(app))) is (side == "yes")
        await pressed(pilot, "s")  # saved untouched: the sign is kept as it was
    (entry,) = JournalStore(paths).load().entries
    assert entry.findings == {"session_injury": side}
