"""The yardstick for footcare's session: a bare Textual screen with a 1 s countdown.

A Header, a big Digits countdown, two ProgressBars with a total (one per foot), and a
Footer, repainted by a one-second timer — the least a hands-free session screen does.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Digits, Footer, Header, ProgressBar

SECONDS = 600


class BareSession(App[None]):
    TITLE = "bare — Session"
    BINDINGS = [
        ("space", "noop('space')", "Pause"),
        ("n", "noop('n')", "Next"),
        ("p", "noop('p')", "Back"),
        ("x", "noop('x')", "Stop"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Digits("10:00", id="countdown")
        yield ProgressBar(total=SECONDS, id="left", show_eta=False)
        yield ProgressBar(total=SECONDS, id="right", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.elapsed = 0
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.elapsed += 1
        left = max(0, SECONDS - self.elapsed)
        self.query_one(Digits).update(f"{left // 60}:{left % 60:02d}")
        self.query_one("#left", ProgressBar).advance(1)

    def action_noop(self, key: str) -> None:
        pass


if __name__ == "__main__":
    BareSession().run()
