"""A new entry keeps its id from its first save: saved again after a crash between its
warning sign being recorded and the entry being written, it is one entry with one sign."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from apphelpers import pressed
from footcare.domain.draft import FormState
from footcare.services.build import read_footcare
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.widgets.choice import ChoiceRow

NOW = datetime(2026, 11, 24, 9, 0)
SIZE = (80, 24)


def app_for(paths: Paths) -> FootcareApp:
    return FootcareApp(read_footcare(paths, now=lambda: NOW))


async def test_a_new_entry_saved_again_after_a_crash_is_one_entry_with_one_sign(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths(config=tmp_path / "cfg", data=tmp_path / "data")
    real_add = JournalStore.add

    def dies(self: JournalStore, entry: object) -> None:
        raise StorageError(paths.journal, "the process died here", "")

    monkeypatch.setattr(JournalStore, "add", dies)
    app = app_for(paths)
    async with app.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j", "n")
        for _ in range(6):  # 4 ratings, sleep, the weekly question
            await pilot.press("tab")
        assert isinstance(app.focused, ChoiceRow) and app.focused.id == "finding-wound"
        await pressed(pilot, "l", "f2")
        assert isinstance(app.screen, EntryForm)  # not saved: still on the form
    # what a kill right after the sign was recorded leaves: the sign, the draft, no entry
    assert [s.entry_id for s in SafetyStore(paths).load().record.signs]
    assert JournalStore(paths).load().entries == []
    monkeypatch.setattr(JournalStore, "add", real_add)
    app2 = app_for(paths)
    async with app2.run_test(size=SIZE) as pilot:
        await pressed(pilot, "j")  # the draft comes back
        assert isinstance(app2.screen, EntryForm)
        await pressed(pilot, "f2")
    [entry] = JournalStore(paths).load().entries
    signs = SafetyStore(paths).load().record.signs
    assert [s.entry_id for s in signs] == [entry.id]


def test_a_draft_can_only_bring_an_id_footcare_gives() -> None:
    for hostile in ("", "x", "../../etc", "20261124090000-abcdeg", "\x1b[2J", "2" * 5000):
        state = FormState.from_dict({"mode": "new", "entry_id": hostile})
        assert state.entry_id == ""
    kept = FormState.from_dict({"mode": "new", "entry_id": "20261124090000-abc123"})
    assert kept.entry_id == "20261124090000-abc123"
