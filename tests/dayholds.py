"""A day that holds its answers: two routines of a person's own, each with a question of
its own (the knee, the back), clocks that move to another day, and every question answered
no or the knee's yes, through the services."""

from __future__ import annotations

from pathlib import Path

from apphelpers import Clock, answer_today, cleared_paths
from footcare.domain.screening import Tier
from footcare.services.build import UseCases, read_footcare
from footcare.storage.paths import Paths

KNEE_QUESTION = "Is your knee painful today?"
KNEE_ADVICE = "Rest the knee today; ask your physio if it lasts."
BACK_QUESTION = "Is your back too stiff to sit and reach your feet?"


Moment = Clock
"""The clocks the services read: a wall clock that can move to another day."""


def with_precaution(paths: Paths, routine_id: str, item_id: str, question: str) -> None:
    """A copy of the quick routine under ``routine_id`` that adds a BLOCK question."""
    text = (paths.config / "routines" / "quick.toml").read_text(encoding="utf-8")
    text = text.replace('id = "quick"', f'id = "{routine_id}"', 1)
    text += (
        f'\n[[precautions]]\nid = "{item_id}"\ntier = "block"\ntitle = "{item_id.title()}"\n'
        f'question = "{question}"\nadvice = "{KNEE_ADVICE}"\n'
    )
    (paths.config / "routines" / f"{routine_id}.toml").write_text(text, encoding="utf-8")


def folder(root: Path) -> Paths:
    paths = cleared_paths(root)
    with_precaution(paths, "knees", "knee", KNEE_QUESTION)
    with_precaution(paths, "backs", "back", BACK_QUESTION)
    return paths


def services_at(paths: Paths, moment: Moment) -> UseCases:
    return read_footcare(paths, clock=moment.mono, now=lambda: moment.wall)


def answer_every_no(services: UseCases, routine_id: str | None) -> None:
    """Every question of today answered safely, the routine's own included (a yes given
    earlier today is not taken back: that needs a confirmation)."""
    answer_today(services)
    routine = services.settings.routine(routine_id) if routine_id else None
    for item in services.gate.items(routine):
        if item.tier is Tier.BLOCK:
            services.gate.answer_block(item.id, False)


def knee_yes(services: UseCases) -> None:
    routine = services.settings.routine("knees")
    assert routine is not None
    knee = routine.precautions[0]
    assert knee.tier is Tier.BLOCK and knee.question == KNEE_QUESTION
    services.gate.verdict(routine)  # the screen (or --plain) asks from the verdict
    assert services.gate.answer_block(knee.id, True)
