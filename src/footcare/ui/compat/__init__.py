"""Every use of Textual's private parts, in one place.

Textual is pinned (pyproject.toml, constraints.txt). Each part names what it works around,
the upstream issue, and what it leans on; ``tests/test_compat.py`` fails when Textual
changes any of it, and ``tests/test_private_textual.py`` when a private Textual name is
reached anywhere else in footcare. Drop a part once Textual does the same itself. Two
parts live beside this one so that start-up imports neither DataTable nor the web driver:
``compat/table.py``
(OneLineTable, for the journal) and ``compat/web.py`` (EndingWebDriver, under ``footcare
serve``). textual-serve's own private parts are in ``footcare/serve_compat.py``: the server
process never imports Textual.

1. ``layout_pending``: whether a screen waits to be laid out again (``_layout_required``).
2. ``install``: the one global patch: a removed widget's watchers are dropped from what it
   watched (``textual.dom._watch``, a node's ``__watchers``, ``_closing``, ``_closed``).
   ``KeysFooter``: the Footer, making its keys again only when what they show changes
   (``_bindings_ready``).
3. ``KeepTakingWriterThread``, ``TerminalDriver``: the writer thread that survives the
   terminal going (``WriterThread``, its ``_file`` and ``_queue``, ``_writer_thread``).
4. ``table.OneLineTable``: DataTable's cells of one line drawn directly (``_render_cell``).
5. ``CompatApp``: the driver of item 3, a theme looked up when asked for
   (``_validate_theme``), one notice per message (``_on_notify``), the theme set before
   the first parse (``_refresh_truecolor_filter``).
6. ``styled_when_mounted``: a mode's new screen not styled twice (``_css_update_count``).
7. ``write_to_terminal``: a sequence straight to the terminal (``App._driver``).
8. ``web.EndingWebDriver``: textual-serve's driver, leaving when its input ends (``_app``).
9. ``VALID_STYLE_FLAGS``, ``ColorSystem``: public names from modules Textual's documentation
   does not list (``textual.css.constants``, ``textual.design``), for checking themes.
10. ``SizedInOneLayout``: a widget whose size changes is not laid out and painted a second
   time (``_size_updated``).
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, TypeVar

import textual.dom
from textual._context import active_app
from textual.app import App
from textual.css.constants import VALID_STYLE_FLAGS
from textual.design import ColorSystem
from textual.driver import Driver
from textual.drivers._writer_thread import WriterThread
from textual.geometry import Size
from textual.notifications import Notify
from textual.reactive import _watch
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

if sys.platform != "win32":
    from textual.drivers.linux_driver import LinuxDriver

__all__ = ["VALID_STYLE_FLAGS", "ColorSystem"]

# 9. No upstream issue found. The words a `*-style` variable may hold are known only to
# Textual's CSS parser (textual.css.constants), and a theme's default variables only to
# textual.design: themes.py checks a theme file against them.

R = TypeVar("R")
S = TypeVar("S", bound=Screen[Any])


# 1. No upstream issue found. Textual offers no public way to ask whether a screen waits to
# be laid out again: a widget that changed size, or was shown or hidden, keeps
# `_layout_required` set until the next layout. Scrolling a row into view before then uses
# where the row *was*: the safety questions ask and wait a refresh.
def layout_pending(screen: Widget) -> bool:
    """Some widget on the screen has changed size or been shown or hidden and is not laid
    out yet: where the rows are is not known."""
    return bool(getattr(screen, "_layout_required", False)) or any(
        getattr(w, "_layout_required", False) for w in screen.walk_children(Widget)
    )


# 2. Textualize/textual#6666: a widget that watches another object's reactive keeps a
# `(widget, callback)` entry in that object's `__watchers` until the watched value changes,
# so a removed widget, and all it holds, stays alive: every FooterKey (`data_bind` on its
# Footer's `compact`), hundreds after one day's safety questions; every Header of a screen
# opened and closed (it watches the App's `title`). Textual drops the dead ones only when
# the value changes; here they are dropped too whenever a new watcher is added to it.
#
# This is the one global patch. A subclass can't do it: the entries are added by
# `textual.reactive._watch`, called through `DOMNode.watch` by Textual's own widgets
# (Header, Footer, HelpPanel, TextArea) and kept on the object watched (the App, a
# Screen, a Footer), which hears nothing when a watcher is added. Only replacing every
# watching widget would reach them all.
def drop_dead_watchers(node: object, attribute_name: str) -> None:
    """Forget the watchers of `node`'s `attribute_name` that belong to removed widgets."""
    entries = (getattr(node, "__watchers", None) or {}).get(attribute_name)
    if entries:
        entries[:] = [(w, c) for w, c in entries if not (w._closing or w._closed)]


def _watch_dropping_the_dead(
    node: Any, obj: Any, attribute_name: str, callback: Any, *, init: bool = True
) -> None:
    drop_dead_watchers(obj, attribute_name)
    _watch(node, obj, attribute_name, callback, init=init)


def install() -> None:
    """Put the global patch of item 2 in place (once is enough; again does no harm)."""
    textual.dom._watch = _watch_dropping_the_dead  # type: ignore[attr-defined]


# 2b. No upstream issue found. The Footer makes all its keys again at every change of a
# screen's bindings, even when what it shows is the same (in the safety questions, at
# every answer), each time about half a megabyte for the garbage collector.
class KeysFooter(Footer):
    """The Footer, making its keys again only when what they show has changed."""

    def __init__(self, *, compact: bool = False, show_command_palette: bool = True) -> None:
        super().__init__(compact=compact, show_command_palette=show_command_palette)
        self.shown: tuple[object, ...] | None = None

    def keys_shown(self) -> tuple[object, ...]:
        """Everything Footer.compose reads to make its keys."""
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (b.key, app.get_key_display(b), b.description, b.action, enabled, tip, b.group)
            for _, b, enabled, tip in active.values()
            if b.show
        )
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return (
            keys,
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            None if palette is None else palette[1:],
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True  # what Footer.bindings_changed sets before composing
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self.recompose_if_changed)

    async def recompose_if_changed(self) -> None:
        if not self.is_attached:
            return
        shown = self.keys_shown()
        if shown == self.shown:
            return
        self.shown = shown
        await self.recompose()


# 3. No upstream issue found for the writer itself (Textualize/textual#6692 is the same
# hang reached through App.suspend). The thread that writes to the terminal ends at the
# first failed write (EIO or EPIPE once the terminal is gone); its queue holds 30 writes,
# so the next writes, and the driver's `stop()` at shutdown, wait forever. This one stops
# writing after a failure but keeps taking writes off its queue until told to stop.
class KeepTakingWriterThread(WriterThread):
    def run(self) -> None:
        write, flush = self._file.write, self._file.flush
        get, qsize = self._queue.get, self._queue.qsize
        failed = False
        while (text := get()) is not None:
            if failed:
                continue
            try:
                write(text)
                if qsize() == 0:
                    flush()
            except (OSError, ValueError):  # ValueError: the file was closed
                failed = True
        if not failed:
            with contextlib.suppress(OSError, ValueError):
                flush()


if sys.platform != "win32":

    class TerminalDriver(LinuxDriver):
        """LinuxDriver writing through KeepTakingWriterThread. LinuxDriver makes its writer
        inside start_application_mode (`self._writer_thread = WriterThread(self._file)`),
        with no factory to override: the assignment itself is caught, and the thread made
        there is swapped, before it starts, for ours on the same file. (Not a global
        patch: only this driver's writer changes.)"""

        @property
        def _writer_thread(self) -> WriterThread | None:
            return self.__dict__.get("footcare_writer")

        @_writer_thread.setter
        def _writer_thread(self, thread: WriterThread | None) -> None:
            if thread is not None and not isinstance(thread, KeepTakingWriterThread):
                thread = KeepTakingWriterThread(thread._file)
            self.__dict__["footcare_writer"] = thread


class CompatApp(App[R]):
    """The App, with the overrides of its private methods that footcare needs, and the
    global patch of item 2 in place."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()
        super().__init__(*args, **kwargs)

    def get_driver_class(self) -> type[Driver]:
        """In a terminal, the driver of item 3 (TerminalDriver)."""
        driver = super().get_driver_class()
        if sys.platform != "win32" and driver is LinuxDriver:
            return TerminalDriver
        return driver

    def find_theme(self, theme_name: str) -> None:
        """Called before Textual checks that a theme asked for by name is registered: the
        place to register it (nothing here)."""

    # 5a. No upstream issue found. Textual checks a theme name in its private validator,
    # which runs before any public `validate_theme` and raises for a name not registered.
    def _validate_theme(self, theme_name: str) -> str:
        self.find_theme(theme_name)
        return super()._validate_theme(theme_name)

    # 5b. No upstream issue found. Textual stacks every notice, even one that repeats a
    # notice still on screen; here the new one replaces it.
    def _on_notify(self, event: Notify) -> None:
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title) == (new.message, new.title):
                self._unnotify(shown, refresh=False)
        super()._on_notify(event)

    # 5c. No upstream issue found. What Textual's theme watcher does, less its second
    # parse of the whole stylesheet: before the first parse, that parse takes the theme.
    def set_theme_before_start(self, name: str) -> None:
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        self.set_class(dark, "-dark-mode", update=False)
        self.set_class(not dark, "-light-mode", update=False)
        self.add_class(f"-theme-{name}", update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())


# 6. Textualize/textual#5210 (fixed by #5211, "refresh on mode switch", which says it
# could avoid the refresh when not needed): Textual parses the whole stylesheet again
# before showing a mode's first screen. A screen counted as up to date is styled once,
# when it is mounted; the app's own styles are applied first, as that parse would.
def styled_when_mounted(screen: S) -> S:
    app = active_app.get()
    app.stylesheet.update(app)
    screen._css_update_count = app._css_update_count
    return screen


# 7. No upstream issue found. App.bell writes its BEL through the driver; there is no
# public way to write another sequence (a cue's OSC) to the terminal.
def write_to_terminal(app: App[Any], sequence: str) -> None:
    """Straight to the terminal, as `App.bell` writes (nothing when headless)."""
    driver = app._driver
    if not app.is_headless and driver is not None:
        driver.write(sequence)


# 10. No upstream issue found. When a layout gives a widget a new size, Textual sets its
# `virtual_size` as a reactive that asks for layout: a second layout of the screen, which
# finds nothing to move but paints the widget again, whole. For a widget that does not
# scroll, the first layout already measured it at its new size (its height from its new
# width), so here the new size is taken quietly, as Textual itself takes it when a
# partial update exposes a widget. The session's step (its words and picture) is then
# painted once at a step change, not twice: fewer bytes over a slow link.
class SizedInOneLayout(Widget):
    """Mix in after a widget class that does not scroll (``class X(Static,
    SizedInOneLayout)``: Textual takes a widget's default styles from its first base)."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
