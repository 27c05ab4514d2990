"""What every footcare screen shares: a help text, and one typed way to the use-cases."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, cast

from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.widgets import Footer

if TYPE_CHECKING:
    from footcare.services.build import UseCases


class Client(Protocol):
    """The app as a screen sees it: where the use-cases are (screens never import it)."""

    @property
    def services(self) -> UseCases: ...


class FootcareScreen(Screen[None]):
    """A screen with a short help text, shown with F1 or ?."""

    HELP_TEXT: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = "footcare"

    @property
    def uses(self) -> UseCases:
        """The use-cases; each screen takes the one its work needs."""
        return cast("Client", self.app).services

    def subtitle(self) -> str:
        return self.TITLE_TEXT

    def keep_typed(self) -> None:
        """footcare is leaving (q, a closed terminal): pass on whatever this screen shows as
        typed that its messages have not passed on yet. Most screens have nothing held."""

    def help_text(self) -> str:
        """The help shown with F1 or ?: HELP_TEXT, with what stands right now if it helps."""
        return self.HELP_TEXT

    _narrow = False
    NARROW: ClassVar[int] = 80
    """Below this many columns the footer is compact and puts Quit and Help first."""
    FIRST_WHEN_NARROW: ClassVar[tuple[str, ...]] = ("app.quit", "app.help")

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in the footer's order. On a narrow screen this screen's own keys come
        first, then Quit and Help, then the rest: a footer cut at the right edge still
        shows how to quit and where every key is listed."""
        bindings = super().active_bindings
        if not self.is_mounted or self.app.size.width >= self.NARROW:
            return bindings
        first = [k for k, b in bindings.items() if b.binding.id in self.FIRST_WHEN_NARROW]
        first.sort(key=lambda k: self.FIRST_WHEN_NARROW.index(bindings[k].binding.id or ""))
        own = [k for k, b in bindings.items() if b.node is not self.app and k not in first]
        rest = [k for k in bindings if k not in first and k not in own]
        return {k: bindings[k] for k in [*own, *first, *rest]}

    def on_resize(self) -> None:
        # Up to 80 columns the footer's room goes to the keys (Journal and Quit included);
        # Ctrl+P still opens the palette, and F1 lists it.
        narrow = self.app.size.width < self.NARROW
        for footer in self.query(Footer):
            footer.show_command_palette = self.app.size.width > 80
            footer.compact = narrow  # narrow: q Quit stays in view
        if narrow != self._narrow:
            self._narrow = narrow
            self.refresh_bindings()  # the footer takes the keys in their new order

    def on_mount(self) -> None:
        # Textual calls on_mount for every class in the MRO: subclasses need no super() call.
        whose = self.uses.settings.whose
        self.title = f"footcare · {whose}" if whose else "footcare"
        self.sub_title = self.subtitle()
