"""A page's lines in the order a reader takes them: column by column.

A page with gutters is read in bands from the top: a run of lines that cross the
gutters (a title, an abstract, a wide figure's caption, a footnote) is one band, with
the short last line of its paragraph though that fits in a column; the lines between two
such runs form a column band, read its left column top to bottom, then the next. A page
without gutters keeps the order the PDF draws its text in, which is the reading
order for nearly every one-column document (sorting by height would interleave
columns that are drawn one after the other but were not recognised as columns).
"""

from __future__ import annotations

from typing import NamedTuple

from reader.importing.pdf.gutters import SPANNING, Gutter, column_of
from reader.importing.pdf.lines import Line

_SAME_ROW = 0.45
"""Lines whose baselines differ by less than this share of their size are one row."""
_NEXT_LINE = 1.6
"""The next line of a paragraph is at most this many times its size further down."""


class Flow(NamedTuple):
    """Lines read one after the other: one column of one band."""

    column: int
    lines: list[Line]


def reading_order(lines: list[Line], gutters: tuple[Gutter, ...]) -> list[Flow]:
    if not lines:
        return []
    if not gutters:
        # In the order drawn; a row PDFium split in two (at a raised footnote mark) joined.
        return [Flow(SPANNING, _joined_rows(lines))]
    flows: list[Flow] = []
    band: dict[int, list[Line]] = {}
    spanning: list[Line] = []
    rows = _sorted_rows(lines)
    for number, row in enumerate(rows):
        following = rows[number + 1] if number + 1 < len(rows) else None
        for line in row:
            column = column_of(line.x0, line.x1, gutters)
            if column == SPANNING or (spanning and not band and len(row) == 1
                                      and _ends_paragraph_above(line, spanning[-1], following)):
                _flush_columns(band, flows)
                spanning.append(line)
            else:
                if spanning:
                    flows.append(Flow(SPANNING, _joined_rows(spanning)))
                    spanning = []
                band.setdefault(column, []).append(line)
    _flush_columns(band, flows)
    if spanning:
        flows.append(Flow(SPANNING, _joined_rows(spanning)))
    return flows


def _ends_paragraph_above(line: Line, above: Line, following: list[Line] | None) -> bool:
    """A short line alone in its row, right under a line across the page, starting where
    it does and set alike, with space after it: the last line of that line's paragraph
    (a footnote's, an abstract's), though it fits in a column."""
    size = max(line.size, above.size, 1.0)
    return (abs(line.size - above.size) <= 0.05 * size
            and 0 < above.y - line.y <= _NEXT_LINE * size
            and abs(line.x0 - above.x0) <= size
            and (following is None or line.y - following[0].y > _NEXT_LINE * size))


def _flush_columns(band: dict[int, list[Line]], flows: list[Flow]) -> None:
    for column in sorted(band):
        flows.append(Flow(column, _joined_rows(band[column])))
    band.clear()


def _sorted_rows(lines: list[Line]) -> list[list[Line]]:
    """`lines` top to bottom in rows, each row left to right. A raised footnote mark is
    in its line's row even though it sits higher than the line."""
    rows: list[list[Line]] = []
    top = 0.0
    for line in sorted(lines, key=lambda ln: -ln.y):
        if rows and top - line.y < _SAME_ROW * max(line.size, rows[-1][0].size, 1.0):
            rows[-1].append(line)
        else:
            rows.append([line])
            top = line.y
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
    return rows


def _joined_rows(lines: list[Line]) -> list[Line]:
    """Lines in order (top to bottom, each row left to right) with each row's pieces
    joined into one line."""
    joined = [lines[0]]
    for line in lines[1:]:
        last = joined[-1]
        if _same_row(last, line):
            joined[-1] = _joined(last, line)
        else:
            joined.append(line)
    return joined


def _same_row(left: Line, right: Line) -> bool:
    size = max(left.size, right.size, 1.0)
    return abs(left.y - right.y) < _SAME_ROW * size and right.x0 >= left.x1 - 1.0 \
        and not left.cut


def _joined(left: Line, right: Line) -> Line:
    gap = right.x0 - left.x1
    glue = " " if gap > 0.15 * max(left.size, right.size) else ""
    # The row keeps the baseline and size of its larger part: a raised footnote mark
    # is not what the row is set in.
    main = left if left.size >= right.size else right
    return Line(left.text + glue + right.text, left.x0, right.x1, main.y, main.size,
                left.bold and right.bold, right.cut)
