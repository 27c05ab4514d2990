"""The journal at 80×24, read from the screen as a person would: whatever a foot check
noted, and whatever blocked a day, its words are on screen whole; Enter opens every row,
a blocked day's too; and a warning notice says the entry was saved, with no notice
covering it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, cleared_paths, make_app, pressed
from footcare.domain.history import blocked_day_lines, blocked_items, blocked_words, table_row
from footcare.domain.journal import FINDINGS, SIDED_FINDINGS, Entry, Ratings, SessionFacts
from footcare.domain.plain_words import SAVED
from footcare.domain.safety import BlockAnswer
from footcare.domain.screening import DAY_ITEMS, Tier, all_items
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.screens.flag_notice import FlagNotice
from footcare.ui.screens.journal import JournalScreen
from rendered import screen_words, toast_words
from screentext import shows

BLOCKS = [i.id for i in all_items(held=DAY_ITEMS) if i.tier is Tier.BLOCK]
SIDES = ("left", "right", "both")
finding = st.sampled_from(sorted(FINDINGS)).flatmap(
    lambda key: st.tuples(
        st.just(key), st.sampled_from(SIDES) if key in SIDED_FINDINGS else st.just("yes")
    )
)


def journal(paths: Paths, findings: dict[str, str], blocked: list[str]) -> Entry:
    """Yesterday's session with these findings, and today blocked by these answers."""
    entry = Entry(
        "s1",
        NOW - timedelta(days=1),
        before=Ratings(pain=10),
        after=Ratings(pain=10),
        session=SessionFacts("standard", ("left", "right"), 12.5),
        findings=findings,
    )
    JournalStore(paths).add(entry)
    SafetyStore(paths).append([BlockAnswer(i, NOW.date(), True, NOW) for i in blocked])
    return entry


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    findings=st.lists(finding, max_size=4).map(dict),
    blocked=st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=3, unique=True),
)
async def test_at_80x24_every_row_says_all_it_holds(
    tmp_path_factory: pytest.TempPathFactory, findings: dict[str, str], blocked: list[str]
) -> None:
    paths = cleared_paths(tmp_path_factory.mktemp("fits"))
    entry = journal(paths, findings, blocked)
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = screen_words(app)
        assert "…" not in shown
        assert shows(table_row(entry)[-1], shown)
        assert shows(blocked_words(blocked), shown)
    app.services.close()


@given(ids=st.lists(st.sampled_from([*BLOCKS, "knees:knee"]), min_size=1, unique=True))
def test_a_blocked_day_says_a_question_was_answered_yes_and_no_empty_advice(
    ids: list[str],
) -> None:
    lines = dict(blocked_day_lines(NOW.date(), ids))
    assert lines["Session"] == "no massage: a safety question was answered yes"
    assert ("What to do" in lines) is any(i.advice for i in blocked_items(ids))
    assert all(body.strip() for body in lines.values())


async def test_enter_opens_every_kind_of_row_and_esc_comes_back(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    journal(paths, {"wound": "left"}, ["after-stop", "wound"])
    JournalStore(paths).add(Entry("p1", NOW - timedelta(days=2), note="ankles puffy"))
    opened = {
        "Tuesday 24 November 2026": "Answered yes",  # the blocked day
        "Monday 23 November 2026": "new wound, blister or cut",  # the session
        "Sunday 22 November 2026": "ankles puffy",  # an entry on its own
    }
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "j")
        await app.workers.wait_for_complete()
        for row, (day, what) in enumerate(opened.items()):
            app.screen.query_one("DataTable").move_cursor(row=row)  # type: ignore[attr-defined]
            await pressed(pilot, "enter")
            assert not isinstance(app.screen, JournalScreen)
            text = screen_words(app)
            assert day in text and what in text
            await pressed(pilot, "escape")
            assert isinstance(app.screen, JournalScreen)
    app.services.close()


async def test_the_warning_notice_says_saved_and_nothing_covers_it(tmp_path: Path) -> None:
    app = make_app(cleared_paths(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pressed(pilot, "j", "n", *["tab"] * 6, "l", "f2")  # a new wound, left foot
        assert isinstance(app.screen, FlagNotice)
        await pilot.pause()
        assert toast_words(app) == []
        text = screen_words(app)
        assert SAVED in text and "new wound, blister or cut (left foot)" in text
        await pressed(pilot, "enter")
        await pressed(pilot, "n", "4", "f2")  # nothing noted: a toast says it
        for _ in range(100):  # drawn within five seconds
            if any(SAVED in words for words in toast_words(app)):
                break
            await pilot.pause(0.05)
        assert any(SAVED in words for words in toast_words(app))
    app.services.close()
