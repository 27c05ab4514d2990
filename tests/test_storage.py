"""Storage: private atomic files, month files, never overwriting what doesn't parse."""

from __future__ import annotations

import os
import stat
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from footcare.domain.journal import Entry, Ratings
from footcare.domain.screening import Clearance
from footcare.storage import files
from footcare.storage.config import DEFAULT_EMERGENCY, load_config, remember
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir, locked, read_toml, write_text, write_toml
from footcare.storage.journal import JournalStore, new_id
from footcare.storage.paths import CONFIG_ENV, DATA_ENV, Paths, bundled, resolve
from footcare.storage.routines import RoutineFileError, load_catalogue, load_file
from footcare.storage.starter import write_starter
from footcare.storage.state import ClearanceStore, TableFile, session_file
from monthfiles import by_month, write_month
from rootless import permissions_apply
from shipped import ROUTINES


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def store(paths: Paths) -> JournalStore:
    return JournalStore(paths)


def make_entry(at: datetime, note: str = "", pain: int | None = 3) -> Entry:
    return Entry(id=new_id(at), at=at, before=Ratings(pain=pain), note=note)


# --- atomic private files -----------------------------------------------------------------


def test_atomic_write_makes_private_files_and_folders(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "a" / "b" / "c" / "file.toml"
        write_toml(target, {"x": 1})
    finally:
        os.umask(old)
    assert mode(target) == 0o600
    for folder in (target.parent, target.parent.parent, target.parent.parent.parent):
        assert mode(folder) == 0o700, folder
    assert read_toml(target) == {"x": 1}
    assert [p.name for p in target.parent.iterdir()] == ["file.toml"]


def test_rewriting_replaces_the_whole_file_and_stays_private(tmp_path: Path) -> None:
    target = tmp_path / "f.toml"
    target.write_text("x = 1\n")
    target.chmod(0o644)
    write_toml(target, {"y": "two"})
    assert read_toml(target) == {"y": "two"}
    assert mode(target) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.toml"
    write_toml(target, {"old": True})

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(StorageError) as info:
        write_toml(target, {"new": True})
    assert "No space left on device" in str(info.value)
    assert str(target) in str(info.value)
    assert read_toml(target) == {"old": True}
    assert [p.name for p in tmp_path.iterdir()] == ["f.toml"]


def test_read_toml_of_a_missing_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot be read"):
        read_toml(tmp_path / "missing.toml")


def test_lock_is_private_and_a_broken_lock_path_is_a_storage_error(tmp_path: Path) -> None:
    with locked(tmp_path / "d" / ".lock"):
        pass
    assert mode(tmp_path / "d") == 0o700
    (tmp_path / "e" / ".lock").mkdir(parents=True)
    with pytest.raises(StorageError) as info, locked(tmp_path / "e" / ".lock"):
        pass
    assert ".lock" in str(info.value)


# --- unusable folders ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda blocker: ensure_dir(blocker / "data" / "journal"),
        ensure_dir,
        lambda blocker: write_text(blocker / "sub" / "x.toml", "a = 1\n"),
    ],
    ids=["folder under a file", "folder that is a file", "write under a file"],
)
def test_a_folder_where_a_regular_file_is_gives_a_clear_storage_error(
    tmp_path: Path, make: Callable[[Path], object]
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("hello")
    with pytest.raises(StorageError) as info:
        make(blocker)
    message = str(info.value)
    assert str(blocker) in message
    assert "not a folder" in message
    assert "\n" not in message
    assert blocker.read_text() == "hello"


def test_journal_add_into_an_unusable_data_folder_is_a_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = JournalStore(Paths(tmp_path / "c", blocker / "data"))
    with pytest.raises(StorageError, match="not a folder"):
        store.add(make_entry(datetime(2026, 1, 1, 9)))
    assert store.load().entries == []


def test_an_unreadable_journal_folder_is_reported_not_raised(
    paths: Paths, store: JournalStore
) -> None:
    store.add(make_entry(datetime(2026, 1, 1, 9)))
    paths.journal.chmod(0)
    try:
        with permissions_apply():
            loaded = store.load()
            with pytest.raises(StorageError) as info:
                store.add(make_entry(datetime(2026, 1, 2, 9)))
    finally:
        paths.journal.chmod(0o700)
    assert loaded.entries == []
    assert len(loaded.problems) == 1
    assert loaded.problems[0].startswith(f"{paths.journal}: ")
    assert "permission denied" in loaded.problems[0]
    assert str(paths.journal) in str(info.value)
    assert len(store.load().entries) == 1


# --- journal ------------------------------------------------------------------------------


def test_journal_keeps_one_file_per_month(paths: Paths, store: JournalStore) -> None:
    for at in (datetime(2026, 1, 31, 23, 59), datetime(2026, 2, 1, 0, 0), datetime(2025, 12, 5)):
        store.add(make_entry(at))
    assert [p.name for p in store.month_files()] == ["2025-12.toml", "2026-01.toml", "2026-02.toml"]
    loaded = store.load()
    assert loaded.problems == []
    assert [e.at.month for e in loaded.entries] == [12, 1, 2]
    assert [e.at.month for e in store.load(since_month="2026-01").entries] == [1, 2]
    for path in store.month_files():
        assert mode(path) == 0o600
    assert mode(paths.journal) == 0o700
    assert mode(paths.data) == 0o700


def test_adding_an_entry_rewrites_only_its_month_file(store: JournalStore) -> None:
    for month in range(1, 7):
        store.add(make_entry(datetime(2026, month, 3, 9), note=f"m{month}"))

    def stamp(p: Path) -> tuple[bytes, int, int]:
        return p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino

    before = {p: stamp(p) for p in store.month_files()}
    store.add(make_entry(datetime(2026, 4, 20, 9), note="new"))
    assert [p.name for p, was in before.items() if stamp(p) != was] == ["2026-04.toml"]
    april = [e.note for e in store.load(since_month="2026-04").entries if e.at.month == 4]
    assert april == ["m4", "new"]


def test_adding_the_same_entry_twice_keeps_one(store: JournalStore) -> None:
    e = make_entry(datetime(2026, 1, 1, 9))
    store.add(e)
    store.add(e)
    assert store.load().entries == [e]


def test_a_month_that_does_not_parse_is_never_overwritten(store: JournalStore) -> None:
    store.add(make_entry(datetime(2026, 1, 10, 9), note="january"))
    store.add(make_entry(datetime(2026, 2, 10, 9), note="february"))
    broken = store.month_path("2026-02")
    garbage = broken.read_bytes() + b"\n[[entries]\nthis is = = not toml\n"
    broken.write_bytes(garbage)
    with pytest.raises(StorageError) as info:
        store.add(make_entry(datetime(2026, 2, 11, 9), note="lost?"))
    assert str(broken) in str(info.value)
    assert broken.read_bytes() == garbage
    loaded = store.load()
    assert [e.note for e in loaded.entries] == ["january"]
    assert len(loaded.problems) == 1 and str(broken) in loaded.problems[0]
    store.add(make_entry(datetime(2026, 3, 1, 9), note="march"))
    assert [e.note for e in store.load().entries] == ["january", "march"]
    assert broken.read_bytes() == garbage


@pytest.mark.parametrize(
    "text",
    [
        "entries = 5\n",
        "entries = [1, 2]\n",
        '[[entries]]\nid = "x"\nat = 2026-02-01T09:00:00\nbefore = { pain = 42 }\n',
        '[[entries]]\nid = "x"\nat = 2026-02-01T09:00:00\nsession = { feet = 3 }\n',
    ],
)
def test_a_month_with_bad_entries_is_listed_and_kept(store: JournalStore, text: str) -> None:
    store.add(make_entry(datetime(2026, 1, 10, 9), note="january"))
    bad = store.month_path("2026-02")
    bad.write_text(text)
    loaded = store.load()
    assert [e.note for e in loaded.entries] == ["january"]
    assert len(loaded.problems) == 1
    with pytest.raises(StorageError):
        store.add(make_entry(datetime(2026, 2, 2, 9)))
    assert bad.read_text() == text


def test_stray_files_in_the_journal_folder_are_ignored(paths: Paths, store: JournalStore) -> None:
    store.add(make_entry(datetime(2026, 1, 10, 9)))
    (paths.journal / ".2026-01.toml.abc123.tmp").write_text("[[entries]\n")
    (paths.journal / "notes.txt").write_text("mine")
    loaded = store.load()
    assert len(loaded.entries) == 1
    assert loaded.problems == []


def test_replace_set_deleted_and_undelete(store: JournalStore) -> None:
    keep = make_entry(datetime(2026, 5, 1, 8), note="keep")
    e = make_entry(datetime(2026, 5, 2, 8), note="first")
    store.add(keep)
    store.add(e)
    edited = e.with_changes(note="edited", before=Ratings(pain=1, burning=2))
    store.replace(edited)
    assert store.load().entries == [keep, edited]
    gone = store.set_deleted(edited, True)
    assert gone.deleted
    assert [x.deleted for x in store.load().entries] == [False, True]
    back = store.set_deleted(gone, False)
    assert back == edited
    assert store.load().entries == [keep, edited]


def test_replace_of_a_missing_entry_is_refused(store: JournalStore) -> None:
    store.add(make_entry(datetime(2026, 5, 1, 8)))
    with pytest.raises(StorageError, match="not there"):
        store.replace(make_entry(datetime(2026, 5, 3, 8)))


def test_journal_file_is_readable_plain_toml(store: JournalStore) -> None:
    e = make_entry(datetime(2026, 7, 4, 10, 30), note='a "quoted"\nnote')
    store.add(e)
    data = tomllib.loads(store.month_path("2026-07").read_text(encoding="utf-8"))
    assert data["entries"][0]["note"] == 'a "quoted"\nnote'
    assert data["entries"][0]["at"] == datetime(2026, 7, 4, 10, 30)


# --- small state files --------------------------------------------------------------------


def test_clearance_store_records_and_loads(paths: Paths) -> None:
    store = ClearanceStore(paths)
    assert store.load() == {}
    store.record(Clearance("discussed", True, date(2026, 1, 5)))
    store.record(Clearance("past-clot", False, date(2026, 1, 6)))
    store.record(Clearance("discussed", True, date(2026, 2, 1)))
    assert store.load() == {
        "discussed": Clearance("discussed", True, date(2026, 2, 1)),
        "past-clot": Clearance("past-clot", False, date(2026, 1, 6)),
    }
    assert mode(paths.clearances) == 0o600


def test_a_hand_written_datetime_clearance_loads_as_a_date(paths: Paths) -> None:
    paths.data.mkdir(parents=True)
    paths.clearances.write_text("[items.discussed]\napplies = true\non = 2026-01-05T10:00:00\n")
    loaded = ClearanceStore(paths).load()
    assert loaded["discussed"].on == date(2026, 1, 5)
    assert type(loaded["discussed"].on) is date


@pytest.mark.parametrize(
    "text",
    ["items = 3\n", "[items.discussed]\napplies = 1\non = 2026-01-05\n", "[items\n"],
)
def test_a_broken_clearance_file_is_an_error_and_is_kept(paths: Paths, text: str) -> None:
    paths.data.mkdir(parents=True)
    paths.clearances.write_text(text)
    store = ClearanceStore(paths)
    with pytest.raises(StorageError):
        store.load()
    with pytest.raises(StorageError):
        store.record(Clearance("discussed", True, date(2026, 1, 5)))
    assert paths.clearances.read_text() == text


def test_session_state_file_saves_loads_and_clears(paths: Paths) -> None:
    state = session_file(paths)
    assert state.load() is None
    saved = {"routine_id": "standard", "started_on": "2026-01-02", "index": 3, "elapsed": 12.5}
    state.save(saved)
    assert state.load() == saved
    assert mode(paths.session_state) == 0o600
    state.clear()
    assert state.load() is None
    state.clear()
    assert isinstance(state, TableFile)


# --- config -------------------------------------------------------------------------------


def write_config(paths: Paths, text: str) -> None:
    paths.config.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text, encoding="utf-8")


def test_missing_config_gives_defaults(paths: Paths) -> None:
    loaded = load_config(paths)
    assert loaded.problems == []
    assert loaded.config.clearance_months == 12
    assert loaded.config.emergency_number == DEFAULT_EMERGENCY


def test_config_values_are_read(paths: Paths) -> None:
    write_config(
        paths,
        'routine = "gentle"\ntheme = "contrast"\nemergency_number = "112"\n'
        'clearance_months = 6\n[keymap]\npause = "p"\n',
    )
    loaded = load_config(paths)
    assert loaded.problems == []
    c = loaded.config
    read = (c.routine, c.theme, c.emergency_number, c.clearance_months)
    assert read == ("gentle", "contrast", "112", 6)
    assert c.keymap == {"pause": "p"}


def test_config_unknown_key_is_a_problem_with_did_you_mean(paths: Paths) -> None:
    write_config(paths, 'theem = "dark"\nroutine = "short"\n')
    loaded = load_config(paths)
    assert loaded.config.routine == "short"
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert str(paths.config_file) in problem
    assert "theem" in problem
    assert "did you mean 'theme'?" in problem


@pytest.mark.parametrize("months", ["0", "13", "24", "-1", '"6"', "true", "6.5"])
def test_config_clearance_months_out_of_range_is_a_problem(paths: Paths, months: str) -> None:
    write_config(paths, f"clearance_months = {months}\n")
    loaded = load_config(paths)
    assert loaded.config.clearance_months == 12
    assert len(loaded.problems) == 1
    assert "clearance_months" in loaded.problems[0]


def test_remember_keeps_comments_and_other_lines(paths: Paths) -> None:
    text = (
        "# My footcare settings\n"
        'theme = "dark"   # easier on the eyes at night\n'
        "clearance_months = 6\n"
        "\n"
        "[keymap]\n"
        '# pause with p\npause = "p"\n'
    )
    write_config(paths, text)
    remember(paths, "theme", "contrast")
    remember(paths, "routine", "gentle")
    after = paths.config_file.read_text()
    assert "# My footcare settings" in after
    assert "# easier on the eyes at night" in after
    assert "# pause with p" in after
    loaded = load_config(paths)
    assert loaded.problems == []
    assert loaded.config.theme == "contrast"
    assert loaded.config.routine == "gentle"
    assert loaded.config.clearance_months == 6
    assert loaded.config.keymap == {"pause": "p"}
    assert after.index('routine = "gentle"') < after.index("[keymap]")


def test_remember_creates_the_file(paths: Paths) -> None:
    remember(paths, "theme", "dark")
    assert load_config(paths).config.theme == "dark"
    assert mode(paths.config_file) == 0o600


@pytest.mark.parametrize("value", ['say "hi"', "back\\slash", "two\nlines", "tab\there", "é ✓"])
def test_remember_escapes_any_text(paths: Paths, value: str) -> None:
    write_config(paths, "# mine\n")
    remember(paths, "theme", value)
    assert load_config(paths).config.theme == value
    assert paths.config_file.read_text().startswith("# mine\n")


# --- paths --------------------------------------------------------------------------------


def test_paths_default_env_and_flag_precedence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.delenv(DATA_ENV, raising=False)
    default = resolve()
    assert default.config.name == "footcare" or "footcare" in str(default.config)
    assert "footcare" in str(default.data)
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "env-config"))
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "env-data"))
    env = resolve()
    assert env == Paths(tmp_path / "env-config", tmp_path / "env-data")
    flag = resolve(str(tmp_path / "flag-config"), str(tmp_path / "flag-data"))
    assert flag == Paths(tmp_path / "flag-config", tmp_path / "flag-data")
    mixed = resolve(data_flag=str(tmp_path / "flag-data"))
    assert mixed == Paths(tmp_path / "env-config", tmp_path / "flag-data")


def test_paths_expand_the_home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve("~/c", "~/d") == Paths(tmp_path / "c", tmp_path / "d")


def test_every_data_path_is_inside_the_data_folder(paths: Paths) -> None:
    for p in (paths.journal, paths.session_state, paths.clearances, paths.draft, paths.lock):
        assert p.parent == paths.data or paths.data in p.parents
    for p in (paths.config_file, paths.user_routines, paths.user_themes):
        assert p.parent == paths.config


def test_bundled_folders_are_found() -> None:
    assert (bundled("routines") / "standard.toml").is_file()
    assert bundled("themes").is_dir()


# --- routine files ------------------------------------------------------------------------


def routine_file_problems(path: Path, text: str) -> list[str]:
    """What loading ``text``, written at ``path``, says is wrong with it."""
    path.write_text(text)
    with pytest.raises(RoutineFileError) as info:
        load_file(path)
    return info.value.messages


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'name = "Mine"\n\n[[steps]]\nname = "a"\nduration = 600\ninstructions = "i"\n\n'
            '[[steps]]\nname = "b"\nduration = -5\ninstructions = "i"\n',
            ["{path}:10: steps[1].duration: must be between 1 and 3600 (got -5)"],
        ),
        (  # an unknown table and a missing key still have a line
            'name = "Mine"\n[[steps]]\nname = "a"\ninstructions = "i"\n\n'
            '[extras]\ncolour = "red"\n',
            ["{path}:2: steps[0].duration: is required", "{path}:6: extras: unknown key"],
        ),
    ],
)
def test_routine_file_problems_name_file_and_line(
    tmp_path: Path, text: str, said: list[str]
) -> None:
    path = tmp_path / "mine.toml"
    problems = routine_file_problems(path, text)
    assert sorted(problems) == [line.format(path=path) for line in said]


def test_routine_file_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    problems = routine_file_problems(path, 'name = "x"\n[[steps]\n')
    assert problems[0].startswith(f"{path}:2: not valid TOML")


def test_user_routine_overrides_bundled_and_broken_ones_are_listed(paths: Paths) -> None:
    paths.user_routines.mkdir(parents=True)
    (paths.user_routines / "standard.toml").write_text(
        'name = "My standard"\n[[steps]]\nname = "a"\nduration = 700\ninstructions = "i"\n'
    )
    (paths.user_routines / "broken.toml").write_text("name = \n")
    cat = load_catalogue(paths)
    assert set(cat.routines) == set(ROUTINES)  # the broken one is not among them
    assert cat.routines["standard"].name == "My standard"
    assert cat.sources["standard"] == paths.user_routines / "standard.toml"
    assert len(cat.problems) == 1 and "broken.toml" in cat.problems[0]


def test_starter_routine_is_valid_and_not_overwritten(paths: Paths) -> None:
    target = Path(write_starter(paths, "My Evening Routine!"))
    assert target.name == "my-evening-routine.toml"
    routine = load_file(target)
    assert routine.id == "my-evening-routine"
    assert routine.name == "My Evening Routine!"
    assert routine.warnings() == []  # a realistic starter: 11 minutes of massage a foot
    assert routine.minutes_per_foot == 11
    assert (paths.user_routines / "footcare-routine.schema.json").is_file()
    before = target.read_bytes()
    with pytest.raises(StorageError, match="already exists"):
        write_starter(paths, "my evening routine")
    assert target.read_bytes() == before


@pytest.mark.parametrize("name", ['Say "hi"', "back\\slash", "two\nlines", "tab\tname"])
def test_starter_routine_with_odd_names_still_parses(paths: Paths, name: str) -> None:
    routine = load_file(Path(write_starter(paths, name)))
    assert routine.name == " ".join(name.split())


def test_ten_years_of_entries_load_in_order(store: JournalStore) -> None:
    start = datetime(2016, 1, 1, 9)
    # 120 month files written straight to disk, newest first in each
    entries = [make_entry(start + timedelta(days=n), pain=n % 11) for n in range(3650)]
    for key, month in by_month(entries).items():
        write_month(store, key, month[::-1])
    loaded = store.load()
    assert loaded.problems == []
    assert len(loaded.entries) == 3650
    assert loaded.entries == sorted(loaded.entries, key=lambda e: e.at)


# --- config.toml that can't be read -------------------------------------------------------


_VALID_CONFIGS = [
    b'theme = "x"\n',
    b"# mine\n[keymap]\npause = 'p'\n",
    b'routine = "a" # c\ntheme = """multi\nline"""\n',
    b"theme = 'x'\nclearance_months = 6\n",
]


CONFIG_BROKEN = {
    "invalid UTF-8": b'theme = "caf\xe9"\n',
    "deep nesting": b"x = " + b"[" * 3000,
    "huge integer": b"clearance_months = " + b"9" * 5000 + b"\n",
    "integer past 64 bits": b"clearance_months = 99999999999999999999\n",
    "syntax": b"theme = \n",
    "syntax (routine)": b"routine = \n",
}


@pytest.mark.parametrize("kind", list(CONFIG_BROKEN))
def test_a_config_that_does_not_read_gives_defaults_and_is_never_rewritten(
    paths: Paths, kind: str
) -> None:
    content = CONFIG_BROKEN[kind]
    paths.config.mkdir(parents=True)
    paths.config_file.write_bytes(content)
    loaded = load_config(paths)
    defaults = load_config(Paths(paths.config / "none", paths.data)).config
    # the defaults, except that how long a go-ahead lasts is not known (the gate says so)
    assert loaded.config.clearance_problem.startswith(str(paths.config_file))
    assert replace(loaded.config, clearance_problem="") == defaults
    [problem] = loaded.problems
    assert problem.startswith(str(paths.config_file)) and "using the defaults" in problem
    with pytest.raises(StorageError) as info:
        remember(paths, "theme", "footcare-light")
    assert info.value.path == paths.config_file
    assert "was not remembered" in info.value.problem
    assert paths.config_file.read_bytes() == content


@pytest.mark.parametrize("what", ["folder", "no permission", "pipe", "locked folder"])
def test_a_config_that_is_not_a_readable_file_gives_defaults_and_is_left_alone(
    paths: Paths, what: str
) -> None:
    paths.config.mkdir(parents=True)
    if what == "folder":
        paths.config_file.mkdir()
    elif what == "pipe":
        os.mkfifo(paths.config_file)
    else:
        paths.config_file.write_text('theme = "footcare-dark"\n')
        (paths.config if what == "locked folder" else paths.config_file).chmod(0)
    try:
        with permissions_apply():
            loaded = load_config(paths)
            with pytest.raises(StorageError) as info:
                remember(paths, "theme", "footcare-light")
    finally:
        paths.config.chmod(0o700)
        if paths.config_file.is_file():
            paths.config_file.chmod(0o600)
    [problem] = loaded.problems
    named = paths.config if what == "locked folder" else paths.config_file
    assert problem.startswith(f"{named}: ")
    assert "using the defaults" in problem
    assert info.value.path == named
    if what in ("no permission", "locked folder"):
        assert paths.config_file.read_text() == 'theme = "footcare-dark"\n'


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.sampled_from(_VALID_CONFIGS))
@example(b'theme = """dark\nand more"""\n')  # never written so that it would not parse
def test_remember_on_any_config_updates_one_key_or_changes_nothing(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder) / "c", Path(folder) / "d")
        paths.config.mkdir()
        paths.config_file.write_bytes(content)
        try:
            old = read_toml(paths.config_file)
        except StorageError:
            old = None
        try:
            remember(paths, "theme", "footcare-light")
        except StorageError as exc:
            assert exc.path == paths.config_file
            assert paths.config_file.read_bytes() == content
        else:
            assert old is not None
            assert read_toml(paths.config_file) == {**old, "theme": "footcare-light"}
