"""SafeHeader: item 11 of footcare.ui.compat, the Header whose title watchers survive its
own removal."""

from __future__ import annotations

import contextlib

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.screen import Screen
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

NOT_THERE = (NoMatches, NoScreen)
"""What asking a Header that is being taken apart for its title may raise."""


# 11. No upstream issue found. Header._on_mount watches the app's and the screen's title and
# sub-title with a callback that finds its HeaderTitle and updates it; it forgives
# NoScreen but not NoMatches. A Header being removed (its screen closing while the app's
# title changes, as when a session ends or footcare leaves) can hear the change after its
# children are gone, and the NoMatches then ends the app with a traceback. The same
# watches are made here with a callback that lets a Header that is going go quietly; the
# parent's handler is not run (prevent_default), so nothing watches twice.
class SafeHeader(Header):
    """Textual's Header, never failing on a title change heard while it is removed."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()

        async def set_title() -> None:
            with contextlib.suppress(*NOT_THERE):
                self.query_one(HeaderTitle).update(self.format_title())

        screen: Screen[object] = self.screen
        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(screen, "title", set_title)
        self.watch(screen, "sub_title", set_title)
