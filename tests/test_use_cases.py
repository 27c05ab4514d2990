"""The use-cases' shape: built in one place with no file touched by a constructor, a session
runner that knows only its narrow place (test_contracts.py finds the import circles)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import grimp
import pytest

from apphelpers import NOW, Clock, answer_today, make_paths, record_all_clearances
from footcare.domain.journal import Entry, Ratings
from footcare.domain.routine import Routine
from footcare.domain.screening import Verdict
from footcare.domain.signs import WarningSign
from footcare.services.build import UseCases, open_footcare, read_footcare
from footcare.services.ports import SessionPlace
from footcare.services.runner import SessionRunner
from footcare.services.settings import Settings
from footcare.storage.config import Config
from footcare.storage.paths import Paths


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("footcare", exclude_type_checking_imports=False)


def test_screens_never_import_the_app(graph: grimp.ImportGraph) -> None:
    screens = {m for m in graph.modules if m.startswith("footcare.ui.screens.")}
    assert screens
    importing = {
        m for m in screens if "footcare.ui.app" in graph.find_modules_directly_imported_by(m)
    }
    assert importing == set()


def test_the_runner_knows_only_its_ports(graph: grimp.ImportGraph) -> None:
    imported = graph.find_modules_directly_imported_by("footcare.services.runner")
    bag = {"footcare.services.build", "footcare.services.sessions", "footcare.services.settings"}
    assert imported & bag == set()
    assert not any(m.startswith("footcare.ui") for m in imported)


def test_no_bag_of_services_is_left(graph: grimp.ImportGraph) -> None:
    assert "footcare.services.core" not in graph.modules


def test_a_constructor_touches_no_file(tmp_path: Path) -> None:
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data", cache=tmp_path / "cache")
    uses = UseCases(paths, Settings(paths, Config()), clock=lambda: 0.0, now=lambda: NOW)
    assert uses.sessions.runner is None and uses.settings.routine("none") is None
    assert list(tmp_path.iterdir()) == []
    read_footcare(paths, now=lambda: NOW)  # reads config.toml if there is one, writes none
    assert list(tmp_path.iterdir()) == []
    open_footcare(paths, now=lambda: NOW)  # the one that makes the data folder
    assert (tmp_path / "data").is_dir()


class Place:
    """A place that keeps a session in memory: what the runner saved, wrote and let go."""

    def __init__(self, uses: UseCases, clock: Clock) -> None:
        self.uses, self.clocks = uses, clock
        self.saved: list[dict[str, Any]] = []
        self.written: list[Entry] = []
        self.let_go: list[object] = []

    def clock(self) -> float:
        return self.clocks.mono()

    def now(self) -> datetime:
        return self.clocks.wall

    def verdict(self, routine: Routine) -> Verdict:
        return self.uses.gate.verdict(routine)

    def visit_used(self) -> None:
        self.uses.gate.visit_used()

    def pending_since(self, at: datetime) -> list[WarningSign]:
        return self.uses.gate.pending_since(at)

    def save_state(self, data: dict[str, Any]) -> None:
        self.saved.append(data)

    def clear_state(self) -> None:
        self.saved.append({})

    def write_entry(self, entry: Entry, overwrite: bool = False) -> None:
        self.written.append(entry)

    def ended(self, runner: object) -> None:
        self.let_go.append(runner)


def test_a_session_runs_on_its_place_alone(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    record_all_clearances(paths)
    clock = Clock()
    uses = read_footcare(paths, now=lambda: clock.wall, clock=clock.mono)
    answer_today(uses)
    routine = uses.settings.routine("quick")
    assert routine is not None
    place = Place(uses, clock)
    checked: SessionPlace = place
    runner = SessionRunner.begin(checked, routine, Ratings(pain=3))
    for _ in range(60):
        if runner.concluded is not None:
            break
        clock.advance(1)
        runner.tick()
    assert runner.concluded is not None
    assert [e.id for e in place.written] == [runner.concluded.entry.id]
    assert place.saved and place.let_go == []
    assert runner.add_after(Ratings(pain=1), "easier") is not None
    assert place.let_go == [runner]
    assert place.written[-1].after == Ratings(pain=1)
    assert not paths.session_state.exists()  # nothing went past the place to a file
    assert uses.journal.load().entries == []
