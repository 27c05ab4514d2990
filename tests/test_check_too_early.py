"""A professional's check dated before the warning sign it was to answer is not recorded,
and the person is told why and what date to give: in the gate, the safety questions at
80×24 and the plain session. A check on the sign's day or later answers it.

Such a check answers nothing, and as the last check recorded it would take the place of
the one that did: it used to be written to safety.toml in silence while the question
stayed TO DO.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, make_app, make_paths, pressed
from footcare.domain.errors import CheckTooEarly
from footcare.domain.journal import SIDED_FINDINGS, Entry
from footcare.domain.screening import PROFESSIONAL_CHECK_ITEM, Clearance, Tier, all_items
from footcare.services.build import read_footcare
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from plainscript import run_plain
from rendered import screen_words

GO_AHEADS = [i.id for i in all_items() if i.tier is Tier.CLEARANCE]
TODAYS = [i for i in all_items() if i.tier is Tier.BLOCK]  # the questions above the check's
LATER = NOW + timedelta(minutes=1)  # the check is recorded after the sign
BLOCKING = sorted(f for f in SIDED_FINDINGS if f != "swelling")  # one foot's swelling: soon


def with_a_sign(root: Path, finding: str, days_ago: int) -> Paths:
    """Every go-ahead given 60 days ago, then ``finding`` on the left foot ``days_ago``."""
    paths = make_paths(root)
    given_at = NOW - timedelta(days=60)
    SafetyStore(paths).append([Clearance(i, True, given_at.date(), given_at) for i in GO_AHEADS])
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        at = NOW - timedelta(days=days_ago)
        uses.journal_use.save(Entry("seen", at, findings={finding: "left"}))
    finally:
        uses.close()
    return paths


def refused_for(check: date, sign_day: date, words: str) -> list[str]:
    """The parts of the refusal a person must read: which check, which sign, what to do."""
    return [
        f"a check on {check.isoformat()} came before the warning sign",
        f"noted on {sign_day.isoformat()}: {words} (left foot)",
        f"Give the date of a check on or after {sign_day.isoformat()}.",
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    finding=st.sampled_from(BLOCKING),
    sign_days_ago=st.integers(0, 20),
    check_days_ago=st.integers(0, 30),
)
def test_the_gate_records_a_check_only_when_it_answers_the_sign(
    tmp_path_factory: pytest.TempPathFactory, finding: str, sign_days_ago: int, check_days_ago: int
) -> None:
    paths = with_a_sign(tmp_path_factory.mktemp("check"), finding, sign_days_ago)
    before = paths.safety_record.read_bytes()
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: LATER)
    try:
        (sign,) = uses.gate.verdict(None).pending_signs
        check = (NOW - timedelta(days=check_days_ago)).date()
        if check < sign.day:
            with pytest.raises(CheckTooEarly) as refused:
                uses.gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, check)
            said = str(refused.value)
            assert said.startswith("Not recorded: ")
            for part in refused_for(check, sign.day, sign.what.removesuffix(" (left foot)")):
                assert part in said, said
            assert paths.safety_record.read_bytes() == before  # nothing written
            assert uses.gate.verdict(None).pending_signs == (sign,)
        else:
            uses.gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, check)
            assert uses.gate.verdict(None).pending_signs == ()
    finally:
        uses.close()


async def app_refusal(paths: Paths, check: date) -> tuple[str, str]:
    """The safety questions at 80×24: down to the check's question, y, ``check`` typed in the
    date prompt, Enter; what the screen then says, before and after."""
    app = make_app(paths, now=LATER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pressed(pilot, "c")
        asked = screen_words(app)
        await pressed(pilot, *["down"] * len(TODAYS), "y")
        await pressed(pilot, "ctrl+a", "ctrl+k", *check.isoformat(), "enter")
        return asked, screen_words(app)


@pytest.mark.parametrize("finding", BLOCKING[:2])
def test_the_app_and_the_plain_session_say_why_it_was_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, finding: str
) -> None:
    paths = with_a_sign(tmp_path, finding, days_ago=2)
    before = paths.safety_record.read_bytes()
    sign_day = (NOW - timedelta(days=2)).date()
    check = sign_day - timedelta(days=1)
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        (sign,) = uses.gate.verdict(None).pending_signs
    finally:
        uses.close()
    parts = refused_for(check, sign_day, sign.what.removesuffix(" (left foot)"))

    asked, after = asyncio.run(app_refusal(paths, check))
    assert "TO DO" in asked
    text = " ".join(after.split())
    for part in parts:
        assert part in text, after
    assert paths.safety_record.read_bytes() == before

    plain = run_plain(paths, monkeypatch, ["", "", "", "", "y", check.isoformat()]).text
    text = " ".join(plain.split())
    for part in parts:
        assert part in text, plain
    assert paths.safety_record.read_bytes() == before
