"""A finished session is never lost to a full or failing disk.

Every system call of every write that the session's end, ``journal add``, the safety record
and a config edit make (open, write, fsync, rename, and the folder's open and fsync) is made
to fail in turn, with ENOSPC, EIO and EDQUOT, once or from then on (a disk that stays full).
After each, the person's data is saved exactly once, or kept with a clear message: never
lost, doubled or half-written; once space returns, what was kept is written once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest

from apphelpers import NOW, Clock, begin_today, cleared_paths
from faults import ERRNOS, Plan, inject
from footcare import cli
from footcare.domain.journal import Entry, Ratings
from footcare.domain.stops import StopCause
from footcare.services.build import UseCases, read_footcare
from footcare.services.runner import SessionRunner, release_claim
from footcare.storage.config import load_config
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.safety import SafetyStore
from footcare.storage.state import session_file

NOTE = "left heel felt warmer"
T = TypeVar("T")


def every_fault(total: int) -> list[tuple[int, int, bool]]:
    """Each call in turn failing with each error, once or from then on."""
    return list(itertools.product(range(1, total + 1), ERRNOS, (False, True)))


def faulty(monkeypatch: pytest.MonkeyPatch, plan: Plan, act: Callable[..., T], *args: Any) -> T:
    """What ``act`` gives, with the system calls of writing failing as ``plan`` says."""
    with monkeypatch.context() as patch:
        inject(patch, plan)
        return act(*args)


def journal(paths: Paths) -> list[Entry]:
    loaded = JournalStore(paths).load()
    assert loaded.problems == [], loaded.problems  # nothing half-written, nothing unreadable
    return loaded.entries


def readable(paths: Paths) -> None:
    journal(paths)
    assert not SafetyStore(paths).load().unreadable
    session_file(paths).load()
    load_config(paths)
    assert [*paths.data.rglob("*.tmp"), *paths.config.rglob("*.tmp")] == []


# --- the session's end ---------------------------------------------------------------------
def to_the_last_step(paths: Paths, clock: Clock) -> tuple[UseCases, SessionRunner]:
    services = read_footcare(paths, clock=clock.mono, now=lambda: clock.wall)
    runner = begin_today(services, Ratings(pain=4))
    last = len(runner.session.segments) - 1
    while runner.session.index < last:
        clock.advance(1)
        runner.tick()
    return services, runner


def finish(runner: SessionRunner, clock: Clock) -> None:
    while runner.concluded is None:
        clock.advance(1)
        runner.tick()


def stop_for_a_new_mark(runner: SessionRunner, clock: Clock) -> None:
    clock.advance(1)
    runner.stop(StopCause.NEW_MARK)  # a warning sign: the safety record is written too


ENDS: dict[str, Callable[[SessionRunner, Clock], None]] = {
    "finished": finish,
    "new mark": stop_for_a_new_mark,
}


def end_with_ratings(
    root: Path, monkeypatch: pytest.MonkeyPatch, plan: Plan, end: str
) -> tuple[Paths, UseCases, SessionRunner, Entry | None]:
    paths = cleared_paths(root)
    clock = Clock()
    services, runner = to_the_last_step(paths, clock)
    inject(monkeypatch, plan)
    ENDS[end](runner, clock)
    saved = runner.add_after(Ratings(pain=1), NOTE)
    return paths, services, runner, saved


def the_one_entry(paths: Paths) -> Entry:
    (entry,) = [e for e in journal(paths) if e.session is not None]
    return entry


def count_calls(root: Path, monkeypatch: pytest.MonkeyPatch, end: str) -> int:
    plan = Plan()
    with monkeypatch.context() as patch:
        end_with_ratings(root, patch, plan, end)
    return len(plan.calls)


@pytest.mark.parametrize("end", list(ENDS))
def test_every_fault_at_a_sessions_end_is_saved_once_or_kept_then_written_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, end: str
) -> None:
    total = count_calls(tmp_path / "count", monkeypatch, end)
    assert total >= 10  # the session file, the journal twice (and the record), 5 calls each
    kept_told = 0
    for n, (at, code, stays) in enumerate(every_fault(total)):
        plan = Plan(at, code, stays)
        with monkeypatch.context() as patch:
            paths, services, runner, saved = end_with_ratings(
                tmp_path / f"{at}-{code}-{stays}", patch, plan, end
            )
            assert plan.failed, "the fault was never reached"
            readable(paths)
            entries = [e for e in journal(paths) if e.session is not None]
            assert len(entries) <= 1, f"doubled at call {at} ({plan.failed[0]})"
            if saved is not None:
                assert entries == [saved] and saved.after.pain == 1 and saved.note == NOTE
                assert session_file(paths).load() is None
                continue
            # kept: in memory, with a plain message (and beside the journal if it could be)
            kept_told += 1
            assert runner.concluded is not None
            assert runner.concluded.entry.after.pain == 1 and runner.concluded.entry.note == NOTE
            assert "is not in your journal yet" in runner.problem
            assert "footcare tries again" in runner.problem
            beside = (session_file(paths).load() or {}).get("entry", {}).get("note") == NOTE
            if not beside:
                assert "in this window only" in runner.problem
            plan.space_returns()
            how = n % 3
            if how == 0:  # the person presses Save again
                assert runner.add_after(Ratings(pain=1), NOTE) is not None
            elif how == 1 or not beside:  # footcare quits
                services.sessions.checkpoint()
            else:  # footcare was killed; the next start writes what was kept beside
                release_claim(services.sessions)
                later = read_footcare(paths, now=lambda: NOW + timedelta(hours=1))
                later.sessions.settle()
                assert later.sessions.saved_session() is None  # an ended session is never resumed
        entry = the_one_entry(paths)
        assert entry.after.pain == 1 and entry.note == NOTE, f"lost at call {at}"
        assert session_file(paths).load() is None
        readable(paths)
        if end == "new mark":
            assert any(True for _ in SafetyStore(paths).load().record.events)
    assert kept_told > 0


# --- journal add ---------------------------------------------------------------------------
def journal_add(paths: Paths, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.run(
        [
            "--data-dir", str(paths.data), "--config-dir", str(paths.config),
            "journal", "add", "--pain", "3", "--note", NOTE,
            "--foot-check", "blister:left",
        ]
    )  # fmt: skip
    return code, capsys.readouterr().err


def test_every_fault_in_journal_add_is_saved_once_or_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FOOTCARE_CACHE_DIR", str(tmp_path / "cache"))
    counts = []
    for first in ("cold", "warm"):  # the first run in a cache folder may write more
        plan = Plan()
        paths = cleared_paths(tmp_path / f"count-{first}")
        assert faulty(monkeypatch, plan, journal_add, paths, capsys)[0] == 0
        counts.append(len(plan.calls))
    assert min(counts) >= 10  # the safety record (the blister), then the month
    for at, code, stays in every_fault(max(counts)):
        paths = cleared_paths(tmp_path / f"{at}-{code}-{stays}")
        plan = Plan(at, code, stays)
        status, said = faulty(monkeypatch, plan, journal_add, paths, capsys)
        assert plan.failed or at > min(counts)
        readable(paths)
        notes = [e for e in journal(paths) if e.note == NOTE]
        if status == 0:
            assert len(notes) == 1
        else:  # told, naming the file and what to do; the person adds it again
            assert notes == [] and "Traceback" not in said
            assert "could not be saved" in said and "free some space" in said
            assert journal_add(paths, capsys)[0] == 0
        assert len([e for e in journal(paths) if e.note == NOTE]) == 1, f"at call {at}"
        facts = SafetyStore(paths).load()
        assert not facts.unreadable and facts.record.events  # the blister is on record


# --- the safety record: a professional's check -------------------------------------------
def test_every_fault_in_recording_a_check_is_saved_once_or_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footcare.storage.errors import StorageError

    def record(paths: Paths) -> None:
        read_footcare(paths, now=lambda: NOW).gate.record_go_ahead("discussed", True, NOW.date())

    def events(paths: Paths) -> int:
        return len(SafetyStore(paths).load().record.events)

    plan = Plan()
    faulty(monkeypatch, plan, record, cleared_paths(tmp_path / "count"))
    total = len(plan.calls)
    assert total >= 5
    for at, code, stays in every_fault(total):
        paths = cleared_paths(tmp_path / f"{at}-{code}-{stays}")
        before = events(paths)
        plan = Plan(at, code, stays)
        with monkeypatch.context() as patch:
            inject(patch, plan)
            try:
                record(paths)
                told = ""
            except StorageError as exc:
                told = str(exc)
        assert plan.failed
        readable(paths)
        if told:
            assert events(paths) == before and "could not be saved" in told
            record(paths)
        assert events(paths) == before + 1, f"at call {at}"


# --- a config edit -----------------------------------------------------------------------
def test_every_fault_in_a_config_edit_keeps_the_file_whole_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def remember(paths: Paths) -> str | None:
        return read_footcare(paths).settings.remember("theme", "footcare-light")

    plan = Plan()
    assert faulty(monkeypatch, plan, remember, cleared_paths(tmp_path / "count")) is None
    total = len(plan.calls)
    assert total >= 5
    for at, code, stays in every_fault(total):
        paths = cleared_paths(tmp_path / f"{at}-{code}-{stays}")
        plan = Plan(at, code, stays)
        problem = faulty(monkeypatch, plan, remember, paths)
        assert plan.failed
        readable(paths)
        text = paths.config_file.read_text(encoding="utf-8")
        if problem is not None:
            assert "could not be saved" in problem and "theme" not in text
            assert remember(paths) is None
        text = paths.config_file.read_text(encoding="utf-8")
        assert text.count("theme = ") == 1 and 'routine = "quick"' in text, f"at call {at}"
