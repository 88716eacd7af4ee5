"""A horizontal bar chart in Unicode blocks: one bar per label, stacked by series.

No plotting library: a bar is a run of `█` cells, each series in its own component style
(`bar-chart--s0` … `bar-chart--s3`, coloured in the stylesheet), with a legend under the
bars. Drawn through the Line API, so only what is on screen is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from reader.widgets.fitting import fit, fitted_row
from reader.widgets.part_styles import PartStyles

SERIES_STYLES = ("s0", "s1", "s2", "s3")
BLOCK = "█"
LABEL_WIDTH = 18


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]
    """One value per series, in the order of the chart's series."""

    @property
    def total(self) -> int:
        return sum(self.values)


def segment_widths(values: Sequence[int], cells: int, largest: int) -> list[int]:
    """Cells for each stacked value when `largest` fills `cells`: rounded so the bar's
    length is right (largest remainders), and never zero for a value above zero."""
    if largest <= 0 or cells <= 0:
        return [0] * len(values)
    exact = [v * cells / largest for v in values]
    widths = [int(x) for x in exact]
    length = round(sum(exact))
    by_remainder = sorted(range(len(values)), key=lambda i: exact[i] - widths[i], reverse=True)
    for i in by_remainder[: max(0, length - sum(widths))]:
        widths[i] += 1
    for i, value in enumerate(values):
        if value and not widths[i]:
            widths[i] = 1
    return widths


class BarChart(Widget):
    COMPONENT_CLASSES = {"bar-chart--label", "bar-chart--value", "bar-chart--empty",
                         *(f"bar-chart--{s}" for s in SERIES_STYLES)}

    def __init__(self, series: Sequence[str], empty: str = "nothing to draw", *,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.series = tuple(series)[: len(SERIES_STYLES)]
        self.bars: list[Bar] = []
        self.empty = empty
        self._style = PartStyles(self, "bar-chart")

    def show(self, bars: Sequence[Bar], title: str = "") -> None:
        self.bars = [b for b in bars if b.total > 0]
        if title:
            self.border_title = title
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        height = self.content_region.height
        base = self._style("")
        if not self.bars:
            text = self.empty if y == 0 else ""
            return fitted_row(text, width, base + self._style("empty"))
        legend = self._legend_rows(width)
        if height < len(legend) + 2:  # no room for it under a blank row: bars only
            legend = []
        first_legend_row = height - len(legend)
        if y >= first_legend_row:
            return self._legend(legend[y - first_legend_row], width, base)
        if y < min(len(self.bars), first_legend_row - 1 if legend else height):
            return self._bar(self.bars[y], width, base)
        return Strip.blank(width, base)

    def _bar(self, bar: Bar, width: int, base: Style) -> Strip:
        largest = max(b.total for b in self.bars)
        digits = len(f"{largest}")
        label_width = min(LABEL_WIDTH, max(6, width * 2 // 5))
        cells = max(0, width - label_width - digits - 2)
        segments = [Segment(fit(bar.label, label_width) + " ", base + self._style("label"))]
        for i, cells_here in enumerate(segment_widths(bar.values, cells, largest)):
            if cells_here:
                segments.append(Segment(BLOCK * cells_here, base + self._style(SERIES_STYLES[i])))
        segments.append(Segment(f" {bar.total}", base + self._style("value")))
        return Strip(segments).adjust_cell_length(width, base)

    def _legend_rows(self, width: int) -> list[list[int]]:
        """The series' legend items, wrapped into rows that fit `width`."""
        rows: list[list[int]] = [[]]
        used = 0
        for i, name in enumerate(self.series):
            item = len(name) + 3  # "█ name "
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0
            rows[-1].append(i)
            used += item
        return rows if rows[0] else []

    def _legend(self, items: list[int], width: int, base: Style) -> Strip:
        segments = []
        for i in items:
            segments.append(Segment(BLOCK, base + self._style(SERIES_STYLES[i])))
            segments.append(Segment(f" {self.series[i]} ", base + self._style("label")))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

