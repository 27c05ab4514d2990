"""One running session per person: many footcares begun together on one data folder, as
threads and as processes, for settling, starting and finishing: one session runs, the
others are told where it runs, and the journal holds exactly one entry per session."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

import racer
import rendered
from apphelpers import NOW, FakeClock, answer_today, begin_today, cleared_paths, make_paths, pressed
from footcare.domain.journal import Entry, Ratings
from footcare.domain.stops import StopCause
from footcare.plain import Lines, PlainSession
from footcare.services.build import read_footcare
from footcare.services.runner import RUNNING_ELSEWHERE, interrupted_entry, session_entry_id
from footcare.storage import claim
from footcare.storage.errors import StorageError
from footcare.storage.journal import JournalStore
from footcare.storage.paths import Paths
from footcare.storage.state import session_file

TESTS = Path(__file__).parent
THREADS = 10
PROCESSES = 10


def entries(paths: Paths) -> list[Entry]:
    return [e for e in JournalStore(paths).load().entries if e.session is not None]


def left_mid_session(root: Path) -> Paths:
    """A folder whose footcare closed mid-session on NOW's day (the racers run the next)."""
    paths = cleared_paths(root)
    clock = FakeClock()
    services = read_footcare(paths, clock=clock, now=lambda: NOW)
    runner = begin_today(services, Ratings(pain=4))
    clock.advance(3)
    runner.tick()
    services.sessions.checkpoint()
    services.close()
    assert session_file(paths).load() is not None
    return paths


def left_ended(root: Path) -> Paths:
    """A folder whose session ended while the journal could not be written: the session
    file holds the entry, and footcare closed on the after-session screen."""
    paths = cleared_paths(root)
    clock = FakeClock()
    services = read_footcare(paths, clock=clock, now=lambda: NOW)
    runner = begin_today(services, Ratings(pain=4))

    def full(entry: Entry, overwrite: bool = True) -> bool:
        raise StorageError(paths.journal, "could not be saved (No space left on device)")

    services.journal.put = full  # type: ignore[method-assign]
    clock.advance(2)
    runner.stop(StopCause.OTHER, "the phone rang")
    assert runner.problem and entries(paths) == []
    services.close()
    return paths


def race(root: Path, role: str, threads: int = THREADS, processes: int = PROCESSES) -> Counter[str]:
    """Begin ``threads`` + ``processes`` clients together; what each said came of it."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        subprocess.Popen(
            [sys.executable, str(TESTS / "racer.py"), role, str(root), f"p{i}"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(processes)
    ]
    failures: list[BaseException] = []

    def run(name: str) -> None:
        try:
            racer.client(role, root, name)
        except BaseException as exc:
            failures.append(exc)

    workers = [threading.Thread(target=run, args=(f"t{i}",)) for i in range(threads)]
    for worker in workers:
        worker.start()
    (root / "go").touch()
    total = threads + processes
    results = root / "results"
    # every client has tried before the winner lets go of its session
    racer.wait_for(results, racer.WAIT)
    while len([p for p in results.iterdir() if not p.name.startswith(".")]) < total:
        if failures or any(p.poll() not in (None, 0) for p in procs):
            break
        threading.Event().wait(0.01)
    (root / "release").touch()
    for worker in workers:
        worker.join(racer.WAIT)
    errors = [p.communicate(timeout=racer.WAIT)[1] for p in procs]
    assert not failures, failures
    assert all(p.returncode == 0 for p in procs), errors
    return Counter(p.read_text() for p in results.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize("round_", range(3))
def test_twenty_footcares_settling_yesterdays_session_write_it_once(
    tmp_path: Path, round_: int
) -> None:
    paths = left_mid_session(tmp_path)
    said = race(tmp_path, "settle")
    assert said == {"settled": THREADS + PROCESSES}
    (entry,) = entries(paths)
    assert entry.session is not None and entry.session.stop_cause == "interrupted"
    assert entry.before.pain == 4
    assert session_file(paths).load() is None


def test_footcares_begun_together_run_one_session_and_journal_each_once(tmp_path: Path) -> None:
    paths = left_mid_session(tmp_path)
    said = race(tmp_path, "start", threads=6, processes=6)
    assert said == {"ran": 1, "refused": 11}
    causes = sorted(e.session.stop_cause or "complete" for e in entries(paths) if e.session)
    assert causes == ["complete", "interrupted"]
    (done,) = [e for e in entries(paths) if e.session and not e.session.stopped_early]
    assert done.after.pain == 1  # the winner's after ratings, on its one entry
    assert session_file(paths).load() is None


def test_footcares_settling_an_ended_session_journal_it_once(tmp_path: Path) -> None:
    paths = left_ended(tmp_path)
    said = race(tmp_path, "settle")
    assert said == {"settled": THREADS + PROCESSES}
    (entry,) = entries(paths)
    assert entry.session is not None and entry.session.stop_reason == "the phone rang"
    assert session_file(paths).load() is None


def test_the_interrupted_entry_is_named_by_the_session_itself(tmp_path: Path) -> None:
    paths = left_mid_session(tmp_path)
    data = session_file(paths).load()
    assert data is not None
    services = read_footcare(paths, now=lambda: NOW + timedelta(days=1))
    first, again = (
        interrupted_entry(services.settings, data),
        interrupted_entry(services.settings, data),
    )
    assert first is not None and again is not None and first.id == again.id
    assert first.id == session_entry_id(data["started_at"], "quick")
    # another session (another start, another routine) is another entry
    assert session_entry_id(data["started_at"] + timedelta(seconds=1), "quick") != first.id
    assert session_entry_id(data["started_at"], "gentle") != first.id


def test_a_second_footcare_is_told_where_the_session_runs(tmp_path: Path) -> None:
    paths = cleared_paths(tmp_path)
    first = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    answer_today(first)
    routine = first.settings.routine("quick")
    assert routine is not None
    first.sessions.start(routine, Ratings())
    second = read_footcare(paths, clock=FakeClock(), now=lambda: NOW + timedelta(minutes=5))
    answer_today(second)
    with pytest.raises(claim.SessionRunning) as told:
        second.sessions.start(routine, Ratings())
    said = str(told.value)
    assert f"process {os.getpid()}" in said and "since 09:00" in said
    assert second.sessions.settle() == []  # a live session is its holder's to finish
    assert second.sessions.saved_session() is None  # nor offered here to carry on
    # the plain session says so and ends with its own status, before any question
    out = __import__("io").StringIO()
    plain = PlainSession(second, out, Lines(__import__("io").StringIO("")), bell=False)
    assert plain.run("quick") == RUNNING_ELSEWHERE
    assert "How do your feet feel" not in out.getvalue()
    # once the first has gone (closed, or killed: the system lets go of its lock), the
    # second takes over
    first.close()
    assert second.sessions.saved_session() is not None  # now it may be carried on here
    runner = second.sessions.start(routine, Ratings())
    assert runner is second.sessions.runner
    assert [e.session.stop_cause for e in entries(paths) if e.session] == ["interrupted"]


def test_a_claim_left_by_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, datetime, pathlib; from footcare.storage.claim import take; "
            "take(pathlib.Path(sys.argv[1]), datetime.datetime(2026, 11, 24, 9)); "
            "print('held', flush=True); sys.stdin.read()",
            str(paths.data),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    with pytest.raises(claim.SessionRunning) as told:
        claim.take(paths.data, NOW)
    assert told.value.holder.pid == holder.pid
    holder.kill()
    holder.wait(racer.WAIT)
    taken = claim.take(paths.data, NOW)
    assert taken.held
    taken.release()


def test_whatever_a_claim_file_says_only_its_lock_counts(tmp_path: Path) -> None:
    paths = make_paths(tmp_path)
    paths.data.mkdir(parents=True, exist_ok=True)
    claim.claim_path(paths.data).write_bytes(b"pid=1\nhost=\x1b[31mx\nsince=yesterday\n" * 99)
    taken = claim.take(paths.data, NOW)  # nobody holds it: taken, whatever it said
    assert claim.parse_holder("pid=12\nhost=\x1b]0;x\x07h\ntty=\nsince=nonsense\n") == (
        claim.Holder(12, "]0;xh", "", None)
    )
    taken.release()


async def test_the_app_says_where_the_session_runs_and_stays_on_the_questions(
    tmp_path: Path,
) -> None:
    from apphelpers import begin, make_app
    from footcare.ui.screens.session import SessionScreen

    paths = cleared_paths(tmp_path)
    first = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    answer_today(first)
    routine = first.settings.routine("quick")
    assert routine is not None
    first.sessions.start(routine, Ratings(pain=2))
    app = make_app(paths, FakeClock(), now=NOW + timedelta(minutes=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert not isinstance(app.screen, SessionScreen)
        said = " ".join(" ".join(n.message for n in rendered.notifications(app)).split())
        assert f"A session is already running for this person in process {os.getpid()}" in said
        first.close()  # the first footcare has gone: Begin now takes over
        await pressed(pilot, "b")
        assert isinstance(app.screen, SessionScreen)
    assert [e.session.stop_cause for e in entries(paths) if e.session] == ["interrupted"]
