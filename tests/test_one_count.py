"""What is still to do before a session is counted once and said alike by every client: for
any safety record (go-aheads given, missing, lapsed or "does not apply"; a warning sign
waiting or cleared; a yes today), the start screen and the safety questions read from the
app's screen at 80×24, the plain session and `footcare status` give the same number, the
plain session and `status` list the same things, and nothing is named twice. A yes today
holds the day: then every one says so in the same words, and none counts."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, make_app, make_paths, pressed
from footcare.domain.journal import Entry
from footcare.domain.safety import BlockAnswer
from footcare.domain.screening import Clearance, Tier, all_items
from footcare.services.build import read_footcare
from footcare.services.status import short_line, status, status_lines
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from plainscript import run_plain
from rendered import normal, screen_words

GO_AHEADS = [i.id for i in all_items() if i.tier is Tier.CLEARANCE]
BLOCKS = [i.id for i in all_items() if i.tier is Tier.BLOCK]
# how a go-ahead stands: (applies, days before NOW it was given)
GIVEN = {"given": (True, 30), "lapsed": (True, 400), "does not apply": (False, 30)}
SIGN_DAYS, CHECK_DAYS = 5, 3
COUNT = re.compile(r"(\d+) to do")


def record(paths: Paths, go_aheads: dict[str, str], sign: str, yes_today: str | None) -> None:
    """The safety record and journal drawn: each go-ahead as ``GIVEN`` says (or none), a
    wound noted ``SIGN_DAYS`` ago waiting or checked since, a yes to ``yes_today``."""
    events: list[Clearance | BlockAnswer] = []
    for item_id, how in go_aheads.items():
        if how in GIVEN:
            applies, days = GIVEN[how]
            on = NOW - timedelta(days=days)
            events.append(Clearance(item_id, applies, on.date(), on))
    if sign != "none":
        noted = NOW - timedelta(days=SIGN_DAYS)
        JournalStore(paths).add(Entry("w1", noted, findings={"wound": "left"}))
    if sign == "checked":
        checked = NOW - timedelta(days=CHECK_DAYS)
        events.append(Clearance("discussed", True, checked.date(), checked))
    if yes_today is not None:
        events.append(BlockAnswer(yes_today, NOW.date(), True, NOW - timedelta(hours=1)))
    if events:
        SafetyStore(paths).append(events)


def listed(lines: list[str], heading: int, bullet: str) -> list[str]:
    """The names of the things listed under ``lines[heading]``, one a line."""
    names = []
    for line in lines[heading + 1 :]:
        if not line.startswith(bullet):
            break
        names.append(line.removeprefix(bullet).partition(":")[0])
    return names


def held_words(yes_today: str | None) -> str | None:
    """What every client says for a yes today, in place of a count (None: no yes)."""
    label = next((i.label for i in all_items() if i.id == yes_today), None)
    return None if label is None else f'No massage today: you answered yes to "{label}".'


Said = tuple[int, list[str]] | str
"""A client's count and the names it lists; or, on a day a yes holds, the words it says."""


def status_says(paths: Paths) -> Said:
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        report = status(uses)
    finally:
        uses.close()
    lines, given, short = status_lines(report), report.as_json(), short_line(report)
    why = [r["item"] for r in given["reasons"]]
    assert len(set(why)) == len(why), f"named twice in status --json: {why}"
    first = lines[0]
    if given["no_massage_today"] is not None:
        assert first == given["no_massage_today"] and given["to_do"] == [], given
        assert first[0].lower() + first[1:-1] in short, short
        assert not any(COUNT.search(line) for line in [*lines, short]), lines
        return first
    found = COUNT.search(first)
    assert found and first.endswith("to do:"), lines
    names = listed(lines, 0, "  - ")
    assert given["to_do"] == names
    return int(found[1]), names


def plain_says(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> Said:
    """The plain session given no answer: its count and list, or what it says for a yes."""
    lines = run_plain(paths, monkeypatch, []).text.splitlines()
    heading = next((n for n, line in enumerate(lines) if "can't begin yet" in line), None)
    if heading is None:
        assert not any(COUNT.search(line) for line in lines), lines
        return next(line for line in lines if line.startswith("No massage today"))
    found = COUNT.search(lines[heading])
    assert found, lines[heading]
    return int(found[1]), listed(lines, heading, "- ")


async def app_says(paths: Paths, held: str | None) -> tuple[int, int] | str:
    """The count on the start screen, then under the safety questions, read from the
    screen; or, for a yes today, the words both say (and no count)."""
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        start = screen_words(app)
        await pressed(pilot, "c")
        shown = screen_words(app)
    if held is not None:
        for screen in (start, shown):
            assert normal(held) in screen and not COUNT.search(screen), screen
        return held
    counted = re.search(r"(\d+) to do in the safety questions \(c\)", start)
    questions = re.search(r"Begin is not possible yet — (\d+) to do", shown)
    assert counted and questions, shown
    return int(counted[1]), int(questions[1])


NEW_USER_WITH_A_SIGN = {i: "none" for i in GO_AHEADS}


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    go_aheads=st.fixed_dictionaries({i: st.sampled_from(["none", *GIVEN]) for i in GO_AHEADS}),
    sign=st.sampled_from(["none", "waiting", "checked"]),
    yes_today=st.none() | st.sampled_from(BLOCKS),
)
@example(go_aheads=NEW_USER_WITH_A_SIGN, sign="waiting", yes_today=None)
@example(go_aheads={i: "given" for i in GO_AHEADS}, sign="none", yes_today=None)
@example(go_aheads=NEW_USER_WITH_A_SIGN, sign="waiting", yes_today="wound")
def test_every_client_counts_and_names_what_is_still_to_do_alike(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    go_aheads: dict[str, str],
    sign: str,
    yes_today: str | None,
) -> None:
    paths = make_paths(tmp_path_factory.mktemp("count"))
    record(paths, go_aheads, sign, yes_today)
    held = held_words(yes_today)
    said = status_says(paths)
    if held is not None:  # a yes holds the day: every client says so, and counts nothing
        assert said == held == plain_says(paths, monkeypatch)
        assert asyncio.run(app_says(paths, held)) == held
        return
    assert not isinstance(said, str)
    count, names = said
    assert count == len(names), names
    assert len(set(names)) == len(names), f"named twice in status: {names}"
    assert plain_says(paths, monkeypatch) == said, f"plain session and status {said}"
    assert asyncio.run(app_says(paths, None)) == (count, count)
