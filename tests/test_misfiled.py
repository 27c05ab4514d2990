"""An entry put by hand into another month's file is never missed by the gate.

footcare files each entry under its own month; an editor can put one anywhere. Such a file
is named as a problem (with the month the entry belongs in), and while it stays the gate
stays shut — with the journal index and without it, whichever month the file is named for.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, answer_today, make_paths, record_all_clearances
from footcare.domain.journal import Entry, entry_to_dict
from footcare.domain.screening import FILES_ITEM
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths


def gate_open(paths: Paths) -> tuple[bool, list[str]]:
    services = read_footcare(paths, now=lambda: NOW)
    answer_today(services)
    verdict = services.gate.verdict(services.settings.routine("quick"))
    services.close()
    return verdict.may_start, [r.message for r in verdict.reasons if r.item is FILES_ITEM]


def without_index(paths: Paths, root: Path) -> Paths:
    """The same folders with a cache folder that can't be made: the files are read."""
    blocker = root / "no-cache"
    blocker.write_text("not a folder", encoding="utf-8")
    return Paths(paths.config, paths.data, blocker / "cache")


def month_of(day: datetime) -> str:
    return f"{day:%Y-%m}"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    days_ago=st.integers(0, 29),  # after the go-aheads: a wound then is not answered by them
    months_off=st.integers(-400, 400).filter(lambda n: n != 0),
    finding=st.sampled_from([{"wound": "left"}, {"swelling": "right"}, {}]),
)
def test_an_entry_in_another_months_file_keeps_the_gate_shut_and_says_where_it_belongs(
    tmp_path_factory: pytest.TempPathFactory,
    days_ago: int,
    months_off: int,
    finding: dict[str, str],
) -> None:
    root = tmp_path_factory.mktemp("misfiled")
    paths = make_paths(root)
    paths = Paths(paths.config, paths.data, root / "cache")
    record_all_clearances(paths, on=NOW.date() - timedelta(days=30))
    at = (NOW - timedelta(days=days_ago)).replace(microsecond=0)
    entry = Entry(id=f"{at:%Y%m%d%H%M%S}-abcdef", at=at, findings=finding, note="by hand")
    index = at.year * 12 + at.month - 1 + months_off
    wrong = f"{index // 12:04d}-{index % 12 + 1:02d}"
    folder = paths.data / "journal"
    folder.mkdir(parents=True)
    (folder / f"{wrong}.toml").write_text(tomli_w.dumps({"entries": [entry_to_dict(entry)]}))
    for where in (paths, without_index(paths, root)):
        may_start, files = gate_open(where)
        assert not may_start
        assert any(f"belongs in {month_of(at)}.toml" in m and f"{wrong}.toml" in m for m in files)
    problems = JournalStore(paths).load().problems
    assert len(problems) == 1 and f"{wrong}.toml" in problems[0]
    # moved where it belongs, the file is fine: a finding blocks, none doesn't
    (folder / f"{wrong}.toml").rename(folder / f"{month_of(at)}.toml")
    for where in (paths, without_index(paths, root)):
        may_start, files = gate_open(where)
        assert not files
        assert may_start == (not finding)
