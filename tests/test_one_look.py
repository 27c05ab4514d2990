"""Each month file is looked at once per question, and the journal is drawn before it looks.

`footcare status` asks the gate and the streak: one look at the files serves both. The
gate keeps its facts only while the files' stamps prove they are unchanged. The journal
screen draws from the index as its last sync left it, then looks at the files off the main
thread and shows whatever a person changed by hand meanwhile.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from footcare.domain.journal import Entry
from footcare.services.build import read_footcare
from footcare.services.gate import Gate
from footcare.services.history import History
from footcare.services.status import status
from footcare.storage import journal as journal_module
from footcare.storage.index import RACY_NS, Index
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.repository import JournalRepository
from footcare.storage.safety import SafetyStore
from journals import NOW, TODAY, Journal, daily, fill, journal_in, journal_screen
from monthfiles import by_month, settle


def counting(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(owner, name)

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return calls


def test_status_looks_at_each_month_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with journal_in(tmp_path) as journal:
        fill(journal, daily(700))
        services = read_footcare(journal.indexed, now=lambda: NOW)
        first = status(services)  # builds the index
        services.close()
        stamps = counting(monkeypatch, JournalStore, "stamp")
        services = read_footcare(journal.indexed, now=lambda: NOW)
        try:
            again = status(services)
            index = services.repository.index
            assert index is not None
            looks = index.looks
        finally:
            services.close()
        assert again == first and again.streak == 700
        assert (looks, len(stamps)) == (1, 0)


def with_a_sign(n: int) -> list[Entry]:
    """`n` days of entries, a swelling noted on the sixth."""
    days = daily(n)
    days[5] = days[5].with_changes(findings={"swelling": "left"})
    return days


def gate_over(paths: Paths, clock: int) -> Gate:
    """The gate over an index whose clock says ``clock`` (ns) is now."""
    index = Index(paths.index, clock=lambda: clock)
    return Gate(
        JournalRepository(JournalStore(paths), index),
        SafetyStore(paths),
        now=lambda: NOW,
        configured_months=lambda: 12,
    )


@pytest.mark.parametrize(("after_ns", "reads"), [(RACY_NS + 1, 2), (0, 3)])
def test_the_gate_keeps_its_facts_only_while_the_stamps_prove_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after_ns: int, reads: int
) -> None:
    """Month files changed just now (within RACY_NS) may change again without their stamp
    changing: the gate reads them again at every look until they have settled. (The first
    look writes the sign it finds to the safety record, so the second reads again.)"""
    with journal_in(tmp_path) as journal:
        fill(journal, with_a_sign(40))
        newest = max(p.stat().st_ctime_ns for p in journal.store.month_files())
        gate = gate_over(journal.indexed, newest + after_ns)
        flagged = counting(monkeypatch, Index, "flagged")
        first = gate.facts()
        again = gate.facts()
        third = gate.facts()
        assert third == again and len(first.signs) == len(again.signs) == 1
        assert len(flagged) == reads


def synced(journal: Journal) -> list[Entry]:
    """Sixty days of entries, and the index in step with them (as any earlier use of
    footcare leaves it)."""
    days = daily(60)
    fill(journal, days)
    services = read_footcare(journal.indexed, now=lambda: NOW)
    status(services)
    services.close()
    return days


def drawn_first(journal: Journal) -> tuple[Index, History]:
    """The journal's recent months as the index has them, the look at the files to come."""
    index = Index(journal.indexed.index)
    history = History(JournalRepository(journal.store, index))
    history.load_recent(TODAY, check_later=True)
    return index, history


def test_the_journal_is_drawn_from_the_index_then_shows_what_was_edited_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an edit made long enough ago that its stamp proves it (none is read again for being
    # just written): what the look found is all there is to see
    monkeypatch.setattr(journal_module, "RACY_NS", 0)
    with journal_in(tmp_path) as journal:
        days = synced(journal)
        month = TODAY.strftime("%Y-%m")
        by_hand = days[0].with_changes(id="20000101000000-hand00", note="written by hand")
        time.sleep(0.01)  # a later ctime on any file system clock
        journal.write_month(month, [*by_month(days)[month], by_hand])

        index, history = drawn_first(journal)
        assert not history.checked and history.get(by_hand.id) is None  # as last synced
        assert history.checked_files(TODAY, history.look_at_files())
        assert history.checked and history.get(by_hand.id) == by_hand
        index.close()


def test_without_an_index_synced_before_the_journal_looks_at_the_files_first(
    tmp_path: Path,
) -> None:
    with journal_in(tmp_path) as journal:
        fill(journal, daily(60))
        twin = Paths(tmp_path / "config", tmp_path / "twin", tmp_path / "cache")
        twin.journal.mkdir(parents=True)
        for path in journal.store.month_files():
            (twin.journal / path.name).write_bytes(path.read_bytes())
        for before in ("no index yet", "an index of another folder"):
            if before == "an index of another folder":
                other = Index(journal.indexed.index)
                other.sync(JournalStore(twin))
                other.close()
            index, history = drawn_first(journal)
            assert history.checked and not history.journal.slower, before
            assert history.counts(TODAY).streak == 60, before
            index.close()


async def test_the_journal_screen_shows_a_hand_edit_once_it_has_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "RACY_NS", 0)
    with journal_in(tmp_path) as journal:
        days = synced(journal)
        removed = days[3]  # three days ago, taken out of its month by hand
        month = by_month(days)[removed.month_key]
        journal.write_month(removed.month_key, [e for e in month if e.id != removed.id])
        rows, summary, indexed = await journal_screen(journal.indexed)  # looked at the files
        assert indexed
        assert rows and not any(row.startswith(removed.day.isoformat()) for row in rows)
        assert "Streak: 3 days in a row" in summary


def test_an_entry_saved_while_the_journal_looks_at_its_files_stays_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "RACY_NS", 0)
    with journal_in(tmp_path) as journal:
        days = synced(journal)
        edited = days[10].with_changes(note="changed by hand")
        month = by_month(days)[edited.month_key]
        time.sleep(0.01)
        journal.write_month(edited.month_key, [edited if e.id == edited.id else e for e in month])

        index, history = drawn_first(journal)
        look = history.look_at_files()  # begun off the main thread...
        saved = days[0].with_changes(id="20991231000000-saved0", note="saved meanwhile")
        journal.store.add(saved)  # ...while an entry is saved on the screen
        history.put(saved)
        assert history.checked_files(TODAY, look)
        assert history.get(saved.id) == saved
        assert history.get(edited.id) == edited
        index.close()


def test_the_index_answers_other_threads_while_a_sync_reads_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A look at the files off the main thread never holds up the screen's questions."""
    with journal_in(tmp_path) as journal:
        days = daily(60)
        fill(journal, days)
        store = journal.store
        index = Index(journal.indexed.index)
        index.sync(store)
        month = by_month(days)[days[0].month_key]
        time.sleep(0.01)
        journal.write_month(days[0].month_key, month[:-1])  # the next sync must read it
        reading, release = threading.Event(), threading.Event()
        read_document = journal_module.read_document

        def slow(path: Path, limit: int) -> Any:  # a month file on a slow disk
            reading.set()
            release.wait(10)
            return read_document(path, limit)

        monkeypatch.setattr(journal_module, "read_document", slow)
        with index.one_look():
            syncing = threading.Thread(target=index.sync, args=(store,))
            syncing.start()
            try:
                assert reading.wait(10)
                answered: list[int] = []
                asking = threading.Thread(target=lambda: answered.append(index.count()))
                asking.start()
                asking.join(5)
                assert answered == [60]  # the index as it was, while the files are read
            finally:
                release.set()
                syncing.join(10)
        assert index.count() == 59
        index.close()


def test_a_hand_edit_shows_though_another_process_synced_the_index_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`footcare status` in a shell prompt may bring the index up to date between the first
    draw and the journal's own look, which then has nothing left to read."""
    monkeypatch.setattr(journal_module, "RACY_NS", 0)
    with journal_in(tmp_path) as journal:
        days = daily(60)
        fill(journal, days)
        Index(journal.indexed.index).sync(journal.store)
        month = by_month(days)[days[0].month_key]
        time.sleep(0.01)
        journal.write_month(days[0].month_key, month[:-1])  # today taken out by hand
        index, history = drawn_first(journal)
        assert history.get(days[0].id) is not None  # as last synced
        other = Index(journal.indexed.index)
        other.sync(journal.store)  # another process, meanwhile
        other.close()
        look = history.look_at_files()
        assert look is not None and not look.read
        assert history.checked_files(TODAY, look)
        assert history.get(days[0].id) is None
        assert history.counts(TODAY).entries == 59
        index.close()


@pytest.mark.parametrize("other_sync", [True, False])
def test_a_month_changed_while_a_sync_reads_it_is_never_kept_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, other_sync: bool
) -> None:
    """A slow sync must not store what it read over a newer sync's copy, nor vouch for it."""
    monkeypatch.setattr(journal_module, "RACY_NS", 0)
    with journal_in(tmp_path) as journal:
        days = daily(60)
        fill(journal, days)
        store = journal.store
        index = Index(journal.indexed.index)
        index.sync(store)
        # the fullest month (on the 1st, this month holds one day: nothing to take out twice)
        key, month = max(by_month(days).items(), key=lambda item: len(item[1]))
        time.sleep(0.01)
        journal.write_month(key, month[:-1])  # the next sync must read it
        read_document = journal_module.read_document
        edits: list[Path] = []

        def edited_meanwhile(path: Path, limit: int) -> Any:
            found = read_document(path, limit)
            if path.name == f"{key}.toml" and not edits:
                edits.append(path)
                time.sleep(0.01)
                journal.write_month(key, month[:-2])  # edited again while being read
                if other_sync:  # ...and another process syncs first
                    settle(path.parent)
                    other = Index(journal.indexed.index)
                    other.sync(JournalStore(journal.indexed))
                    other.close()
            return found

        monkeypatch.setattr(journal_module, "read_document", edited_meanwhile)
        report = index.sync_report(store)
        assert not report.settled
        if other_sync:
            assert index.count() == 58  # the newer copy stays
        index.sync(store)
        assert index.count() == 58
        assert index.sync_report(store).settled
        index.close()


@pytest.mark.parametrize(("racy_ns", "reads"), [(0, 2), (10**18, 3)])
def test_without_an_index_the_gate_keeps_its_facts_only_while_the_stamps_prove_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, racy_ns: int, reads: int
) -> None:
    monkeypatch.setattr(journal_module, "RACY_NS", racy_ns)
    with journal_in(tmp_path) as journal:
        fill(journal, with_a_sign(40))
        paths = journal.plain
        gate = Gate(
            JournalRepository(JournalStore(paths)), SafetyStore(paths), lambda: NOW, lambda: 12
        )
        loads = counting(monkeypatch, JournalStore, "load")
        facts = [gate.facts() for _ in range(3)]
        assert facts[1] == facts[2] and len(facts[0].signs) == 1
        assert len(loads) == reads
