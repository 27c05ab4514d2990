"""One journal entry, whole: every rating, the foot check and its warnings, daily care, the note;
and a day the safety questions blocked, read the same way."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from footcare.domain.history import blocked_day_lines, full_text_lines
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
    flags = entry_flags(entry, emergency)
    for number, (heading, body) in enumerate(full_text_lines(entry)):
        add_part(text, heading, body)
        if number == 0 and flags:
            text.append("\nWarning signs in this entry\n", style="bold underline")
            for flag in flags:
                text.append(f"{HEADINGS[flag.urgency]}:", style="bold reverse")
                text.append(f" {clean(flag.what)}. {clean(flag.action)}\n")
            text.append("\n")
    return text


def add_part(text: Text, heading: str, body: str) -> None:
    """One part: on one line as "Heading: text", or below its heading when longer."""
    body = clean(body, multiline=True).expandtabs(4)
    if "\n" in body:
        text.append(f"\n{heading}\n", style="bold underline")
        text.append(f"{body}\n")
    else:
        text.append(f"{heading}: ", style="bold")
        text.append(f"{body}\n")


def parts_text(parts: Iterable[tuple[str, str]]) -> Text:
    text = Text()
    for heading, body in parts:
        add_part(text, heading, body)
    return text


class DayView(FootcareScreen):
    """A day the safety questions blocked: which answers said no massage, and what to do."""

    TITLE_TEXT = "Journal: a blocked day"
    HELP_TEXT = """\
## A blocked day

No massage that day: the questions answered yes, and what to do about them.
**Esc** or **Enter** goes back to the list.
"""
    BINDINGS = [
        Binding("escape,enter", "back", "Back", id="day.back", tooltip="Back to the list"),
    ]
    DEFAULT_CSS = """
    DayView #view-body { padding: 0 1; }
    """

    def __init__(self, day: date, items: tuple[str, ...]) -> None:
        super().__init__(id="day-view")
        self.day = day
        self.items = items

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with VerticalScroll(id="view-body"):
            yield Static(parts_text(blocked_day_lines(self.day, self.items)), id="entry-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#view-body").focus()

    def action_back(self) -> None:
        self.app.pop_screen()


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
