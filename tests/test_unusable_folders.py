"""A data folder footcare can't use, of every kind, under every command: one line naming
the folder and what to do, never a traceback; and `status` in every form says what the app
says when it refuses to open it, never that a session may start.

Run in the test's own process, so that ``permissions_apply`` (tests/rootless.py) makes a
folder's mode count even for root.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from apphelpers import NOW
from footcare.__main__ import main
from footcare.domain.errors import StorageError
from footcare.folders import resolve
from footcare.services.build import open_footcare
from footcare.services.status_short import recall, short_status
from footcare.storage.paths import Paths
from rootless import permissions_apply


def _file(tmp: Path) -> Path:
    (tmp / "data").write_text("not a folder\n")
    return tmp / "data"


def _under_a_file(tmp: Path) -> Path:
    (tmp / "afile").write_text("not a folder\n")
    return tmp / "afile" / "data"


def _loop(tmp: Path) -> Path:
    (tmp / "loop").symlink_to("loop")
    return tmp / "loop"


def _loop_on_the_way(tmp: Path) -> Path:
    (tmp / "loop").symlink_to("loop")
    return tmp / "loop" / "data"


def _unwritable(tmp: Path) -> Path:
    (tmp / "data").mkdir(mode=0o500)
    return tmp / "data"


def _unwritable_parent(tmp: Path) -> Path:
    (tmp / "parent").mkdir(mode=0o500)
    return tmp / "parent" / "data"


def _unsearchable_parent(tmp: Path) -> Path:
    (tmp / "parent").mkdir(mode=0o000)
    return tmp / "parent" / "data"


KINDS: dict[str, Callable[[Path], Path]] = {
    "a file": _file,
    "under a file": _under_a_file,
    "a link in a loop": _loop,
    "under a link in a loop": _loop_on_the_way,
    "not writable": _unwritable,
    "missing, its parent not writable": _unwritable_parent,
    "behind a folder that can't be opened": _unsearchable_parent,
}

STATUS = (("status",), ("status", "--short"), ("status", "--json"))
REFUSING = (*STATUS, ("remind", "now"), ("session", "--plain"))
"""Commands that must refuse an unusable data folder, as the app does."""
OTHERS = (
    ("paths",),
    ("journal", "list"),
    ("journal", "add", "--pain", "3"),
    ("journal", "export", "--format", "csv"),
    ("journal", "export", "--format", "html"),
    ("routines", "list"),
    ("themes", "list"),
    ("config", "--path"),
)
"""Commands that may work without the data folder: if they fail, it is with one line."""


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's own folders for config and cache, and the working folder; the data
    folder is the test's to give. Every mode is put back so the folder can be removed."""
    for name in list(os.environ):
        if name.startswith("FOOTCARE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FOOTCARE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("FOOTCARE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    for folder, subs, _ in os.walk(tmp_path):
        for sub in subs:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(folder, sub), 0o700, follow_symlinks=False)


def run(args: tuple[str, ...], data: Path) -> tuple[int, str, str]:
    """`footcare --data-dir DATA ARGS` in this process, modes applied: code, out, err.
    Any exception (a traceback) escapes and fails the test."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        permissions_apply(),
    ):
        code = main(["--data-dir", str(data), *args])
    return code, out.getvalue(), err.getvalue()


def app_refusal(data: Path, config: Path) -> str:
    """What the app (and the plain session) says when it refuses to open ``data``."""
    with permissions_apply(), pytest.raises(StorageError) as refused:
        open_footcare(Paths(config, data)).close()
    return str(refused.value)


def named(text: str, data: Path) -> bool:
    return any(str(part) in text for part in (data, *data.parents) if part != Path("/"))


@pytest.mark.parametrize(
    ("kind", "args"),
    list(itertools.product(KINDS, REFUSING)),
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_an_unusable_data_folder_is_refused_as_the_app_refuses_it(
    folders: Path, kind: str, args: tuple[str, ...]
) -> None:
    data = KINDS[kind](folders)
    refusal = app_refusal(data, folders / "config")
    code, out, err = run(args, data)
    assert code == 1, (out, err)
    assert out == ""  # never "may start", never the questions as if all were well
    assert err.count("\n") == 1 and err.startswith("footcare: "), err
    if args[0] != "session":
        assert refusal in err and err.rstrip().endswith("no session can start until it is fixed")
    assert named(err, data)


@pytest.mark.parametrize(
    ("kind", "args"),
    list(itertools.product(KINDS, OTHERS)),
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_any_other_command_works_or_says_one_line_naming_the_folder(
    folders: Path, kind: str, args: tuple[str, ...]
) -> None:
    data = KINDS[kind](folders)
    code, out, err = run(args, data)
    assert code in (0, 1), (code, out, err)
    assert "Traceback" not in out + err
    if code:
        assert err.count("\n") == 1 and err.startswith("footcare: "), err
        assert named(err, data)


@pytest.mark.parametrize("kind", KINDS)
def test_status_leaves_the_folder_as_it_was(folders: Path, kind: str) -> None:
    """The check is the app's, made without making or changing anything."""
    data = KINDS[kind](folders)

    def seen() -> list[tuple[str, int]]:
        out = []
        for folder, subs, files in os.walk(folders / "parent" if "parent" in kind else folders):
            for name in [*subs, *files]:
                st = os.lstat(os.path.join(folder, name))
                out.append((os.path.join(folder, name), st.st_mode))
        return sorted(p for p in out if "cache" not in p[0])

    before = seen()
    run(("status",), data)
    assert seen() == before


def _make_a_file(data: Path) -> None:
    data.rmdir()
    data.write_text("not a folder\n")


def _make_a_loop(data: Path) -> None:
    data.rmdir()
    data.symlink_to(data.name)


BREAKS: dict[str, tuple[bool, Callable[[Path], None]]] = {
    "made not writable": (True, lambda data: data.chmod(0o500)),
    "not made yet, its parent made not writable": (False, lambda data: data.parent.chmod(0o500)),
    "replaced by a file": (True, _make_a_file),
    "replaced by a link in a loop": (True, _make_a_loop),
}
"""Ways a usable data folder (made, or not yet) becomes one the app can't open."""


@pytest.mark.parametrize("change", BREAKS)
def test_a_short_line_kept_while_the_folder_was_usable_gives_way(
    folders: Path, change: str
) -> None:
    """`status --short` at a prompt answers from its memo while nothing it read changed:
    a data folder that can no longer be used is a change, never "may start" from the memo."""
    made, breaking = BREAKS[change]
    data = folders / "parent" / "data"
    data.parent.mkdir()
    if made:
        data.mkdir()
    flags = {"--data-dir": str(data)}
    line = short_status(resolve(data_flag=str(data)), flags, os.environ, lambda: NOW, settled)
    assert recall(flags, os.environ, os.getcwd(), NOW.date().isoformat()) == line  # kept
    breaking(data)
    assert recall(flags, os.environ, os.getcwd(), NOW.date().isoformat()) is None


def settled() -> int:
    """Every file long settled: the memo is kept (services/status_short.py)."""
    return 1 << 62
