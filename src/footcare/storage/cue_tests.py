"""cue-test.toml in the data folder: the last cue test's answer for each place, written by
footcare only (atomically, checked before it is written, never over a file it can't
read)."""

from __future__ import annotations

from typing import Any

from footcare.domain.cue_test import CueTest, Heard, Place
from footcare.domain.problems import ValidationError
from footcare.domain.schema import Choice, Key, Moment, Table, Text, check
from footcare.storage.paths import Paths
from footcare.storage.state import TableFile

FILE = "cue-test.toml"

ONE = Table(
    {
        "heard": Key(Choice(tuple(h.value for h in Heard)), required=True),
        "voice": Text(max_length=200),
        "at": Key(Moment(), required=True),
    }
)
SHAPE = Table({place.value: ONE for place in Place})


def _check(data: dict[str, Any]) -> None:
    _, c = check(SHAPE, data)
    if c.problems:
        raise ValidationError(c.problems)


def cue_test_file(paths: Paths) -> TableFile:
    return TableFile(paths.data / FILE, paths.lock, _check)


def load_cue_tests(paths: Paths) -> dict[Place, CueTest]:
    """Every place's last answer. Raises StorageError when the file can't be read."""
    data = cue_test_file(paths).load() or {}
    return {
        Place(place): CueTest(Heard(one["heard"]), str(one.get("voice", "")), one["at"])
        for place, one in data.items()
    }


def record_cue_test(paths: Paths, place: Place, test: CueTest) -> None:
    """Keep `test` as `place`'s answer (the others as they are). Raises StorageError."""
    file = cue_test_file(paths)
    data = file.load() or {}
    data[place.value] = {
        "heard": test.heard.value,
        "voice": test.voice,
        "at": test.at.replace(microsecond=0, tzinfo=None),
    }
    file.save(data)
