"""Nothing removed without a word: a session or draft file that reads but doesn't fit is
kept aside whole, under a name that says so, and status, the app and the plain session
say what was kept and where.

(`session --plain` used to settle a session.toml whose routine_id was a table and then
remove it without a word; `status` never mentioned it.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import rendered
from footcare.domain.json_schema import shape_schema
from footcare.domain.saved_state import DRAFT, SESSION, draft_problem, session_state_problem
from footcare.domain.schema import Table, check
from footcare.services.build import read_footcare
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths
from footcare.storage.state import SetAside, draft_file, kept_aside, session_file

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = date(2026, 3, 4)


def good_session() -> dict[str, Any]:
    """What the runner writes for a session under way (Session.to_dict and the rest)."""
    return {
        "routine_id": "standard",
        "started_on": TODAY.isoformat(),
        "index": 2,
        "elapsed": 12.5,
        "status": "running",
        "massage": {"left": 30.0},
        "before": {"numbness": 3},
        "started_at": datetime(2026, 3, 4, 9, 30),
        "lighter": False,
    }


toml_values = st.one_of(
    st.text(max_size=10),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1)),
    st.lists(st.integers(0, 9), max_size=3),
    st.dictionaries(st.sampled_from("abc"), st.integers(0, 9), max_size=2),
)


def fits(shape: Table, key: str, value: Any) -> bool:
    return not check(Table({key: shape.keys[key]}), {key: value})[1].problems


@st.composite
def unfitting(draw: st.DrawFn, shape: Table, good: dict[str, Any]) -> dict[str, Any]:
    """A good table with one known key given a value of a kind footcare never writes."""
    key = draw(st.sampled_from(sorted(shape.keys)))
    value = draw(toml_values.filter(lambda v: not fits(shape, key, v)))
    return {**good, key: value}


def paths_in(root: Path) -> Paths:
    (root / "data").mkdir(parents=True, exist_ok=True)
    return Paths(root / "config", root / "data")


def write(path: Path, data: dict[str, Any]) -> bytes:
    raw = tomli_w.dumps(data).encode()
    path.write_bytes(raw)
    return raw


# --- which tables fit ----------------------------------------------------------------------


def test_what_footcare_writes_fits() -> None:
    assert session_state_problem(good_session()) is None
    assert session_state_problem({**good_session(), "claimed_by": {"pid": 1}}) is None  # newer
    assert draft_problem({"form": {"mode": "new"}, "saved_at": datetime(2026, 1, 1)}) is None


@SETTINGS
@given(key=st.sampled_from(sorted(SESSION.keys)), value=toml_values)
def test_a_known_key_of_the_wrong_kind_never_fits_and_is_named(key: str, value: Any) -> None:
    assume(not fits(SESSION, key, value))
    problem = session_state_problem({**good_session(), key: value})
    assert problem is not None and problem.startswith(f"{key}: must be ")


def test_a_draft_without_its_entry_never_fits() -> None:
    assert draft_problem({"saved_at": datetime(2026, 1, 1)}) == "form: is required"


@pytest.mark.parametrize("shape", [SESSION, DRAFT], ids=["session", "draft"])
def test_the_saved_files_schemas_leave_a_newer_footcares_keys_alone(shape: Table) -> None:
    schema = shape_schema(shape)
    assert schema["additionalProperties"] is True
    assert set(schema["properties"]) == set(shape.keys)


# --- kept aside, every time, the bytes as they were ------------------------------------------


@SETTINGS
@given(data=unfitting(SESSION, good_session()))
def test_an_unfitting_session_is_kept_aside_whole_and_said(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    paths = paths_in(tmp_path_factory.mktemp("s"))
    raw = write(paths.session_state, data)
    notices = read_footcare(paths, now=lambda: datetime(2026, 3, 4, 10)).sessions.settle()
    kept = kept_aside(paths)
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert ".unusable-" in kept[0].name
    assert not paths.session_state.exists()
    said = " ".join(" ".join(notices).split())
    assert str(paths.session_state) in said and str(kept[0]) in said
    assert not list((paths.data / "journal").glob("*.toml"))  # nothing made up from it


@SETTINGS
@given(data=unfitting(DRAFT, {"form": {"mode": "new"}}))
def test_an_unfitting_draft_is_kept_aside_whole_and_said(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]
) -> None:
    paths = paths_in(tmp_path_factory.mktemp("d"))
    raw = write(paths.draft, data)
    with pytest.raises(SetAside) as info:
        draft_file(paths).load()
    kept = kept_aside(paths)
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert str(kept[0]) in str(info.value) and str(paths.draft) in str(info.value)
    assert draft_file(paths).load() is None  # the way is free for a new entry


def test_a_second_one_never_goes_over_the_first(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    bad = {**good_session(), "routine_id": {"a": 1}}
    first = write(paths.session_state, bad)
    with pytest.raises(SetAside):
        session_file(paths).load()
    second = write(paths.session_state, {**bad, "index": 7})
    with pytest.raises(SetAside):
        session_file(paths).load()
    assert sorted(p.read_bytes() for p in kept_aside(paths)) == sorted([first, second])


def test_where_it_cannot_be_renamed_it_is_kept_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = paths_in(tmp_path)
    raw = write(paths.session_state, {**good_session(), "index": "two"})

    def refuse(*args: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    file = session_file(paths)
    with pytest.raises(StorageError, match="kept as it is"):
        file.load()
    with pytest.raises(StorageError):
        file.save(good_session())  # never written over
    assert paths.session_state.read_bytes() == raw


def test_saving_after_it_was_kept_aside_starts_afresh(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    raw = write(paths.session_state, {**good_session(), "lighter": "yes"})
    session_file(paths).save(good_session())
    assert [p.read_bytes() for p in kept_aside(paths)] == [raw]
    assert session_file(paths).load() is not None


# --- the commands say it ---------------------------------------------------------------------


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "FOOTCARE_CONFIG_DIR": str(root / "config"),
        "FOOTCARE_DATA_DIR": str(root / "data"),
        "FOOTCARE_CACHE_DIR": str(root / "cache"),
    }
    env.pop("FOOTCARE_PROFILE", None)
    return subprocess.run(
        [sys.executable, "-m", "footcare", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_plain_session_says_what_it_kept_and_where(tmp_path: Path) -> None:
    """The case from the issue: routine_id is a table."""
    paths = paths_in(tmp_path)
    raw = write(paths.session_state, {**good_session(), "routine_id": {"a": 1}})
    done = run(tmp_path, "session", "--plain")
    assert "Traceback" not in done.stderr
    kept = kept_aside(paths)
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    said = flat(done.stdout + done.stderr)
    assert f"{paths.session_state}: held a session footcare can't use" in said
    assert (
        "routine_id: must be text in quotes, not a table" in said and f"kept as {kept[0]}" in said
    )


def test_status_says_what_is_kept_until_it_is_deleted(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    write(paths.session_state, {**good_session(), "routine_id": {"a": 1}})
    write(paths.draft, {"form": 3})
    for _ in range(2):  # the first look sets them aside; every look names them
        done = run(tmp_path, "status")
        said = flat(done.stdout)
        kept = kept_aside(paths)
        assert len(kept) == 2
        assert "Files footcare couldn't use, kept for you to look at:" in said
        for path in kept:
            assert f"{path}: kept aside" in said
    report = json.loads(run(tmp_path, "status", "--json").stdout)
    assert len(report["kept_aside"]) == 2
    for path in kept:
        path.unlink()
    assert "kept" not in flat(run(tmp_path, "status").stdout)


async def test_the_app_says_what_it_kept_and_where(tmp_path: Path) -> None:
    from apphelpers import make_app, make_paths

    paths = make_paths(tmp_path)
    paths.data.mkdir(parents=True)
    raw = write(paths.session_state, {**good_session(), "index": "two"})
    app = make_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = flat(" ".join(n.message for n in rendered.notifications(app)))
    (kept,) = kept_aside(paths)
    assert kept.read_bytes() == raw
    assert f"{paths.session_state}: held a session footcare can't use" in said
    assert f"kept as {kept}" in said
