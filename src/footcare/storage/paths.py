"""The folders in use (``footcare.folders``, named here for storage's own modules), and the
bundled routines and themes."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from footcare.folders import CONFIG_ENV as CONFIG_ENV
from footcare.folders import DATA_ENV as DATA_ENV
from footcare.folders import Paths as Paths
from footcare.folders import resolve as resolve


@cache
def bundled(kind: str) -> Path:
    """The folder of bundled routines or themes, in the wheel or in a source checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_bundled" / kind
    if packaged.is_dir():
        return packaged
    return package.parents[1] / kind
