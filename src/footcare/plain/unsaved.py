"""While what the plain session holds is saved nowhere: it says so and why, and tries
again until it is saved or the person lets it go; then it prints the session to be written
down. The plain session never ends, nor says "Saved", while its session is only here."""

from __future__ import annotations

from collections.abc import Callable

from footcare.domain import plain_words as words
from footcare.plain.prompts import Prompts
from footcare.services.plain_session import PlainUse, SessionRunner


def keep_trying(
    prompts: Prompts, use: PlainUse, runner: SessionRunner, again: Callable[[], object]
) -> bool:
    """True once nothing ``runner`` holds is only here (``again`` is the save to try
    again); False when the person let it go (a word typed, or no more input): then the
    session has been printed for them to write down."""
    while True:
        why = use.held_only_here(runner)
        if not why:
            return True
        prompts.say("", words.not_saved(why, ended=runner.concluded is not None))
        answer = prompts.ask(words.TRY_AGAIN)
        if answer is None or answer.lower() not in words.RETRY:
            write_down(prompts, use, runner)
            return False
        again()


def write_down(prompts: Prompts, use: PlainUse, runner: SessionRunner) -> None:
    prompts.say("", words.WRITE_DOWN, *words.facts_lines(use.facts(runner)))


def left_unsaved(prompts: Prompts, use: PlainUse) -> bool:
    """Footcare is leaving at once (Ctrl-C, a closed terminal), its session saved as far
    as it could be: if it is saved nowhere, why, and the session to write down. True
    when that was so."""
    runner = use.runner
    why = use.held_only_here(runner) if runner is not None else []
    if runner is None or not why:
        return False
    prompts.say("", words.not_saved(why, ended=runner.concluded is not None))
    write_down(prompts, use, runner)
    return True
