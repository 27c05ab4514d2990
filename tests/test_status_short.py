"""`footcare status --short`, for a shell prompt: the same answer as `footcare status`, on
every journal state, whether worked out or recalled from the memo; never a memo kept past a
change; and a recalled line imports none of the heavy modules.

States are built through the journal and the gate with a fixed "now"; nothing here reads
the real date (the memo's day is given).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from footcare.__main__ import short_request
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.domain.screening import Clearance, Tier, all_items
from footcare.services.build import UseCases
from footcare.services.settings import Settings
from footcare.services.status import short_line, status
from footcare.services.status_short import recall, short_status
from footcare.storage import status_memo
from footcare.storage.errors import StorageError
from footcare.storage.files import ensure_dir
from footcare.storage.journal import new_id
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore

NOW = datetime(2031, 3, 14, 10, 0)
DAY = NOW.date().isoformat()
SETTLED: Callable[[], int] = lambda: 1 << 62  # noqa: E731 - every file long settled
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink)
"""Each example writes files: no explain phase (it reruns every one many times)."""
BLOCKS = [i.id for i in all_items() if i.tier is Tier.BLOCK]
HEAVY = ("argparse", "sqlite3", "tomllib", "tomli_w", "textual", "dataclasses", "typing")


@dataclass
class Folders:
    root: Path
    paths: Paths

    @property
    def flags(self) -> dict[str, str]:
        return {
            "--config-dir": str(self.paths.config),
            "--data-dir": str(self.paths.data),
            "--cache-dir": str(self.root / "cache"),
        }

    @property
    def env(self) -> dict[str, str]:
        return {"HOME": str(self.root)}

    @contextlib.contextmanager
    def using(self) -> Iterator[UseCases]:
        services = UseCases(self.paths, Settings.load(self.paths), now=lambda: NOW)
        try:
            yield services
        finally:
            services.close()

    def worked_out(self) -> str:
        """The line as `footcare status` works it out now, with no memo at all."""
        with self.using() as services:
            return short_line(status(services))

    def short(self) -> str:
        return short_status(self.paths, self.flags, self.env, lambda: NOW, SETTLED)

    def recalled(self, day: str = DAY) -> str | None:
        return recall(self.flags, self.env, "/", day)


@pytest.fixture
def folders(tmp_path: Path) -> Folders:
    return make_folders(tmp_path)


def make_folders(root: Path) -> Folders:
    paths = Paths(config=root / "config", data=root / "data", cache=root / "cache")
    ensure_dir(paths.data)
    return Folders(root, paths)


def scratch() -> Iterator[Folders]:
    """Fresh folders for one hypothesis example."""
    with tempfile.TemporaryDirectory(prefix="footcare-short-") as root:
        yield make_folders(Path(root))


# the states ---------------------------------------------------------------------------------


def session_entry(at: datetime, findings: dict[str, str] | None = None, stop: str = "") -> Entry:
    return Entry(
        id=new_id(at),
        at=at,
        before=Ratings(numbness=4, pain=3),
        session=SessionFacts(
            "standard", ("left", "right"), 12.0, stopped_early=bool(stop), stop_cause=stop
        ),
        findings=findings or {},
    )


def go_aheads(paths: Paths, age_days: int) -> None:
    """Every go-ahead answered: the one everyone needs given ``age_days`` ago."""
    on = NOW.date() - timedelta(days=age_days)
    SafetyStore(paths).append(
        [Clearance(i.id, i.everyone, on) for i in all_items() if i.tier is Tier.CLEARANCE]
    )


@dataclass(frozen=True)
class State:
    days: int
    """Daily sessions, the last ``last_ago`` days before NOW."""
    last_ago: int
    go_ahead: int | None
    """Age of the go-ahead in days (None: never given)."""
    sign: bool
    """A new wound noted two days ago (a warning sign open)."""
    delete_sign_entry: bool
    block: str | None
    """A BLOCK question answered yes today."""
    stopped_for_pain: bool

    def build(self, f: Folders) -> None:
        if self.go_ahead is not None:
            go_aheads(f.paths, self.go_ahead)
        with f.using() as u:
            for n in range(self.days):
                at = NOW - timedelta(days=self.last_ago + n, hours=1)
                u.journal_use.save(session_entry(at))
            if self.sign:
                entry = session_entry(NOW - timedelta(days=2), {"wound": "left"})
                u.journal_use.save(entry)
                if self.delete_sign_entry:
                    u.journal_use.set_deleted(entry, True)
            if self.stopped_for_pain:
                u.journal_use.save(session_entry(NOW - timedelta(minutes=30), stop="pain"))
            if self.block is not None:
                u.gate.answer_block(self.block, True)


states = st.builds(
    State,
    days=st.integers(0, 40),
    last_ago=st.sampled_from([0, 1, 2, 5]),
    go_ahead=st.sampled_from([None, 10, 200, 400, 800]),
    sign=st.booleans(),
    delete_sign_entry=st.booleans(),
    block=st.none() | st.sampled_from(BLOCKS),
    stopped_for_pain=st.booleans(),
)


def agrees_with_json(line: str, f: Folders) -> None:
    """The short line says what `footcare status --json` says."""
    with f.using() as services:
        facts = status(services).as_json()
    assert line.startswith(f"footcare: streak {facts['streak']} · ")
    held = facts["no_massage_today"]  # a yes today: said in its words, whatever else
    done = "stopped early" if facts["session_today_stopped_early"] else "done"
    none = "none" if held is not None else "not yet"  # no session can come on a held day
    assert f" · today {done if facts['session_today'] else none} · " in line + " · "
    signs = len(facts["pending_warning_signs"])
    assert (f"{signs} warning sign" in line) == (signs > 0)
    assert held is None or line.endswith(" · n" + held[1:-1])
    if not signs and held is None:
        assert ("no session today" in line) == (not facts["may_start"])


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=PHASES
)
@given(states)
@example(State(0, 0, None, False, False, "wound", False))  # a yes today, no session yet
@example(State(1, 0, 10, False, False, "wound", False))  # a yes after today's session
@example(State(0, 0, 10, False, False, None, False))  # nothing after "today not yet"
def test_the_short_line_is_the_status_and_is_recalled_unchanged(state: State) -> None:
    for f in scratch():
        state.build(f)
        expected = f.worked_out()
        assert f.short() == expected
        assert f.recalled() == expected  # kept, and given back while nothing changed
        assert f.recalled("2031-03-15") is None  # another day: worked out again
        agrees_with_json(expected, f)


# a change is never hidden by the memo -------------------------------------------------------


def add_today(f: Folders) -> None:
    with f.using() as u:
        u.journal_use.save(session_entry(NOW - timedelta(minutes=5)))


def add_sign(f: Folders) -> None:
    with f.using() as u:
        u.journal_use.save(session_entry(NOW - timedelta(minutes=5), {"redness": "right"}))


def answer_yes(f: Folders) -> None:
    with f.using() as u:
        u.gate.answer_block(BLOCKS[0], True)


def give_go_ahead(f: Folders) -> None:
    go_aheads(f.paths, 1)


def shorter_go_ahead_life(f: Folders) -> None:
    ensure_dir(f.paths.config)
    f.paths.config_file.write_text("clearance_months = 1\n", encoding="utf-8")


def delete_every_entry(f: Folders) -> None:
    with f.using() as u:
        for entry in u.journal.load().entries:
            u.journal_use.set_deleted(entry, True)


def break_the_record(f: Folders) -> None:
    with f.paths.safety_record.open("a", encoding="utf-8") as fh:
        fh.write("not toml [\n")


def remove_the_record(f: Folders) -> None:
    f.paths.safety_record.unlink(missing_ok=True)


def unusable_draft(f: Folders) -> None:
    f.paths.draft.write_text("this is = not [ a draft\n", encoding="utf-8")


CHANGES = [
    add_today,
    add_sign,
    answer_yes,
    give_go_ahead,
    shorter_go_ahead_life,
    delete_every_entry,
    break_the_record,
    remove_the_record,
    unusable_draft,
]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=PHASES
)
@given(states, st.lists(st.sampled_from(CHANGES), min_size=1, max_size=3))
def test_after_any_change_the_memo_gives_way_to_the_new_answer(
    state: State, changes: list[Callable[[Folders], None]]
) -> None:
    for f in scratch():
        state.build(f)
        f.short()
        for change in changes:
            with contextlib.suppress(StorageError):  # refused, as the app would: no change
                change(f)
            expected = f.worked_out()
            assert f.recalled() in (None, expected)
            assert f.short() == expected
            assert f.recalled() == expected


def test_a_session_file_keeps_no_memo(folders: Folders) -> None:
    """Whether a session can be carried on depends on another footcare: never kept."""
    folders.short()
    assert folders.recalled() is not None
    folders.paths.session_state.write_text("", encoding="utf-8")
    assert folders.recalled() is None
    folders.short()
    assert folders.recalled() is None


def test_a_line_worked_out_from_files_changed_just_now_is_not_kept(folders: Folders) -> None:
    go_aheads(folders.paths, 3)  # written just now, by the real clock
    short_status(folders.paths, folders.flags, folders.env, lambda: NOW)
    assert folders.recalled() is None


# the memo is the person's own, for these folders --------------------------------------------


def memo_of(f: Folders) -> Path:
    where = status_memo.memo_file(f.flags, f.env, "/")
    assert where is not None
    return Path(where)


def test_a_memo_others_could_write_is_not_believed(folders: Folders) -> None:
    folders.short()
    assert folders.recalled() is not None
    memo_of(folders).chmod(0o622)
    assert folders.recalled() is None


def test_a_memo_is_for_its_own_folders_only(folders: Folders, tmp_path: Path) -> None:
    folders.short()
    other = dict(folders.flags, **{"--profile": "ann"})
    assert recall(other, folders.env, "/", DAY) is None
    text = memo_of(folders).read_text(encoding="ascii")
    where = status_memo.memo_file(other, folders.env, "/")
    assert where is not None
    Path(where).write_text(text, encoding="ascii")  # another's memo, copied in
    os.chmod(where, 0o600)
    assert recall(other, folders.env, "/", DAY) is None


def test_the_memo_lives_in_the_user_cache_folder_platformdirs_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import platformdirs

    if not sys.platform.startswith("linux"):
        pytest.skip("the memo's own rule is the XDG one")
    for xdg in (str(tmp_path / "xdg"), "", "  "):
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        env = {"XDG_CACHE_HOME": xdg, "HOME": os.environ.get("HOME", "/")}
        where = status_memo.memo_file({}, env, "/")
        assert where is not None
        assert os.path.dirname(where) == platformdirs.user_cache_dir("footcare")


# the command line reads the same flags as the parser ----------------------------------------

flag_values = st.sampled_from(["/tmp/a", "rel/b", "~/c", "", "x=y", "-d", "ann"])
flag_names = st.sampled_from(["--config-dir", "--data-dir", "--cache-dir", "--profile"])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    args: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        name, value = draw(flag_names), draw(flag_values)
        args += [f"{name}={value}"] if draw(st.booleans()) else [name, value]
    tail = draw(st.sampled_from([["status", "--short"], ["status"], ["status", "--json"]]))
    return args + tail


@settings(max_examples=200, deadline=None)
@given(command_lines())
def test_the_short_path_reads_its_flags_as_the_parser_does(args: list[str]) -> None:
    from footcare.cli import build_parser

    flags = short_request(args)
    if flags is None:
        return  # the parser's to read
    parsed = build_parser().parse_args(args)
    assert parsed.command == "status" and parsed.short
    as_parsed = {
        "--config-dir": parsed.config_dir,
        "--data-dir": parsed.data_dir,
        "--cache-dir": parsed.cache_dir,
        "--profile": parsed.profile,
    }
    assert flags == {k: v for k, v in as_parsed.items() if v is not None}


def test_only_status_short_takes_the_short_path() -> None:
    assert short_request(["status", "--short"]) == {}
    for args in (["status"], ["--theme", "x", "status", "--short"], ["status", "--sh"], []):
        assert short_request(args) is None


# what a prompt pays -------------------------------------------------------------------------

RUNNER = """
import sys
import footcare.services.status_short as short
short.today_text = lambda now=None: sys.argv[1]
from footcare.__main__ import main
code = main(sys.argv[2:])
sys.stdout.flush()
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
sys.exit(code)
"""


def run_status(f: Folders, day: str, *command: str) -> tuple[str, set[str]]:
    """`footcare status …` run on ``day``: what it printed, and every module it loaded."""
    args = [a for k, v in f.flags.items() for a in (k, v)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "XDG_"))}
    env.update(f.env)
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, day, *args, "status", *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip(), set(done.stderr.split())


def test_a_recalled_line_imports_none_of_the_heavy_modules(folders: Folders) -> None:
    State(30, 0, 10, True, False, None, False).build(folders)
    expected = folders.short()
    line, modules = run_status(folders, DAY, "--short")
    assert line == expected
    loaded = {m for m in modules for h in HEAVY if m == h or m.startswith(h + ".")}
    assert not loaded
    ours = {m for m in modules if m.startswith("footcare")}
    assert ours <= {
        "footcare",
        "footcare.__main__",
        "footcare.services",
        "footcare.services.status_short",
        "footcare.storage",
        "footcare.storage.status_memo",
    }


def test_worked_out_again_it_needs_neither_the_parser_nor_textual(folders: Folders) -> None:
    folders.short()
    line, modules = run_status(folders, "2031-03-15", "--short")  # another day: no memo for it
    assert line.startswith("footcare: streak ")
    assert "footcare.services.status" in modules  # worked out, as `footcare status` does
    for name in ("argparse", "textual", "tomli_w", "footcare.cli", "footcare.commands"):
        assert name not in modules


def test_a_folder_given_relative_to_the_working_folder_is_told_apart_by_it() -> None:
    env = {"HOME": "/home/ann"}
    relative = {"--data-dir": "feet"}
    assert status_memo.memo_file(relative, env, "/a") != status_memo.memo_file(relative, env, "/b")
    absolute = {"--data-dir": "/data/feet"}
    assert status_memo.memo_file(absolute, env, "/a") == status_memo.memo_file(absolute, env, "/b")
    assert status_memo.memo_file({}, {**env, "FOOTCARE_DATA_DIR": "x"}, "/a") != (
        status_memo.memo_file({}, {**env, "FOOTCARE_DATA_DIR": "x"}, "/b")
    )


def test_the_full_status_imports_no_process_or_network_module(folders: Folders) -> None:
    """`footcare status` on a journal with its index: the scheduler's and the editor's
    modules, and the network's, are the commands' that run them, not the parser's."""
    State(30, 0, 10, True, False, None, False).build(folders)
    _, modules = run_status(folders, DAY)
    assert "footcare.storage.index" in modules  # the journal was asked through its index
    for name in ("socket", "subprocess", "selectors", "shlex", "footcare.commands.reminders"):
        assert name not in modules
