"""Steps said whole: every sentence about safety and the direction is in what is said, in
words for the ear, and it is over well within the step (no speech program needed: words
counted at a slow 150 a minute)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from footcare.domain.announce import (
    WORDS_PER_MINUTE,
    concerns_safety,
    sentences,
    speaking_seconds,
    spoken_segment,
    spoken_step,
)
from footcare.domain.pressure import lighten
from footcare.domain.routine import PRESSURES, Routine, Step
from footcare.domain.screening import Verdict
from footcare.domain.session import Session
from footcare.storage.paths import Paths
from footcare.storage.routines import load_catalogue
from shipped import ROUTINES

MUST_BE_SAID = (
    "none between the toes",
    "If you see broken skin, redness or swelling, stop",
    "Dry between the toes",
    "Put on a sock now",
    "don't stand up barefoot",
    "Don't pull hard",
    "Go lightest on the arch and the ball of the foot",
    "towards the heart",
    "Comfortable, never painful",
    "with clean, dry fingers",
    "Between the toes, use dry fingers only",
    "If anything hurts or tingles more, ease off",
    "Skip the arch if it is tender",
)
"""Safety sentences of the bundled routines, picked by hand: wherever a step's
instructions hold one, the step's spoken text must hold it too."""


def bundled(tmp_path: Path) -> list[tuple[Routine, bool]]:
    """Each bundled routine as it is, and as it is made for lighter pressure."""
    catalogue = load_catalogue(Paths(tmp_path / "no-config", tmp_path / "no-data"))
    routines = [catalogue.routines[r] for r in ROUTINES]
    return [(r, False) for r in routines] + [(lighten(r), True) for r in routines]


def each_spoken_step(routine: Routine, lighter: bool) -> list[tuple[Step, str]]:
    """(step, what is said as it begins) for every step on the first foot."""
    session = Session.start(routine, Verdict((), ()), 0.0, date(2026, 11, 24))
    out = []
    for index, segment in enumerate(session.segments):
        if segment.foot == routine.feet[0] and segment.is_step:
            session.index = index
            step = session.current_step
            assert step is not None
            out.append((step, " ".join(spoken_segment(session, lighter))))
    return out


def plain(text: str) -> str:
    return " ".join(text.replace("—", ",").split()).lower()


def test_each_bundled_step_says_every_safety_sentence_and_its_direction_well_within_it(
    tmp_path: Path,
) -> None:
    checked, longest = 0, 0.0
    for routine, lighter in bundled(tmp_path):
        for step, said in each_spoken_step(routine, lighter):
            for phrase in MUST_BE_SAID:
                if phrase.lower() in plain(step.instructions):
                    assert plain(phrase) in plain(said), f"{routine.id}: {step.name}: {said}"
                    checked += 1
            if step.direction:
                assert plain(step.direction) in plain(said), said
            assert "pressure: none" not in said.lower()  # heard as "non"
            assert re.search(
                r"\b(no|feather-light|light|gentle|comfortable) pressure\b", said, re.I
            )
            seconds = len(said.split()) * 60 / WORDS_PER_MINUTE
            longest = max(longest, seconds / step.duration)
            assert seconds <= step.duration * 0.75, f"{seconds:.0f} s for {step.duration} s"
    assert checked >= 3 * 2 * 6  # each routine, as it is and lighter, several per routine
    print(f"the longest spoken step takes {longest:.0%} of its time at 150 words a minute")


def test_pressure_is_said_in_words_for_the_ear() -> None:
    for pressure in PRESSURES:
        step = Step("Rub", "other", 60, "Rub.", pressure)
        said = " ".join(spoken_step(step, "Step 1.")).lower()
        assert f"pressure: {pressure}" not in said
        assert "pressure" in said
    assert "No pressure." in spoken_step(Step("Look", "prepare", 60, "Look.", "none"), "")


# --- any routine: hypothesis ----------------------------------------------------------------
SAFE = [
    "Keep it light.",
    "Never press on a sore spot.",
    "Stop if it hurts.",
    "Dry between the toes.",
    "Stroke towards the heart.",
    "Don't pull hard.",
    "Put on a sock before you stand.",
]
OTHER_WORDS = st.sampled_from(["Make", "small", "circles", "with", "both", "thumbs", "across"])
FILLER = st.lists(OTHER_WORDS, min_size=1, max_size=12).map(
    lambda words: " ".join(words).capitalize() + "."
)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.one_of(st.sampled_from(SAFE), FILLER), min_size=1, max_size=12),
    duration=st.integers(min_value=1, max_value=400),
    direction=st.sampled_from(["", "toes to ankle", "small circles, moving towards the heel"]),
    lighter=st.booleans(),
)
def test_a_step_keeps_every_safety_sentence_and_drops_only_others_when_short_of_time(
    parts: list[str], duration: int, direction: str, lighter: bool
) -> None:
    step = Step("A step", "other", duration, " ".join(parts), "gentle", direction)
    said = spoken_step(step, "Left foot, step 1 of 1: A step.", lighter)
    text = " ".join(said)
    every = sentences(step.instructions)
    for sentence in every:
        if concerns_safety(sentence) or sentence == every[0]:
            assert sentence in text
    if direction:
        assert f"Direction: {direction}." in text
    whole = ["Left foot, step 1 of 1: A step.", *every]
    if speaking_seconds([*whole, "Gentle pressure.", "Direction: x x x x x x x."]) <= (
        duration * 0.75 - (3 if lighter else 0)
    ):
        assert all(sentence in text for sentence in every)  # time enough: all of it


def test_safety_sentences_are_recognised() -> None:
    for sentence in SAFE:
        assert concerns_safety(sentence), sentence
    assert not concerns_safety("Make small circles with both thumbs across the sole.")
