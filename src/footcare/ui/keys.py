"""Every binding id in one list, for `footcare --bindings` and for checking `[keymap]`."""

from __future__ import annotations

import difflib

from textual.binding import Binding, BindingType


def _screens() -> list[tuple[str, list[BindingType]]]:
    from footcare.ui.app import FootcareApp
    from footcare.ui.screens.ask import Ask
    from footcare.ui.screens.blocked import BlockedScreen
    from footcare.ui.screens.end import EndScreen
    from footcare.ui.screens.entry_form import EntryForm
    from footcare.ui.screens.entry_view import EntryView
    from footcare.ui.screens.journal import JournalScreen
    from footcare.ui.screens.screening import ScreeningScreen
    from footcare.ui.screens.session import SessionScreen
    from footcare.ui.screens.start import StartScreen
    from footcare.ui.screens.trends import TrendsScreen
    from footcare.ui.widgets.choice import ChoiceRow
    from footcare.ui.widgets.history_table import HistoryTable
    from footcare.ui.widgets.question import QuestionRow
    from footcare.ui.widgets.rating import RatingRow

    return [
        ("everywhere", list(FootcareApp.BINDINGS)),
        ("today", list(StartScreen.BINDINGS)),
        ("screening", list(ScreeningScreen.BINDINGS) + list(QuestionRow.BINDINGS)),
        ("no massage today", list(BlockedScreen.BINDINGS)),
        ("session", list(SessionScreen.BINDINGS)),
        ("after the session", list(EndScreen.BINDINGS)),
        ("journal", list(JournalScreen.BINDINGS) + list(HistoryTable.BINDINGS)),
        ("journal entry", list(EntryForm.BINDINGS) + list(ChoiceRow.BINDINGS)),
        ("one entry", list(EntryView.BINDINGS)),
        ("trends", list(TrendsScreen.BINDINGS)),
        ("questions", list(Ask.BINDINGS)),
        ("ratings", list(RatingRow.BINDINGS)),
    ]


def all_bindings() -> list[tuple[str, Binding]]:
    out: list[tuple[str, Binding]] = []
    for where, bindings in _screens():
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id:
                out.append((where, binding))
    return out


def binding_ids() -> set[str]:
    return {b.id for _, b in all_bindings() if b.id}


def describe_bindings() -> str:
    lines = [f"{'id':<22} {'keys':<22} {'where':<18} what", "-" * 78]
    for where, binding in all_bindings():
        lines.append(f"{binding.id:<22} {binding.key:<22} {where:<18} {binding.description}")
    lines.append("")
    lines.append('Remap in config.toml, e.g.:  [keymap]  "session.pause" = "p,space"')
    return "\n".join(lines)


def check_keymap(keymap: dict[str, str]) -> list[str]:
    """One message per unknown binding id, with a did-you-mean."""
    known = sorted(binding_ids())
    problems = []
    for key in keymap:
        if key not in known:
            hint = difflib.get_close_matches(key, known, n=1)
            extra = f" (did you mean '{hint[0]}'?)" if hint else ""
            problems.append(f"[keymap] {key}: no such binding{extra}; see footcare --bindings")
    return problems
