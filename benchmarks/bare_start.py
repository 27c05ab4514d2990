"""The yardstick for footcare's first screen: a bare Textual screen with the same widgets.

A Header with a title, the disclaimer in a Static, an OptionList of three routines with a
line about the highlighted one, four label + value rows (a Label and a Static each), and a
Footer with the same five keys. No services, no files, no theme of its own.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Label, OptionList, Static

DISCLAIMER = (
    "A self-care aid, not medical advice. Check with your doctor, nurse or podiatrist "
    "before you start."
)
ROUTINES = (
    "Gentle                   10.5 min per foot",
    "Short                      10 min per foot",
    "Standard                 12.5 min per foot",
)
ROWS = (
    ("Numbness", "0 normal feeling … 10 no feeling"),
    ("Tingling", "0 none … 10 worst imaginable"),
    ("Burning", "0 none … 10 worst imaginable"),
    ("Pain", "0 none … 10 worst imaginable"),
)


class BareStart(App[None]):
    TITLE = "bare — Today's session"
    CSS = """
    #body { padding: 0 1; }
    .section { margin-top: 1; text-style: bold; }
    OptionList { height: auto; max-height: 5; border: none; }
    .row { height: 1; }
    .row Label { width: 10; text-style: bold; }
    """
    BINDINGS = [
        ("c", "noop('c')", "Continue"),
        ("f1", "noop('f1')", "Help"),
        ("s", "noop('s')", "Session"),
        ("j", "noop('j')", "Journal"),
        ("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static(DISCLAIMER)
            yield Static("Routine (↑↓ to choose):", classes="section")
            yield OptionList(*ROUTINES)
            yield Static("▶ Standard: The full routine: about 12 and a half minutes per foot.")
            yield Static("How do your feet feel right now? (optional, 0–10)", classes="section")
            for name, hint in ROWS:
                with Horizontal(classes="row"):
                    yield Label(name)
                    yield Static(f"[ –] ··········  {hint}", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 2
        options.focus()

    def action_noop(self, key: str) -> None:
        pass


if __name__ == "__main__":
    BareStart().run()
