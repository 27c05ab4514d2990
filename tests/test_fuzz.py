"""Every kind of file footcare reads, broken every way we know, under every command and the app.

The files are real ones, written by footcare itself (see tests/mutants.py, which also runs
thousands of cases by hand). Each case breaks one file with one mutation — flipped bits,
truncation, deep nesting, huge integers, invalid UTF-8, duplicated keys and tables, wrong
types, out-of-range values, unknown keys, a folder or a pipe or a device in its place, no
read permission on it or its folder — then runs every CLI command in-process and an app
start. Nothing may escape as a traceback; a file footcare can't use stays byte for byte as
it was, and each command that reads it names it.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.storage.paths import Paths
from mutants import KINDS, MUTATIONS, make_template, run_case

SCALE = int(os.environ.get("FOOTCARE_FUZZ_SCALE", "1"))
"""Raise it for a longer run in CI or by hand (examples grow with it)."""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Paths]:
    yield make_template(tmp_path_factory.mktemp("template"))


def _check(template: Paths, kind: str, mutation: str, seed: int, app: bool) -> None:
    with tempfile.TemporaryDirectory() as work:
        outcome = run_case(template, kind, mutation, seed, Path(work), app=app)
    assert outcome.ok, f"{kind} / {mutation} / seed {seed}:\n" + "\n".join(outcome.failures)


@pytest.mark.parametrize("mutation", MUTATIONS)
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_mutation_of_every_file_under_every_command(
    template: Paths, kind: str, mutation: str
) -> None:
    """Each mutation at least once per kind (a fixed seed per pair), CLI commands only."""
    _check(template, kind, mutation, zlib.crc32(f"{kind}/{mutation}".encode()), app=False)


SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("kind", list(KINDS))
@settings(SETTINGS, max_examples=8 * SCALE)
@given(mutation=st.sampled_from(MUTATIONS), seed=st.integers(0, 2**32 - 1))
def test_random_mutations_under_every_command(
    template: Paths, kind: str, mutation: str, seed: int
) -> None:
    _check(template, kind, mutation, seed, app=False)


@pytest.mark.parametrize("kind", list(KINDS))
@settings(SETTINGS, max_examples=4 * SCALE)
@given(mutation=st.sampled_from(MUTATIONS), seed=st.integers(0, 2**32 - 1))
def test_random_mutations_under_every_command_and_the_app(
    template: Paths, kind: str, mutation: str, seed: int
) -> None:
    """The commands, then the app: mounted, the kind's keys pressed (c opens the safety
    questions), quit."""
    _check(template, kind, mutation, seed, app=True)


def test_the_template_holds_a_real_file_of_every_kind(template: Paths) -> None:
    """Guard: a kind whose file was never written would be fuzzing nothing."""
    for kind in KINDS.values():
        if kind.prepare is None:
            assert kind.where(template).is_file(), kind.name
        assert kind.probe(template, kind.where(template)) is None, kind.name


def test_a_case_fails_when_a_command_crashes(
    template: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard: the harness sees a traceback and a changed file when there is one."""
    from footcare.storage import journal

    def crash(path: Path, limit: int) -> object:
        raise RecursionError("deep")

    monkeypatch.setattr(journal, "read_document", crash)  # where a month file is read
    with tempfile.TemporaryDirectory() as work:
        outcome = run_case(template, "journal", "flip", 1, Path(work), app=False)
    assert not outcome.ok
    assert any("RecursionError" in f for f in outcome.failures)
