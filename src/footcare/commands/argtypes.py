"""Argument types shared by several commands: a 0–10 rating, a day, a time of day."""

from __future__ import annotations

import argparse
from datetime import date, time


def rating(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{value} is out of range: use a number from 0 to 10")
    return value


def day(text: str) -> date:
    from footcare.domain.typed import NotADay, parse_day

    try:
        return parse_day(text)
    except NotADay as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def clock_time(text: str) -> time:
    from footcare.domain.typed import parse_clock

    try:
        return parse_clock(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
