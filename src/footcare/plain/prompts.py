"""Saying a line, asking a question and checking the answer, on a text stream."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from typing import TextIO

from footcare.domain import plain_words as words
from footcare.domain.journal import SCALE_HINTS, SYMPTOMS, Ratings
from footcare.domain.typed import NotADay, parse_day
from footcare.plain.lines import Lines


class Prompts:
    """Questions asked on ``out`` and answered by ``lines``; three tries at most, then the
    question counts as unanswered."""

    def __init__(self, out: TextIO, lines: Lines, today: Callable[[], date]) -> None:
        self.out = out
        self.lines = lines
        self.today = today

    def say(self, *lines: str) -> None:
        for line in lines:
            self.out.write(line + "\n")
        self.out.flush()

    def fail(self, line: str) -> None:
        """An error that ends the command: on standard error, after what was said so far."""
        self.out.flush()
        print(line, file=sys.stderr, flush=True)

    def ask(self, prompt: str) -> str | None:
        self.out.write(prompt + " ")
        self.out.flush()
        answer = self.lines.next()
        if answer is None:
            self.say(words.NO_ANSWER)
        elif self.lines.echo:
            self.say(answer)
        return None if answer is None else " ".join(answer.split())

    def yes_no(self, prompt: str) -> bool | None:
        for _ in range(3):
            answer = self.ask(f"{prompt} (y/n)")
            if answer is None:
                return None
            word = answer.lower()
            if word in words.YES:
                return True
            if word in words.NO:
                return False
            self.say(words.YES_OR_NO)
        return None

    def ask_date(self, prompt: str) -> date | None:
        today = self.today()
        for _ in range(3):
            answer = self.ask(f"{prompt} {words.DATE_FORMAT}")
            if answer is None or answer.lower() in words.NOT_YET:
                return None
            if answer == "":
                return today
            try:
                chosen = parse_day(answer)
            except NotADay as exc:
                self.say(f"{exc}.")
                continue
            if chosen > today:
                self.say(words.NOT_IN_FUTURE)
                continue
            return chosen
        return None

    def ask_rating(self, name: str) -> int | None:
        label = words.rating_prompt(name, SCALE_HINTS[name])
        for _ in range(3):
            answer = self.ask(label)
            if not answer:
                return None
            if answer.isdigit() and 0 <= int(answer) <= 10:
                return int(answer)
            self.say(words.RATING_AGAIN)
        return None

    def ratings(self) -> Ratings:
        return Ratings(**{name: self.ask_rating(name) for name in SYMPTOMS})
