"""Rules decide on typed facts, never on words meant for a person or on a file's name.

Each test changes only the words (a translated message, a folder whose name holds
"safety.toml", a question retitled) and checks that the decision stays the same.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apphelpers import NOW, cleared_paths, make_paths
from footcare.domain.advice import LABELS, Part, refusal
from footcare.domain.journal import Entry
from footcare.domain.routine import Routine, Step
from footcare.domain.safety import BlockAnswer, SafetyFacts, SafetyRecord
from footcare.domain.screening import (
    CORE_ITEMS,
    FILES_ITEM,
    PROFESSIONAL_CHECK_ITEM,
    ItemState,
    ItemVerdict,
    Reason,
    ReasonKind,
    Verdict,
)
from footcare.domain.session import Session, saved_day
from footcare.plain import Lines
from footcare.plain.prompts import Prompts
from footcare.plain.screening import screen
from footcare.services.build import read_footcare
from footcare.services.gate import Gate
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository
from footcare.storage.safety import SafetyStore
from footcare.ui.app import FootcareApp
from footcare.ui.screens.blocked import refusal_text
from footcare.ui.widgets.history_table import HistoryTable

# --- the gate: whether the safety record can be trusted ---------------------------------


def gate_over(paths: Paths, safety: SafetyStore | None = None) -> Gate:
    return Gate(
        JournalRepository(JournalStore(paths)),
        safety or SafetyStore(paths),
        now=lambda: NOW,
        configured_months=lambda: 12,
    )


def spoilt_month(paths: Paths) -> None:
    journal = paths.data / "journal"
    journal.mkdir(parents=True, exist_ok=True)
    (journal / f"{NOW:%Y-%m}.toml").write_text("this is [not toml\n", encoding="utf-8")


@pytest.mark.parametrize("folder", ["safety.toml", "old safety.toml copies"])
def test_a_journal_month_that_cant_be_read_leaves_a_good_record_trusted(
    tmp_path: Path, folder: str
) -> None:
    """The folders' names hold "safety.toml", so every problem's words do: the record was
    read all the same, so a professional's check is added to it, not a new record begun."""
    paths = cleared_paths(tmp_path / folder)
    spoilt_month(paths)
    gate = gate_over(paths)
    facts = gate.facts()
    assert facts.unreadable and all("safety.toml" in u for u in facts.unreadable)
    assert facts.record_trusted
    assert gate.record_go_ahead(PROFESSIONAL_CHECK_ITEM, True, NOW.date()) is None
    assert not list(paths.data.glob("safety.toml.kept-*"))


class TranslatedStore(SafetyStore):
    """A record store that says, in another language, that the record can't be trusted."""

    def load(self) -> SafetyFacts:
        return SafetyFacts(SafetyRecord(), ("le registre ne peut pas être lu",), (), False)


def test_an_untrusted_record_is_known_whatever_words_say_so(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    facts = gate_over(paths, TranslatedStore(paths)).facts()
    assert not facts.record_trusted
    assert facts.unreadable == ("le registre ne peut pas être lu",)


def test_a_record_that_cant_be_trusted_says_so_as_a_fact(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    text = paths.safety_record.read_text(encoding="utf-8")
    paths.safety_record.write_text(text.replace('seal = "', 'seal = "0', 1), encoding="utf-8")
    loaded = SafetyStore(paths).load()
    assert not loaded.trusted and loaded.unreadable
    assert not gate_over(paths).facts().record_trusted


# --- the plain session: a file that can't be read ---------------------------------------


class Questions(Prompts):
    def __init__(self) -> None:
        self.out = io.StringIO()
        super().__init__(self.out, Lines(io.StringIO("")), lambda: NOW.date())

    def yes_no(self, prompt: str) -> bool | None:
        raise AssertionError(f"asked {prompt!r} while a file can't be read")


class FixedGate:
    def __init__(self, verdict: Verdict) -> None:
        self.fixed = verdict

    def verdict(self, routine: object) -> Verdict:
        return self.fixed

    def held_yes(self, item_id: str) -> bool:
        return False


@given(title=st.text(min_size=1, max_size=30), question=st.text(min_size=1, max_size=60))
def test_the_plain_session_asks_nothing_while_a_file_cant_be_read(
    title: str, question: str
) -> None:
    """Whatever the item's words (translated, retitled), a reason of the kind UNREADABLE
    stops the questions before the first one."""
    item = replace(FILES_ITEM, title=title, question=question)
    verdict = Verdict(
        (),
        (Reason(item, ReasonKind.UNREADABLE, "illisible", "réparez-le"),),
        items=(ItemVerdict(CORE_ITEMS[0], ItemState.UNANSWERED),),
    )
    gate = FixedGate(verdict)
    assert screen(Questions(), gate, None) is verdict  # type: ignore[arg-type]


def test_the_plain_session_asks_when_only_the_files_item_is_named() -> None:
    """The same item with another kind of reason is no file problem: questions are asked."""
    wound = CORE_ITEMS[0]
    verdict = Verdict(
        (),
        (Reason(FILES_ITEM, ReasonKind.UNANSWERED, "", ""),),
        items=(ItemVerdict(wound, ItemState.UNANSWERED),),
    )
    gate = FixedGate(verdict)
    with pytest.raises(AssertionError, match="asked"):
        screen(Questions(), gate, None)  # type: ignore[arg-type]


def test_core_items_hold_no_files_item() -> None:
    assert FILES_ITEM not in CORE_ITEMS


# --- the session: the day it began is a date ------------------------------------------


def one_step() -> Routine:
    step = Step("Rub", "rub", 10, "Rub the sole")
    return Routine("one", "One step", "", ("left",), (step,), get_ready_seconds=0)


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31)))
def test_a_session_keeps_the_day_it_began_as_a_date(day: date) -> None:
    session = Session.start(one_step(), Verdict((), ()), 0.0, day)
    data = session.to_dict(1.0)
    assert data["started_on"] == day.isoformat()  # text only in the file
    again = Session.restored(one_step(), data)
    assert again.started_on == day and type(again.started_on) is date
    assert saved_day(data) == day


@pytest.mark.parametrize("said", ["", "last week", "2026-13-01", 20261124, None, True])
def test_a_saved_day_that_cant_be_read_is_none(said: object) -> None:
    assert saved_day({"started_on": said}) is None
    assert Session.restored(one_step(), {"started_on": said}).started_on is None


def test_a_saved_day_is_read_as_a_day_whatever_form_it_was_kept_in() -> None:
    """A date TOML holds as a date is the same day as that date written as text (as
    footcare writes it): today's saved session is known by the day, not by the text."""
    assert saved_day({"started_on": NOW.date()}) == NOW.date()
    assert saved_day({"started_on": NOW.date().isoformat()}) == NOW.date()
    assert saved_day({"started_on": NOW}) is None  # a date and time is not a day


# --- the refusal: laid out by what each line is ----------------------------------------


@pytest.mark.parametrize("why", ["Why", "Pourquoi", "Reason"])
def test_a_refusals_layout_follows_each_lines_part_not_its_label(
    monkeypatch: pytest.MonkeyPatch, why: str
) -> None:
    """Each "why" sits right above its "what to do"; the rest have a blank line after,
    whatever the label reads (a translation, new wording)."""
    monkeypatch.setitem(LABELS, Part.WHY, why)
    wound = CORE_ITEMS[0]
    verdict = Verdict((Reason(wound, ReasonKind.BLOCKED, "A sore today", "Rest your feet"),), ())
    shown = refusal_text(verdict, "999").plain
    assert f"{why}: A sore today\nWhat to do: Rest your feet\n\nWhom to contact:" in shown
    assert [line.part for line in refusal(verdict, "999")] == [
        Part.WHY,
        Part.WHAT_TO_DO,
        Part.CONTACT,
        Part.PLAIN,
    ]


# --- the journal's table: which row is a blocked day ------------------------------------


async def test_an_entry_whose_id_reads_like_a_blocked_day_is_still_an_entry(
    tmp_path: Path,
) -> None:
    """A blocked day's row is known as one by the table, not by how its key begins: an
    entry put in by hand with such an id can still be opened as an entry, and a blocked day
    is never taken for one."""
    paths = cleared_paths(tmp_path)
    odd = f"blocked:{(NOW - timedelta(days=2)).date().isoformat()}"
    JournalStore(paths).add(Entry(odd, NOW - timedelta(days=2), note="put in by hand"))
    SafetyStore(paths).append([BlockAnswer("wound", NOW.date(), True, NOW)])
    app = FootcareApp(read_footcare(paths, now=lambda: NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        keys = [str(k.value) for k in table.rows]
        assert odd in keys and len(keys) == 2
        seen = set()
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            seen.add(table.current_id())
        assert seen == {odd, None}
    app.services.close()
