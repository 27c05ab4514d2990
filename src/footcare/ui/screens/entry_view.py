"""One journal entry, whole: every rating, the foot check and its warnings, daily care, the note."""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from footcare.domain.history import full_text_lines
from footcare.domain.journal import Entry
from footcare.domain.redflags import entry_flags
from footcare.domain.text import clean
from footcare.ui.compat import KeysFooter
from footcare.ui.compat.header import SafeHeader
from footcare.ui.screens.base import FootcareScreen
from footcare.ui.screens.flag_notice import HEADINGS


class EntryActions(Protocol):
    """What the journal screen does for the entry shown here."""

    def edit_entry(self, entry: Entry) -> None: ...
    def delete_entry(self, entry: Entry) -> None: ...
    def restore_entry(self, entry: Entry) -> None: ...


def entry_text(entry: Entry, emergency: str) -> Text:
    """Warning signs first; one-line parts as "Heading: text", longer ones below a heading.

    A Text, never markup, so "[bold]" in a note shows as typed; every part is cleaned
    again, so no escape sequence from an entry saved by an older footcare reaches the
    terminal.
    """
    text = Text()
    parts = [
        (heading, clean(body, multiline=True).expandtabs(4))
        for heading, body in full_text_lines(entry)
    ]
    flags = entry_flags(entry, emergency)
    for number, (heading, body) in enumerate(parts):
        if "\n" in body:
            text.append(f"\n{heading}\n", style="bold underline")
            text.append(f"{body}\n")
        else:
            text.append(f"{heading}: ", style="bold")
            text.append(f"{body}\n")
        if number == 0 and flags:
            text.append("\nWarning signs in this entry\n", style="bold underline")
            for flag in flags:
                text.append(f"{HEADINGS[flag.urgency]}:", style="bold reverse")
                text.append(f" {clean(flag.what)}. {clean(flag.action)}\n")
            text.append("\n")
    return text


class EntryView(FootcareScreen):
    TITLE_TEXT = "Journal entry"
    HELP_TEXT = """\
## A journal entry

Everything recorded in this entry. **e** edits it, **d** deletes it (you are
asked first, and it can be restored), **u** restores a deleted entry.
**Esc** or **Enter** goes back to the list.
"""

    BINDINGS = [
        Binding("escape,enter", "back", "Back", id="view.back", tooltip="Back to the list"),
        Binding("e", "edit", "Edit", id="view.edit", tooltip="Change this entry"),
        Binding("d", "delete", "Delete", id="view.delete", tooltip="Delete (asks first)"),
        Binding("u", "restore", "Restore", id="view.restore", tooltip="Restore this deleted entry"),
    ]

    def __init__(self, entry: Entry, actions: EntryActions) -> None:
        super().__init__(id="entry-view")
        self.entry = entry
        self.actions = actions

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with VerticalScroll(id="view-body"):
            yield Static(
                entry_text(self.entry, self.uses.settings.emergency_number), id="entry-text"
            )
        yield KeysFooter()

    DEFAULT_CSS = """
    EntryView #view-body { padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.query_one("#view-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return self.entry.deleted
        if action in ("delete", "edit"):
            return not self.entry.deleted
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        self.app.pop_screen()
        self.actions.edit_entry(self.entry)

    def action_delete(self) -> None:
        self.app.pop_screen()
        self.actions.delete_entry(self.entry)

    def action_restore(self) -> None:
        self.app.pop_screen()
        self.actions.restore_entry(self.entry)
