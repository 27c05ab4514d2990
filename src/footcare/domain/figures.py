"""Figures as a person reads them: a mean, a median, a rating with at most one decimal, a
count of things."""

from __future__ import annotations

from collections.abc import Sequence


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def short(value: float) -> str:
    """A rating for reading: at most one decimal, none when whole (2.3, 7, 4.5)."""
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    return f"{rounded:g}" if float(rounded).is_integer() else f"{rounded:.1f}"


def one_decimal(value: float | None) -> str:
    """A mean as a table shows it: one decimal, "–" when there is none."""
    return "–" if value is None else f"{value:.1f}"


def plural(n: int, word: str) -> str:
    """``n`` of ``word``: "1 day", "3 days"."""
    return f"{n} {word}{'' if n == 1 else 's'}"
