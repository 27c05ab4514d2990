"""OneLineTable: item 4 of footcare.ui.compat, apart so that only the journal imports
DataTable."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey


# 4. Textualize/textual#5959 cached `_get_row_renderables`; no upstream issue found for
# the cell drawing. DataTable draws every cell through rich's Padding, Styled and
# render_lines, made for cells of any renderable and height. A cell of one line of Text
# that fits its column (or is cut with an ellipsis) needs none of that: it is cut, padded
# and styled here into the very segments DataTable would make (tests/test_one_line_table.py
# compares the two for every kind of cell). The header, a taller row, text that wraps or is
# justified are left to DataTable; so is measuring rows where a width or height depends on it.
class OneLineTable(DataTable[str | Text]):
    """A DataTable whose body cells are one line of text, drawn in about half the time."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """New rows are measured only where a width or height depends on them: not at all
        when every column has its width set and every row is one line without a label."""
        rows = list(new_rows)
        if any(column.auto_width for column in self.columns.values()):
            return super()._update_dimensions(rows)
        for key in rows:
            row = self.rows.get(key)
            if row is not None and (row.auto_height or row.label is not None):
                return super()._update_dimensions(rows)
        return super()._update_dimensions(())

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        def datatable_s_own() -> list[list[Segment]]:
            return super(OneLineTable, self)._render_cell(
                row_index, column_index, base_style, width, cursor, hover
            )

        if row_index < 0 or column_index < 0:  # the header
            return datatable_s_own()
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return datatable_s_own()
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        cell = self._get_row_renderables(row_index)[1][column_index]
        inner = width - 2 * self.cell_padding
        if not self.one_line(row_key, cell, inner):
            return datatable_s_own()
        assert isinstance(cell, Text)
        component_style, post_style = self.one_line_styles(row_index, column_index, cursor, hover)
        segments = self.one_line_segments(cell, inner)
        style = base_style + Style.from_meta({"row": row_index, "column": column_index})
        lines = [list(Segment.apply_style(segments, style + component_style, post_style))]
        cache[key] = lines
        return lines

    def one_line_styles(
        self, row_index: int, column_index: int, cursor: bool, hover: bool
    ) -> tuple[Style, Style]:
        """A body cell's component style and post style, as DataTable picks them."""
        return self._get_styles_to_render_cell(
            False,
            False,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )

    def one_line_segments(self, cell: Text, inner: int) -> list[Segment]:
        """The cell's text cut to ``inner`` cells (with an ellipsis), padded either side and
        filled out to the column's width, not yet styled as a cell."""
        text = cell.copy()
        text.truncate(inner, overflow="ellipsis")
        padding = Segment(" " * self.cell_padding)
        # as rich draws Text: its own style a span over its characters (not the filler)
        line = Text("\n").join([text])
        segments = [padding, *line.render(self.app.console), padding]
        filler = inner - text.cell_len
        if filler > 0:
            segments.insert(-1, Segment(" " * filler))
        return segments

    def one_line(self, row_key: RowKey, cell: object, inner: int) -> bool:
        """Whether the cell is one line of Text, neither justified nor wrapped, that fits
        ``inner`` cells or is cut with an ellipsis, in a row one line high."""
        row = self.rows.get(row_key)
        if row is None or row.height != 1 or inner < 1:
            return False
        if not isinstance(cell, Text) or cell.justify not in (None, "default"):
            return False
        if cell.no_wrap is False:  # DataTable wraps it by words before cutting
            return False
        plain = cell.plain
        if "\n" in plain or "\t" in plain:
            return False
        return cell.overflow == "ellipsis" or cell_len(plain) <= inner
