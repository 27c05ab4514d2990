"""The yardstick for benchmarks/bench.py: the least a Textual app with a 1 Hz progress bar does.

A Header, a ProgressBar with a total advanced by a one-second timer, and a Footer.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, ProgressBar


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield ProgressBar(total=600, id="bar")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.query_one(ProgressBar).advance(1)


if __name__ == "__main__":
    BareApp().run()
