"""Item 11 of footcare.ui.compat: the Header whose title watchers survive its removal."""

from __future__ import annotations

import inspect

from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from footcare.ui.compat.header import SafeHeader


class Titled(App[None]):
    def __init__(self, header: Header) -> None:
        super().__init__()
        self.header = header

    def compose(self) -> ComposeResult:
        yield self.header


def test_the_header_parts_safe_header_leans_on_are_there() -> None:
    """Header._on_mount still makes exactly these four watches, forgiving only NoScreen:
    when Textual changes it, SafeHeader must be looked at again (or dropped)."""
    source = inspect.getsource(Header._on_mount)
    for watched in ("app", "screen"):
        assert f'self.{watched}, "title"' in source and f'self.{watched}, "sub_title"' in source
    assert "except NoScreen:" in source and "NoMatches" not in source
    assert "query_one(HeaderTitle)" in source


async def test_textual_s_header_still_fails_on_a_title_heard_without_its_title() -> None:
    """The defect worked around: a Header whose HeaderTitle is gone fails on a new title."""
    app = Titled(Header())
    failed: list[BaseException] = []
    async with app.run_test() as pilot:
        await app.header.query_one(HeaderTitle).remove()
        app._handle_exception = failed.append  # type: ignore[method-assign]
        app.title = "a new title"
        await pilot.pause()
    assert any(isinstance(error, NoMatches) for error in failed), failed


async def test_a_safe_header_without_its_title_lets_a_new_title_go_by() -> None:
    app = Titled(SafeHeader())
    async with app.run_test() as pilot:
        assert app.header.query_one(HeaderTitle)
        app.title = "first"
        await pilot.pause()
        assert "first" in str(app.header.query_one(HeaderTitle).render())
        await app.header.query_one(HeaderTitle).remove()
        app.title = "a new title"
        await pilot.pause()
        assert app.is_running  # no NoMatches ended it
