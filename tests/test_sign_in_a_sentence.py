"""A warning sign named inside a sentence never puts brackets inside brackets.

A sign's words can end with its foot in brackets ("new wound, blister or cut (left
foot)"), so every sentence that names a sign puts those words last in a clause, after a
colon or a dash, never inside brackets of its own: what the gate, the safety questions,
the start screen, a stopped session, `status` and the plain session say, for any finding
on any foot.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, make_app, make_paths, pressed
from footcare.domain.advice import go_ahead_status, reason_text, refusal
from footcare.domain.journal import FINDINGS, SIDED_FINDINGS, Entry
from footcare.domain.screening import Answers, Clearance, Tier, all_items, evaluate
from footcare.domain.signs import WarningSign
from footcare.domain.stops import StopCause
from footcare.domain.wording import DEFAULT_EMERGENCY, signs_words, stop_heading
from footcare.services.build import read_footcare
from footcare.services.status import status, status_lines
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from plainscript import run_plain
from rendered import screen_words

ITEMS = all_items()
GO_AHEADS = [i.id for i in ITEMS if i.tier is Tier.CLEARANCE]


def nested(text: str) -> bool:
    """Whether a bracket opens inside another one."""
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
            if depth > 1:
                return True
        elif char == ")":
            depth = max(0, depth - 1)
    return False


def test_nested_is_found_and_plain_brackets_are_not() -> None:
    assert nested("a warning sign (redness (left foot))")
    assert not nested("a warning sign: redness (left foot). Record it (y).")


signs = st.builds(
    lambda finding, side, days: WarningSign(
        finding,
        side if finding in SIDED_FINDINGS else "yes",
        NOW - timedelta(days=days),
        NOW - timedelta(days=days),
        f"entry-{finding}-{side}-{days}",
    ),
    st.sampled_from(sorted(FINDINGS)),
    st.sampled_from(["left", "right", "both", "yes"]),
    st.integers(0, 30),
)


@given(sign=signs, others=st.lists(signs, max_size=3))
def test_every_sentence_of_the_domain_that_names_a_sign(
    sign: WarningSign, others: list[WarningSign]
) -> None:
    given_on = (NOW - timedelta(days=60)).date()
    answers = Answers(
        blocks={i.id: False for i in ITEMS if i.tier is Tier.BLOCK},
        acknowledged=frozenset(i.id for i in ITEMS if i.tier is Tier.REMIND),
        clearances={i: Clearance(i, True, given_on) for i in GO_AHEADS},
    )
    verdict = evaluate(answers, NOW.date(), signs=[sign, *others])
    said = [r.message for r in verdict.reasons] + [r.advice for r in verdict.reasons]
    said += [reason_text(r) for r in verdict.reasons]
    said += [line.text for line in refusal(verdict, DEFAULT_EMERGENCY)]
    said += [go_ahead_status(v) for v in verdict.items]
    said += [go_ahead_status(v, check_for=sign) for v in verdict.items]
    said += [stop_heading(cause, DEFAULT_EMERGENCY, sign) for cause in StopCause]
    said.append(signs_words([sign, *others]))
    if sign.blocks_sessions:
        assert any(sign.what in text for text in said), said
    assert not [text for text in said if nested(text)]


def written(root: Path, finding: str, side: str) -> Paths:
    """A journal with ``finding`` on ``side`` noted two days ago, after every go-ahead."""
    paths = make_paths(root)
    given_at = NOW - timedelta(days=60)
    SafetyStore(paths).append([Clearance(i, True, given_at.date(), given_at) for i in GO_AHEADS])
    noted = NOW - timedelta(days=2)
    JournalStore(paths).add(Entry("seen", noted, findings={finding: side}))
    return paths


async def app_words(paths: Paths) -> list[str]:
    """The start screen and the safety questions, as read at 80×24."""
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = screen_words(app)
        await pressed(pilot, "c")
        return [start, screen_words(app)]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    finding=st.sampled_from([f for f in SIDED_FINDINGS if f != "swelling"]),
    side=st.sampled_from(["left", "right"]),
)
def test_every_client_names_a_waiting_sign_without_brackets_in_brackets(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    finding: str,
    side: str,
) -> None:
    paths = written(tmp_path_factory.mktemp("sign"), finding, side)
    foot = f"({side} foot)"
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        said = {"status": "\n".join(status_lines(status(uses)))}
    finally:
        uses.close()
    said["plain session"] = run_plain(paths, monkeypatch, []).text
    said["start screen"], said["safety questions"] = asyncio.run(app_words(paths))
    for client, text in said.items():
        assert foot in text, (client, text)
        assert not nested(text), (client, text)


def test_a_session_stopped_for_a_sign_names_it_after_a_dash() -> None:
    sign = WarningSign("redness", "left", datetime(2026, 3, 1, 7), datetime(2026, 3, 1, 7), "e")
    heading = stop_heading(StopCause.WARNING_SIGN, DEFAULT_EMERGENCY, sign)
    assert heading.startswith("Session stopped: a warning sign logged during the session — ")
    assert "redness (left foot)." in heading
