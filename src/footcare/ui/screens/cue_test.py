"""The cue test from the app (h on the start screen): a line said and the bell rung as a
session here would (in the browser: the page's voice and tone), then "What did you hear?";
the answer is kept and decides the next sessions' cues (services/cue_testing.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from footcare.domain.cue_test import ANSWERS, Heard
from footcare.ui.screens.ask import Ask

if TYPE_CHECKING:
    from textual.app import App

    from footcare.services.cue_testing import CueTestUses, Plan

AGAIN = "again"
TITLE = "Sound test: what did you hear?"
KEY_WORDS = {
    Heard.BOTH: "both",
    Heard.BELL: "bell",
    Heard.SPEECH: "words",
    Heard.NOTHING: "nothing",
}


def question(plan: Plan) -> Ask:
    lines = ["A line was said, the bell rang."]
    if plan.notice:
        lines.append(plan.notice)
    lines += [f"{n}  {label}" for n, label in enumerate(ANSWERS.values(), 1)]
    answers = [(str(n), KEY_WORDS[heard], heard.value) for n, heard in enumerate(ANSWERS, 1)]
    return Ask(TITLE, "\n".join(lines), [*answers, ("r", "again", AGAIN)])


def run_cue_test(app: App[Any], uses: CueTestUses) -> None:
    """Play the test and ask; keep the answer (Esc keeps nothing)."""
    from footcare.services.cue_testing import plan_for_test, play
    from footcare.ui.cue_terminal import AppTerminal

    plan = plan_for_test()
    terminal = AppTerminal(app)
    play(plan, terminal)

    def answered(value: str | None) -> None:
        # after the question has gone: a notice raised while it closes would go with it
        if value == AGAIN:
            app.call_later(run_cue_test, app, uses)
        elif value is None:
            app.call_later(app.notify, "Nothing was kept: sessions cue as before.")
        else:
            app.call_later(keep, app, uses, plan, Heard(value))

    app.push_screen(question(plan), answered)


def keep(app: App[Any], uses: CueTestUses, plan: Plan, heard: Heard) -> None:
    from footcare.domain.errors import StorageError
    from footcare.services.cue_testing import keep_heard

    try:
        said = keep_heard(uses, plan, heard)
    except StorageError as exc:
        app.notify(f"Your answer was not kept: {exc}", severity="error", timeout=20)
        return
    app.notify(said, title="Sound test", timeout=20)
