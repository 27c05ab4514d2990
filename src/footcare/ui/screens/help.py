"""F1 / ?: help for the screen underneath, built from its keys and a short text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from footcare.domain.text import markdown_inline

GENERAL = """\
### Everywhere

- **F1** or **?** this help · **s** today's session · **j** the journal ·
  **Ctrl+P** all commands · **q** save and quit

footcare is a self-care aid, not medical advice.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark,enter", "close", "Close", id="help.close", tooltip="Close")
    ]

    def __init__(self, text: str, keys: list[tuple[str, str]]) -> None:
        """``text``: the screen's own help, Markdown; ``keys``: (key, what it does), shown
        as typed (a key named in a keymap can hold Markdown characters)."""
        super().__init__()
        self.text = text or "## footcare"
        self.keys = keys

    def compose(self) -> ComposeResult:
        rows = "\n".join(
            f"- **{markdown_inline(key)}** {markdown_inline(what)}" for key, what in self.keys
        )
        keys = f"### Keys here\n\n{rows}\n" if rows else ""
        with VerticalScroll(id="dialog"):
            yield Markdown(
                f"*Esc or Enter closes this help; arrows scroll.*\n\n{self.text}\n{keys}\n{GENERAL}"
            )

    def action_close(self) -> None:
        self.dismiss(None)
