"""A warning sign that needs help at once (chest pain, a red swollen leg with feeling
unwell), still waiting for a professional's check days later, is spoken of with the call
first, in the configured number's words, by every client: the start screen, `footcare
status` (its lines and its JSON) and the plain session's list of what is still to do."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, cleared_paths, make_app, pressed
from footcare.domain.journal import Entry
from footcare.domain.signs import EMERGENCY_FINDINGS
from footcare.domain.todo import to_do
from footcare.services.build import read_footcare
from footcare.services.status import status, status_lines
from footcare.services.today import today
from footcare.storage.journal import JournalStore
from rendered import screen_words

SIGNS = st.sampled_from(
    [("wound", "left"), ("redness", "right"), ("chest", "yes"), ("red_leg_unwell", "yes")]
)
NUMBERS = st.sampled_from(["112", "999", "911 or the clinic's night line"])


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    signs=st.lists(st.tuples(SIGNS, st.integers(1, 20)), min_size=1, max_size=3),
    number=NUMBERS,
)
@example(signs=[(("chest", "yes"), 5), (("wound", "left"), 1)], number="112")
def test_a_waiting_urgent_sign_says_to_call_first_in_every_client(
    tmp_path_factory: pytest.TempPathFactory,
    signs: list[tuple[tuple[str, str], int]],
    number: str,
) -> None:
    paths = cleared_paths(tmp_path_factory.mktemp("urgent"))
    with paths.config_file.open("a", encoding="utf-8") as config:
        config.write(f'emergency_number = "{number}"\n')
    store = JournalStore(paths)
    for n, ((finding, side), days) in enumerate(signs):
        at = NOW - timedelta(days=days, minutes=n)
        store.add(Entry(f"w{n}", at, findings={finding: side}))
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        report = status(uses)
        said = {
            "start screen": " ".join(today(uses).lines()),
            "status": " ".join(status_lines(report)),
            "status --json": " ".join(
                f"{r['why']} {r['what_to_do']}" for r in report.as_json()["reasons"]
            ),
            "plain session": " ".join(to_do(uses.gate.verdict(None)).lines()),  # as it lists
        }
    finally:
        uses.close()
    call = f"If it is still there or comes back, call {number} now."
    urgent = [(f, days) for (f, _), days in signs if f in EMERGENCY_FINDINGS]
    for client, words in said.items():
        assert (call in words) == bool(urgent), client
        assert "waits" in words or "warning sign" in words.lower(), client
    if urgent:  # the sign named first is the urgent one, not a later wound
        latest = min(urgent, key=lambda u: u[1])
        day = (NOW - timedelta(days=latest[1])).date().isoformat()
        assert f"noted on {day}" in said["start screen"]


async def test_the_safety_questions_name_the_urgent_sign_on_its_row_and_under_the_count(
    tmp_path: Path,
) -> None:
    """Chest pain noted before a later wound: the safety questions name the chest pain,
    on the "talked with a professional" row as in the notes under the count, read from
    the screen; the wound is not named instead."""
    paths = cleared_paths(tmp_path)
    store = JournalStore(paths)
    store.add(Entry("chest", NOW - timedelta(days=5), findings={"chest": "yes"}))
    store.add(Entry("wound", NOW - timedelta(days=1), findings={"wound": "left"}))
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        shown = screen_words(app)
    chest_day = (NOW - timedelta(days=5)).date().isoformat()
    assert shown.count(f"noted on {chest_day}") >= 2, shown
    assert "new wound" not in shown, shown
