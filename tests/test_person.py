"""A person's first days with footcare, played by a client that reads only the screen.

The real `footcare` runs in a pseudo-terminal at 80×24, 60×20 and 40×15; `person.Person`
reads what pyte draws of its output and acts on that alone (see tests/person.py). The
story, on one pair of folders, one day after another:

1. the first run from empty folders: choose a routine, continue, answer today's
   questions no, say yes to every go-ahead and give the date the prompt offers, read
   the reminders, begin, let the session run, skip a step, stop because it hurts, and
   read the advice;
2. day two: the go-aheads are on record (one line), today's questions are asked again;
3. a blocked day: a yes to a question of the day is refused, with why and what to do;
4. a warning sign logged with `footcare journal add --foot-check`, cleared by recording
   a professional's check on the row the screen points to;
5. in the session that follows, a warning sign logged from another terminal stops it
   with advice.

Each day runs under libfaketime, its clock starting at noon on the test's today plus the
day's number; every date the person types is the one the app offers, so nothing depends
on the calendar or the time of day.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import pyte
import pytest

from person import KEYS, Person, PtyDisplay
from ptyterm import app_env, footcare_command, running
from served import Served, devtools, serving
from sysdeps import ensure

FAKETIME_SITE = Path(__file__).parent / "faketime_site"
# where Debian's faketime wrapper finds it; the loader expands $LIB
LIBFAKETIME = "/usr/$LIB/faketime/libfaketime.so.1"
SIZES = [(80, 24), (60, 20), (40, 15)]
ADVICE = "doctor, nurse or podiatrist"


class Folders:
    """One person's folders, and a way to run footcare on a given day of their story."""

    def __init__(self, root: Path) -> None:
        self.config, self.data, self.cache = root / "config", root / "data", root / "cache"
        for folder in (self.config, self.data, self.cache):
            folder.mkdir(parents=True)
        self.complaints: list[str] = []  # from every day, checked at the end of the story
        self.first_day = date.today()  # the test's own today (faked under faketime.sh)
        self.day_started: dict[int, float] = {}

    def env(self) -> dict[str, str]:
        env = app_env(self.config, self.data, FOOTCARE_CACHE_DIR=str(self.cache))
        for name in ("COLUMNS", "LINES"):  # they would win over the pty's own size
            env.pop(name, None)
        # Each day's clock is its own (even when the suite runs under tests/faketime.sh);
        # the monotonic clock stays real, and time.sleep with it (see faketime_site).
        for name in [n for n in env if n.startswith("FAKETIME") or n == "LD_PRELOAD"]:
            del env[name]
        env["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        env["PYTHONPATH"] = os.pathsep.join(
            [str(FAKETIME_SITE), *filter(None, [env.get("PYTHONPATH")])]
        )
        return env

    def on_day(self, day: int) -> dict[str, str]:
        """The environment of a program run on day `day` of the story. The day's clock
        starts at noon when its first program starts, and goes on from there for the
        programs after it.

        libfaketime is preloaded directly, not through the `faketime` wrapper. Each names a
        semaphore after its process id and leaves it behind when killed, as the app is
        here; when a later process is given the same id, the wrapper refuses to start
        ("sem_open: File exists") where the library goes on without it."""
        since = time.monotonic() - self.day_started.setdefault(day, time.monotonic())
        noon = datetime.combine(self.first_day + timedelta(days=day), dt_time(12))
        start = noon + timedelta(seconds=int(since) + 1)
        return self.env() | {"LD_PRELOAD": LIBFAKETIME, "FAKETIME": f"@{start:%Y-%m-%d %H:%M:%S}"}

    def check_clock(self) -> None:
        """Fail at once, and say why, if libfaketime is not where `LIBFAKETIME` says."""
        env = self.env() | {"LD_PRELOAD": LIBFAKETIME, "FAKETIME": "@2001-02-03 12:00:00"}
        argv = [sys.executable, "-c", "import datetime; print(datetime.date.today())"]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
        assert done.stdout.strip() == "2001-02-03", (
            f"the faked clock did not take: {LIBFAKETIME} is not libfaketime "
            f"(Debian's faketime package): {done.stderr}"
        )

    @contextlib.contextmanager
    def app(self, day: int, cols: int, rows: int) -> Iterator[Person]:
        with running(footcare_command(), self.on_day(day), cols=cols, rows=rows) as term:
            person = Person(PtyDisplay(term, cols, rows))
            try:
                yield person
            finally:
                self.complaints += [f"day {day + 1}: {c}" for c in person.complaints]

    def cli(self, day: int, *args: str) -> str:
        """footcare's command line, as typed in another terminal on that day."""
        done = subprocess.run(
            [*footcare_command(), *args],
            env=self.on_day(day),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, f"footcare {' '.join(args)}: {done.stdout}{done.stderr}"
        return done.stdout


def start_screen(person: Person) -> None:
    person.wait_for("c Continue")  # the start screen's footer
    person.settle()


def choose_routine(person: Person, name: str) -> None:
    """↑/↓ on the start screen until the pointer's line names the routine."""
    for key in ["up"] * 4 + ["down"] * 4:
        if f"▶ {name}:" in person.words():
            return
        person.press(key)
        person.settle()
    person.complain(f"↑↓ did not choose the routine {name!r}")


def into_questions(person: Person) -> None:
    person.press("c")
    person.wait_for("▶")
    person.offered("y", "Yes")  # the footer is drawn: the screen is ready for keys
    person.settle()


def begin(person: Person) -> None:
    person.wait_for("Press b to begin")
    person.offered("b", "Begin")
    person.press("b")
    person.wait_for("GET READY")
    person.offered("x", "Stop")
    person.offered("n", "Next")


def play_first_run(person: Person) -> None:
    """The first run, from empty folders, to the advice after a stop for pain."""
    start_screen(person)
    choose_routine(person, "Short")
    into_questions(person)
    counted = person.survey()
    if len(counted) != 15:  # today's 5, the 9 go-aheads, the reminders
        person.complain(f"{len(counted)} questions to do, not 15: {sorted(counted)}")
    assert person.answer_all("n") == 15
    assert len(person.dates_typed) == 9, person.dates_typed
    assert len(set(person.dates_typed)) == 1  # today, as the app offers it
    begin(person)
    person.moves_by_itself()  # the clock runs with no key pressed
    person.press("n")
    person.wait_for("step 1 of")
    person.moves_by_itself()
    person.press("x")
    person.choose("It hurts", "What happened?")
    person.wait_for("Session stopped")
    person.settle()
    text = person.words().lower()
    assert "it hurts" in text and "rest the foot" in text and ADVICE in text, text
    person.offered("s", "Save")
    person.press("s")
    person.wait_for("c Continue")


def day_two(folders: Folders, cols: int, rows: int) -> None:
    with folders.app(1, cols, rows) as person:
        start_screen(person)
        into_questions(person)
        counted = person.survey()
        if len(counted) != 6:  # today's 5 and the reminders
            person.complain(f"{len(counted)} questions to do, not 6: {sorted(counted)}")
        if not person.has_read("go-aheads on record"):
            person.complain("the go-aheads on record were nowhere in the list")
        assert person.answer_all("n") == 6
        assert person.dates_typed == []
        person.wait_for("Press b to begin")


def blocked_day(folders: Folders, cols: int, rows: int) -> None:
    with folders.app(2, cols, rows) as person:
        start_screen(person)
        into_questions(person)
        asked = person.focused().question
        person.answer_all("y")  # yes to the first question of the day
        person.wait_for("No massage today")
        person.settle()
        text = person.words()
        assert f"Why: {asked}" in text, text
        assert "What to do:" in text and ADVICE in text, text


def warning_sign_cleared_then_logged_mid_session(folders: Folders, cols: int, rows: int) -> None:
    out = folders.cli(3, "journal", "add", "--foot-check", "new-wound:left")
    assert "Warning sign" in out, out
    with folders.app(3, cols, rows) as person:
        start_screen(person)
        into_questions(person)
        counted = person.survey()
        if not person.has_read("A warning sign was noted"):
            person.complain("the warning sign was named nowhere in the list")
        # The row to record the professional's check on is one of those to do.
        assert any("professional" in q for q in counted), counted
        person.answer_all("n")
        # the check is recorded on the row the sign points to; every go-ahead given
        # before a warning sign is asked again
        assert len(person.dates_typed) == 9, person.dates_typed
        assert not person.sees("A warning sign was noted"), person.screen()
        begin(person)
        person.press("n")
        person.wait_for("step 1 of")
        out = folders.cli(3, "journal", "add", "--foot-check", "swelling:right")
        assert "Warning sign" in out, out
        person.wait_for("Session stopped")
        person.settle()
        text = person.words()
        assert "swelling" in text.lower() and ADVICE in text, text


class Drawn:
    """A screen already drawn, for checking how the person reads one."""

    def __init__(self, text: str) -> None:
        self.screen = text.split("\n")

    def lines(self) -> list[str]:
        return self.screen

    def press(self, key: str) -> None:
        raise AssertionError(f"no keys here: {key!r}")

    def received(self) -> int:
        return 0

    def ended(self) -> bool:
        return False


DRAWN = """\
 ⭘                  footcare — Safety questions — Standard
 Today — any of these means no massage today
 ok    Is there an open wound, sore, blister, cut, crack or burn on either foot
       or leg?  [ ] Yes  [x] No
█▶TO DO Is any area red, hot, swollen or painful, or is there pus, a smell,
█       spreading redness, a fever, or do you feel unwell?  [ ] Yes  [ ] No
 A professional's go-ahead — recorded once, asked again when it expires
 ok    9 go-aheads on record, valid until 2027-03-05 (e to see)
█ TO DO Before you start, read these:  [ ] Done, understood (y)
█       • Check both feet now: tops, soles, heels and between the toes.
█ TO DO Do you use heat or cold on your feet: soaks, pads or packs?
────────────────────────────────────────────────────────────────────────────────
 Begin is not possible yet — 6 to do: 5 marked TO DO above
 y Yes  n No  b Begin  esc Back  f1 Help  j Journal  q Quit"""


def test_the_person_reads_rows_as_drawn() -> None:
    """Rows with and without the bar, headings, a row cut by the list's bottom, the
    pointer, and a status line that disagrees with itself."""
    person = Person(Drawn(DRAWN))
    rows = [(i.status, i.focused, i.whole, i.question) for i in person.items()]
    assert [r[:3] for r in rows] == [
        ("ok", False, True),
        ("TO DO", True, True),
        ("ok", False, True),
        ("TO DO", False, True),
        ("TO DO", False, False),  # its answers are below the list's edge
    ]
    assert rows[0][3].endswith("on either foot or leg?")
    assert rows[2][3] == "9 go-aheads on record, valid until 2027-03-05 (e to see)"
    assert rows[3][3] == "Before you start, read these:"
    assert person.focused().question.startswith("Is any area red")
    assert person.to_do() == 6
    assert person.complaints and "disagrees with itself" in person.complaints[0]
    two = Person(Drawn(DRAWN.replace(" ok    9 go-aheads", "▶ok    9 go-aheads")))
    assert two.focused().status == "TO DO"  # the one still to do, with a complaint
    assert "2 rows carry" in two.complaints[0]


# one at a time, on one worker, beside the timed exits of test_terminal_gone: three of these
# together keep both cores busy, and a second is the goal those exits are held to
@pytest.mark.xdist_group("pty-heavy")
@pytest.mark.parametrize(("cols", "rows"), SIZES, ids=[f"{c}x{r}" for c, r in SIZES])
def test_a_person_first_days(tmp_path: Path, cols: int, rows: int) -> None:
    ensure(["faketime"], ["faketime"], "the person test's later days")
    folders = Folders(tmp_path)
    folders.check_clock()
    with folders.app(0, cols, rows) as person:
        play_first_run(person)
    day_two(folders, cols, rows)
    blocked_day(folders, cols, rows)
    warning_sign_cleared_then_logged_mid_session(folders, cols, rows)
    assert not folders.complaints, "\n\n".join(folders.complaints)


# the browser page -----------------------------------------------------------------------

BROWSER_KEYS = {  # DevTools key events for the keys the person uses that are not letters
    "down": ("ArrowDown", 40, ""),
    "up": ("ArrowUp", 38, ""),
    "enter": ("Enter", 13, "\r"),
    "escape": ("Escape", 27, ""),
    "tab": ("Tab", 9, ""),
}


class BrowserDisplay:
    """`footcare serve`'s page in headless Chromium: what its socket received from the app,
    drawn by pyte at the size the page gave its terminal; keys typed into the page."""

    def __init__(self, page: Any, call: Callable[[Any], Any]) -> None:
        self.page, self.call = page, call
        self.cols, self.rows = self.size()
        self.screen = pyte.Screen(self.cols, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.fed = 0

    def size(self) -> tuple[int, int]:
        """The terminal size the page last told the app."""
        for message in reversed(list(self.page.sent)):
            with contextlib.suppress(ValueError, TypeError, KeyError, IndexError):
                kind, detail = json.loads(message)
                if kind == "resize":
                    return int(detail["width"]), int(detail["height"])
        raise AssertionError(f"the page never said its size: {self.page.sent}")

    def lines(self) -> list[str]:
        if self.size() != (self.cols, self.rows):
            self.cols, self.rows = self.size()
            self.screen.resize(self.rows, self.cols)
        new = bytes(self.page.frames[self.fed :])
        self.fed += len(new)
        self.stream.feed(new)
        return list(self.screen.display)

    def press(self, key: str) -> None:
        if key == "shift+tab":
            self.call(self._key("Tab", 9, "", modifiers=8))
        elif key in BROWSER_KEYS:
            self.call(self._key(*BROWSER_KEYS[key]))
        else:
            assert key not in KEYS and len(key) == 1, key
            self.call(self.page.key(key))

    async def _key(self, name: str, code: int, text: str, modifiers: int = 0) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.page.call(
                "Input.dispatchKeyEvent",
                type=kind,
                key=name,
                code=name,
                text=text if kind == "keyDown" else "",
                windowsVirtualKeyCode=code,
                modifiers=modifiers,
            )

    def received(self) -> int:
        return len(self.page.frames)

    def ended(self) -> bool:
        return False


@pytest.fixture
def served_empty(tmp_path: Path) -> Iterator[tuple[Served, Folders]]:
    """`footcare serve` on empty folders: the first run, through the browser."""
    pytest.importorskip("textual_serve", reason="needs the serve extra: pip install -e '.[serve]'")
    folders = Folders(tmp_path / "person")
    env = {**folders.env(), "COLUMNS": "100"}  # the start-up line on one line
    with serving(env, tmp_path / "serve.log") as served:
        yield served, folders


@contextlib.contextmanager
def in_the_browser(chromium: int, page_url: str) -> Iterator[Person]:
    """A person at the page: DevTools runs on an event loop of its own, in a thread."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def call(coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(60)

    tools = devtools(chromium)
    page = call(tools.__aenter__())
    try:
        for domain in ("Network", "Page", "Runtime"):
            call(page.call(f"{domain}.enable"))
        call(page.call("Page.navigate", url=page_url))
        call(page.screen_text_contains("Routine and minutes"))
        call(page.evaluate("document.querySelector('.xterm-helper-textarea').focus()"))
        yield Person(BrowserDisplay(page, call))
    finally:
        call(tools.__aexit__(None, None, None))
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)


@pytest.mark.xdist_group("system-packages")  # chromium may be installed with apt-get
def test_the_first_run_in_the_browser(
    served_empty: tuple[Served, Folders], request: pytest.FixtureRequest
) -> None:
    served, folders = served_empty
    chromium = request.getfixturevalue("chromium")
    with in_the_browser(chromium, served.page) as person:
        try:
            play_first_run(person)
        finally:
            folders.complaints += [f"in the browser: {c}" for c in person.complaints]
    assert not folders.complaints, "\n\n".join(folders.complaints)
