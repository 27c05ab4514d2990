"""The one reading path: whatever is at a path, a table or one StorageError naming it."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, Ratings
from footcare.domain.problems import Problem, ValidationError
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir, write_toml
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.read import (
    MAX_DEPTH,
    MONTH_LIMIT,
    SMALL_LIMIT,
    bounds_problem,
    exists,
    folder_problem,
    list_folder,
    read_document,
    read_toml,
)
from footcare.storage.state import TableFile
from footcare.storage.tidy import STALE_SECONDS, tidy_at_start
from rootless import permissions_apply

NESTED: object = 1
for _ in range(MAX_DEPTH - 1):
    NESTED = [NESTED]
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def refused(path: Path, limit: int = SMALL_LIMIT) -> StorageError:
    """The StorageError reading ``path`` gives, checked to be one line naming the file."""
    with pytest.raises(StorageError) as info:
        read_toml(path, limit)
    text = str(info.value)
    assert text.startswith(str(info.value.path))
    assert "\n" not in text
    assert " — " in text  # and what to do
    return info.value


# --- what the parser can't take ----------------------------------------------------------


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200, 999, 5000, 100_000])
@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ("{a=", "}"), ("[{a=", "}]")])
def test_deep_nesting_is_one_error_never_a_recursion_error(
    tmp_path: Path, depth: int, opener: str, closer: str
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(f"a = 1\nx = {opener * depth}1{closer * depth}\n")
    error = refused(path)
    assert error.path == path
    assert "nested" in error.problem


@pytest.mark.parametrize(
    ("content", "want"),
    [
        (f"x = {'[' * (MAX_DEPTH - 1)}1{']' * (MAX_DEPTH - 1)}\n", {"x": NESTED}),
        (f"a = {2**63 - 1}\nb = {-(2**63)}\n", {"a": 2**63 - 1, "b": -(2**63)}),
        ('\ufeffa = "x"\n', {"a": "x"}),  # a byte order mark
    ],
    ids=["nesting up to the limit", "the largest TOML integers", "byte order mark"],
)
def test_what_toml_allows_at_its_edges_is_read(tmp_path: Path, content: str, want: object) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(content, encoding="utf-8")
    assert read_toml(path) == want


@pytest.mark.parametrize(
    ("content", "said"),
    [
        *(
            (f'a = "x"\n\nn = {"9" * n}\n'.encode(), "a number has far too many digits")
            for n in (4301, 5000, 100_000)
        ),
        (b'a = 1\nb = 2\nc = "caf\xe9"\n', "is not UTF-8 text"),
        (b'a = 1\n\n[t\nb = "x"\n', "not valid TOML"),
    ],
)
def test_what_the_parser_cant_take_is_one_error_with_its_line(
    tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "f.toml"
    path.write_bytes(content)
    error = refused(path)
    assert error.line == 3
    assert str(error).startswith(f"{path}:3: {said}")


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        *(
            (f"[t]\nok = 1\nbig = [1, {n}]\n", "t.big[1]", "64-bit")
            for n in (2**63, -(2**63) - 1, 10**40)
        ),
        ("[[entries]]\nx = nan\n", "entries[0].x", "not a number"),
        ("a = 1\n[t]\nb = [1.0, -inf]\n", "t.b[1]", "not a number"),
        ("on = 0001-01-01\n", "on", "out of range"),
        ("[t]\nat = 9999-12-31T23:59:59\n", "t.at", "out of range"),
        ("at = 1899-12-31T23:59:59\n", "at", "out of range"),
    ],
)
def test_numbers_and_dates_footcare_cant_use_are_refused_with_their_key(
    tmp_path: Path, text: str, key: str, said: str
) -> None:
    path = tmp_path / "f.toml"
    path.write_text(text)
    error = refused(path)
    assert error.key == key
    assert said in error.problem


# --- what isn't a file, or can't be read ------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    with path.open("wb") as fh:
        fh.truncate(SMALL_LIMIT + 1)  # sparse: no time spent writing it
    error = refused(path)
    assert "too large" in error.problem
    big_month = tmp_path / "2026-01.toml"
    with big_month.open("wb") as fh:
        fh.truncate(MONTH_LIMIT + 1)
    refused(big_month, MONTH_LIMIT)


def test_a_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    started = time.monotonic()
    error = refused(path)
    assert time.monotonic() - started < 5
    assert "not a regular file" in error.problem


@pytest.mark.parametrize(
    ("there", "said"),
    [
        (None, "folder"),
        ("/dev/zero", "not a regular file"),
        ("/dev/urandom", "not a regular file"),
        ("/dev/null", "not a regular file"),
        ("f.toml", "loop"),
    ],
)
def test_a_folder_a_link_to_a_device_or_a_link_loop_is_refused(
    tmp_path: Path, there: str | None, said: str
) -> None:
    """At the file's place: a folder, or a link to ``there`` (itself: a loop)."""
    path = tmp_path / "f.toml"
    if there is None:
        path.mkdir()
    else:
        path.symlink_to(tmp_path / there)
    assert said in refused(path).problem


def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text("a = 1\n")
    path.chmod(0)
    with permissions_apply():
        error = refused(path)
    assert error.path == path
    assert "permission denied" in error.problem
    assert "chmod" in error.todo


def test_a_folder_that_cannot_be_opened_is_named_not_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "f.toml").write_text("a = 1\n")
    folder.chmod(0)
    try:
        with permissions_apply():
            error = refused(folder / "f.toml")
            with pytest.raises(StorageError) as exists_error:
                exists(folder / "f.toml")
            with pytest.raises(StorageError) as listing:
                list_folder(folder)
    finally:
        folder.chmod(0o700)
    for e in (error, exists_error.value, listing.value):
        assert e.path == folder
        assert "permission denied" in e.problem


def test_missing_things_are_just_missing(tmp_path: Path) -> None:
    assert not exists(tmp_path / "nope.toml")
    assert not exists(tmp_path / "nope" / "deeper.toml")
    (tmp_path / "file").write_text("")
    assert not exists(tmp_path / "file" / "under-a-file.toml")
    assert list_folder(tmp_path / "nope") == []


# --- any bytes at all ----------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_give_a_table_or_one_storage_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_bytes(content)
        try:
            doc = read_document(path)
        except StorageError as exc:
            assert exc.path == path
            assert "\n" not in str(exc)
        else:
            assert isinstance(doc.data, dict)
            assert bounds_problem(doc.data) is None


toml_words = st.sampled_from(
    ["a", "=", "[", "]", "{", "}", ",", '"', "'", "\n", "1", "9" * 30, "1e400", "nan", "t.x",
     "[[t]]", "[t]", "2026-01-01", "true", "#", " ", "\\u0000", "\x00", "\ufeff", "é"]
)  # fmt: skip


@SETTINGS
@given(st.lists(toml_words, max_size=60).map("".join))
def test_any_toml_like_text_gives_a_table_or_one_storage_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.toml"
        path.write_text(text, encoding="utf-8")
        try:
            read_toml(path)
        except StorageError as exc:
            assert exc.path == path


# --- never written over while it doesn't read ----------------------------------------------


BROKEN = [b"[session\n", b'a = "caf\xe9"\n', b"x = " + b"[" * 2000, b"n = " + b"9" * 5000]


@pytest.mark.parametrize("broken", [*BROKEN, b"n = 99999999999999999999\n"])
def test_a_table_file_that_does_not_read_is_kept_by_save_and_clear(
    paths: Paths, broken: bytes
) -> None:
    table = TableFile(paths.session_state, paths.lock)
    table.save({"step": 1})
    paths.session_state.write_bytes(broken)
    with pytest.raises(StorageError) as saving:
        table.save({"step": 2})
    with pytest.raises(StorageError) as clearing:
        table.clear()
    assert paths.session_state.read_bytes() == broken
    for error in (saving.value, clearing.value):
        assert error.path == paths.session_state
        assert "left as it is" in error.problem
    paths.session_state.unlink()
    table.save({"step": 3})
    assert table.load() == {"step": 3}


def test_a_table_file_refuses_what_its_check_would_refuse(paths: Paths) -> None:
    def check(data: dict[str, object]) -> None:
        step = data.get("step")
        if not isinstance(step, int) or not 0 <= step <= 10:
            raise ValidationError([Problem("step", "must be 0 to 10")])

    table = TableFile(paths.session_state, paths.lock, check=check)
    table.save({"step": 3})
    with pytest.raises(StorageError) as info:
        table.save({"step": 99})
    assert "was not saved" in info.value.problem and info.value.key == "step"
    assert table.load() == {"step": 3}
    paths.session_state.write_text("\n\nstep = 42\n")
    with pytest.raises(StorageError) as reading:
        table.load()
    assert reading.value.line == 3 and reading.value.key == "step"


def test_a_journal_entry_that_would_not_read_back_is_not_written(paths: Paths) -> None:
    store = JournalStore(paths)
    good = Entry(id="a", at=datetime(2026, 3, 1, 9), before=Ratings(pain=3))
    store.add(good)
    month = store.month_path("2026-03")
    before = month.read_bytes()
    for bad in (
        Entry(id="b", at=datetime(2026, 3, 2, 9), before=Ratings(pain=99)),
        Entry(id="c", at=datetime(2026, 3, 2, 9), after=Ratings(burning=-1)),
        Entry(id="d", at=datetime(2026, 3, 2, 9), sleep=11),
        Entry(id="e", at=datetime(2026, 3, 2, 9), weekly_change=7),
        Entry(id="", at=datetime(2026, 3, 2, 9)),
    ):
        with pytest.raises(StorageError) as info:
            store.add(bad)
        assert info.value.path == month
        assert "was not saved" in info.value.problem
        assert month.read_bytes() == before
    with pytest.raises(StorageError):
        store.replace(good.with_changes(sleep=42))
    assert month.read_bytes() == before
    assert store.load().entries == [good]


def test_a_journal_entry_footcare_could_not_count_with_is_not_written(paths: Paths) -> None:
    store = JournalStore(paths)
    with pytest.raises(StorageError) as info:
        store.add(Entry(id="far", at=datetime(3000, 1, 1, 9), before=Ratings(pain=1)))
    assert "was not saved" in info.value.problem
    assert store.load().entries == []


def test_write_toml_refuses_what_would_not_read_back(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    deep: list[object] = [1]
    for _ in range(MAX_DEPTH + 2):
        deep = [deep]
    for data in ({"n": 2**64}, {"deep": deep}):
        with pytest.raises(StorageError, match="was not saved"):
            write_toml(path, data)
        assert not path.exists()
    with pytest.raises(StorageError, match="too large"):
        write_toml(path, {"x": "a" * SMALL_LIMIT})


# --- tidying up at start -------------------------------------------------------------------


def test_stale_temp_files_go_and_everything_else_stays(paths: Paths) -> None:
    ensure_dir(paths.journal)
    ensure_dir(paths.user_routines)
    # every file's time set, and "now" given: the file clock and the program's never differ
    now = 1_900_000_000.0
    old, fresh = now - STALE_SECONDS - 60, now - 5
    stale = [
        paths.journal / ".2026-03.toml.ab12cd_9.tmp",
        paths.data / ".session.toml.x1y2z3w4.tmp",
        paths.user_routines / ".mine.toml.qqqqqqqq.tmp",
    ]
    kept = [
        paths.journal / ".2026-04.toml.fresh123.tmp",  # a write may still be going on
        paths.journal / "2026-03.toml",
        paths.data / "notes.tmp",
        paths.data / ".hidden.tmp",
    ]
    for p in stale + kept:
        p.write_text("x")
    for p in [*stale, *kept[1:]]:
        os.utime(p, (old, old))
    os.utime(kept[0], (fresh, fresh))
    removed = tidy_at_start(paths, now)
    assert sorted(removed) == sorted(stale)
    assert all(not p.exists() for p in stale)
    assert all(p.exists() for p in kept)


def test_folders_are_made_private_even_when_they_exist(paths: Paths) -> None:
    old = os.umask(0o022)
    try:
        for folder in (paths.config, paths.data, paths.journal):
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o755)
        tidy_at_start(paths)
        for folder in (paths.config, paths.data, paths.journal):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        paths.journal.chmod(0o755)
        ensure_dir(paths.journal)
        assert stat.S_IMODE(paths.journal.stat().st_mode) == 0o700
    finally:
        os.umask(old)


def test_tidying_never_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert tidy_at_start(Paths(blocker / "c", blocker / "d")) == []
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        with permissions_apply():
            assert tidy_at_start(Paths(locked / "c", locked / "d")) == []
    finally:
        locked.chmod(0o700)


def test_a_folder_problem_names_the_folder_in_the_way(tmp_path: Path) -> None:
    outer = tmp_path / "config"
    (outer / "themes").mkdir(parents=True)
    (tmp_path / "file").write_text("")
    assert folder_problem(outer) is None
    assert folder_problem(tmp_path / "not-yet") is None
    assert "is a file" in (folder_problem(tmp_path / "file") or "")
    outer.chmod(0)
    try:
        with permissions_apply():
            for folder in (outer, outer / "themes"):
                problem = folder_problem(folder) or ""
                assert problem.startswith(f"{outer}: ")
                assert "permission denied" in problem
    finally:
        outer.chmod(0o700)
