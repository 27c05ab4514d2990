"""Session cues: spoken steps, the bell, and notices for a person at another computer.

- which cue a session gets, for every setting and place (here, over SSH, in a browser);
- the engine on its own: speech started and never waited for, a new announcement
  stopping the last, a speech program that fails giving the bell and one notice, and
  hostile routine text never ending an escape sequence or reaching a shell;
- a real `espeak-ng` (Debian's, installed if missing) saying a whole plain session into
  WAV files that are not silence;
- a fake `espeak-ng` on PATH that logs what it is asked to say: the plain session from a
  pipe and the app (Pilot, fake clock) say every step of both feet in order;
- over SSH (`SSH_CONNECTION` set): the bell, nothing spoken, and with `remote_notices`
  OSC 9 and OSC 777 at each step, in the plain session and in the app under a real pty.
"""

from __future__ import annotations

import array
import contextlib
import math
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
import wave
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import FakeClock, begin, bells, make_app, make_paths
from cuehelpers import (
    OSC,
    OSC_9,
    OSC_777,
    OVER_SSH,
    TWO_STEPS,
    FakeRunner,
    Recorder,
    Spawner,
    assert_said_in_order,
    cues_ratings,
    fake_voice,
    notices_of_a_session,
    routine_of,
    said,
)
from footcare.domain.routine import Routine, Step
from footcare.domain.screening import Verdict
from footcare.domain.session import Event, EventKind, Session
from footcare.services.cues import CueEngine, Mode, Plan, desktop_notices, plan_cues
from footcare.services.speakers import stop_speaking
from footcare.ui.screens.end import EndScreen
from footcare.ui.screens.session import SessionScreen
from plainrun import AFTER_THE_END, BEFORE_THE_END, PLAIN_ANSWERS, PLAIN_SAID, run_plain
from ptyterm import app_env, footcare_command, make_folders, running, wait_until
from sysdeps import ensure

ESPEAK = "/usr/bin/espeak-ng"
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# --- which cue --------------------------------------------------------------------------


def which_from(found: set[str]) -> Any:
    return lambda name: f"/usr/bin/{name}" if name in found else None


BOTH = {"espeak-ng", "spd-say"}
SPEAKING = 3.0
"""Seconds the fake voice speaks each line: a countdown that waited for the speech to end
would wait at least this long at a step change."""


@pytest.mark.parametrize(
    ("setting", "env", "found", "mode", "voice", "noticed"),
    [
        # not set: speech here when a program is found, else the bell
        ("", {}, BOTH, Mode.SPEECH, "espeak-ng", False),
        ("", {}, {"spd-say"}, Mode.SPEECH, "spd-say", False),
        ("", {}, set(), Mode.BELL, "", False),
        # over SSH the speaker is on the wrong computer: the bell unless asked for
        ("", {"SSH_CONNECTION": OVER_SSH}, BOTH, Mode.BELL, "", False),
        ("speech", {"SSH_CONNECTION": OVER_SSH}, BOTH, Mode.SPEECH, "espeak-ng", False),
        # asked for and impossible: the bell, with one notice
        ("speech", {}, set(), Mode.BELL, "", True),
        ("speech", {"SSH_CONNECTION": OVER_SSH}, set(), Mode.BELL, "", True),
        ("bell", {}, BOTH, Mode.BELL, "", False),
        ("off", {}, BOTH, Mode.OFF, "", False),
        ("off", {"SSH_CONNECTION": OVER_SSH}, BOTH, Mode.OFF, "", False),
        # under footcare serve the browser speaks, whatever this computer has
        ("", {"FOOTCARE_BROWSER": "1"}, set(), Mode.SPEECH, "", False),
        ("", {"FOOTCARE_BROWSER": "1", "SSH_CONNECTION": OVER_SSH}, set(), Mode.SPEECH, "", False),
        ("bell", {"FOOTCARE_BROWSER": "1"}, BOTH, Mode.BELL, "", False),
    ],
)
def test_the_plan_for_each_setting_and_place(
    setting: str, env: dict[str, str], found: set[str], mode: Mode, voice: str, noticed: bool
) -> None:
    plan = plan_cues(setting, env, which_from(found))
    assert plan.mode is mode
    assert plan.browser is (env.get("FOOTCARE_BROWSER") == "1" and mode is Mode.SPEECH)
    assert (plan.voice[0] if plan.voice else "") == (f"/usr/bin/{voice}" if voice else "")
    assert plan.voice[-1:] in ((), ("--",))  # the text always comes after "--"
    assert bool(plan.notice) is noticed
    if noticed:
        assert "sudo apt install espeak-ng" in plan.notice and "config.toml" in plan.notice


# --- the engine on its own ----------------------------------------------------------------


def engine_for(
    routine: Routine,
    plan: Plan,
    remote: bool = False,
    spawn: Spawner | None = None,
    lighter: bool = False,
) -> tuple[CueEngine, FakeRunner, Recorder, Spawner]:
    session = Session.start(routine, Verdict((), ()), 0.0, "2026-11-24")
    runner = FakeRunner(session, lighter)
    terminal = Recorder()
    spawner = spawn or Spawner()
    engine = CueEngine(runner, plan, terminal, remote, spawn=spawner)  # type: ignore[arg-type]
    return engine.attach(), runner, terminal, spawner


def run_through(runner: FakeRunner) -> list[int]:
    """The whole session, step by step, each batch of events to the listeners: the segment
    each announcement opens, in order."""
    session = runner.session
    now, starts = 0.0, [0]
    while not session.done:
        now += session.segment_left(now)
        events = session.tick(now)
        for listener in runner.listeners:
            listener(events)
        starts.append(session.index)
    return starts


SPEAK = Plan(Mode.SPEECH, ("/usr/bin/espeak-ng", "--"))


def test_speech_is_started_and_never_waited_for_and_a_new_step_stops_the_last() -> None:
    _, runner, terminal, spawner = engine_for(TWO_STEPS, SPEAK)
    first = spawner.made[0]
    assert first.argv == ["/usr/bin/espeak-ng", "--", first.argv[2]]
    assert first.argv[2].startswith("Get ready: left foot, 2 seconds. Look at it first")
    run_through(runner)
    said = [p.argv[2] for p in spawner.made]
    assert said[1] == (
        "Left foot, step 1 of 2: Warming strokes. 3 seconds. Glide lightly. Light pressure."
    )
    assert said[3].startswith("Change feet: now the right foot.")
    assert said[-1].startswith("Session complete.")
    assert len(said) == 7
    # each one still speaking was stopped by the next; the last one is left to finish
    assert [p.terminated for p in spawner.made] == [True] * 6 + [False]
    # the bell rings with the speech: speech may go unheard, and nobody can know
    assert terminal.rings == [1, 1, 2, 1, 1, 2]
    assert terminal.writes == [] and terminal.notices == []


def test_one_that_finished_speaking_is_left_alone() -> None:
    _, runner, _, spawner = engine_for(TWO_STEPS, SPEAK)
    spawner.made[0].running = False  # it said all of it
    run_through(runner)
    assert spawner.made[0].terminated is False


def test_a_speech_program_that_cannot_start_gives_the_bell_and_one_notice() -> None:
    engine, runner, terminal, _ = engine_for(TWO_STEPS, SPEAK, spawn=Spawner(fail=True))
    assert len(terminal.notices) == 1
    assert "espeak-ng could not start" in terminal.notices[0]
    assert "bell" in terminal.notices[0]
    run_through(runner)
    assert terminal.rings == [1, 1, 2, 1, 1, 2]
    assert len(terminal.notices) == 1
    assert engine.plan.mode is Mode.BELL


@pytest.mark.parametrize(
    ("plan", "remote", "rings", "spoken", "notices"),
    [
        (replace(SPEAK, bell=False), False, [], 7, 0),  # speech alone: the bell turned off
        # the bell rings once a step, twice at the foot change and the end
        (Plan(Mode.BELL), False, [1, 1, 2, 1, 1, 2], 0, 0),
        # off is silent, but remote notices still go: the start, 4 steps, the change, the end
        (Plan(Mode.OFF), True, [], 0, 7),
    ],
    ids=["speech-alone", "bell", "off"],
)
def test_each_plan_gives_its_own_cues_at_every_step(
    plan: Plan, remote: bool, rings: list[int], spoken: int, notices: int
) -> None:
    _, runner, terminal, spawner = engine_for(TWO_STEPS, plan, remote=remote)
    run_through(runner)
    assert (terminal.rings, len(spawner.made), len(terminal.writes)) == (rings, spoken, notices)


def test_pause_and_carry_on_are_said() -> None:
    engine, runner, _, spawner = engine_for(TWO_STEPS, SPEAK)
    session = runner.session
    session.pause(1.0)
    engine([Event(EventKind.PAUSED, 0)])
    session.resume(2.0)
    engine([Event(EventKind.RESUMED, 0)])
    assert [p.argv[2] for p in spawner.made[1:]] == ["Paused.", "Carrying on."]


def test_a_session_carried_on_starts_by_saying_it_is_paused() -> None:
    session = Session.start(TWO_STEPS, Verdict((), ()), 0.0, "2026-11-24")
    session.pause(0.5)
    runner = FakeRunner(session)
    spawner = Spawner()
    CueEngine(runner, SPEAK, Recorder(), spawn=spawner).attach()  # type: ignore[arg-type]
    assert spawner.made[0].argv[2].startswith("Paused where you stopped. Get ready: left foot")


def test_the_browser_gets_the_words_as_a_private_osc_sequence() -> None:
    _, runner, terminal, spawner = engine_for(TWO_STEPS, Plan(Mode.SPEECH, browser=True))
    run_through(runner)
    assert spawner.made == []
    assert terminal.rings == [1, 1, 2, 1, 1, 2]  # the page plays the bell as a tone
    assert len(terminal.writes) == 7
    for sequence in terminal.writes:
        assert re.fullmatch(r"\x1b\]7701;[^\x00-\x1f\x7f-\x9f]+\x07", sequence), sequence
    assert "Left foot, step 1 of 2: Warming strokes." in terminal.writes[1]
    stop_speaking()  # the session is left: the page stops what it is saying
    assert terminal.writes[7:] == ["\x1b]7701;\x07"]
    stop_speaking()
    assert len(terminal.writes) == 8  # once


# Text from a routine file is the hostile class: anything at all, controls included.
hostile = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=60
) | st.sampled_from(["\x1b]0;owned\x07", "\x07\x1b\\\x9c;", "a\x1b[2Jb", "\x9d8;;x\x9c"])


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(name=hostile, instructions=hostile, pressure=hostile)
def test_routine_text_never_ends_a_sequence_or_reaches_a_shell(
    name: str, instructions: str, pressure: str
) -> None:
    routine = routine_of(Step(name, "other", 5, instructions, pressure), feet=("left",), ready=0)
    for plan in (SPEAK, Plan(Mode.SPEECH, browser=True)):
        _, runner, terminal, spawner = engine_for(routine, plan, remote=True)
        run_through(runner)
        for process in spawner.made:
            # one argument after "--", clean: no shell, no option, no control character
            assert process.argv[:2] == ["/usr/bin/espeak-ng", "--"] and len(process.argv) == 3
            assert not CONTROL.search(process.argv[2])
        for sequence in terminal.writes:
            # each write is whole sequences, each ended by the one BEL at its end
            assert OSC.sub("", sequence) == "", repr(sequence)
            for one in OSC.findall(sequence):
                assert not CONTROL.search(one[2:-1]), repr(one)
        notices = "".join(terminal.writes)
        assert len(OSC_9.findall(notices)) == len(OSC_777.findall(notices)) == 2


@settings(deadline=None)  # a loaded machine is no failure
@given(text=hostile)
def test_a_desktop_notice_is_two_whole_sequences(text: str) -> None:
    both = desktop_notices(text)
    first, second = OSC_9.fullmatch(both[: both.index("\x07") + 1]), OSC_777.search(both)
    assert first is not None and second is not None
    assert both == first[0] + second[0]


# --- the services attach it -----------------------------------------------------------------


def test_the_services_cue_only_a_client_that_gave_them_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from apphelpers import Clock, answer_today, record_all_clearances, services_for

    monkeypatch.setenv("SSH_CONNECTION", OVER_SSH)  # the bell, whatever is installed here
    clock = Clock()

    def services_in(folder: Path) -> Any:
        paths = make_paths(folder)
        record_all_clearances(paths)
        services = services_for(paths, clock)
        answer_today(services)
        return services

    services = services_in(tmp_path / "silent")
    routine = services.settings.routine("quick")
    assert routine is not None
    runner = services.sessions.start(routine, cues_ratings())
    assert not any(isinstance(x, CueEngine) for x in runner.listeners)  # no terminal, no cue

    services = services_in(tmp_path / "heard")
    terminal = Recorder()
    runner = services.sessions.start(routine, cues_ratings(), terminal)
    assert sum(isinstance(x, CueEngine) for x in runner.listeners) == 1
    for _ in range(30):
        clock.advance(1)
        runner.tick()
    assert runner.concluded is not None
    assert terminal.rings == [1, 1, 2, 1, 1, 2]


# --- programs on PATH ---------------------------------------------------------------------


def test_the_plain_session_says_every_step_of_both_feet(
    tmp_path: Path, two_second_folders: tuple[Path, Path]
) -> None:
    config, data = two_second_folders
    voice, log = fake_voice(tmp_path)
    # the last announcement is started as the session ends: its line is waited for before
    # the after-session answers, as footcare stops anything still speaking when it ends
    done = run_plain(
        config,
        data,
        BEFORE_THE_END,
        f"{voice}{os.pathsep}{os.environ['PATH']}",
        later=AFTER_THE_END,
        until=lambda: len(said(log)) >= len(PLAIN_SAID),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Saved to your journal." in done.stdout
    lines = said(log)
    assert {first for _, first, _ in lines} == {"--"}
    assert_said_in_order([text for _, _, text in lines], PLAIN_SAID)
    # spoken, and the bell with it: 6 steps once, the foot change and the end twice
    assert OSC.sub("", done.stdout).count("\a") == 6 + 2 + 2


def test_a_real_espeak_ng_says_the_whole_session_out_loud(
    tmp_path: Path, two_second_folders: tuple[Path, Path]
) -> None:
    ensure([ESPEAK], ["espeak-ng"], "speech test")
    config, data = two_second_folders
    sound = tmp_path / "sound"
    sound.mkdir()
    folder = tmp_path / "wav-bin"
    folder.mkdir()
    # the real program, writing each announcement to a WAV file instead of a speaker
    wrapper = folder / "espeak-ng"
    wrapper.write_text(
        "#!/bin/sh\n"
        f"stamp=$(date +%s%N); for last; do :; done\n"
        f'printf "%s" "$last" > {shlex.quote(str(sound))}/$stamp.txt\n'
        f'exec {ESPEAK} -w {shlex.quote(str(sound))}/$stamp.wav "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)

    def all_written() -> list[Path] | None:
        wavs = sorted(sound.glob("*.wav"))
        if len(wavs) < len(PLAIN_SAID):
            return None
        with contextlib.suppress(wave.Error, EOFError, OSError):
            for path in wavs:
                with wave.open(str(path)) as w:
                    size = w.getnframes() * w.getsampwidth() * w.getnchannels()
                if size == 0 or size + 44 != path.stat().st_size:  # still being written
                    return None
            return wavs
        return None

    # every file is written before the after-session answers end the plain session (which
    # stops anything still speaking)
    path = f"{folder}{os.pathsep}{os.environ['PATH']}"
    done = run_plain(config, data, BEFORE_THE_END, path, later=AFTER_THE_END, until=all_written)
    assert done.returncode == 0, done.stdout + done.stderr
    wavs = all_written()
    assert wavs is not None
    texts = [path.with_suffix(".txt").read_text(encoding="utf-8") for path in wavs]
    assert_said_in_order(texts, PLAIN_SAID)
    for path, text in zip(wavs, texts, strict=True):
        level, seconds = loudness(path)
        print(f"{path.name}: RMS {level:.0f} of 32767, {seconds:.1f} s: {text[:50]}")
        assert level > 300, f"{path.name} is (nearly) silent: RMS {level:.1f} for {text!r}"
        assert seconds > 1.0, f"{path.name} is {seconds:.2f} s for {text!r}"


def loudness(path: Path) -> tuple[float, float]:
    """The RMS level of a 16-bit WAV file and its length in seconds."""
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2, "espeak-ng writes 16-bit samples"
        frames = w.readframes(w.getnframes())
        rate, count = w.getframerate(), w.getnframes()
    samples = array.array("h", frames)
    if sys.byteorder == "big":
        samples.byteswap()
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0
    return rms, count / rate


def test_the_rms_measure_tells_silence_from_speech(tmp_path: Path) -> None:
    """The measure itself can fail: a silent file reads as silent."""
    quiet = tmp_path / "quiet.wav"
    with wave.open(str(quiet), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(22050)
        w.writeframes(array.array("h", [0, 3, -3, 0] * 22050).tobytes())
    assert loudness(quiet)[0] < 300


# --- over SSH -----------------------------------------------------------------------------


def test_over_ssh_the_plain_session_rings_and_sends_desktop_notices(
    tmp_path: Path, two_second_folders: tuple[Path, Path]
) -> None:
    config, data = two_second_folders
    (config / "config.toml").write_text("remote_notices = true\n", encoding="utf-8")
    voice, log = fake_voice(tmp_path)
    path = f"{voice}{os.pathsep}{os.environ['PATH']}"
    done = run_plain(config, data, PLAIN_ANSWERS, path, SSH_CONNECTION=OVER_SSH)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert said(log) == []  # nothing spoken on the wrong computer
    assert OSC.sub("", out).count("\a") == 6 + 2 + 2  # the bell, as before
    nines, sevens = OSC_9.findall(out), OSC_777.findall(out)
    assert nines == sevens
    assert_said_in_order(nines, [line.split(". ")[0] for line in PLAIN_SAID])
    # each notice comes before the step's lines, not in the middle of one
    assert all(m.start() == 0 or out[m.start() - 1] in "\n \a" for m in OSC.finditer(out))


def test_over_ssh_the_app_rings_and_sends_desktop_notices_at_each_step(tmp_path: Path) -> None:
    config, data = make_folders(tmp_path, more="remote_notices = true\n")
    voice, log = fake_voice(tmp_path)
    env = app_env(
        config, data, SSH_CONNECTION=OVER_SSH, PATH=f"{voice}{os.pathsep}{os.environ['PATH']}"
    )
    with running(footcare_command(), env) as term:
        nines = notices_of_a_session(term, log)
    assert_said_in_order(
        nines,
        [
            "Get ready: left foot, 2 seconds.",
            "Left foot, step 1 of 2: Warming strokes. 3 seconds.",
            "Left foot, step 2 of 2: Finish this foot. 3 seconds.",
            "Change feet: now the right foot.",
            "Right foot, step 1 of 2: Warming strokes. 3 seconds.",
            "Right foot, step 2 of 2: Finish this foot. 3 seconds.",
            "Session complete.",
        ],
    )


# --- the app ------------------------------------------------------------------------------


async def test_the_app_says_every_step_of_both_feet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    voice, log = fake_voice(tmp_path, lingers=SPEAKING)
    monkeypatch.setenv("PATH", f"{voice}{os.pathsep}{os.environ['PATH']}")
    for name in ("SSH_CONNECTION", "FOOTCARE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    clock = FakeClock()
    app = make_app(make_paths(tmp_path), clock)
    rang = bells(app)
    events_at: list[float] = []
    blocked: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await begin(pilot)
        assert isinstance(app.screen, SessionScreen)
        runner = app.services.sessions.runner
        assert runner is not None
        engine = next(x for x in runner.listeners if isinstance(x, CueEngine))
        before: list[float] = []
        # timing: just before the engine hears a batch, and just after it has started speaking
        runner.listeners.insert(0, lambda events: before.append(time.perf_counter()))
        at = runner.listeners.index(engine) + 1
        runner.listeners.insert(at, lambda events: blocked.append(time.perf_counter() - before[-1]))
        runner.listeners.insert(0, lambda events: events_at.append(time.time()))
        wait_until(lambda: len(said(log)) >= 1, 10, lambda: "the get-ready was not said")
        for _ in range(40):
            if not isinstance(app.screen, SessionScreen):
                break
            count = len(engine.said)
            clock.advance(1)
            app.screen.tick()
            await pilot.pause()
            if len(engine.said) > count:  # a new announcement: wait until it is heard
                wait_until(
                    lambda: len(said(log)) >= len(engine.said),
                    10,
                    lambda: f"{len(engine.said)} said, log: {log.read_text()}",
                )
        assert isinstance(app.screen, EndScreen)
    lines = said(log)
    assert_said_in_order(
        [text for _, _, text in lines],
        [
            "Get ready: left foot, 2 seconds.",
            "Left foot, step 1 of 2: Warming strokes. 3 seconds. Glide lightly from the toes "
            "up to the ankle. Light pressure. Direction: toes to ankle.",
            "Left foot, step 2 of 2: Finish this foot. 4 seconds.",
            "Change feet: now the right foot.",
            "Right foot, step 1 of 2: Warming strokes.",
            "Right foot, step 2 of 2: Finish this foot.",
            "Session complete.",
        ],
    )
    # spoken, and the bell with it (test_cue_processes.py counts them)
    assert rang[0] >= 6
    latency = [start - event for (start, _, _), event in zip(lines[1:], events_at, strict=True)]
    print(
        f"from a step change to the speech program running: median "
        f"{statistics.median(latency) * 1000:.0f} ms, max {max(latency) * 1000:.0f} ms; "
        f"the countdown waited {statistics.median(blocked) * 1000:.1f} ms (median), "
        f"{max(blocked) * 1000:.1f} ms (max) per step change"
    )
    assert max(blocked) < SPEAKING / 2, "the countdown waited for the speech to end"


def test_each_announcement_of_the_bundled_routines_is_over_before_its_moment_ends(
    tmp_path: Path,
) -> None:
    """Said by the real espeak-ng at its usual speed: the get-ready's "look first… stop" and
    each step are heard to the end before the next announcement would cut them off."""
    ensure([ESPEAK], ["espeak-ng"], "speech test")
    from footcare.domain.pressure import lighten
    from footcare.storage.paths import Paths
    from footcare.storage.routines import load_catalogue

    catalogue = load_catalogue(Paths(tmp_path / "no-config", tmp_path / "no-data"))
    assert len(catalogue.routines) >= 3
    longest: dict[str, float] = {}
    for routine in catalogue.routines.values():
        for lighter in (False, True):
            shaped = lighten(routine) if lighter else routine
            _, runner, _, spawner = engine_for(shaped, SPEAK, lighter=lighter)
            session = runner.session
            for process, index in zip(spawner.made, run_through(runner), strict=True):
                text = process.argv[2]
                if lighter and " step " in text:
                    assert "Light at most, for you." in text
                    assert re.search(r"(No|Feather-light|Light) pressure\.", text), text
                wav = tmp_path / "said.wav"
                subprocess.run([ESPEAK, "-w", str(wav), "--", text], check=True, timeout=60)
                with wave.open(str(wav)) as w:
                    seconds = w.getnframes() / w.getframerate()
                if text.startswith("Session complete"):
                    continue  # nothing comes after it
                moment = session.segments[index].duration
                kind = "step" if session.segments[index].is_step else "get-ready"
                longest[kind] = max(longest.get(kind, 0.0), seconds)
                assert seconds < moment, f"{seconds:.1f} s to say, {moment} s to do: {text!r}"
    print(f"longest announcement: {longest}")
