"""Column gutters of a page, from where its stretches of text start and end.

A gutter shows as many stretches starting at one x (the next column's left edge) and
many ending just before it (the column's right edge), with a gap between them at least
as wide as a line is tall. Full-width lines (a title, an abstract) may cross it; a table
does not make one, because its cells are short.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import NamedTuple

_MARGIN = 0.15
"""A gutter lies within the middle of the text's width: not within 15% of either side."""
_MIN_STARTS = 3
_MIN_SHARE = 0.06
_MIN_COLUMN_EMS = 6.0
"""A column's lines are at least this many line heights wide, on the median."""


class Gutter(NamedTuple):
    left: float
    """Where the text of the column before it ends."""
    right: float
    """Where the next column starts."""


def find_gutters(pieces: list[tuple[float, float]], width: float) -> tuple[Gutter, ...]:
    """The gutters among `pieces` (x intervals of text, each a line or a line's part
    between wide gaps), left to right; `width` is the narrowest gutter, about a line's
    height."""
    if len(pieces) < 2 * _MIN_STARTS:
        return ()
    low = min(a for a, _b in pieces)
    high = max(b for _a, b in pieces)
    if not high - low > 8 * width:
        return ()
    starts = sorted(a for a, _b in pieces)
    ends = sorted(b for _a, b in pieces)
    found: list[Gutter] = []
    for right in _crowded_starts(starts, low, high, len(pieces)):
        if any(abs(right - g.right) < 2 * width for g in found):
            continue
        gutter = _gutter_before(right, pieces, ends, width)
        if gutter is not None:
            found.append(gutter)
    return tuple(sorted(found))


def _crowded_starts(starts: list[float], low: float, high: float, count: int) -> list[float]:
    """x positions where many pieces start, within the middle of the text, most first."""
    span = high - low
    inner = [x for x in starts if low + _MARGIN * span <= x <= high - _MARGIN * span]
    needed = max(_MIN_STARTS, int(_MIN_SHARE * count))
    candidates: list[tuple[int, float]] = []
    i = 0
    while i < len(inner):
        j = bisect_right(inner, inner[i] + 1.5, i)
        if j - i >= needed:
            candidates.append((j - i, inner[i]))
        i = j
    candidates.sort(key=lambda c: (-c[0], c[1]))
    return [x for _n, x in candidates]


def _gutter_before(right: float, pieces: list[tuple[float, float]], ends: list[float],
                   width: float) -> Gutter | None:
    """The gutter whose next column starts at `right`, if the text bears one out."""
    before = ends[:bisect_left(ends, right - width / 2)]
    if len(before) < _MIN_STARTS:
        return None
    # The column's right edge: most of its lines end there or short of it; a stray
    # short full-width line ending inside the gutter does not move it.
    left = before[int(0.9 * (len(before) - 1))]
    if right - left < width:
        return None
    ending_near = sum(1 for x in before if left - 4 * width <= x <= left + 0.5)
    if ending_near < _MIN_STARTS:
        return None
    column = sorted(b - a for a, b in pieces if abs(a - right) <= 1.5)
    if column[len(column) // 2] < _MIN_COLUMN_EMS * width:
        return None
    return Gutter(left, right)


SPANNING = -1
"""The column of a line that crosses a gutter, or of every line of a one-column page."""


def column_of(x0: float, x1: float, gutters: tuple[Gutter, ...]) -> int:
    """The column a line from `x0` to `x1` lies in, or SPANNING when it reaches into the
    next column."""
    column = 0
    for gutter in gutters:
        slack = (gutter.right - gutter.left) / 4
        if x0 >= gutter.right - slack:
            column += 1
        elif x1 > gutter.right + slack:
            return SPANNING
        else:
            break
    return column if gutters else SPANNING
