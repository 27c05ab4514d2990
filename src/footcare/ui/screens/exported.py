"""Where an export was written: each file's path whole, on screen until the person closes it.

A path is broken only after a "/" (never inside a name), so it reads and copies whole.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static


def path_lines(path: str, width: int) -> list[str]:
    """``path`` in lines of at most ``width`` characters, broken after a "/" only; a single
    name longer than the width (rare) is the one thing folded, as nothing else can be."""
    width = max(1, width)
    names = path.split("/")
    pieces = [name + "/" for name in names[:-1]] + [names[-1]]
    lines: list[str] = []
    line = ""
    for piece in (p for p in pieces if p):
        if line and len(line) + len(piece) > width:
            lines.append(line)
            line = ""
        while len(piece) > width:
            lines.append(piece[:width])
            piece = piece[width:]
        line += piece
    if line:
        lines.append(line)
    return lines or [""]


class PathText(Widget):
    """A path drawn whole at any width: as many lines as it needs, broken after "/"."""

    DEFAULT_CSS = "PathText { height: auto; text-style: bold; }"

    def __init__(self, path: Path | str, *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.path = str(path)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(path_lines(self.path, width))

    def render(self) -> Text:
        return Text("\n".join(path_lines(self.path, self.size.width)), no_wrap=True)


class Exported(ModalScreen[None]):
    """The files an export wrote, with what each is; Enter or Esc closes it."""

    BINDINGS = [
        Binding("enter,escape", "close", "Close", id="exported.close", tooltip="Close this"),
    ]

    def __init__(self, files: list[tuple[str, Path]], title: str = "Exported") -> None:
        super().__init__()
        self.files = files
        self.title_text = title

    def compose(self) -> ComposeResult:
        folders = {path.parent for _, path in self.files}
        shared = folders.pop() if len(folders) == 1 else None
        with VerticalScroll(id="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            if shared is not None:
                yield Static("In the folder:", markup=False)
                yield PathText(f"{shared}/", classes="export-path")
            for what, path in self.files:
                yield Static(f"\n{what}:", markup=False)
                yield PathText(path.name if shared else path, classes="export-path")
            yield Static("\nEnter or Esc closes this; ↑ ↓ scroll.", markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
