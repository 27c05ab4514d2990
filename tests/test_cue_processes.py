"""Cues that cannot fail silently, with real processes.

- A speech program that is a wrapper (a shell script whose child does the talking, here
  `sh -c 'sleep 30; :'`) is stopped with everything it started: by the next announcement,
  when the session is left, when the app or the plain session ends, after SIGHUP and
  SIGTERM. Each check reads /proc for any process left in the speaker's process group,
  waiting with a timeout, never a fixed time; and no child of footcare is left a zombie.
- Speech may go unheard (espeak-ng ends with 0 when there is no sound device): with a
  speaker that says nothing and exits 0, the bell still rings at every step, once, and
  twice at the foot change and the end.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from apphelpers import FakeClock, begin, bells, make_app, make_paths, pressed
from cuehelpers import TWO_STEPS, FakeRunner, Recorder
from footcare.domain.session import EventKind
from footcare.services.cues import CueEngine, Mode, Plan
from footcare.services.speakers import stop_speaking
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.session import SessionScreen
from plainrun import AFTER_THE_END, BEFORE_THE_END, PLAIN_SAID, run_plain
from ptyterm import app_env, begin_session, footcare_command, make_folders, running, wait_until

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

TIMEOUT = 10.0


# --- the processes ------------------------------------------------------------------------


def wrapper_voice(root: Path, talk: str = "sleep 30; :") -> tuple[Path, Path]:
    """A folder with an `espeak-ng` that is a wrapper: it writes its process group to a log,
    then runs `talk` in a child shell (the `; :` keeps that shell from exec-ing it)."""
    folder = root / "wrapper-bin"
    folder.mkdir(exist_ok=True)
    log = root / "groups.log"
    script = folder / "espeak-ng"
    script.write_text(
        f"#!/bin/sh\necho $$ >> {shlex.quote(str(log))}\nsh -c {shlex.quote(talk)}\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder, log


def groups(log: Path) -> list[int]:
    if not log.exists():
        return []
    return [int(line) for line in log.read_text(encoding="utf-8").split()]


def processes() -> list[tuple[int, str, int, int]]:
    """Every process: pid, state, parent, process group (from /proc/<pid>/stat)."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2 :].split()
            found.append((int(entry.name), fields[0], int(fields[1]), int(fields[2])))
    return found


def in_group(group: int) -> list[int]:
    return [pid for pid, _, _, pgrp in processes() if pgrp == group]


def left_in(all_groups: list[int]) -> list[int]:
    """The processes still in any of these groups (zombies included)."""
    wanted = set(all_groups)
    return [pid for pid, _, _, pgrp in processes() if pgrp in wanted]


def zombies_of(parent: int) -> list[int]:
    return [pid for pid, state, ppid, _ in processes() if ppid == parent and state == "Z"]


def talking(log: Path, count: int) -> int:
    """Wait until the `count`th speaker has logged its group and its child is running."""

    def started() -> int | None:
        found = groups(log)
        if len(found) >= count and len(in_group(found[count - 1])) >= 2:
            return found[count - 1]
        return None

    return wait_until(started, TIMEOUT, lambda: f"speaker {count} not talking: {groups(log)}")


def all_gone(all_groups: list[int], parent: int | None = None) -> None:
    """Nothing of these groups left, and (with `parent`) no zombie child of it."""
    wait_until(
        lambda: not left_in(all_groups) or None,
        TIMEOUT,
        lambda: f"left running: {left_in(all_groups)} of groups {all_groups}",
    )
    if parent is not None:
        wait_until(
            lambda: not zombies_of(parent) or None,
            TIMEOUT,
            lambda: f"zombies of {parent}: {zombies_of(parent)}",
        )


# --- the engine ---------------------------------------------------------------------------


@pytest.mark.parametrize("waitid", [True, False], ids=["waitid", "polled"])
def test_each_wrapper_speaker_is_stopped_with_its_child_and_reaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, waitid: bool
) -> None:
    """Started for real by the engine: every announcement stops the one before with its
    whole group; leaving the session stops the last; none is left a zombie. Also where
    the system has no waitid (macOS): each program is then looked at until it ends."""
    if not waitid:
        monkeypatch.delattr(os, "waitid", raising=False)
    from footcare.domain.screening import Verdict
    from footcare.domain.session import Session

    folder, log = wrapper_voice(tmp_path)
    plan = Plan(Mode.SPEECH, (str(folder / "espeak-ng"), "--"))
    session = Session.start(TWO_STEPS, Verdict((), ()), 0.0, "2026-11-24")
    runner = FakeRunner(session)
    CueEngine(runner, plan, Recorder()).attach()  # type: ignore[arg-type]
    count, now = 1, 0.0
    talking(log, count)
    while not session.done:
        now += session.segment_left(now)
        events = session.tick(now)
        for listener in runner.listeners:
            listener(events)
        count += 1
        latest = talking(log, count)
        earlier = groups(log)[: count - 1]
        all_gone(earlier)  # stopped by the new one, child and all
        assert in_group(latest)
    said = groups(log)
    assert len(said) == 7
    stop_speaking()  # the session is left
    all_gone(said, parent=os.getpid())
    print(f"wrapper speakers started: {len(said)}, processes left: {len(left_in(said))}")


# --- the app ------------------------------------------------------------------------------


def expected_rings(kinds: set[EventKind]) -> int:
    """One bell at each step (and a get-ready or a stop), two at the foot change and the end."""
    if kinds & {EventKind.FOOT_CHANGE, EventKind.FINISHED}:
        return 2
    if kinds & {EventKind.STEP, EventKind.GET_READY, EventKind.STOPPED}:
        return 1
    return 0


async def run_app_session(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    folder: Path,
    config: str = "",
    at_the_end: Any = None,
) -> tuple[Any, list[int], list[tuple[int, int]], list[str]]:
    """A whole session in the app (Pilot, fake clock) with `folder` first on PATH: the app,
    its bell count, (bells expected, bells rung) per announcement, and what was said.
    `at_the_end(pilot)` is awaited on the end screen, before the app is closed. Each step
    waits for its bells, up to TIMEOUT, only where config.toml leaves the bell on."""
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "FOOTCARE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    paths = make_paths(tmp_path)
    if config:
        with paths.config_file.open("a", encoding="utf-8") as f:
            f.write(config)
    clock = FakeClock()
    app = make_app(paths, clock)
    rang = bells(app)
    ringing = app.services.settings.config.bell_with_speech
    per_step: list[tuple[int, int]] = []
    said: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert isinstance(app.screen, SessionScreen)
        runner = app.services.sessions.runner
        assert runner is not None
        engine = next(x for x in runner.listeners if isinstance(x, CueEngine))
        batches: list[set[EventKind]] = []
        runner.listeners.insert(0, lambda events: batches.append({e.kind for e in events}))
        for _ in range(60):
            if not isinstance(app.screen, SessionScreen):
                break
            before, seen = rang[0], len(batches)
            clock.advance(1)
            app.screen.tick()
            await pilot.pause()
            want = sum(expected_rings(kinds) for kinds in batches[seen:])
            deadline = time.monotonic() + (TIMEOUT if ringing else 0)
            while rang[0] - before < want and time.monotonic() < deadline:
                await pilot.pause(0.05)  # the second of two bells comes 0.4 s after the first
            if want:
                per_step.append((want, rang[0] - before))
        assert isinstance(app.screen, EndScreen)
        said = list(engine.said)
        if at_the_end is not None:
            await at_the_end(pilot)
        app.save_and_exit()  # what q, SIGHUP and SIGTERM do
        await pilot.pause()
    return app, rang, per_step, said


@pytest.mark.parametrize("bell", [True, False], ids=["with-the-bell", "bell-turned-off"])
async def test_with_silent_speech_the_bell_still_rings_at_every_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bell: bool
) -> None:
    """espeak-ng with no sound device says nothing and exits 0: footcare can't know, so the
    bell rings with every announcement; unless `bell_with_speech = false`: speech alone."""
    folder, log = wrapper_voice(tmp_path, talk="exit 0")
    config = "" if bell else "bell_with_speech = false\n"
    app, rang, per_step, said = await run_app_session(tmp_path, monkeypatch, folder, config)
    assert app.services.settings.problems == []  # a key config.toml knows
    assert app.services.settings.config.bell_with_speech is bell
    assert len(said) == len(groups(log)) == 7, "every announcement went to the speaker"
    assert [want for want, _ in per_step] == [1, 1, 2, 1, 1, 2]
    if bell:
        assert all(want == got for want, got in per_step), per_step
    else:
        assert rang[0] == 0
    print(f"bells per step with silent speech: {[got for _, got in per_step]} ({rang[0]} in all)")


async def test_nothing_said_outlives_the_app_and_no_zombie_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, log = wrapper_voice(tmp_path)
    await run_app_session(tmp_path, monkeypatch, folder)
    started = groups(log)
    assert len(started) >= 7, started  # the get-ready, four steps, the change, the end
    all_gone(started, parent=os.getpid())


async def test_saving_the_end_of_a_session_stops_its_last_announcement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, log = wrapper_voice(tmp_path)

    async def save(pilot: Any) -> None:
        last = talking(log, 7)  # "Session complete…", still talking
        await pressed(pilot, "f2")  # save the after-session ratings: back to the start
        assert not isinstance(pilot.app.screen, EndScreen)
        all_gone([last], parent=os.getpid())  # while the app runs on

    await run_app_session(tmp_path, monkeypatch, folder, at_the_end=save)


# --- the plain session and signals (real processes) -----------------------------------------


def test_the_plain_session_leaves_no_speaker_running(
    tmp_path: Path,
    two_second_folders: tuple[Path, Path],
) -> None:
    config, data = two_second_folders
    folder, log = wrapper_voice(tmp_path)
    done = run_plain(
        config,
        data,
        BEFORE_THE_END,
        f"{folder}{os.pathsep}{os.environ['PATH']}",
        later=AFTER_THE_END,
        until=lambda: len(groups(log)) >= len(PLAIN_SAID) or None,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    started = groups(log)
    assert len(started) == len(PLAIN_SAID)
    all_gone(started)
    print(f"plain session: {len(started)} wrapper speakers, {len(left_in(started))} left")


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_to_the_app_stops_what_it_is_saying(tmp_path: Path, sig: int) -> None:
    """The terminal goes (SIGHUP) or the app is told to stop (SIGTERM) mid-session: the
    speaker of the step under way goes with it."""
    config, data = make_folders(tmp_path)
    folder, log = wrapper_voice(tmp_path)
    env = app_env(config, data, PATH=f"{folder}{os.pathsep}{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "FOOTCARE_BROWSER"):
        env.pop(name, None)
    with running(footcare_command(), env) as term:
        begin_session(term)
        talking(log, 1)
        term.kill(sig)
        assert term.wait(timeout=TIMEOUT) is not None
    started = groups(log)
    all_gone(started)
    print(f"after signal {sig}: {len(started)} speakers started, {len(left_in(started))} left")
