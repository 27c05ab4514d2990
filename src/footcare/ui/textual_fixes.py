"""Four workarounds for Textual 8.2.8 (pinned exactly in pyproject.toml): check them again
when Textual is upgraded, and drop each once Textual does the same itself.

1. Textualize/textual#6666: a widget that watches another object's reactive (``data_bind``
   does) leaves ``(widget, callback)`` on that object until the watched attribute changes.
   The Footer binds each of its keys that way and makes them again whenever a screen's
   bindings change, so dead keys, each with its styles and caches, pile up for as long as
   the screen lives (hundreds after one day's safety questions). Here the dead ones are
   dropped whenever a new watcher is added to the same attribute, as Textual already does
   when the attribute changes.

2. The Footer makes all its keys again at every change of a screen's bindings, even when
   what it shows is the same: in the safety questions, at every answer. Each time leaves
   about half a megabyte of widgets for the garbage collector, and the process keeps the
   memory it grew to. Here the keys are made again only when what they would show (keys,
   descriptions, which are enabled, tooltips, groups) has changed.

3. The thread that writes to the terminal ends at the first failed write (EIO or EPIPE once
   the terminal is gone). Its queue holds 30 writes: once that many more are queued, the
   next write, and the driver's `stop()` at shutdown, wait forever, so footcare never
   leaves. Here the thread stops writing after a failure but keeps taking writes off its
   queue until it is told to stop.

4. Textual offers no public way to ask whether a screen is waiting to be laid out again
   (a widget that changed size, or was shown or hidden, keeps `_layout_required` set until
   the next layout). Scrolling a row into view before then uses where the row *was*: the
   safety questions ask ``layout_pending`` and wait a refresh.
"""

from __future__ import annotations

import contextlib
from typing import Any

import textual.dom
from textual.drivers._writer_thread import WriterThread
from textual.reactive import _watch
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

__all__ = ["install", "layout_pending"]


def layout_pending(screen: Widget) -> bool:
    """Some widget on the screen has changed size or been shown or hidden and is not laid
    out yet: where the rows are is not known (see 4 above)."""
    return bool(getattr(screen, "_layout_required", False)) or any(
        getattr(w, "_layout_required", False) for w in screen.walk_children(Widget)
    )


def _watch_dropping_the_dead(
    node: Any, obj: Any, attribute_name: str, callback: Any, *, init: bool = True
) -> None:
    watchers = getattr(obj, "__watchers", None)
    if watchers:
        entries = watchers.get(attribute_name)
        if entries:
            entries[:] = [(r, c) for r, c in entries if not (r._closing or r._closed)]
    _watch(node, obj, attribute_name, callback, init=init)


def _shown(footer: Footer) -> tuple[object, ...]:
    """Everything Footer.compose reads to make its keys."""
    app = footer.app
    keys = tuple(
        (b.key, app.get_key_display(b), b.description, b.action, enabled, tooltip, b.group)
        for _, b, enabled, tooltip in footer.screen.active_bindings.values()
        if b.show
    )
    palette = footer.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
    return (
        keys,
        footer.show_command_palette,
        app.ENABLE_COMMAND_PALETTE,
        None if palette is None else palette[1:],
    )


async def _recompose_if_changed(footer: Footer) -> None:
    if not footer.is_attached:
        return
    shown = _shown(footer)
    if shown == getattr(footer, "_footcare_shown", None):
        return
    footer._footcare_shown = shown  # type: ignore[attr-defined]
    await footer.recompose()


def _bindings_changed(self: Footer, screen: Screen[Any]) -> None:
    self._bindings_ready = True
    if not screen.app.app_focus:
        return
    if self.is_attached and screen is self.screen:
        self.call_after_refresh(_recompose_if_changed, self)


def _write_until_the_terminal_fails(self: WriterThread) -> None:
    """WriterThread.run, carrying on (writing nothing) after the terminal fails."""
    write = self._file.write
    flush = self._file.flush
    get = self._queue.get
    qsize = self._queue.qsize
    failed = False
    while True:
        text = get()
        if text is None:
            break
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


def install() -> None:
    """Put the workarounds in place (once is enough; again does no harm)."""
    textual.dom._watch = _watch_dropping_the_dead  # type: ignore[attr-defined]
    Footer.bindings_changed = _bindings_changed  # type: ignore[method-assign]
    WriterThread.run = _write_until_the_terminal_fails  # type: ignore[method-assign]
