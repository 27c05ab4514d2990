"""A go-ahead's lifetime comes from config.toml; a file that can't say it keeps sessions refused.

A person (or their podiatrist) may shorten how long a go-ahead lasts with
``clearance_months``. If that line, or the whole file, can't be read, the longest lifetime
must never be used instead: the gate stays shut and names the file, whatever the file holds.
"""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, answer_today, make_paths, record_all_clearances
from footcare.domain.screening import FILES_ITEM, ReasonKind, Verdict
from footcare.services.build import read_footcare
from footcare.services.status import status
from footcare.storage.config import load_config
from footcare.storage.paths import Paths

GIVEN_DAYS_AGO = 40
"""Go-aheads given 40 days ago: valid for 12 months, expired for 1."""


def verdict(paths: Paths) -> Verdict:
    services = read_footcare(paths, now=lambda: NOW)
    answer_today(services)
    return services.gate.verdict(services.settings.routine("quick"))


def unknown_months(v: Verdict) -> list[str]:
    return [
        r.message
        for r in v.reasons
        if r.item is FILES_ITEM
        and r.kind is ReasonKind.UNREADABLE
        and "go-ahead lasts" in r.message
    ]


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    paths = make_paths(tmp_path)
    record_all_clearances(paths, on=NOW.date() - timedelta(days=GIVEN_DAYS_AGO))
    return paths


def test_a_shorter_lifetime_refuses_and_a_broken_file_does_not_widen_it(paths: Paths) -> None:
    paths.config_file.write_bytes(b'routine = "quick"\nclearance_months = 1\n')
    assert not verdict(paths).may_start
    paths.config_file.write_bytes(b'routine = "quick"\nclearance_months = "1"\n')
    shut = verdict(paths)
    assert not shut.may_start
    [text] = unknown_months(shut)
    assert "config.toml" in text and "clearance_months" in text
    paths.config_file.write_bytes(b'routine = "quick"\nclearance_months = 12\n')
    assert verdict(paths).may_start and not unknown_months(verdict(paths))


def test_status_says_why(paths: Paths) -> None:
    paths.config_file.write_bytes(b"clearance_months = 3\nroutine = [\n")
    services = read_footcare(paths, now=lambda: NOW)
    shown = status(services)
    assert not shown.may_start
    assert any("config.toml" in r.message for r in shown.reasons), shown.reasons


BAD_VALUES = st.one_of(
    st.integers().filter(lambda n: not 1 <= n <= 12),
    # a whole float is its whole number (2.0 is 2, as the JSON Schema takes it): usable from 1 to 12
    st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda f: not (f.is_integer() and 1 <= f <= 12)
    ),
    st.text(max_size=20),
    st.booleans(),
    st.lists(st.integers(1, 12), max_size=3),
    st.dictionaries(st.sampled_from(["months", "a"]), st.integers(1, 12), max_size=2),
)


def unparseable(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    return False


BROKEN_FILES = st.one_of(
    # the line itself fine, something else in the file breaks it
    st.text(max_size=40)
    .map(lambda t: f"clearance_months = 1\n{t}")
    .filter(unparseable)
    .map(str.encode),
    st.binary(min_size=1, max_size=8).map(lambda b: b"clearance_months = 1\n\xff" + b),
    st.just(b"clearance_months = 1\nclearance_months = 1\n"),
    st.just(b"[[[[[[[[[[" * 300),
    st.just(b"clearance_months = 1" + b"0" * 5000 + b"\n"),
)


UNUSABLE_FILES = st.one_of(
    BAD_VALUES.map(
        lambda v: f'routine = "quick"\n{tomli_w.dumps({"clearance_months": v})}'.encode()
    ),
    BROKEN_FILES,
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(content=b'routine = "quick"\nclearance_months = 9223372036854775808\n')  # unreadable
@given(content=UNUSABLE_FILES)
def test_any_unusable_value_or_unreadable_file_keeps_the_gate_shut(
    paths: Paths, content: bytes
) -> None:
    paths.config_file.write_bytes(content)
    v = verdict(paths)
    assert not v.may_start
    assert unknown_months(v), v.reasons
    # and `footcare config`, which lists the same problems, never says a default is used
    said = [p for p in load_config(paths).problems if "clearance_months" in p]
    assert all("no session can start until it is fixed" in p for p in said), said
    assert not any("(using the default)" in p for p in said), said


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    months=st.integers(1, 12),
    other=st.sampled_from(["theme = 5\n", 'cues = "loud"\n', "zzz = 1\n", ""]),
)
def test_a_usable_value_decides_alone(paths: Paths, months: int, other: str) -> None:
    """Another line's problem doesn't shut the gate; the lifetime alone decides."""
    paths.config_file.write_bytes(
        f'routine = "quick"\nclearance_months = {months}\n{other}'.encode()
    )
    v = verdict(paths)
    assert not unknown_months(v)
    assert v.may_start == (months >= 2)
