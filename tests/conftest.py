"""The fixtures every test file may ask for by name, and the run's own cache folder.

Every test run keeps its journal indexes in a cache folder of its own.

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

import pytest

_CACHE = tempfile.mkdtemp(prefix="footcare-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """A headless Chromium with its DevTools port on 127.0.0.1 (installed if missing)."""
    from served import start_chromium

    with start_chromium(tmp_path) as port:
        yield port
