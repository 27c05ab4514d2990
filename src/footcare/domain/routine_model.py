"""A routine and its steps, and the words each may use (techniques, pressures, areas,
motions) with the limits a routine keeps within."""

from __future__ import annotations

from dataclasses import field

from footcare.domain.frozen import frozen
from footcare.domain.screening import Item

FEET = ("left", "right")
PRESSURES = ("none", "feather", "light", "gentle", "comfortable")
TECHNIQUES = (
    "prepare",
    "effleurage",
    "thumb-circles",
    "knuckle-rub",
    "squeeze-knead",
    "toe-work",
    "upward-strokes",
    "finish",
    "other",
)
AREAS = (
    "whole-foot",
    "top",
    "sole",
    "ball",
    "arch",
    "heel",
    "toes",
    "between-toes",
    "ankle",
    "calf",
    "foot-and-calf",
)
"""Where a step may say it works (``area``); domain/feet draws and words each one."""
MOTIONS = (
    "none",
    "toes-to-ankle",
    "toes-to-calf",
    "circles",
    "ball-to-heel",
    "each-toe",
    "squeeze",
)
"""How a step may say the hands move (``motion``), as the picture draws it."""
MIN_MINUTES_PER_FOOT = 10
MAX_MINUTES_PER_FOOT = 15
MAX_DURATION_SECONDS = 3600
MAX_STEPS = 100
MAX_PRECAUTIONS = 30
MAX_ID_LENGTH = 60


@frozen
class Step:
    name: str
    technique: str
    duration: int
    instructions: str
    pressure: str = "gentle"
    direction: str = ""
    area: str = ""
    """Where the step works (one of AREAS); "" is the technique's own area."""
    motion: str = ""
    """How the hands move (one of MOTIONS); "" is the technique's own movement."""
    avoid: str = ""
    """Where to keep away from (one of AREAS), marked × on the picture; "" is the
    technique's own (between the toes for the lotion of "prepare")."""


@frozen
class Routine:
    id: str
    name: str
    description: str
    feet: tuple[str, ...]
    steps: tuple[Step, ...]
    get_ready_seconds: int = 10
    precautions: tuple[Item, ...] = field(default_factory=tuple)

    @property
    def seconds_per_foot(self) -> int:
        """Every step on one foot, looking and finishing included (what the bars count)."""
        return sum(step.duration for step in self.steps)

    @property
    def massage_seconds_per_foot(self) -> int:
        """The steps that massage (any pressure above none) on one foot."""
        return sum(step.duration for step in self.steps if step.pressure != "none")

    @property
    def minutes_per_foot(self) -> float:
        """Minutes of massage per foot: what the 10–15 minutes of the guidance mean."""
        return self.massage_seconds_per_foot / 60

    @property
    def total_seconds(self) -> int:
        return self.seconds_per_foot * len(self.feet)

    def warnings(self) -> list[str]:
        minutes = self.minutes_per_foot
        if minutes < MIN_MINUTES_PER_FOOT or minutes > MAX_MINUTES_PER_FOOT:
            return [
                f"{format_minutes(minutes)} of massage per foot is outside the suggested "
                f"{MIN_MINUTES_PER_FOOT}–{MAX_MINUTES_PER_FOOT} minutes"
            ]
        return []


def format_minutes(minutes: float) -> str:
    if minutes == int(minutes):
        return f"{int(minutes)} min"
    return f"{minutes:.1f} min"
