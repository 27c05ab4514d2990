"""The cue test: footcare says a line and rings the bell, the person says what they heard,
and the answer, kept in the data folder for the place it was given in, decides which cues
the next sessions there use. A cue that was not heard is never the only one relied on.

- the plan after any answer, for every setting, place and speech program (hypothesis);
- the answer kept and read back; a file that can't be read is never overwritten;
- `footcare cues test` typed into, and with --heard;
- h on the start screen: the question on screen, the answer kept, what follows said;
- a session after "nothing heard": no sound at all, and one notice saying so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from apphelpers import Clock, begin_today, bells, make_app, make_paths, pressed, services_for
from cuehelpers import OVER_SSH, Recorder, cues_ratings
from footcare.domain.cue_test import ANSWERS, TEST_LINE, CueTest, Heard, Place
from footcare.services.cues import Mode, Plan, place_of, plan_cues
from footcare.storage.cue_tests import FILE, load_cue_tests, record_cue_test
from footcare.storage.errors import StorageError
from footcare.storage.paths import Paths
from ptyterm import wait_until
from rendered import screen_words, toast_words

AT = datetime(2026, 11, 24, 9, 30)
PROGRAMS = {"espeak-ng", "spd-say"}


def which_from(found: frozenset[str]) -> Any:
    return lambda name: f"/usr/bin/{name}" if name in found else None


envs = st.sampled_from([{}, {"SSH_CONNECTION": OVER_SSH}, {"FOOTCARE_BROWSER": "1"}])
settings_ = st.sampled_from(["", "speech", "bell", "off"])
found_ = st.frozensets(st.sampled_from(sorted(PROGRAMS)))
tests_ = st.none() | st.builds(
    CueTest,
    st.sampled_from(list(Heard)),
    st.sampled_from(["espeak-ng", "spd-say", "browser", ""]),
    st.just(AT),
)


def relies_on(plan: Plan) -> set[str]:
    """The cues a session with this plan gives: "speech", "bell"."""
    if plan.mode is Mode.OFF:
        return set()
    if plan.mode is Mode.BELL:
        return {"bell"}
    return {"speech", "bell"} if plan.bell else {"speech"}


@given(setting=settings_, env=envs, found=found_, bell=st.booleans(), tested=tests_)
def test_a_cue_the_test_did_not_hear_is_never_the_only_one(
    setting: str, env: dict[str, str], found: frozenset[str], bell: bool, tested: CueTest | None
) -> None:
    plan = plan_cues(setting, env, which_from(found), bell_with_speech=bell, tested=tested)
    untested = plan_cues(setting, env, which_from(found), bell_with_speech=bell)
    cues = relies_on(plan)
    if plan.mode is Mode.SPEECH:
        assert plan.bell is bell  # the person's own choice, whatever the test said
    if tested is None or setting == "off":
        assert plan == untested
        return
    same_voice = untested.mode is not Mode.SPEECH or tested.voice == untested.voice_name
    if not same_voice:  # another speech program than the one tested: untested
        assert plan == untested
        return
    if tested.heard is Heard.NOTHING:
        assert cues == set() and "heard nothing" in plan.notice
        assert "footcare cues test" in plan.notice
    elif tested.heard is Heard.BELL:
        assert plan.mode is not Mode.SPEECH and cues <= {"bell"}
        if untested.mode is Mode.SPEECH:
            assert "bell but not the words" in plan.notice
    elif tested.heard is Heard.SPEECH and plan.mode is Mode.BELL:
        assert "did not hear the bell" in plan.notice  # the screen is the other cue
    heard_words = tested.heard in (Heard.BOTH, Heard.SPEECH)
    if heard_words and env == {"SSH_CONNECTION": OVER_SSH} and setting == "" and found:
        assert plan.mode is Mode.SPEECH  # heard over SSH: the words are wanted there after all


def test_the_place_of_each_environment() -> None:
    assert place_of({}) is Place.HERE
    assert place_of({"SSH_CONNECTION": OVER_SSH}) is Place.SSH
    assert place_of({"FOOTCARE_BROWSER": "1", "SSH_CONNECTION": OVER_SSH}) is Place.BROWSER


# --- kept -------------------------------------------------------------------------------


def test_each_place_keeps_its_own_answer(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "cfg", tmp_path / "data")
    assert load_cue_tests(paths) == {}
    record_cue_test(paths, Place.HERE, CueTest(Heard.BELL, "espeak-ng", AT))
    record_cue_test(paths, Place.SSH, CueTest(Heard.NOTHING, "espeak-ng", AT))
    record_cue_test(paths, Place.HERE, CueTest(Heard.BOTH, "spd-say", AT))
    assert load_cue_tests(paths) == {
        Place.HERE: CueTest(Heard.BOTH, "spd-say", AT),
        Place.SSH: CueTest(Heard.NOTHING, "espeak-ng", AT),
    }
    assert (paths.data / FILE).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "text", ['here = "both"\n', '[here]\nheard = "loud"\nat = 2026-11-24T09:30:00\n', "[here\n"]
)
def test_a_file_that_cant_be_read_is_kept_and_named(tmp_path: Path, text: str) -> None:
    paths = Paths(tmp_path / "cfg", tmp_path / "data")
    paths.data.mkdir()
    (paths.data / FILE).write_text(text, encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        load_cue_tests(paths)
    assert FILE in str(caught.value)
    with pytest.raises(StorageError):
        record_cue_test(paths, Place.HERE, CueTest(Heard.BOTH, "espeak-ng", AT))
    assert (paths.data / FILE).read_text(encoding="utf-8") == text


# --- footcare cues test -------------------------------------------------------------------


def cues_test(
    tmp_path: Path, *args: str, answers: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """`footcare cues test` with a fake espeak-ng that logs what it is asked to say. Each of
    `answers` is typed once the line has been said once more (a replay or the end stops
    what is still speaking, as a person answering at once would); then the input ends."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("FOOTCARE_") and k not in ("SSH_CONNECTION", "SSH_CLIENT")
    }
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    voice = fake / "espeak-ng"
    voice.write_text(f'#!/bin/sh\nfor last; do :; done\necho "$last" >> {tmp_path}/said\n')
    voice.chmod(0o755)
    env.update(
        FOOTCARE_CONFIG_DIR=str(tmp_path / "cfg"),
        FOOTCARE_DATA_DIR=str(tmp_path / "data"),
        PATH=f"{fake}{os.pathsep}{env['PATH']}",
        PYTHONIOENCODING="utf-8",
    )
    argv = [sys.executable, "-m", "footcare", "cues", "test", *args]
    with subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdin is not None
        try:
            for count, answer in enumerate(answers, 1):
                wait_until(lambda n=count: len(said(tmp_path)) >= n or None, 10, lambda: "unsaid")
                proc.stdin.write(answer)
                proc.stdin.flush()
        finally:
            out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def said(root: Path) -> list[str]:
    log = root / "said"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_command_says_a_line_rings_asks_and_keeps_the_answer(tmp_path: Path) -> None:
    done = cues_test(tmp_path, answers=("9\nr\n", "2\n"))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.count("\a") == 2  # played twice (r: again), the bell each time
    for label in ANSWERS.values():
        assert label in out
    assert "That is not one of the answers." in out
    assert "The words were not heard, so sessions ring the bell" in " ".join(out.split())
    kept = load_cue_tests(Paths(tmp_path / "cfg", tmp_path / "data"))
    assert kept[Place.HERE].heard is Heard.BELL
    assert kept[Place.HERE].voice == "espeak-ng"
    assert said(tmp_path) == [TEST_LINE] * 2


def test_no_answer_keeps_nothing(tmp_path: Path) -> None:
    done = cues_test(tmp_path)
    assert done.returncode == 1
    assert "nothing was kept" in done.stderr
    assert not (tmp_path / "data" / FILE).exists()


def test_heard_keeps_an_answer_without_playing(tmp_path: Path) -> None:
    done = cues_test(tmp_path, "--heard", "nothing")
    assert done.returncode == 0, done.stderr
    assert "\a" not in done.stdout and said(tmp_path) == []
    assert "each step shows on screen only" in done.stdout
    kept = load_cue_tests(Paths(tmp_path / "cfg", tmp_path / "data"))
    assert kept[Place.HERE].heard is Heard.NOTHING


# --- what it changes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heard", "rings", "spoken", "notice"),
    [
        (Heard.BOTH, [1, 1, 2], True, ""),
        (Heard.BELL, [1, 1, 2], False, "bell but not the words"),
        (Heard.NOTHING, [], False, "heard nothing"),
    ],
)
def test_a_session_cues_as_the_last_test_heard(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    heard: Heard,
    rings: list[int],
    spoken: bool,
    notice: str,
) -> None:
    from footcare.services import cues

    for name in ("SSH_CONNECTION", "FOOTCARE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    started: list[list[str]] = []

    class Silent:
        running = False

        def stop(self, wait: float = 0.0) -> None:
            pass

    def spawn(argv: list[str]) -> Silent:
        started.append(list(argv))
        return Silent()

    monkeypatch.setattr(cues, "find_voice", lambda which=None: ("/usr/bin/espeak-ng", "--"))
    monkeypatch.setattr(cues, "start_speaker", spawn)
    from apphelpers import record_all_clearances

    paths = make_paths(tmp_path)
    record_all_clearances(paths)
    record_cue_test(paths, Place.HERE, CueTest(heard, "espeak-ng", AT))
    clock = Clock()
    services = services_for(paths, clock)
    terminal = Recorder()
    runner = begin_today(services, cues_ratings(), cues=terminal)
    for _ in range(30):
        clock.advance(1)
        runner.tick()
    assert runner.concluded is not None
    assert bool(started) is spoken
    assert terminal.rings[:3] == rings
    if notice:
        assert len(terminal.notices) == 1 and notice in terminal.notices[0]
    else:
        assert terminal.notices == []


# --- the start screen ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 15)])
async def test_h_on_the_start_screen_asks_and_keeps_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    from footcare.services import cue_testing

    played: list[Plan] = []
    monkeypatch.setattr(cue_testing, "find_voice", lambda which=None: ("/bin/true", "--"))
    for name in ("SSH_CONNECTION", "FOOTCARE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    real_play = cue_testing.play
    monkeypatch.setattr(
        cue_testing,
        "play",
        lambda plan, terminal, spawn=None: played.append(plan) or real_play(plan, terminal),
    )
    paths = make_paths(tmp_path)
    app = make_app(paths)
    rang = bells(app)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pressed(pilot, "h")
        screen = screen_words(app)
        assert "Sound test: what did you hear?" in screen
        for number, label in enumerate(ANSWERS.values(), 1):
            assert f"{number} {label}" in screen
        assert "r again Esc go back" in screen  # the whole dialog, on a small screen too
        await pressed(pilot, "r")  # again
        await pilot.press("3")
        for _ in range(50):  # the notice is drawn within a few frames
            await pilot.pause(0.02)
            notice = " ".join(toast_words(app))
            if "Kept for" in notice:
                break
        assert "Kept for footcare on this computer. Sessions speak each step." in notice
    assert len(played) == 2 and rang[0] == 2
    assert load_cue_tests(paths)[Place.HERE] == CueTest(Heard.SPEECH, "true", AT.replace(minute=0))
