"""footcare/ui/compat and footcare/serve_compat hold every use of Textual's and
textual-serve's private parts. These tests fail when Textual changes what a part leans on
(a name, a signature, a behaviour it works around); tests/test_private_textual.py fails
when a private name is reached anywhere else in footcare."""

from __future__ import annotations

import asyncio
import errno
import inspect
import io
import threading
from pathlib import Path
from typing import Any

import pytest
import textual
import textual.dom
import textual.reactive
from aiohttp import web
from textual import constants
from textual._color_constants import COLOR_NAME_TO_RGB
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.driver import Driver
from textual.drivers import web_driver
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver
from textual.screen import Screen
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static
from textual.widgets._footer import FooterKey
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager
from textual_serve.server import Server

from footcare.domain.colours import NAMES
from footcare.serve_compat import RoutedServer, app_process
from footcare.ui.compat import (
    VALID_STYLE_FLAGS,
    ColorSystem,
    CompatApp,
    KeepTakingWriterThread,
    KeysFooter,
    SizedInOneLayout,
    TerminalDriver,
    layout_pending,
    styled_when_mounted,
    write_to_terminal,
)
from footcare.ui.compat.web import EndingWebDriver


def params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


# 1. layout_pending ------------------------------------------------------------------------
class Two(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("one", id="one")
        yield Static("two", id="two")


async def test_a_screen_waiting_for_its_layout_is_told_apart_from_one_laid_out() -> None:
    app = Two()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert not layout_pending(app.screen)  # laid out: where each widget is, is known
        app.query_one("#one").display = False  # shown or hidden: to be laid out again
        assert layout_pending(app.screen)
        await pilot.pause()
        assert not layout_pending(app.screen)
        app.query_one("#two").styles.height = 5  # a new size too
        assert layout_pending(app.screen)


# 2. KeysFooter ----------------------------------------------------------------------------
class Keys(Screen[None]):
    BINDINGS = [Binding("a", "a", "Answer"), Binding("b", "b", "Back")]
    back = False

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.back if action == "b" else True


class KeysApp(CompatApp[None]):
    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer

    def get_default_screen(self) -> Screen[None]:
        return Keys(self.footer)


async def change_bindings(pilot: Any, screen: Keys, times: int, shown: bool) -> None:
    for _ in range(times):
        if shown:
            screen.back = not screen.back
        screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()


def watchers_of(footer: Footer) -> list[tuple[Any, Any]]:
    return list(getattr(footer, "__watchers", {}).get("compact", []))


async def test_textual_s_footer_still_keeps_a_watcher_for_every_key_it_ever_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textualize/textual#6666 and the recompose at every change: when this fails, Textual
    has fixed them, and KeysFooter can go."""
    app = KeysApp(Footer)
    monkeypatch.setattr(textual.dom, "_watch", textual.reactive._watch)  # Textual's own
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        footer = screen.query_one(Footer)
        first = list(footer.query(FooterKey))
        await change_bindings(pilot, screen, 6, shown=False)
        assert not set(first) & set(footer.query(FooterKey))  # made again, all the same
        assert len(watchers_of(footer)) > 2 * len(footer.query(FooterKey))


async def test_the_keys_footer_makes_its_keys_again_only_when_they_change() -> None:
    app = KeysApp(KeysFooter)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        footer = screen.query_one(KeysFooter)
        first = list(footer.query(FooterKey))
        assert [k.description for k in first] == ["Answer", "palette"]
        await change_bindings(pilot, screen, 6, shown=False)
        assert list(footer.query(FooterKey)) == first  # nothing shown changed
        await change_bindings(pilot, screen, 7, shown=True)
        keys = list(footer.query(FooterKey))
        assert [k.description for k in keys] == ["Answer", "Back", "palette"]
        bound = [k for k in keys if not k.has_class("-command-palette")]  # by data_bind
        assert {id(w) for w, _ in watchers_of(footer)} == {id(k) for k in bound}


class Headed(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Header()


async def open_and_close_screens(app: App[None], times: int) -> int:
    """How many watchers the App's title has after `times` screens opened and closed."""
    async with app.run_test() as pilot:
        for _ in range(times):
            await app.push_screen(Headed())
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        return len(getattr(app, "__watchers", {}).get("title", []))


async def test_textual_still_keeps_every_closed_screen_s_header_watching_the_app(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textualize/textual#6666: when this fails, Textual drops dead watchers itself."""
    monkeypatch.setattr(textual.dom, "_watch", textual.reactive._watch)
    assert await open_and_close_screens(App[None](), 12) >= 12


async def test_a_closed_screen_s_watchers_are_dropped() -> None:
    assert await open_and_close_screens(CompatApp[None](), 12) <= 2
    assert textual.dom._watch is not textual.reactive._watch  # type: ignore[attr-defined]


def test_the_watch_parts_the_global_patch_leans_on_are_there() -> None:
    assert params(textual.reactive._watch) == [
        "node", "obj", "attribute_name", "callback", "init",
    ]  # fmt: skip
    assert "_watch(self, obj, attribute_name, callback, init=init)" in inspect.getsource(
        DOMNode.watch
    )
    assert 'getattr(obj, "__watchers")' in inspect.getsource(textual.reactive._watch)
    assert hasattr(Static(), "_closing") and hasattr(Static(), "_closed")


def test_the_footer_parts_keys_footer_leans_on_are_there() -> None:
    assert params(Footer.bindings_changed) == ["self", "screen"]
    assert "_bindings_ready" in Footer._reactives  # compose makes nothing until it is set
    assert "if not self._bindings_ready" in inspect.getsource(Footer.compose)
    assert ".data_bind(compact=Footer.compact)" in inspect.getsource(Footer.compose)


# 3. the writer thread ---------------------------------------------------------------------
class GoneTerminal(io.StringIO):
    """A terminal that has gone away: every write fails as a hung-up pty's does."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_textual_s_writer_thread_still_ends_at_the_first_failed_write() -> None:
    """When this fails, Textual's writer survives a terminal gone: drop item 3."""
    writer = WriterThread(GoneTerminal())
    writer.start()
    writer.write("frame")
    writer.join(timeout=2.0)
    assert not writer.is_alive()


def test_the_writer_thread_keeps_taking_writes_after_the_terminal_fails() -> None:
    writer = KeepTakingWriterThread(GoneTerminal())
    writer.start()

    def draw() -> None:
        for frame in range(MAX_QUEUED_WRITES * 3):
            writer.write(f"frame {frame}")
        writer.stop()

    drawing = threading.Thread(target=draw, daemon=True)
    drawing.start()
    drawing.join(timeout=2.0)
    assert not drawing.is_alive(), "writes or stop() still waiting for a dead writer thread"
    assert not writer.is_alive()


async def test_the_terminal_driver_writes_through_the_thread_that_keeps_taking() -> None:
    source = inspect.getsource(LinuxDriver.start_application_mode)
    assert "self._writer_thread = WriterThread(self._file)" in source
    assert "self._writer_thread.start()" in source
    assert params(WriterThread.__init__) == ["self", "file"]
    driver = TerminalDriver(App())
    assert driver._writer_thread is None
    driver._writer_thread = WriterThread(io.StringIO())
    assert isinstance(driver._writer_thread, KeepTakingWriterThread)


def test_a_compat_app_in_a_terminal_runs_the_terminal_driver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(constants, "DRIVER", None)
    assert App().get_driver_class() is LinuxDriver
    assert CompatApp[None]().get_driver_class() is TerminalDriver
    monkeypatch.setattr(constants, "DRIVER", "footcare.ui.compat.web:EndingWebDriver")
    assert CompatApp[None]().get_driver_class() is EndingWebDriver


# 4. the table's private parts (tests/test_one_line_table.py checks what it draws) ---------
async def test_the_datatable_parts_the_one_line_table_leans_on_are_there() -> None:
    assert params(DataTable._render_cell) == [
        "self", "row_index", "column_index", "base_style", "width", "cursor", "hover",
    ]  # fmt: skip
    assert params(DataTable._update_dimensions) == ["self", "new_rows"]
    assert params(DataTable._get_styles_to_render_cell) == [
        "self", "is_header_cell", "is_row_label_cell", "is_fixed_style_cell", "hover",
        "cursor", "show_cursor", "show_hover_cursor", "has_css_foreground_priority",
        "has_css_background_priority",
    ]  # fmt: skip
    assert params(DataTable._get_row_renderables) == ["self", "row_index"]

    class Table(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

    async with Table().run_test() as pilot:
        table = pilot.app.query_one(DataTable)
        table.add_column("a")
        key = table.add_row("x")
        assert table._row_locations.get_key(0) == key
        assert table._column_locations.get_key(0) is not None
        for name in ("_show_hover_cursor", "_update_count", "_pseudo_class_state"):
            assert hasattr(table, name), name
        assert hasattr(table._cell_render_cache, "__contains__")


# 5. CompatApp -----------------------------------------------------------------------------
class Finding(CompatApp[None]):
    def find_theme(self, theme_name: str) -> None:
        if theme_name == "found-late" and theme_name not in self.available_themes:
            self.register_theme(Theme(name="found-late", primary="#0178D4"))


async def test_a_theme_asked_for_by_name_is_looked_for_first() -> None:
    app = Finding()
    async with app.run_test():
        with pytest.raises(Exception, match="not been registered"):
            app._validate_theme("nowhere")
        app.theme = "found-late"
        assert app.theme == "found-late"


async def test_a_notice_repeating_one_on_screen_replaces_it() -> None:
    app = CompatApp[None]()
    async with app.run_test() as pilot:
        for _ in range(3):
            app.notify("The journal could not be read", title="Check your files")
        app.notify("Another", title="Check your files")
        await pilot.pause()
        shown = [(n.message, n.title) for n in app._notifications]
        assert sorted(shown) == [
            ("Another", "Check your files"),
            ("The journal could not be read", "Check your files"),
        ]
    plain = App[None]()
    async with plain.run_test() as pilot:  # Textual's own: they stack
        for _ in range(3):
            plain.notify("The journal could not be read")
        await pilot.pause()
        assert len(plain._notifications) == 3


async def test_the_theme_is_set_before_the_first_parse() -> None:
    assert params(App._refresh_truecolor_filter) == ["self", "theme"]
    app = CompatApp[None]()
    app.set_theme_before_start("textual-light")
    assert app.theme == "textual-light"
    assert app.has_class("-light-mode", "-theme-textual-light")
    async with app.run_test():
        assert app.theme == "textual-light"


# 6. styled_when_mounted -------------------------------------------------------------------
async def test_a_screen_counted_as_styled_is_not_styled_again_on_a_mode_switch() -> None:
    assert Screen()._css_update_count == -1
    source = inspect.getsource(App)
    assert "screen._css_update_count != self._css_update_count" in source
    app = App[None]()
    async with app.run_test():
        screen = styled_when_mounted(Screen[None]())
        assert screen._css_update_count == app._css_update_count


# 7. write_to_terminal ---------------------------------------------------------------------
async def test_a_sequence_goes_straight_to_the_terminal_but_not_when_headless(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = App[None]()
    assert app._driver is None
    async with app.run_test():
        driver = app._driver
        assert isinstance(driver, Driver)
        written: list[str] = []
        monkeypatch.setattr(driver, "write", written.append)
        write_to_terminal(app, "\x1b]9;done\x07")
        assert written == []  # headless
        monkeypatch.setattr(App, "is_headless", property(lambda self: False))
        write_to_terminal(app, "\x1b]9;done\x07")
        assert written == ["\x1b]9;done\x07"]


# 8. EndingWebDriver -----------------------------------------------------------------------
class Leaving(App[None]):
    left: list[bool] = []

    def save_and_exit(self, terminal_gone: bool = False) -> None:
        self.left.append(terminal_gone)


async def test_the_web_driver_saves_and_leaves_when_its_input_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "exit_event" in inspect.getsource(WebDriver.__init__)
    monkeypatch.setattr(WebDriver, "run_input_thread", lambda self: None)  # input ended
    monkeypatch.setattr(web_driver, "InputReader", lambda: None)  # stdin may be /dev/null
    app = Leaving()
    driver = EndingWebDriver(app)
    assert driver._app is app and driver._loop is asyncio.get_running_loop()
    driver.run_input_thread()
    await asyncio.sleep(0)
    assert app.left == [True]
    driver.exit_event.set()  # leaving already: nothing more
    driver.run_input_thread()
    await asyncio.sleep(0)
    assert app.left == [True]


# 9. public names from undocumented modules ------------------------------------------------
def test_the_style_words_and_the_colour_system_are_there() -> None:
    assert {"bold", "italic", "underline", "reverse", "none"} <= VALID_STYLE_FLAGS
    assert "primary" in ColorSystem(primary="#0178D4").generate()


# textual-serve ----------------------------------------------------------------------------
async def test_the_server_s_routes_are_added_to_the_application_textual_serve_makes(
    tmp_path: Path,
) -> None:
    assert inspect.iscoroutinefunction(Server._make_app)
    assert params(Server._make_app) == ["self"]
    assert "self._make_app()" in inspect.getsource(Server.serve)

    class Routed(RoutedServer):
        def extend(self, app: web.Application) -> None:
            app.router.add_get("/added", self.handle_index, name="added")

    app = await Routed("true", statics_path=tmp_path, templates_path=tmp_path)._make_app()
    assert "added" in app.router.named_resources()


def test_a_tab_s_app_process_is_found_where_textual_serve_keeps_it() -> None:
    async def nothing(*args: object) -> None:
        return None

    service = AppService(
        "true", write_bytes=nothing, write_str=nothing, close=nothing,
        download_manager=DownloadManager(), debug=False,
    )  # fmt: skip
    assert app_process(service) is None
    assert "self._process = process" in inspect.getsource(AppService._open_app_process)


# 10. SizedInOneLayout -----------------------------------------------------------------------
def test_a_new_size_asks_textual_for_a_second_layout_and_is_taken_quietly_here() -> None:
    assert params(Widget._size_updated) == [
        "self", "size", "virtual_size", "container_size", "layout",
    ]  # fmt: skip
    source = inspect.getsource(Widget._size_updated)
    assert "self.virtual_size = virtual_size" in source
    assert "self.set_reactive(Widget.virtual_size, virtual_size)" in source
    assert Widget.virtual_size._layout  # the reactive that lays the screen out again


async def test_a_widget_given_a_new_size_is_painted_once() -> None:
    painted: list[str] = []

    class Plain(Static):
        DEFAULT_CSS = "Plain { width: auto; }"

        def render_lines(self, crop: Any) -> Any:
            painted.append(str(crop))
            return super().render_lines(crop)

    class Quiet(Plain, SizedInOneLayout):
        pass

    async def paints(widget: Static) -> int:
        class One(App[None]):
            def compose(self) -> ComposeResult:
                yield widget

        async with One().run_test(size=(40, 10)) as pilot:
            await pilot.pause()
            painted.clear()
            widget.update("a longer line")
            await pilot.pause()
            await pilot.pause()
            assert widget.size.width == len("a longer line")  # measured at once
            return len(painted)

    assert await paints(Plain("short")) == 2  # Textual paints it again
    assert await paints(Quiet("short")) == 1


def test_the_colour_names_are_textuals() -> None:
    """footcare's own list of colour names (the domain imports no Textual) is Textual's."""
    assert set(NAMES) == {*COLOR_NAME_TO_RGB, "ansi_default"}
