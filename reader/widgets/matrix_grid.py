"""The matrix of who claims what as a grid: actors down, articles (or tags) across.

A Line-API widget: the bench library's matrix is 301 actors × 1,000 articles, 300,000
cells, too many for a DataTable to build, while a screen shows a few hundred. The actor
names and the column labels stay in place as the grid scrolls under them. Each cell
shows its count and a bar of three blocks split by status (supported, disputed, false,
unverified), so a column of red and amber reads at a glance; the screen names the cell
under the cursor in full, and so does the grid's tooltip.

Columns share the width the names leave (`column_widths`): four articles across 160
columns show their titles whole or nearly, a short title taking only what it needs, where
a thousand get `CELL_WIDTH` each and scroll.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from annotations.textsafety import inert
from annotations.views.matrix import Axis, Matrix
from reader.widgets.fitting import fit
from reader.widgets.kept_rows import KeptRowsView

CELL_WIDTH = 8
"""The narrowest a column gets: a count, a bar and room between."""
MAX_CELL_WIDTH = 60
"""The widest: past it a title is long enough to read, and the cells float apart."""
BAR_BLOCKS = 3
HEADER_ROWS = 1
MAX_NAME_WIDTH = 30


URGENCY = ("false", "disputed", "unverified", "supported")
"""Which status wins a block on a tie: what most needs a look."""
BAR_ORDER = ("supported", "unverified", "disputed", "false")
"""The blocks of a bar, left to right: settled, open, contested, refuted."""


def column_widths(needs: Sequence[int], room: int, minimum: int = CELL_WIDTH,
                  maximum: int = MAX_CELL_WIDTH) -> list[int]:
    """Each column's width: what its label needs (within `minimum`..`maximum`), the room
    shared out so that short labels take only what they need and the long ones share the
    rest equally; never under `minimum`, however little room there is."""
    wanted = [max(minimum, min(need, maximum)) for need in needs]
    widths = [minimum] * len(wanted)
    left, waiting = room, sorted(range(len(wanted)), key=lambda i: wanted[i])
    while waiting:
        share = left // len(waiting)
        i = waiting.pop(0)
        widths[i] = max(minimum, min(wanted[i], share))
        left -= widths[i]
    return widths


def bar_blocks(counts: Counter[str], blocks: int = BAR_BLOCKS) -> list[str]:
    """The status of each block of a cell's bar. Every status present gets a block while
    there are blocks (the most frequent first, then the most urgent); the rest go to the
    biggest shares still short of their due."""
    total = sum(counts.values())
    if not total:
        return []
    present = sorted((s for s in URGENCY if counts[s]), key=lambda s: (-counts[s], URGENCY.index(s)))
    given = {s: 1 for s in present[:blocks]}
    for _ in range(blocks - len(given)):
        short = max(given, key=lambda s: (counts[s] * blocks / total - given[s], -URGENCY.index(s)))
        given[short] += 1
    return [s for s in BAR_ORDER for _ in range(given.get(s, 0))]


class MatrixGrid(KeptRowsView, can_focus=True):
    PARTS = "matrix-grid"
    KEPT_ROWS = 1024
    """Drawn rows are kept by (row, first column, width, cursor column or -1): a move
    redraws the two rows it touches, the rest come from here."""
    COMPONENT_CLASSES = {
        "matrix-grid--header",
        "matrix-grid--row-header",
        "matrix-grid--cursor",
        "matrix-grid--crosshair",
        "matrix-grid--empty",
        *(f"matrix-grid--{status}" for status in BAR_ORDER),
    }

    BINDINGS = [
        Binding("up,k", "move(-1, 0)", "Up", show=False, id="matrix.up"),
        Binding("down,j", "move(1, 0)", "Down", show=False, id="matrix.down"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="matrix.left"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="matrix.right"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="matrix.page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="matrix.page-down"),
        Binding("home", "row_edge(-1)", "First column", show=False, id="matrix.first-column"),
        Binding("end", "row_edge(1)", "Last column", show=False, id="matrix.last-column"),
        Binding("enter", "choose", "Open the claims", id="matrix.open-cell"),
    ]

    cursor: reactive[tuple[int, int]] = reactive((0, 0), init=False)

    @dataclass
    class CellHighlighted(Message):
        grid: MatrixGrid
        row: Axis
        column: Axis

    @dataclass
    class CellChosen(Message):
        grid: MatrixGrid
        row: Axis
        column: Axis

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.matrix: Matrix | None = None
        self._name_width = 12
        self._widths: list[int] = []
        self._offsets: list[int] = [0]
        """Where each column starts, across the scrolled part (and where the last ends)."""

    # -- content ---------------------------------------------------------------------

    def show(self, matrix: Matrix) -> None:
        self.matrix = matrix
        longest = max((cell_len(r.label) for r in matrix.rows), default=8)
        self._name_width = min(MAX_NAME_WIDTH, longest + 7)  # the name, its total, a gap
        self._fit_columns()
        self.set_reactive(MatrixGrid.cursor, (0, 0))
        self._strips.clear()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()
        self._announce()

    def _fit_columns(self) -> None:
        """Share the width the names leave among the columns (`column_widths`)."""
        matrix = self.matrix
        if matrix is None:
            return
        room = (self.scrollable_content_region.width or self.size.width or 80) - self._name_width
        needs = [cell_len(" ".join(c.label.split())) + 1 for c in matrix.columns]
        self._widths = column_widths(needs, room)
        self._offsets = [0]
        for width in self._widths:
            self._offsets.append(self._offsets[-1] + width)
        self.virtual_size = Size(self._name_width + self._offsets[-1],
                                 HEADER_ROWS + len(matrix.rows))

    def on_resize(self) -> None:
        if self.matrix is not None:
            before = self._widths
            self._fit_columns()
            if self._widths != before:
                self._strips.clear()
                self._scroll_to_cursor()
                self.refresh()

    def _column_at(self, x: int) -> int:
        """The column under `x` cells into the scrolled part."""
        return max(0, bisect_right(self._offsets, x) - 1)

    def _first_column(self) -> int:
        return self._column_at(self.scroll_offset.x)

    def _last_whole_column(self, first: int) -> int:
        """The last column shown whole when `first` is the first one (`first` at least)."""
        width = (self.scrollable_content_region.width or 80) - self._name_width
        end = self._offsets[first] + width
        return max(first, bisect_right(self._offsets, end) - 2)

    @property
    def current(self) -> tuple[Axis, Axis] | None:
        matrix = self.matrix
        if matrix is None or not matrix.rows or not matrix.columns:
            return None
        row, column = self.cursor
        return matrix.rows[row], matrix.columns[column]

    def move_to(self, row: int, column: int) -> None:
        matrix = self.matrix
        if matrix is None or not matrix.rows or not matrix.columns:
            return
        self.cursor = (max(0, min(len(matrix.rows) - 1, row)),
                       max(0, min(len(matrix.columns) - 1, column)))

    # -- keys ------------------------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        row, column = self.cursor
        self.move_to(row + rows, column + columns)

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self._visible_rows()), 0)

    def action_row_edge(self, direction: int) -> None:
        row, _ = self.cursor
        columns = len(self.matrix.columns) if self.matrix else 0
        self.move_to(row, 0 if direction < 0 else columns - 1)

    def action_choose(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.CellChosen(self, *current))

    def watch_cursor(self, old: tuple[int, int], new: tuple[int, int]) -> None:
        if self._scroll_to_cursor():
            self.refresh()
        else:
            # Only the rows the cursor left and entered, and the header's crosshair: a
            # whole repaint costs Textual a millisecond a line.
            top = self.scroll_offset.y
            self.refresh_lines(0, HEADER_ROWS)
            for row in {old[0], new[0]}:
                self.refresh_lines(HEADER_ROWS + row - top, 1)
        self._announce()

    def _announce(self) -> None:
        current = self.current
        if current is not None:
            column = current[1]
            # The column's whole label, however narrow its header: the mouse's way to it.
            self.tooltip = Text(inert(column.label + (f" ({column.detail})" if column.detail
                                                      else "")))
            self.post_message(self.CellHighlighted(self, *current))

    def _visible_rows(self) -> int:
        return max(1, (self.scrollable_content_region.height or 2) - HEADER_ROWS)

    def _scroll_to_cursor(self) -> bool:
        """Scroll so the cursor's cell shows; whether that scrolled."""
        row, column = self.cursor
        first_row, first_column = self.scroll_offset.y, self._first_column()
        if row < first_row:
            first_row = row
        elif row >= first_row + self._visible_rows():
            first_row = row - self._visible_rows() + 1
        if column < first_column:
            first_column = column
        while column > self._last_whole_column(first_column) and first_column < column:
            first_column += 1
        # Whole columns: the grid never shows half a cell at its left edge.
        x, y = self._offsets[first_column] if self._widths else 0, first_row
        if (x, y) == (self.scroll_offset.x, self.scroll_offset.y):
            return False
        self.scroll_to(x, y, animate=False, immediate=True)
        return True

    def on_click(self, event) -> None:
        if self.matrix is None or event.y < HEADER_ROWS or event.x < self._name_width:
            return
        row = self.scroll_offset.y + event.y - HEADER_ROWS
        column = self._column_at(self.scroll_offset.x + event.x - self._name_width)
        self.move_to(row, column)
        if event.chain == 2:
            self.action_choose()

    # -- drawing ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        matrix = self.matrix
        base = self._style("")
        if matrix is None or width <= 0:
            return Strip.blank(max(0, width), base)
        first_column = self._first_column()
        columns = range(first_column, min(len(matrix.columns),
                                          self._last_whole_column(first_column) + 2))
        if y < HEADER_ROWS:
            return self._header(columns, width)
        row = self.scroll_offset.y + y - HEADER_ROWS
        if row >= len(matrix.rows):
            return Strip.blank(width, base)
        at_row, at_column = self.cursor
        key = (row, first_column, width, at_column if row == at_row else -1)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._row(row, columns, width)
        return strip

    def _header(self, columns: range, width: int) -> Strip:
        assert self.matrix is not None
        style = self._style("header")
        _, at = self.cursor
        segments = [Segment(" " * self._name_width, style)]
        for index in columns:
            label = _fit(inert(self.matrix.columns[index].label), self._widths[index] - 1) + " "
            cell_style = style + self._style("crosshair") if index == at else style
            segments.append(Segment(label, cell_style))
        return Strip(segments).crop_extend(0, width, style)

    def _row(self, row: int, columns: range, width: int) -> Strip:
        assert self.matrix is not None
        matrix = self.matrix
        axis = matrix.rows[row]
        at_row, at_column = self.cursor
        head_style = self._style("row-header")
        if row == at_row:
            head_style += self._style("crosshair")
        total = sum(matrix.row_totals[axis.id].values())
        name = _fit(inert(axis.label), self._name_width - 7)
        segments = [Segment(f"{name} {total:>5} ", head_style)]
        for index in columns:
            cursor = row == at_row and index == at_column
            segments += self._cell(matrix.cell(axis.id, matrix.columns[index].id), cursor,
                                   self._widths[index])
        return Strip(segments).crop_extend(0, width, self._style(""))

    def _cell(self, counts: Counter[str], cursor: bool, width: int) -> list[Segment]:
        base = self._style("cursor") if cursor else self._style("")
        total = sum(counts.values())
        if not total:
            return [Segment("    ·".ljust(width), base + self._style("empty"))]
        shown = f"{total:>3}" if total < 1000 else "999+"[-3:]
        parts = [Segment(f"{shown} ", base)]
        parts += [Segment("█", base + self._style(status)) for status in bar_blocks(counts)]
        parts.append(Segment(" " * (width - 4 - BAR_BLOCKS), base))
        return parts


def _fit(text: str, width: int) -> str:
    """`text` on one line in exactly `width` cells, cut with an ellipsis."""
    return fit(" ".join(text.split()), width)
