"""The footcare app: a small shell over the services. It holds no session and no safety fact."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from footcare.domain.text import clean
from footcare.services.build import UseCases
from footcare.ui.app_bindings import APP_BINDINGS
from footcare.ui.compat import CompatApp, styled_when_mounted
from footcare.ui.cue_terminal import AppTerminal
from footcare.ui.screens.start import StartScreen
from footcare.ui.themes import APP_VARIABLES, DEFAULT_THEME, default_theme, load_themes

if TYPE_CHECKING:  # the session's modules are imported when a session begins
    from footcare.domain.journal import Ratings
    from footcare.domain.routine import Routine
    from footcare.ui.messages import ReturnHome

LEAVE_WITHIN = 1.0
"""Seconds footcare may take to leave once its terminal is gone or it is told to stop."""


def leave_for_sure(after: float = LEAVE_WITHIN) -> None:
    """End the process `after` seconds from now if it is still running then.

    For when the terminal is gone: what is left to do (restoring a terminal nobody sees)
    may wait forever on a write that cannot happen, and nothing is left to save.
    """

    def watch() -> None:
        threading.Event().wait(after)
        os._exit(0)

    threading.Thread(target=watch, name="footcare-leave", daemon=True).start()


def _start_screen() -> Screen[Any]:
    return styled_when_mounted(StartScreen())


def _journal_screen() -> Screen[Any]:
    # Imported when first opened: the journal pulls in DataTable and friends.
    from footcare.ui.screens.journal import JournalScreen

    return styled_when_mounted(JournalScreen())


class FootcareApp(CompatApp[int]):
    CSS_PATH = "footcare.tcss"
    TITLE = "footcare"
    MODES: ClassVar[dict[str, Any]] = {"today": _start_screen, "journal": _journal_screen}
    DEFAULT_MODE = "today"
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    def __init__(
        self, services: UseCases, theme_name: str | None = None, ansi_color: bool | None = None
    ) -> None:
        super().__init__(ansi_color=ansi_color)
        self.services = services
        self.cues = AppTerminal(self)
        """The session's cues ring and speak through the app."""
        self.requested_theme = theme_name
        self._theme_ready = False
        self._leaving = False
        self._problems = self._choose_theme()

    def _choose_theme(self) -> list[str]:
        """Read, check and register the chosen theme alone, before the first paint; the
        others are read when the theme picker opens (themes_for_picker)."""
        paths = self.services.paths
        self.default_theme = default_theme(self.console.color_system)
        chosen = self.requested_theme or self.services.settings.config.theme
        wanted = chosen or self.default_theme
        themes, problems = load_themes(paths, only=wanted)
        for theme in themes:
            self.register_theme(theme)
        if wanted not in self.available_themes:
            fallback = DEFAULT_THEME
            if fallback not in self.available_themes:
                for theme in load_themes(paths, only=fallback)[0]:
                    self.register_theme(theme)
            if fallback not in self.available_themes:
                fallback = "textual-dark"
            problems.append(f"theme '{wanted}' was not found; using {fallback}")
            wanted = fallback
        self._reported_themes = set(problems)
        self.set_theme_before_start(wanted)
        return problems

    def search_themes(self) -> None:
        """The theme picker: every bundled and user theme is read and checked first."""
        self.themes_for_picker()
        super().search_themes()

    def find_theme(self, theme_name: str) -> None:
        """A theme asked for by name that is not read yet (only the first one is, at
        start) is looked for among every theme file first."""
        if theme_name not in self.available_themes:
            self.themes_for_picker()

    def themes_for_picker(self) -> None:
        """Register every theme that checks out (a broken file is named once)."""
        themes, problems = load_themes(self.services.paths)
        for theme in themes:
            if theme.name != self.theme:  # the one shown stays as it was read
                self.register_theme(theme)
        for problem in problems:
            if problem not in self._reported_themes:
                self._reported_themes.add(problem)
                self.notify(problem, title="Check your files", severity="warning", timeout=15)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(APP_VARIABLES)

    # start-up -----------------------------------------------------------------------------
    def on_mount(self) -> None:
        problems = list(self._problems)
        self._theme_ready = True
        settings = self.services.settings
        keymap = settings.config.keymap
        if keymap:
            from footcare.ui.keys import check_keymap

            problems += check_keymap(keymap)
            self.set_keymap(keymap)
        for problem in [*settings.problems, *problems]:
            self.notify(problem, title="Check your files", severity="warning", timeout=15)
        for notice in self.services.sessions.settle():
            self.notify(notice, title="Your last session", timeout=20)
        self.install_signal_handlers()

    def install_signal_handlers(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self.save_and_exit, True)
        except (NotImplementedError, RuntimeError, AttributeError, ValueError):
            pass

    def on_unmount(self) -> None:
        """The app is gone: the person's session is no longer this process's to hold."""
        from footcare.services.claims import release_claim

        release_claim(self.services.sessions)

    def save_and_exit(self, terminal_gone: bool = False) -> None:
        """Save what is in progress and leave. After SIGHUP or SIGTERM (`terminal_gone`),
        in a real terminal, the process ends within `LEAVE_WITHIN` seconds whatever is left
        of the shutdown: the session is saved by then."""
        from footcare.ui.screens.base import FootcareScreen

        for screen in self.screen_stack:  # what is on screen is what is kept
            if isinstance(screen, FootcareScreen):
                screen.keep_typed()
        self.services.sessions.checkpoint()
        if terminal_gone and not self.is_headless and not self._leaving:
            self._leaving = True
            leave_for_sure()
        elif not terminal_gone and self.ask_before_losing():
            return
        self.exit(0)

    def ask_before_losing(self) -> bool:
        """A session saved nowhere (a full disk) is not left in silence: why, the session to
        write down, and Enter tries again, Esc goes back, l leaves. True while it is asked."""
        sessions = self.services.sessions
        runner = sessions.runner
        why = sessions.held_only_here(runner) if runner is not None else []
        if runner is None or not why:
            return False
        from footcare.domain.plain_words import facts_lines
        from footcare.ui.screens.not_saved import NotSaved

        def chosen(choice: str | None) -> None:
            if choice == "leave":
                self.exit(0)
            elif choice == "again":
                self.save_and_exit()

        facts = facts_lines(sessions.facts(runner))
        self.push_screen(NotSaved(why, runner.concluded is not None, facts), chosen)
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A key that would switch to the mode already shown is not offered."""
        return not (action == "switch_mode" and parameters and parameters[0] == self.current_mode)

    def watch_theme(self, theme: str) -> None:
        settings = self.services.settings
        if self._theme_ready and theme != (settings.config.theme or self.default_theme):
            settings.remember("theme", theme)

    # the session -------------------------------------------------------------------------
    def begin_session(self, routine: Routine, before: Ratings, resume: bool = False) -> bool:
        """The one way into a session (ui/begin.py): the gate is re-checked from the records."""
        from footcare.ui.begin import begin_session

        return begin_session(self, self.services.sessions, self.cues, routine, before, resume)

    def on_return_home(self, message: ReturnHome) -> None:
        """A session is over: back to the first screen, fresh, and what it asks shown."""
        self.services.sessions.stop_cues()  # nothing said for the session carries on
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, StartScreen):
            self.screen.clear_ratings()
        if message.then is not None:
            self.push_screen(message.then)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text (never markup): file names and problems can hold
        anything. Screens' own notify() passes markup=True by default; it is ignored."""
        super().notify(
            clean(message, multiline=True),
            title=clean(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # help and commands --------------------------------------------------------------------
    def action_help(self) -> None:
        from footcare.ui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        keys: list[tuple[str, str]] = []
        for binding_info in self.active_bindings.values():
            binding = binding_info.binding
            if binding.show and binding.description:
                row = (self.get_key_display(binding), binding.description)
                if row not in keys:
                    keys.append(row)
        from footcare.ui.screens.base import FootcareScreen

        text = screen.help_text() if isinstance(screen, FootcareScreen) else ""
        self.push_screen(HelpScreen(text, keys))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, then one per footcare key shown on this screen; a title is
        offered once (footcare's Quit, which saves first, stands for Textual's)."""
        from footcare.ui.keys import binding_ids

        ours = binding_ids()
        commands: list[SystemCommand] = []
        seen: set[str] = set()
        for binding_info in screen.active_bindings.values():
            binding = binding_info.binding
            if binding.id not in ours or not binding.description or not binding.show:
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            node = binding_info.node

            def run(action: str = binding.action, target: Any = node) -> None:
                self.call_later(self.run_action, action, target)

            commands.append(
                SystemCommand(binding.description, binding.tooltip or binding.description, run)
            )
        yield from (c for c in super().get_system_commands(screen) if c.title not in seen)
        yield from commands

    async def action_quit(self) -> None:
        self.save_and_exit()
