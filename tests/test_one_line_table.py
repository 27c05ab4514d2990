"""The journal table draws its one-line cells itself: exactly what DataTable would draw."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.segment import Segment
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from footcare.ui.compat.table import OneLineTable

STYLES = ("", "bold", "italic", "strike", "reverse", "underline", "red on white")


@st.composite
def cells(draw: st.DrawFn) -> str | Text:
    plain = draw(
        st.text(
            st.one_of(
                st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
                st.sampled_from("abc 日本–…é"),
            ),
            max_size=24,
        )
    )
    if draw(st.booleans()) and "[" not in plain:
        return plain  # a str cell: DataTable's formatter makes it Text
    text = Text(
        plain,
        style=draw(st.sampled_from(STYLES)),
        no_wrap=draw(st.booleans()),
        overflow=draw(st.sampled_from(["ellipsis", "ellipsis", "crop", "fold", None])),
        justify=draw(st.sampled_from([None, None, "left", "right", "center"])),
    )
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(plain)))
        text.stylize(draw(st.sampled_from(STYLES[1:])), start, draw(st.integers(start, 30)))
    return text


class Both(App[None]):
    def __init__(self, cursor: str) -> None:
        super().__init__()
        self.cursor = cursor

    CSS = "DataTable { height: 8; width: 60; }"

    def compose(self) -> ComposeResult:
        yield OneLineTable(cursor_type=self.cursor)  # type: ignore[arg-type]
        yield DataTable[str | Text](cursor_type=self.cursor, id="plain")  # type: ignore[arg-type]


def simplified(lines: list[list[Segment]]) -> list[list[Segment]]:
    return [list(Segment.simplify(line)) for line in lines]


async def compare(widths: list[int], rows: list[list[str | Text]], cursor: str) -> None:
    app = Both(cursor)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(OneLineTable)
        plain = app.query_one("#plain", DataTable)
        for each in (table, plain):
            for i, width in enumerate(widths):
                each.add_column(f"c{i}", width=width, key=f"c{i}")
            for row in rows:
                each.add_row(*row)
        app.set_focus(None)  # both drawn alike (a focused table's header is brighter)
        await pilot.pause()
        # the whole table: its size (rows not measured) and every line drawn
        assert table.virtual_size == plain.virtual_size
        for y in range(table.size.height):
            ours_line = [(s.text, s.style) for s in table.render_line(y)]
            plain_line = [(s.text, s.style) for s in plain.render_line(y)]
            assert ours_line == plain_line, y
        base = table.rich_style
        for y in range(len(rows)):
            for x, column in enumerate(table.ordered_columns):
                width = column.get_render_width(table)
                for under_cursor, hover in ((False, False), (True, False), (False, True)):
                    table._cell_render_cache.clear()
                    ours = table._render_cell(y, x, base, width, under_cursor, hover)
                    table._cell_render_cache.clear()
                    theirs = DataTable._render_cell(table, y, x, base, width, under_cursor, hover)
                    assert simplified(ours) == simplified(theirs), (rows[y][x], width)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    widths=st.lists(st.integers(1, 14), min_size=1, max_size=4),
    data=st.data(),
    cursor=st.sampled_from(["row", "cell", "none"]),
)
def test_every_cell_is_drawn_as_datatable_draws_it(
    widths: list[int], data: st.DataObject, cursor: str
) -> None:
    rows = data.draw(
        st.lists(
            st.lists(cells(), min_size=len(widths), max_size=len(widths)), min_size=1, max_size=6
        )
    )
    asyncio.run(compare(widths, rows, cursor))


def test_a_cell_that_wraps_is_drawn_as_datatable_draws_it() -> None:
    long = Text("a long note indeed", no_wrap=False, overflow="ellipsis")
    asyncio.run(compare([8], [[long], [Text("a long", no_wrap=False, overflow="ellipsis")]], "row"))


def test_the_journal_cells_take_the_quick_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above is not empty: the journal's own cells are drawn here."""

    async def run() -> None:
        app = Both("row")
        async with app.run_test(size=(80, 24)) as pilot:
            table = app.query_one(OneLineTable)
            table.add_column("c", width=6, key="c")
            table.add_row(Text("a long note", no_wrap=True, overflow="ellipsis"), key="r")
            await pilot.pause()
            called: list[int] = []
            original = DataTable._render_cell

            def spy(*args: object, **kwargs: object) -> object:
                called.append(1)
                return original(*args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(DataTable, "_render_cell", spy)
            table._cell_render_cache.clear()
            lines = table._render_cell(0, 0, table.rich_style, 8)
            assert not called
            assert "".join(s.text for s in lines[0]) == " a lon… "

    asyncio.run(run())
