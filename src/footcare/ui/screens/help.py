"""F1 / ?: help for the screen underneath, built from its keys and a short text; for a
session, the pictures of its techniques as a legend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from footcare.domain.text import markdown_inline
from footcare.ui.widgets.foot_picture import Drawing, FootPicture

GENERAL = """\
### Everywhere

- **F1** or **?** this help · **s** today's session · **j** the journal ·
  **Ctrl+P** all commands · **q** save and quit

footcare is a self-care aid, not medical advice.
"""


@runtime_checkable
class WithLegend(Protocol):
    """A screen whose help shows pictures: (name, what it shows in words, picture)."""

    def help_legend(self) -> Sequence[tuple[str, str, Drawing]]: ...


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
        legend = self.legend()
        with VerticalScroll(id="dialog"):
            # one text, as before the pictures came: the keys (how to pause and stop) come
            # before the pictures, which follow as the last part
            yield Markdown(
                f"*Esc or Enter closes this help; arrows scroll.*\n\n{self.text}\n{keys}\n{GENERAL}"
            )
            if legend:
                yield Static("What each movement looks like", classes="dialog-title")
                for name, said, drawing in legend:
                    with Horizontal(classes="legend-row"):
                        picture = FootPicture(classes="legend-picture")
                        picture.show(drawing, said)
                        yield picture
                        yield Static(f"{name}\n{said}", classes="legend-words", markup=False)

    def legend(self) -> Sequence[tuple[str, str, Drawing]]:
        """The pictures of the screen underneath, if it has any."""
        stack = self.app.screen_stack
        beneath = stack[-2] if len(stack) > 1 and stack[-1] is self else stack[-1]
        return beneath.help_legend() if isinstance(beneath, WithLegend) else ()

    def action_close(self) -> None:
        self.dismiss(None)
