"""Mutated copies of every kind of file footcare reads, and the commands that must survive them.

Used by tests/test_fuzz.py (a modest number of cases per kind) and by hand for long runs::

    .venv/bin/python tests/mutants.py --cases 3000 [--app-cases 300] [--kind journal]

A case: copy a folder of real files (written by footcare's own writers and flows), break
one file with one mutation, run every CLI command in-process through ``footcare.cli.run``
and (optionally) start the app headless, press the kind's keys, and quit. A case fails on
any uncaught exception or traceback, on a broken file that changed, or on a broken file
that a command reading it never names.

A file kind is a row of ``KINDS``: add one for a new file.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import random
import re
import resource
import shutil
import signal
import stat
import sys
import tempfile
import threading
import tomllib
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from unittest.mock import patch

import tomli_w

import rendered
from footcare.cli import run as cli_run
from footcare.domain.draft import FormState
from footcare.domain.journal import Entry, Ratings, SessionFacts
from footcare.storage.config import remember
from footcare.storage.files import write_text
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths, bundled
from footcare.storage.state import draft_file, kept_aside
from rootless import permissions_apply

CASE_SECONDS = 30
"""A case that takes longer than this is a hang (e.g. a FIFO opened without O_NONBLOCK)."""
TODAY = date.today()
"""The day the run's template is written for, read once: a run that crosses midnight (at a
month's end) still finds the month files the template wrote."""


# --- the files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of file: where it lives, and who must say so when it is broken."""

    name: str
    where: Callable[[Paths], Path]
    commands: tuple[str, ...] = ()
    """The CLI commands (keys of COMMANDS) that read this file and must name it when broken."""
    app_keys: tuple[str, ...] = ("c",)
    """Keys pressed on the first screen before quitting (the app reads every kind, and must
    name it when broken)."""
    probe: Callable[[Paths, Path], str | None] = lambda paths, path: None
    """Footcare's own reader of the file (given the folders and the file). It raises when
    footcare can't use the file at all (the file must then stay as it is, and be named); it
    returns the problems of a file that is used in part (they must be named); None when all
    is well."""
    prepare: Callable[[Paths], None] | None = None
    """Changes to the copied folders this kind needs before its file is mutated."""


class Unreadable(Exception):
    """What a probe raises for a file footcare can't use at all (so must never change)."""


def _probe_config(paths: Paths, path: Path) -> str | None:
    """Raises for a config.toml that can't be read; returns the problems of one that can
    (remembering a choice may then still edit it, one line)."""
    from footcare.storage.config import load_config
    from footcare.storage.read import exists, read_toml

    if exists(path):
        read_toml(path)
    return "; ".join(load_config(paths).problems) or None


def _probe_routine(paths: Paths, path: Path) -> None:
    from footcare.storage.routines import load_file

    load_file(path)


def _probe_theme(paths: Paths, path: Path) -> None:
    from footcare.storage.read import read_toml
    from footcare.ui.themes import theme_from_table

    theme_from_table(read_toml(path), str(path))


def _probe_journal(paths: Paths, path: Path) -> None:
    loaded = JournalStore(paths).load()
    named = [p for p in loaded.problems if str(path) in p or str(paths.journal) in p]
    if named:
        raise Unreadable("; ".join(named))


def _probe_table(paths: Paths, path: Path) -> None:
    from footcare.storage.state import TableFile

    TableFile(path, paths.lock).load()


def _probe_safety(paths: Paths, path: Path) -> None:
    from footcare.storage.safety import SafetyStore

    unreadable = SafetyStore(paths).load().unreadable
    if unreadable:
        raise Unreadable("; ".join(unreadable))


JOURNAL_COMMANDS = ("journal list", "journal csv", "journal json", "journal markdown")


def this_month(paths: Paths) -> Path:
    return paths.journal / f"{TODAY:%Y-%m}.toml"


def last_month(paths: Paths) -> Path:
    return paths.journal / f"{TODAY.replace(day=1) - timedelta(1):%Y-%m}.toml"


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("config", lambda p: p.config_file, probe=_probe_config),
        Kind(
            "routine",
            lambda p: p.user_routines / "mine.toml",
            commands=("routines list", "routines validate"),
            probe=_probe_routine,
        ),
        Kind(
            "theme",
            lambda p: p.user_themes / "mine.toml",
            commands=("themes list",),
            probe=_probe_theme,
        ),
        Kind(
            "journal",
            this_month,
            commands=(*JOURNAL_COMMANDS, "journal add", "status"),
            probe=_probe_journal,
        ),
        Kind(
            "journal-old", last_month, commands=(*JOURNAL_COMMANDS, "status"), probe=_probe_journal
        ),
        Kind("session", lambda p: p.session_state, probe=_probe_table),
        Kind("safety", lambda p: p.safety_record, commands=("status",), probe=_probe_safety),
        Kind(
            "clearances",
            lambda p: p.clearances,
            commands=("status",),
            probe=_probe_safety,
            prepare=lambda p: _legacy_clearances(p),
        ),
        Kind("draft", lambda p: p.draft, app_keys=("j",), probe=_probe_table),
    )
}

USER_CONFIG = """\
# footcare settings
routine = "mine"
theme = "mine"          # my own colours
emergency_number = "112"
clearance_months = 6

[keymap]
"start.continue" = "c,enter"
"""


def _user_routine() -> str:
    text = (bundled("routines") / "standard.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = ".*"$', 'id = "mine"', text)
    text = re.sub(r'(?m)^name = ".*"$', 'name = "Mine"', text, count=1)
    return text + (
        "\n[[precautions]]\n"
        'id = "my-knee"\n'
        'tier = "remind"\n'
        'title = "Knee"\n'
        'question = "Sit so your knee is comfortable."\n'
        'advice = "Use a cushion."\n'
    )


def _user_theme() -> str:
    text = (bundled("themes") / "footcare-dark.toml").read_text(encoding="utf-8")
    return re.sub(r'(?m)^name = ".*"$', 'name = "mine"', text)


def _entries(today: date) -> list[Entry]:
    """A month of varied entries this month and last."""
    out = []
    for back in (0, 1, 2, 20, 31, 40):
        at = datetime.combine(today - timedelta(days=back), time(9, 30))
        out.append(
            Entry(
                id=f"{at:%Y%m%d%H%M%S}-{back:06x}",
                at=at,
                before=Ratings(numbness=4, tingling=3, burning=2, pain=5),
                after=Ratings(numbness=3, tingling=2, burning=1, pain=2),
                sleep=3,
                findings={"swelling": "left"} if back == 40 else {},
                session=SessionFacts("mine", ("left", "right"), 12.5, stop_reason="", lotion="x"),
                weekly_change=2,
                footwear=True,
                exercise_minutes=20,
                blood_sugar="6.8 mmol/L",
                next_follow_up=today + timedelta(days=30),
                note=f"Felt better after the session ({back}).",
            )
        )
    return out


def _seed_app_files(paths: Paths) -> None:
    """safety.toml and session.toml, written by the app itself: every go-ahead recorded,
    then the questions answered safely and a session begun."""
    from apphelpers import FakeClock, begin, make_app, record_all_clearances

    record_all_clearances(paths, on=TODAY)

    async def drive() -> None:
        app = make_app(paths, FakeClock(), now=datetime.now())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await begin(pilot)
            await pilot.pause()

    asyncio.run(drive())


def _legacy_clearances(paths: Paths) -> None:
    """The go-aheads as footcare 0.1 kept them (clearances.toml), read while there is no
    safety.toml yet."""
    from footcare.domain.screening import Tier, all_items

    items = {
        item.id: {"applies": item.everyone, "on": TODAY - timedelta(days=30)}
        for item in all_items()
        if item.tier is Tier.CLEARANCE
    }
    paths.safety_record.unlink()
    (paths.data / ".safety-witness").unlink(missing_ok=True)  # 0.1 kept no witness either
    write_text(paths.clearances, tomli_w.dumps({"items": items}))


def make_template(root: Path) -> Paths:
    """A config and a data folder holding a real file of every kind."""
    paths = Paths(root / "config", root / "data")
    write_text(paths.user_routines / "mine.toml", _user_routine())
    write_text(paths.user_themes / "mine.toml", _user_theme())
    write_text(paths.config_file, USER_CONFIG)
    remember(paths, "emergency_number", "999")
    store = JournalStore(paths)
    for entry in _entries(TODAY):
        store.add(entry)
    form = FormState(note="half typed", sleep=4, exercise="15")
    form.before["pain"] = 6
    draft_file(paths).save(
        {"form": form.to_dict(), "saved_at": datetime.now().replace(microsecond=0)}
    )
    _seed_app_files(paths)
    return paths


# --- mutations -------------------------------------------------------------------------------

Mutate = Callable[[random.Random, bytes], bytes]

HOSTILE_VALUES: list[Any] = [
    -1, 0, 11, 99, 10**6, 2**63 - 1, -(2**63), 1.5, -0.0, float("inf"), float("-inf"),
    float("nan"), 1e308, True, False, "", " ", "x" * 5000, "a b", "q-1", "1abc", "é ✓",
    "\x1b[2J\x07", "line\nbreak", date(1, 1, 1), date(9999, 12, 31),
    datetime(1, 1, 1, 0, 0), datetime(9999, 12, 31, 23, 59, 59),
    datetime(2026, 1, 1, 9, tzinfo=UTC), time(12, 0), [], {}, [1, "a"], {"x": 1},
    [[[[[]]]]], ["left", "left"], {"pain": 42}, [{"id": "x"}], "standard", "mine", "left",
]  # fmt: skip


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def m_flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def m_truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def m_insert_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.randbytes(rng.randint(1, 24)) + data[at:]


def m_invalid_utf8(rng: random.Random, data: bytes) -> bytes:
    bad = rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf0\x28\x8c\xbc", b"\x80", b"\xfe"])
    quotes = [m.end() for m in re.finditer(rb'"', data)]
    at = rng.choice(quotes) if quotes and rng.random() < 0.7 else rng.randrange(len(data) + 1)
    return data[:at] + bad + data[at:]


def _deep(rng: random.Random) -> bytes:
    depth = rng.choice([30, 100, 300, 600, 1000, 3000, 100_000])
    opener, closer = rng.choice([(b"[", b"]"), (b"{a=", b"}"), (b"[{a=", b"}]")])
    closed = rng.random() < 0.5
    return opener * depth + (b"1" + closer * depth if closed else b"")


def m_deep_nesting(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    values = [i for i, line in enumerate(lines) if re.match(rb"^\s*[\w\"'.-]+\s*=", line)]
    if values and rng.random() < 0.6:
        i = rng.choice(values)
        key = lines[i].split(b"=", 1)[0]
        lines[i] = key + b"= " + _deep(rng) + b"\n"
    else:
        at = rng.randrange(len(lines) + 1)
        lines.insert(at, b"deep = " + _deep(rng) + b"\n")
    return b"".join(lines)


def _huge_int(rng: random.Random) -> bytes:
    digits = rng.choice([19, 20, 400, 4300, 4301, 5000, 100_000])
    sign = rng.choice([b"", b"-", b"+"])
    return sign + b"9" * digits


def m_huge_int(rng: random.Random, data: bytes) -> bytes:
    numbers = list(re.finditer(rb"(?<=[=\[,{] )-?\d+(?=\s*[,}\]\n#])", data))
    if numbers and rng.random() < 0.7:
        m = rng.choice(numbers)
        return data[: m.start()] + _huge_int(rng) + data[m.end() :]
    lines = _lines(data)
    lines.insert(rng.randrange(len(lines) + 1), b"n = " + _huge_int(rng) + b"\n")
    return b"".join(lines)


def m_duplicate(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    headers = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"[")]
    if headers and rng.random() < 0.4:
        start = rng.choice(headers)
        end = next((i for i in headers if i > start), len(lines))
        block = lines[start:end]
        return b"".join(lines[:end] + block + lines[end:])
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return b"".join(lines)


def m_huge_file(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([5, 9, 40]) << 20
    pad = b"# " + b"x" * 1000 + b"\n"
    return data + pad * (size // len(pad))


def m_empty(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b"\n", b"# nothing\n", b"\x00", b"\xef\xbb\xbf"])


def m_swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    if len(lines) > 1:
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)


# tree mutations: parse, change one node, write back


def _nodes(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _nodes(inner, (*path, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _nodes(inner, (*path, i))


def _tree(
    rng: random.Random, data: bytes, change: Callable[[random.Random, Any, Any], None]
) -> bytes:
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return m_flip(rng, data)
    paths = [p for p in _nodes(doc) if p]
    if not paths:
        doc["x"] = rng.choice(HOSTILE_VALUES)
        return tomli_w.dumps(doc).encode()
    path = rng.choice(paths)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    change(rng, parent, path[-1])
    try:
        return tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):
        return m_flip(rng, data)


def _set_hostile(rng: random.Random, parent: Any, key: Any) -> None:
    parent[key] = rng.choice(HOSTILE_VALUES)


def _out_of_range(rng: random.Random, parent: Any, key: Any) -> None:
    old = parent[key]
    if isinstance(old, bool):
        parent[key] = rng.choice([0, 1, "true"])
    elif isinstance(old, int | float):
        parent[key] = rng.choice(
            [-1, -100, 11, 99, 10**9, 2**63 - 1, -(2**63), float("inf"), float("nan")]
        )
    elif isinstance(old, datetime):
        parent[key] = rng.choice(
            [datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59), old.replace(tzinfo=UTC)]
        )
    elif isinstance(old, date):
        parent[key] = rng.choice([date(1, 1, 1), date(9999, 12, 31), TODAY + timedelta(days=400)])
    elif isinstance(old, str):
        parent[key] = rng.choice(["", "x" * 100_000, old + " " + old, "\x00", "\x1b]0;title\x07"])
    else:
        _set_hostile(rng, parent, key)


def _unknown_key(rng: random.Random, parent: Any, key: Any) -> None:
    target = parent[key] if isinstance(parent[key], dict) else parent
    if isinstance(target, dict):
        target[rng.choice(["colour", "nme", "extra", "Routine", "ids"])] = rng.choice(
            HOSTILE_VALUES
        )
    else:
        target.append(rng.choice(HOSTILE_VALUES))


def _drop(rng: random.Random, parent: Any, key: Any) -> None:
    del parent[key]


def _duplicate_item(rng: random.Random, parent: Any, key: Any) -> None:
    if isinstance(parent, list):
        parent.insert(key, parent[key])
    elif isinstance(parent[key], list) and parent[key]:
        parent[key].append(parent[key][0])
    else:
        _set_hostile(rng, parent, key)


m_wrong_type = partial(_tree, change=_set_hostile)
m_out_of_range = partial(_tree, change=_out_of_range)
m_unknown_key = partial(_tree, change=_unknown_key)
m_drop_key = partial(_tree, change=_drop)
m_duplicate_item = partial(_tree, change=_duplicate_item)

CONTENT_MUTATIONS: dict[str, Mutate] = {
    name.removeprefix("m_").replace("_", "-"): mutate
    for name, mutate in list(globals().items())
    if name.startswith("m_")
}
"""Every ``m_`` mutation above, in order, named after it: ``m_huge_int`` is "huge-int"."""
PLACE_MUTATIONS = ("folder", "fifo", "device", "chmod-000", "folder-chmod-000")
"""Mutations of the file's place rather than its bytes."""
MUTATIONS = (*CONTENT_MUTATIONS, *PLACE_MUTATIONS)


def apply(mutation: str, path: Path, rng: random.Random) -> None:
    if mutation in CONTENT_MUTATIONS:
        path.write_bytes(CONTENT_MUTATIONS[mutation](rng, path.read_bytes()))
    elif mutation == "folder":
        path.unlink()
        path.mkdir()
        (path / "inside.toml").write_text("x = 1\n")
    elif mutation == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif mutation == "device":
        path.unlink()
        path.symlink_to(rng.choice(["/dev/zero", "/dev/urandom", "/dev/null"]))
    elif mutation in ("chmod-000", "folder-chmod-000"):
        pass  # see lock()
    else:
        raise ValueError(mutation)


def lock(mutation: str, path: Path) -> None:
    """The permission mutations, done after the file's bytes are noted."""
    if mutation == "chmod-000":
        path.chmod(0)
    elif mutation == "folder-chmod-000":
        path.parent.chmod(0)


def snapshot(path: Path) -> tuple[Any, ...]:
    """What a file is: its bytes for a regular file, its type for anything else."""
    try:
        st = path.lstat()
    except FileNotFoundError:
        return ("missing",)
    if stat.S_ISREG(st.st_mode):
        return ("file", stat.S_IMODE(st.st_mode), path.read_bytes())
    if stat.S_ISLNK(st.st_mode):
        return ("link", os.readlink(path))
    if stat.S_ISDIR(st.st_mode):
        return ("folder", sorted((p.name, p.read_bytes()) for p in path.iterdir()))
    return ("other", stat.S_IFMT(st.st_mode))


# --- running the commands --------------------------------------------------------------------


def command_args(paths: Paths) -> dict[str, list[str]]:
    return {
        "paths": ["paths"],
        "routines list": ["routines", "list"],
        "routines validate": ["routines", "validate", str(paths.user_routines / "mine.toml")],
        "themes list": ["themes", "list"],
        "journal list": ["journal", "list"],
        "journal csv": ["journal", "export", "--format", "csv"],
        "journal json": ["journal", "export", "--format", "json"],
        "journal markdown": ["journal", "export", "--format", "markdown"],
        "status": ["status", "--json"],
        # the one that writes: run last
        "journal add": ["journal", "add", "--pain", "3", "--note", "from the fuzz test"],
    }


COMMANDS = tuple(command_args(Paths(Path("c"), Path("d"))))


@dataclass
class Outcome:
    kind: str
    mutation: str
    seed: int
    failures: list[str] = field(default_factory=list)
    messages: dict[str, str] = field(default_factory=dict)
    """What each run said (stderr, or the app's notices)."""

    @property
    def ok(self) -> bool:
        return not self.failures


class Hang(BaseException):
    pass


_FIFOS: list[Path] = []


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"no answer after {CASE_SECONDS} s")


@contextlib.contextmanager
def watchdog(seconds: float) -> Iterator[None]:
    """Raise Hang in this (the main) thread after ``seconds``; a pipe being waited on, in
    any thread, first gets an end of file."""
    main = threading.get_ident()
    done = threading.Event()

    def bark() -> None:
        while not done.wait(seconds):
            for fifo in _FIFOS:
                with contextlib.suppress(OSError):
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            signal.pthread_kill(main, signal.SIGALRM)
            done.wait(2.0)

    old = signal.signal(signal.SIGALRM, _alarm)
    dog = threading.Thread(target=bark, daemon=True)
    dog.start()
    try:
        yield
    finally:
        done.set()
        dog.join()
        signal.signal(signal.SIGALRM, old)


class Stream(io.TextIOWrapper):
    """A stand-in for stdout or stderr that keeps what was written, text or bytes."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", errors="replace", write_through=True)

    def text(self) -> str:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue().decode("utf-8", "replace")


def run_cli(paths: Paths, args: list[str]) -> tuple[str, str | None]:
    """(what it printed, traceback or None) of one command, run in this process."""
    out, err = Stream(), Stream()
    argv = ["--config-dir", str(paths.config), "--data-dir", str(paths.data), *args]
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli_run(argv)
    except SystemExit as exc:
        if exc.code not in (0, 1, 2, None):
            return err.text(), f"exit {exc.code}"
    except Hang:
        raise
    except BaseException:
        return err.text(), traceback.format_exc()
    text = err.text() + out.text()
    if "Traceback (most recent call last)" in text:
        return text, text
    return text, None


def run_app(paths: Paths, keys: tuple[str, ...]) -> tuple[str, str | None]:
    """Start the app through ``footcare.cli.run`` headless: press ``keys``, then quit.

    Returns what it said (its notices and anything on stderr) and any traceback."""
    from footcare.ui.app import FootcareApp

    said: list[str] = []
    crashed: list[str] = []

    def headless_run(app: FootcareApp, *args: Any, **kwargs: Any) -> int:
        async def drive() -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                for key in keys:
                    await pilot.press(key)
                    await pilot.pause()
                said.extend(f"{n.title}: {n.message}" for n in rendered.notifications(app))
                said.extend(screen_text(app))
                await pilot.press("q")
                await pilot.pause()

        try:
            asyncio.run(drive())
        except Hang:
            raise
        except BaseException:
            crashed.append(traceback.format_exc())
        return 0

    import footcare.ui.run as ui_run

    headless = patch.object(ui_run, "no_terminal", lambda: None)  # the screen is the test's
    with patch.object(FootcareApp, "run", headless_run), headless:
        stderr, failure = run_cli(paths, [])
    text = "\n".join([*said, stderr])
    return text, (crashed[0] if crashed else failure)


def screen_text(app: Any) -> list[str]:
    """The text of every Static on every screen of the app (unwrapped, so a long path in it
    is still whole)."""
    return [
        str(content)
        for screen in app.screen_stack
        for widget in screen.query("*")
        if (content := getattr(widget, "content", None)) is not None
    ]


def _names(message: str, path: Path) -> bool:
    return str(path) in message or any(
        str(folder) + ":" in message or str(folder) + " " in message
        for folder in (path.parent, path.parent.parent)
    )


def run_case(
    template: Paths, kind_name: str, mutation: str, seed: int, work: Path, app: bool = True
) -> Outcome:
    kind = KINDS[kind_name]
    outcome = Outcome(kind_name, mutation, seed)
    root = work / f"case-{kind_name}-{mutation}-{seed}"
    shutil.copytree(template.config.parent, root, symlinks=True)
    paths = Paths(root / template.config.name, root / template.data.name)
    if kind.prepare is not None:
        kind.prepare(paths)
    target = kind.where(paths)
    rng = random.Random(seed)
    apply(mutation, target, rng)
    before = snapshot(target)
    lock(mutation, target)
    _FIFOS[:] = [target] if mutation == "fifo" else []
    try:
        with watchdog(CASE_SECONDS), permissions_apply():
            usable, problem = _usable(kind_name, paths)
            for name in COMMANDS:
                stderr, failure = run_cli(paths, command_args(paths)[name])
                outcome.messages[name] = stderr
                if failure:
                    outcome.failures.append(f"{name}: {failure}")
            if app:
                said, failure = run_app(paths, kind.app_keys)
                outcome.messages["app"] = said
                if failure:
                    outcome.failures.append(f"app: {failure}")
    except Hang as exc:
        outcome.failures.append(f"hang: {exc}")
        usable, problem = True, None
    finally:
        _unlock(target)
    after = snapshot(target)
    # or kept aside whole (storage/state.py): said by whoever looked first, named until deleted
    kept = [k for k in kept_aside(paths) if after == ("missing",) and snapshot(k) == before]
    if not usable and before != after and not kept:
        outcome.failures.append(f"the broken file changed ({problem})")
    if problem is not None:
        readers = [*kind.commands, *(["app"] if app else [])]
        if kept and any(
            _names(said, target) or str(kept[0]) in said for said in outcome.messages.values()
        ):
            readers = []
        for reader in readers:
            if reader in outcome.messages and not _names(outcome.messages[reader], target):
                outcome.failures.append(f"{reader}: said nothing about the file ({problem})")
    shutil.rmtree(root, ignore_errors=True)
    return outcome


def _unlock(path: Path) -> None:
    for p in (path.parent, path):
        with contextlib.suppress(OSError):
            if p.exists() and not p.is_symlink():
                p.chmod(0o700 if p.is_dir() else 0o600)


def _usable(kind_name: str, paths: Paths) -> tuple[bool, str | None]:
    """(whether footcare can use the file at all, the problem to be named if any)."""
    try:
        problem = KINDS[kind_name].probe(paths, KINDS[kind_name].where(paths))
    except Exception as exc:  # whatever the reader raised: the file can't be used
        return False, f"{type(exc).__name__}: {exc}"[:300]
    return True, problem


# --- by hand ---------------------------------------------------------------------------------


def main() -> int:
    global CASE_SECONDS  # a knob for long runs by hand
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100, help="CLI cases per kind")
    parser.add_argument("--app-cases", type=int, default=None, help="of which with an app start")
    parser.add_argument("--kind", action="append", choices=list(KINDS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=3, help="failures to print per kind")
    parser.add_argument("--timeout", type=float, default=CASE_SECONDS, help="seconds to a hang")
    args = parser.parse_args()
    CASE_SECONDS = args.timeout
    app_cases = args.cases if args.app_cases is None else args.app_cases
    # reading /dev/zero without a bound must fail here, not take the machine's memory
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, resource.getrlimit(resource.RLIMIT_AS)[1]))
    with tempfile.TemporaryDirectory() as tmp:
        template = make_template(Path(tmp) / "template")
        work = Path(tmp) / "work"
        work.mkdir()
        for name in args.kind or list(KINDS):
            rng = random.Random(f"{args.seed}-{name}")
            failed, causes = Counter[str](), Counter[str]()
            counts = Counter(dict.fromkeys(CATEGORIES, 0))
            shown = 0
            for i in range(args.cases):
                mutation = MUTATIONS[i % len(MUTATIONS)]
                seed = rng.randrange(2**32)
                outcome = run_case(template, name, mutation, seed, work, app=i < app_cases)
                if outcome.ok:
                    continue
                failed[mutation] += 1
                counts.update({category_of(f) for f in outcome.failures})
                causes.update({cause_of(f) for f in outcome.failures})
                if shown < args.show:
                    shown += 1
                    print(f"--- {name} {mutation} seed={seed}", file=sys.stderr)
                    for f in outcome.failures:
                        print(_short(f), file=sys.stderr)
            print(
                f"{name:<12} cases {args.cases:>6} (app {min(app_cases, args.cases)}) "
                f"failed {failed.total():>5}  " + " ".join(f"{k} {v}" for k, v in counts.items()),
                flush=True,
            )
            print(f"    by mutation: {dict(sorted(failed.items()))}", flush=True)
            for cause, n in causes.most_common(8):
                print(f"    {n:>5}  {cause}", flush=True)
    return 0


CATEGORIES = ("traceback", "hang", "changed", "silent")


def category_of(failure: str) -> str:
    if failure.startswith("hang:"):
        return "hang"
    if failure.startswith("the broken file changed"):
        return "changed"
    if "said nothing" in failure:
        return "silent"
    return "traceback"


def cause_of(failure: str) -> str:
    """The run and the last line of a traceback (the exception), for grouping."""
    category = category_of(failure)
    if category != "traceback":
        return f"{failure.split(':')[0]}: {category}"
    last = re.sub(r"/\S*/case-[^/'\s]+", "<case>", failure.strip().splitlines()[-1])
    return f"{failure.split(':')[0]}: {last[:110]}"


def _short(text: str) -> str:
    lines = text.strip().splitlines()
    return "\n".join([*lines[:2], "  …", *lines[-4:]]) if len(lines) > 6 else text


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
