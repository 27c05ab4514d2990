"""The one way into a session from the app: the sessions use-case re-checks the gate from
the records; a refusal is said, never a traceback; a session begun is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from footcare.domain.journal import Ratings
    from footcare.domain.routine import Routine
    from footcare.services.cues import Terminal
    from footcare.services.sessions import Sessions


def begin_session(
    app: App[Any],
    sessions: Sessions,
    cues: Terminal,
    routine: Routine,
    before: Ratings,
    resume: bool = False,
) -> bool:
    from footcare.domain.errors import RunningElsewhere, StorageError
    from footcare.domain.session import ScreeningRequired

    try:
        runner = sessions.resume(cues) if resume else sessions.start(routine, before, cues)
    except ScreeningRequired:
        app.notify("The safety questions are not all answered and safe.", severity="error")
        return False
    except LookupError:
        app.notify("There is no unfinished session from today.", severity="warning")
        return False
    except RunningElsewhere as exc:
        app.notify(str(exc), title="A session is running", severity="warning", timeout=30)
        return False
    except StorageError as exc:
        app.notify(str(exc), title="The session could not begin", severity="error")
        return False
    from footcare.ui.screens.session import SessionScreen

    if runner.problem:
        app.notify(runner.problem, title="Progress not saved", severity="error", timeout=15)
    app.switch_screen(SessionScreen(runner))
    return True
