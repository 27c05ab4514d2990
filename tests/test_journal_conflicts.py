"""An entry changed or deleted elsewhere (by hand, by another footcare) while the journal is
open is never written over in silence: an edit, a delete or a restore from the app saves
nothing, says so in one sentence and shows the entry as it is now, the person's own changes
kept; and the open journal shows such a change a moment later."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot

import footcare.ui.screens.journal_core as journal_core
from apphelpers import NOW, pressed
from footcare.domain.draft import FormState
from footcare.domain.journal import SYMPTOMS, Entry, Ratings
from footcare.services.build import read_footcare
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.ui.app import FootcareApp
from footcare.ui.screens.entry_form import EntryForm
from footcare.ui.screens.journal import JournalScreen
from footcare.ui.widgets.history_table import HistoryTable
from rendered import notifications

SIZE = (80, 24)
AT = datetime(2026, 11, 20, 12, 0)
BASE = Entry(id="20261120120000-aaaaaa", at=AT, before=Ratings(pain=3), note="x")
OTHER = Entry(id="20261118120000-bbbbbb", at=datetime(2026, 11, 18, 12, 0), note="other")

words = st.text(st.sampled_from("abcyz"), min_size=2, max_size=8)
ratings = st.integers(0, 10)
# what someone else did to the entry meanwhile: None leaves it as it was
outside = st.one_of(
    st.none(),
    st.builds(lambda n: ("hand note", n), words),
    st.builds(lambda p: ("pain", p), ratings),
    st.just(("deleted", True)),
    st.just(("removed", None)),
)
mine = st.one_of(
    st.builds(lambda n: {"numbness": n}, ratings), st.builds(lambda t: {"note": t}, words)
)


def paths_in(root: Path) -> Paths:
    return Paths(config=root / "cfg", data=root / "data")


def month_file(paths: Paths) -> Path:
    return JournalStore(paths).month_path(BASE.month_key)


def change_elsewhere(paths: Paths, change: tuple[str, Any] | None) -> None:
    """What a person with an editor, or another footcare, does to BASE on disk."""
    store, path = JournalStore(paths), month_file(paths)
    if change is None:
        return
    what, value = change
    if what == "hand note":  # as sed would
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('note = "x"', f'note = "{value}"'), encoding="utf-8")
    elif what == "pain":
        store.replace(BASE.with_changes(before=Ratings(pain=value)))
    elif what == "deleted":
        store.set_deleted(BASE, True)
    else:
        path.write_text(f'[[entries]]\nid = "{OTHER.id}"\nat = 2026-11-18 12:00:00\n')


def as_stored(paths: Paths, entry: Entry = BASE) -> Entry | None:
    return next((e for e in JournalStore(paths).load().entries if e.id == entry.id), None)


def changed_by(entry: Entry, edit: dict[str, Any]) -> Entry:
    if "numbness" in edit:
        return entry.with_changes(before=Ratings(**{**entry.before.as_dict(), **edit}))
    return entry.with_changes(**edit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(elsewhere=outside, edit=mine, action=st.sampled_from(["save", "delete", "restore"]))
def test_what_was_changed_elsewhere_is_never_written_over(
    elsewhere: tuple[str, Any] | None, edit: dict[str, Any], action: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = paths_in(Path(tmp))
        opened = BASE.with_changes(deleted=action == "restore")
        JournalStore(paths).add(opened)
        uses = read_footcare(paths, now=lambda: NOW)
        try:
            if elsewhere == ("deleted", True) and action == "restore":
                elsewhere = ("pain", 9)  # a change to the deleted entry
            change_elsewhere(paths, elsewhere)
            before, now = month_file(paths).read_bytes(), as_stored(paths)
            if action == "save":
                result: object = uses.journal_use.save(changed_by(opened, edit), opened)
            else:
                result = uses.journal_use.set_deleted(opened, action == "delete")
        finally:
            uses.close()
        if now == opened:  # nothing changed meanwhile: the change is written
            assert result is None or isinstance(result, Entry)
            assert as_stored(paths) != opened
            return
        assert not isinstance(result, Entry | None), result
        assert month_file(paths).read_bytes() == before  # not a byte written
        assert result.now == now
        message = result.message
        assert message.count(". ") == 0 and message.endswith(".")  # one sentence
        assert "elsewhere" in message


@settings(max_examples=80, deadline=None)
@given(
    mine_pain=st.none() | ratings,
    mine_numb=st.none() | ratings,
    their_pain=st.none() | ratings,
    their_note=st.none() | words,
    my_note=st.none() | words,
)
def test_the_form_shows_the_entry_as_it_is_now_with_the_persons_changes_on_top(
    mine_pain: int | None,
    mine_numb: int | None,
    their_pain: int | None,
    their_note: str | None,
    my_note: str | None,
) -> None:
    opened = FormState.from_entry(BASE)
    typed = opened.copy()
    if mine_pain is not None:
        typed.before["pain"] = mine_pain
    if mine_numb is not None:
        typed.before["numbness"] = mine_numb
    if my_note is not None:
        typed.note = my_note
    now = BASE
    if their_pain is not None:
        now = now.with_changes(before=Ratings(pain=their_pain, burning=1))
    if their_note is not None:
        now = now.with_changes(note=their_note)
    from footcare.services.journal_use import keep_changes

    kept = keep_changes(typed, opened, now)
    theirs = FormState.from_entry(now)
    for symptom in SYMPTOMS:
        mine_changed = typed.before[symptom] != opened.before[symptom]
        want = typed.before[symptom] if mine_changed else theirs.before[symptom]
        assert kept.before[symptom] == want, symptom
    assert kept.note == (typed.note if typed.note != opened.note else theirs.note)
    assert (kept.mode, kept.entry_id) == ("edit", BASE.id)


# --- through the app -----------------------------------------------------------------------
async def until(pilot: Pilot[object], ready: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, "not within the time allowed"
        await pilot.pause(0.02)


def app_on(root: Path, *entries: Entry) -> tuple[Paths, FootcareApp]:
    paths = paths_in(root)
    for entry in entries:
        JournalStore(paths).add(entry)
    return paths, FootcareApp(read_footcare(paths, now=lambda: NOW))


def said(app: FootcareApp) -> str:
    return " ".join(str(n.message) for n in notifications(app))


def table(app: FootcareApp) -> HistoryTable:
    return app.screen.query_one(HistoryTable)


async def open_journal_on_base(pilot: Pilot[object], app: FootcareApp) -> None:
    await pressed(pilot, "j")
    await until(pilot, lambda: isinstance(app.screen, JournalScreen))
    rows = table(app)
    rows.move_cursor(row=rows.get_row_index(BASE.id))


async def test_a_hand_edit_made_while_the_form_is_open_is_kept(tmp_path: Path) -> None:
    paths, app = app_on(tmp_path, BASE, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal_on_base(pilot, app)
        await pressed(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, EntryForm))
        change_elsewhere(paths, ("hand note", "fixed by hand"))
        await pressed(pilot, "5", "s")
        await until(pilot, lambda: "changed elsewhere" in said(app))
        assert as_stored(paths) == BASE.with_changes(note="fixed by hand")  # nothing written
        form = app.screen
        assert isinstance(form, EntryForm)
        await until(pilot, lambda: form.query_one("#note").value == "fixed by hand")  # type: ignore[attr-defined]
        assert form.state.before["numbness"] == 5  # what was typed is kept
        await pressed(pilot, "s")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
    stored = as_stored(paths)
    assert stored is not None and stored.note == "fixed by hand"
    assert stored.before.numbness == 5 and stored.before.pain == 3


async def test_an_entry_deleted_while_the_form_is_open_stays_deleted(tmp_path: Path) -> None:
    paths, app = app_on(tmp_path, BASE, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal_on_base(pilot, app)
        await pressed(pilot, "e")
        await until(pilot, lambda: isinstance(app.screen, EntryForm))
        change_elsewhere(paths, ("deleted", True))
        await pressed(pilot, "4", "s")
        await until(pilot, lambda: "deleted elsewhere" in said(app))
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        assert app.services.journal_use.has_draft()  # what was typed is kept
    assert as_stored(paths) == BASE.with_changes(deleted=True)


@pytest.fixture
def looks_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_core, "LOOK_EVERY", 0.05, raising=False)


@pytest.mark.usefixtures("looks_often")
async def test_the_open_journal_shows_changes_made_elsewhere(tmp_path: Path) -> None:
    paths, app = app_on(tmp_path, BASE, OTHER)
    newer = Entry(id="20261122120000-cccccc", at=datetime(2026, 11, 22, 12), note="new")
    async with app.run_test(size=SIZE) as pilot:
        await open_journal_on_base(pilot, app)
        rows = table(app)
        JournalStore(paths).add(newer)  # as `footcare journal add` would
        await until(pilot, lambda: newer.id in rows.rows)
        assert rows.current_id() == BASE.id  # the highlighted row is kept
        JournalStore(paths).set_deleted(as_stored(paths, newer) or newer, True)
        await until(pilot, lambda: newer.id not in rows.rows)
        assert rows.current_id() == BASE.id
        change_elsewhere(paths, ("hand note", "fixed by hand"))
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await until(pilot, lambda: screen.current_entry() == as_stored(paths))
        assert rows.current_id() == BASE.id


async def test_a_delete_of_an_entry_changed_elsewhere_deletes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_core, "LOOK_EVERY", 1000.0, raising=False)  # not picked up
    paths, app = app_on(tmp_path, BASE, OTHER)
    async with app.run_test(size=SIZE) as pilot:
        await open_journal_on_base(pilot, app)
        change_elsewhere(paths, ("hand note", "fixed by hand"))
        await pressed(pilot, "d", "y")
        await until(pilot, lambda: "changed elsewhere" in said(app))
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        assert screen.current_entry() == as_stored(paths) == BASE.with_changes(note="fixed by hand")
