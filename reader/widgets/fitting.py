"""Text fitted to a width in cells: cut with an ellipsis when too long, padded when short."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells."""
    if cell_len(text) > width:
        text = set_cell_size(text, max(0, width - 1)) + "…"
    return set_cell_size(text, width)


def fitted_row(text: str, width: int, style: Style) -> Strip:
    """One row of `text` in `style`, `width` cells wide."""
    if width <= 0:
        return Strip([], 0)
    return Strip([Segment(fit(text, width), style)], width)
