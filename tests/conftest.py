"""The fixtures every test file may ask for by name, and the run's own cache folder.

No test module imports another (test_house_rules.py checks it). What tests share lives
here as fixtures, or in a helper module named for what it holds: apphelpers (the quick
routine, fake clocks, an app), ptyterm and screentext (a program in a real terminal),
rendered (the app's screen as words), served (footcare serve and Chromium), sshserver,
plainrun and plainscript (the plain session, run for real or scripted), cuehelpers,
dayholds, journals and monthfiles (journals on disk), midnight (today, read clear of
midnight), printing (a page to PDF), reportdata, shipped (the bundled routines and themes,
read from their folders).

Every test run keeps its journal indexes in a cache folder of its own, and no hypothesis
example is held to a time limit.

footcare puts the SQLite index of each data folder in the user cache folder
(platformdirs, which follows XDG_CACHE_HOME on Linux). Tests make hundreds of data
folders: their indexes go to a temporary folder, removed at the end, never to the real
~/.cache. Set here, before any test runs, so that programs the tests start inherit it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from footcare.storage.paths import Paths
    from sshserver import Server

# No test is timed (speed goals live in benchmarks/): hypothesis's deadline for each example
# and its too-slow health check would fail a test because the machine was busy, not because
# an answer was wrong. Loaded here, before any test module makes its own settings from it.
settings.register_profile("footcare", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("footcare")

# The app picks its 16-colour theme on a terminal of 16 colours (TERM=xterm says so, as an
# unset TERM does): the tests' own app is drawn in full colour, whatever terminal runs them,
# unless a test says otherwise (test_sixteen_colours.py). Programs the tests start get a
# terminal of their own (ptyterm.app_env).
os.environ["COLORTERM"] = "truecolor"

_CACHE = tempfile.mkdtemp(prefix="footcare-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """A headless Chromium with its DevTools port on 127.0.0.1 (installed if missing)."""
    from served import start_chromium

    with start_chromium(tmp_path) as port:
        yield port


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """An OpenSSH server of the test's own on 127.0.0.1 (installed if missing)."""
    from sshserver import start_sshd

    with start_sshd(tmp_path_factory.mktemp("sshd")) as server:
        yield server


@pytest.fixture
def two_second_folders(tmp_path: Path) -> tuple[Path, Path]:
    """Config and data folders with the two-second routine of plainrun.py (not chosen)."""
    from plainrun import two_second_folders

    return two_second_folders(tmp_path)


@pytest.fixture
def paths(tmp_path: Path) -> Paths:
    """A config and a data folder of the test's own, not made yet: footcare's first run."""
    from footcare.storage.paths import Paths

    return Paths(config=tmp_path / "config", data=tmp_path / "data")
