"""A session running in another footcare is said by `footcare status` (its lines, --short
and --json) and by the start screen, in one wording, read from the session's claim without
taking it; a claim left by a process that has ended is not a session running."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apphelpers import NOW, FakeClock, cleared_paths, make_app
from footcare.domain.wording import running_now
from footcare.services.build import read_footcare
from footcare.services.status import short_line, status, status_lines
from footcare.services.today import today
from footcare.storage import claim
from footcare.storage.paths import Paths
from midnight import clear_of_midnight
from rendered import normal, screen_words

KINDS = ("live", "dead", "none")
"""Who holds the claim: a footcare still running, one that has ended (killed, its
description left in the file), nobody."""
HOLD = (
    "import sys, datetime, pathlib; from footcare.storage.claim import take; "
    "take(pathlib.Path(sys.argv[1]), datetime.datetime.fromisoformat(sys.argv[2])); "
    "print('held', flush=True); sys.stdin.read()"
)
AFTER_IT = re.compile(r"\d+ to do|Today's session:|today not yet|no session today")
"""What is said of today in place of a session running elsewhere: it would contradict it."""


@contextmanager
def claimed(paths: Paths, kind: str, since: datetime) -> Iterator[None]:
    """The claim as ``kind`` leaves it, held by another process while the block runs."""
    if kind == "none":
        yield
        return
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(paths.data), since.isoformat()],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        if kind == "dead":
            holder.kill()  # the system lets go of its lock; its words stay in the file
            holder.wait(30)
            assert f"pid={holder.pid}" in claim.claim_path(paths.data).read_text()
        yield
    finally:
        holder.kill()
        holder.wait(30)


def footcare(paths: Paths, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FOOTCARE_", "XDG_"))}
    flags = ["--config-dir", str(paths.config), "--data-dir", str(paths.data)]
    done = subprocess.run(
        [sys.executable, "-m", "footcare", *flags, "--cache-dir", str(paths.data / "c"), *args],
        env={**env, "HOME": str(paths.data)},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("kind", KINDS)
async def test_status_and_the_start_screen_say_a_session_runs_only_while_it_does(
    tmp_path: Path, kind: str
) -> None:
    paths = cleared_paths(tmp_path)
    since = NOW - timedelta(minutes=25)
    with claimed(paths, kind, since):
        day = clear_of_midnight()
        lines, short = footcare(paths, "status"), footcare(paths, "status", "--short")
        facts = json.loads(footcare(paths, "status", "--json"))
        again = footcare(paths, "status", "--short")  # a memo is kept only when none runs
        app = make_app(paths, now=NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            shown = screen_words(app)
    said = running_now(since, day)
    if kind == "live":
        assert said in lines.splitlines()
        assert f" · a{said[1:-1]}" in short and again == short
        assert facts["session_running"] == {"since": since.isoformat(), "what": said}
        assert normal(running_now(since, NOW.date())) in shown
        assert "(since 08:35, in another window)" in shown
        for text in (lines, short, shown):  # said in place of what they would contradict
            assert not AFTER_IT.search(text), text
    else:
        for text in (lines, short, again, shown):
            assert "is running now" not in text
        assert facts["session_running"] is None


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    held=st.sampled_from(["held", "let go", "left", "none"]),
    ago=st.integers(0, 36 * 60),
)
def test_every_form_of_status_says_it_in_the_same_words(
    tmp_path_factory: pytest.TempPathFactory, held: str, ago: int
) -> None:
    """Held (by another open file, as another process would), let go, left by a process
    that has gone (its words in the file, nobody's lock), none: said exactly while held,
    since when the claim says, on another day with its date."""
    paths = cleared_paths(tmp_path_factory.mktemp("running"))
    since = NOW - timedelta(minutes=ago)
    taken = claim.take(paths.data, since) if held in ("held", "let go") else None
    if held == "let go" and taken is not None:
        taken.release()
    if held == "left":
        claim.claim_path(paths.data).write_text(
            claim.holder_text(claim.Holder(999_999, "elsewhere", "", since))
        )
    uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
    try:
        report = status(uses)
        said = running_now(since, NOW.date())
        forms = [
            status_lines(report),
            today(uses).lines(),
            [report.as_json()["session_running"]["what"]] if report.running else [],
        ]
        if held == "held":
            assert all(said in form for form in forms)
            assert not any(AFTER_IT.search(line) for form in forms for line in form), forms
            assert (f" on {since.date().isoformat()}," in said) == (since.date() != NOW.date())
            assert short_line(report).endswith(f" · {said[0].lower()}{said[1:-1]}")
            assert report.as_json()["session_running"]["since"] == since.isoformat()
        else:
            assert report.running is None
            assert not any("running now" in line for form in forms for line in form)
            assert "running" not in short_line(report)
    finally:
        uses.close()
        if taken is not None:
            taken.release()


async def test_the_start_screen_says_a_session_begun_or_ended_elsewhere_while_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from footcare.ui.screens import start

    monkeypatch.setattr(start, "RUNNING_LOOK", 0.05)
    paths = cleared_paths(tmp_path)
    said = normal(running_now(NOW, NOW.date()))
    app = make_app(paths, now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:

        async def shows(wanted: bool) -> bool:
            for _ in range(200):  # up to ten seconds
                await pilot.pause(0.05)
                if (said in screen_words(app)) == wanted:
                    return True
            return False

        assert await shows(False)
        taken = claim.take(paths.data, NOW)  # begun in another footcare
        assert await shows(True)
        taken.release()  # and ended there
        assert await shows(False)


def test_two_looking_at_once_do_not_see_each_other_as_a_session(tmp_path: Path) -> None:
    import fcntl

    paths = cleared_paths(tmp_path)
    claim.take(paths.data, NOW).release()
    fd = os.open(claim.claim_path(paths.data), os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # another status, looking at this very moment
        assert claim.holder_now(paths.data) is None
        uses = read_footcare(paths, clock=FakeClock(), now=lambda: NOW)
        assert status(uses).running is None
        uses.close()
    finally:
        os.close(fd)


def test_a_line_saying_a_session_runs_is_never_kept_for_the_next_prompt(tmp_path: Path) -> None:
    """Its footcare may be killed and change no file: the next prompt works it out again."""
    from footcare.services.status_short import recall, short_status

    paths = cleared_paths(tmp_path)
    flags = {
        "--config-dir": str(paths.config),
        "--data-dir": str(paths.data),
        "--cache-dir": str(tmp_path / "cache"),
    }
    env = {"HOME": str(tmp_path)}
    taken = claim.take(paths.data, NOW)
    try:
        line = short_status(paths, flags, env, lambda: NOW, lambda: 1 << 62)
        assert line.endswith(running_now(NOW, NOW.date())[1:-1])
        assert recall(flags, env, "/", NOW.date().isoformat()) is None
    finally:
        taken.release()
    short_status(paths, flags, env, lambda: NOW, lambda: 1 << 62)
    assert "running" not in (recall(flags, env, "/", NOW.date().isoformat()) or "running")
