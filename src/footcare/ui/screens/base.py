"""What every footcare screen shares: a help text, and a typed way to reach the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen
from textual.widgets import Footer

if TYPE_CHECKING:
    from footcare.services.core import Services
    from footcare.ui.app import FootcareApp


class FootcareScreen(Screen[None]):
    """A screen with a short help text, shown with F1 or ?."""

    HELP_TEXT: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = "footcare"

    @property
    def fapp(self) -> FootcareApp:
        return cast("FootcareApp", self.app)

    @property
    def services(self) -> Services:
        return self.fapp.services

    def subtitle(self) -> str:
        return self.TITLE_TEXT

    def on_resize(self) -> None:
        # Up to 80 columns the footer's room goes to the keys (Journal and Quit included);
        # Ctrl+P still opens the palette, and F1 lists it.
        for footer in self.query(Footer):
            footer.show_command_palette = self.app.size.width > 80

    def on_mount(self) -> None:
        # Textual calls on_mount for every class in the MRO: subclasses need no super() call.
        whose = self.services.whose
        self.title = f"footcare · {whose}" if whose else "footcare"
        self.sub_title = self.subtitle()
