"""A person at the terminal: a test client that knows nothing but the text on the screen.

A `Display` is a screen of text and a keyboard: `PtyDisplay` runs the real `footcare` in
a pseudo-terminal and draws what it prints with the pyte terminal emulator; the browser
test feeds what the page's socket received into the same emulator. A `Person` reads
that text, row by row, and acts only on it: the "▶" pointer tells it which question is
focused, the footer tells it which keys it may press, the status line tells it how many
questions are still to do, a dialog's list tells it which digit means "It hurts".

At every key it checks what a person needs to be able to do: the focused question is
on screen whole, every question the status line counts as to do can be brought on
screen with ↓ and ↑, the numbers on screen agree, an answer given is drawn as given.
Screen text is matched with the lines joined and the spaces collapsed, so nothing here
depends on where a line wraps.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import pyte

from ptyterm import PtyProgram, wait_until
from screentext import shows

T = TypeVar("T")

TIMEOUT = 30.0  # generous: the machine running the suite may be loaded
QUIET = 0.2  # no output for this long: the screen has settled after a key

KEYS = {
    "down": "\x1b[B",
    "up": "\x1b[A",
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
}
POINTER = "▶"
BARS = str.maketrans("", "", "▁▂▃▄▅▆▇█▔▕▎▊▌▐┃━┏┓┗┛│")  # scrollbars and borders, not words
BAR = "█▌▐┃│▎▊"  # the bar left of a question still to do
STATUS = re.compile(r"TO DO|[A-Za-z]{1,4}")  # a row's status word: "TO DO", "ok"
TO_DO = re.compile(r"(\d+) to do")
MARKED = re.compile(r"(\d+) marked TO DO")
DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def words(text: str) -> str:
    """Text with the lines joined and runs of spaces made one: wraps don't matter."""
    return " ".join(text.translate(BARS).split())


def quietly(check: Callable[[], bool]) -> bool:
    """`check()`, or False while the screen is between two drawings (a check fails)."""
    try:
        return check()
    except AssertionError:
        return False


class Display(Protocol):
    def lines(self) -> list[str]: ...

    def press(self, key: str) -> None: ...

    def received(self) -> int: ...

    def ended(self) -> bool: ...


class PtyDisplay:
    """The program in a pty, its output drawn by pyte at the pty's size."""

    def __init__(self, term: PtyProgram, cols: int, rows: int) -> None:
        self.term, self.cols, self.rows = term, cols, rows
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.fed = 0

    def lines(self) -> list[str]:
        new = self.term.raw(self.fed)
        self.fed += len(new)
        self.stream.feed(new)
        return list(self.screen.display)

    def press(self, key: str) -> None:
        self.term.send(KEYS.get(key, key))

    def received(self) -> int:
        return self.term.position()

    def ended(self) -> bool:
        return self.term.proc.poll() is not None


@dataclass(frozen=True)
class Item:
    """One question as drawn in the list: its status word, its words, whether focused."""

    status: str  # "TO DO", "ok", …
    text: str  # every word of it on screen
    focused: bool
    whole: bool  # its top line is on screen and its question ends on screen

    @property
    def question(self) -> str:
        """Its words up to the question mark (or, for the reminders, to the first box)."""
        end = [i for i in (self.text.find("?") + 1, self.text.find("[")) if i > 0]
        return self.text[: min(end)].strip() if end else self.text

    @property
    def asks_a_date(self) -> bool:
        return "(y)" in self.text and "date" in self.text


class Person:
    """Reads the screen, presses keys, and checks that what it needs is there to read."""

    def __init__(self, display: Display, timeout: float = TIMEOUT) -> None:
        self.display = display
        self.timeout = timeout
        self.dates_typed: list[str] = []
        self.complaints: list[str] = []  # what a person could not read or rely on
        self.noted: set[str] = set()  # problems already complained of, once each
        self.read: set[str] = set()  # every row of the list read whole while moving through it
        self.last_output = [display.received(), time.monotonic()]  # bytes so far, and when

    def complain(self, what: str) -> None:
        """Note a problem a person would meet, with the screen, and carry on."""
        self.complaints.append(f"{what}; the screen:\n{self.screen()}")

    # reading ------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        return self.display.lines()

    def screen(self) -> str:
        return "\n".join(self.lines())

    def words(self) -> str:
        return words(self.screen())

    def sees(self, phrase: str) -> bool:
        return shows(phrase, self.screen())

    def has_read(self, phrase: str) -> bool:
        """The phrase was in a row of the list read whole while moving through it."""
        return any(shows(phrase, text) for text in self.read)

    def footer(self) -> str:
        return words(self.lines()[-1])

    def until(self, check: Callable[[], T | None], what: str) -> T:
        def ready() -> T | None:
            result = check()
            if not result and self.display.ended():
                raise AssertionError(f"{what}: the program ended; the screen:\n{self.screen()}")
            return result

        return wait_until(ready, self.timeout, lambda: f"{what}; the screen:\n{self.screen()}")

    def wait_for(self, *phrases: str) -> str:
        """Wait until one of `phrases` is on screen (across wraps); returns the one seen."""

        def seen() -> str | None:
            text = self.screen()
            return next((p for p in phrases if shows(p, text)), None)

        return self.until(seen, f"none of {phrases} on screen")

    def settle(self, done: Callable[[], bool] = lambda: True, quiet: float = QUIET) -> None:
        """Wait until `done()` holds and the program has printed nothing for `quiet` seconds
        (it has drawn what the key did); if `done()` never holds, until it has printed
        nothing for ten times as long (nothing more is coming). The quiet counts from the
        last output or the last key, whichever came later."""
        last = self.last_output

        def settled() -> bool:
            now = self.display.received()
            if now != last[0]:
                last[:] = [now, time.monotonic()]
            still = time.monotonic() - last[1]
            return still >= quiet * 10 or (still >= quiet and done())

        self.until(settled, "the screen never settled")

    def moves_by_itself(self) -> None:
        """Wait until the screen changes with no key pressed (a running clock)."""
        before = self.screen()
        try:
            wait_until(lambda: self.screen() != before, 5, str)
        except AssertionError:
            self.complain("nothing on screen moves by itself: no running clock to be seen")

    # keys ---------------------------------------------------------------------------------
    def offered(self, key: str, label: str) -> None:
        """Wait until the key is offered where a person looks for it: in the footer, or
        as "(key)" in the text."""
        self.until(
            lambda: f"{key} {label}" in self.footer() or f"({key})" in self.words(),
            f"{key!r} ({label}) is offered nowhere on screen",
        )

    def press(self, key: str) -> None:
        if os.environ.get("PERSON_DEBUG"):
            print(f"{time.monotonic():.2f} press {key!r}", file=sys.__stderr__)
        self.display.press(key)
        self.last_output[:] = [self.display.received(), time.monotonic()]

    # the safety questions -----------------------------------------------------------------
    def separator(self, lines: list[str]) -> int:
        found = [i for i, line in enumerate(lines) if line.strip() and not line.strip("─ ")]
        assert found, f"no line under the questions:\n{self.screen()}"
        return found[0]

    def items(self) -> list[Item]:
        """The questions drawn above the line under the list, top to bottom."""
        lines = self.lines()
        rows: list[tuple[str, bool, list[str]]] = []  # status, focused, its lines
        for line in lines[1 : self.separator(lines)]:
            if line[:1] not in BAR:
                # A row with no bar on its left (answered, or a line of facts) starts a
                # column earlier: " ok    Is there…", "▶ok    9 go-aheads…".
                line = " " + line
            line = line.ljust(8)
            if (
                line[1] in (POINTER, " ")
                and STATUS.fullmatch(line[2:8].strip())
                and (line[2] != " " and line[7] == " " and line[8] != " ")
            ):
                rows.append((words(line[2:8]), line[1] == POINTER, [line[8:]]))
            elif rows and rows[-1][2] and not line[1:8].strip():
                rows[-1][2].append(line[8:])
            elif rows:
                rows.append(("", False, []))  # a heading: the item above has ended
        found = []
        for n, (status, focused, body) in enumerate(rows):
            if body:
                text = words(" ".join(body))
                # Whole: its first line is drawn, and its end: the answer boxes (the last
                # thing on a question) or, for a line of facts, what comes after it or the
                # end of its sentence.
                whole = "[" in text or n < len(rows) - 1 or text.endswith((".", ")"))
                found.append(Item(status, text, focused, whole))
        return found

    def status(self) -> str:
        lines = self.lines()
        return words(" ".join(lines[self.separator(lines) + 1 : -1]))

    def to_do(self) -> int:
        """How many questions the status line says are still to do (0 once all answered)."""
        status = self.status()
        if "All answered" in status:
            return 0
        found = TO_DO.search(status)
        assert found, f"the status line gives no count: {status!r}\n{self.screen()}"
        marked = MARKED.search(status)
        if marked and marked[1] != found[1] and status not in self.noted:
            self.noted.add(status)
            self.complain(f"the status line disagrees with itself: {status!r}")
        return int(found[1])

    def focused(self) -> Item:
        """The focused question: there is one, drawn whole (its question mark on screen)."""
        mine = self.pointers()
        assert len(mine) == 1, f"{len(mine)} rows carry the {POINTER} pointer:\n{self.screen()}"
        assert mine[0].whole, f"the focused question is cut off:\n{self.screen()}"
        return mine[0]

    def find_pointer(self) -> Item:
        """The focused question; if it is not on screen, complain, and look for it as a
        person would: ↑ (which scrolls a question taller than the list back to its top)."""
        self.settle(lambda: self.pointed() is not None)
        if self.pointed() is None and self.has_pointer():
            self.complain("the focused question is not on screen")
            for _ in range(10):
                self.press("up")
                self.settle(lambda: self.pointed() is not None)
                if self.pointed() is not None:
                    break
        return self.focused()

    def pointed(self) -> str | None:
        """The question the pointer is on, if one row has it and it is whole."""
        mine = self.pointers()
        return mine[0].question if len(mine) == 1 and mine[0].whole else None

    def pointers(self) -> list[Item]:
        """The rows carrying the pointer. Two at once: complain, and take the question still
        to do for the focused one (the other is a line of facts)."""
        mine = [i for i in self.items() if i.focused]
        if len(mine) > 1:
            if "pointers" not in self.noted:
                self.noted.add("pointers")
                self.complain(f"{len(mine)} rows carry the {POINTER} pointer at once")
            mine = [i for i in mine if i.status == "TO DO"] or mine
        return mine

    def move(self, key: str) -> Item:
        """↓ or ↑ once; returns the question focused after it (the same one at an end)."""
        before = self.focused().question
        self.press(key)
        self.settle(lambda: self.pointed() not in (None, before))
        return self.focused()

    def check_footer(self) -> None:
        """The last line is the footer with the keys; complain once if it is not."""

        def drawn() -> bool:
            return "Help" in self.footer() or "Quit" in self.footer()

        with contextlib.suppress(AssertionError):  # a slow program may be drawing it
            wait_until(drawn, 5, str)
        if not drawn() and "footer" not in self.noted:
            self.noted.add("footer")
            self.complain("the footer with the keys is not on screen (the last line is cut)")

    def has_pointer(self) -> bool:
        """The keys for answering are offered: the focus is on a question (its pointer may
        be scrolled out of view while a question taller than the list is read through)."""
        return "y Yes" in self.footer()

    def survey(self) -> set[str]:
        """Walk the list ↓ to its end, reading every screen on the way: each question the
        status line counts as to do must be seen whole. Then ↑ back to the first."""
        self.wait_for(POINTER)
        expected = self.to_do()
        first = self.focused().question
        seen: set[str] = set()

        def look() -> None:
            items = self.items()
            self.read.update(i.text for i in items if i.whole)
            seen.update(i.question for i in items if i.status == "TO DO" and i.whole)

        look()
        moves = hidden = 0
        for _ in range(120):
            before, last = self.screen(), self.pointed()
            self.press("down")
            self.settle(lambda: self.pointed() not in (None, last))  # noqa: B023
            look()
            self.check_footer()
            if self.pointed() is None and not self.has_pointer():
                self.complain(
                    "↓ on the last question took the focus off the questions "
                    f"(no pointer; the footer reads {self.footer()!r})"
                )
                self.press("shift+tab")  # Shift+Tab goes back a question, as Tab goes on
                self.settle(self.has_pointer)
                break
            if self.screen() == before and self.pointed() is not None and len(seen) < expected:
                # Short of what the status line counts: a slow program may still move.
                with contextlib.suppress(AssertionError):
                    self.until(lambda: self.screen() != before or None, "")  # noqa: B023
                self.settle()
                look()
            if self.screen() == before and self.pointed() is None and not self.items():
                break  # the end of the last question, taller than the list, read through
            if self.screen() == before and self.pointed() is None:
                if "hidden" not in self.noted:
                    self.noted.add("hidden")
                    self.complain("↓ moved the focus to a row that is not on screen")
                hidden += 1
                if hidden < 6:  # keep going: the list should follow the focus
                    moves += 1
                    continue
            if self.screen() == before:
                break  # the end of the list
            moves += 1
        if len(seen) != expected:
            self.complain(
                f"the status line counts {expected} to do; moving through the list shows "
                f"{len(seen)}: {sorted(seen)}"
            )
        self.back_to(first, moves)
        return seen

    def back_to(self, question: str, moves: int) -> None:
        """↑ as many times as ↓ was pressed, then one at a time until `question` is focused."""
        for _ in range(moves - 3):  # a few keys in flight are fine; many could overshoot
            self.press("up")
        before = None
        for _ in range(40):
            self.settle(lambda: self.pointed() not in (None, before))  # noqa: B023
            if self.pointed() == question:
                return
            before = self.pointed()
            # on the questions: a row carries the pointer (the folded go-aheads line too,
            # whose footer offers e, not y), or the keys to answer one are offered
            assert before is not None or self.has_pointer(), (
                f"↑ took the focus off the questions:\n{self.screen()}"
            )
            self.press("up")
        raise AssertionError(f"↑ never came back to {question!r}:\n{self.screen()}")

    def answer(self, key: str) -> Item:
        """Answer the focused question with `key`; a date asked for is the one offered."""
        item = self.focused()
        assert item.status == "TO DO", f"the focused row is already answered: {item}"
        left = self.to_do()
        self.check_footer()
        self.offered(key, {"y": "Yes", "n": "No"}[key])
        self.press(key)
        if key == "y" and item.asks_a_date:
            self.wait_for("Type the date as", "Enter accepts the date")
            self.settle()
            field = [line for line in self.lines() if "▊" in line or "▎" in line]
            shown = DATE.findall("\n".join(field))  # the date in the dialog's input box
            if not shown:
                self.complain("the date prompt shows no date to accept")
            self.dates_typed.append(shown[-1] if shown else "(not shown)")
            self.press("enter")  # "Enter accepts the date", the prompt says
        self.until(
            lambda: self.sees("No massage today") or quietly(lambda: self.to_do() == left - 1),
            f"answering {item.question!r} did not count",
        )
        if self.sees("No massage today"):
            return item
        self.settle()
        drawn = [i for i in self.items() if i.question == item.question and i.whole]
        for row in drawn:  # still on screen: drawn as answered
            if row.status == "TO DO" or "[x]" not in row.text:
                self.complain(f"{item.question!r} was answered but is drawn as {row}")
        return item

    def answer_all(self, today: str = "n") -> int:
        """Answer every open question: `today` to today's, yes (with a date) to the rest.

        Returns how many were answered. Stops early at a refusal ("No massage today").
        """
        answered = 0
        while self.to_do():
            for _ in range(40):  # the pointer may rest on a row already answered
                if self.find_pointer().status == "TO DO":
                    break
                self.move("down")
            item = self.focused()
            self.answer("y" if "(y)" in item.text else today)
            answered += 1
            if self.sees("No massage today"):
                break
        return answered

    # the session --------------------------------------------------------------------------
    def choose(self, label: str, digit_list_title: str) -> None:
        """In a dialog's numbered list, press the digit shown before `label`."""
        self.wait_for(digit_list_title)
        found = re.search(rf"(\d)\.\s*{re.escape(label)}", self.words())
        assert found, f"{label!r} is not in the list on screen:\n{self.screen()}"
        self.press(found[1])
