"""The keys that work everywhere in the app (the app's own bindings), declared apart so
`footcare --bindings` and the keymap check list them without importing the app."""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS: tuple[Binding, ...] = (
    Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Help for this screen"),
    Binding("s", "switch_mode('today')", "Session", id="app.today", tooltip="Today's session"),
    Binding("j", "switch_mode('journal')", "Journal", id="app.journal", tooltip="Your journal"),
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Save and close footcare"),
)
