"""The workarounds in ui/textual_fixes.py lean on Textual's private parts: these tests fail
when Textual changes what they lean on."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from footcare.ui.textual_fixes import layout_pending


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
