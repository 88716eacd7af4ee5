"""Marks over time as a bar chart in Unicode blocks: a row per month (or year), each bar
split into claims, actors, questions and tagged marks, in their kinds' colours.

A Line-API widget: fifteen years by month would be 180 rows, and only those on screen
are drawn. The first row is the legend; undated articles are counted on the last.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.views.timeline import SERIES, Bucket, Timeline
from reader.widgets.fitting import fitted_row
from reader.widgets.part_styles import PartStyles

SERIES_NAMES = {"claim": "claims", "actor": "actors", "question": "questions", "tag": "tagged"}
LEGEND_ROWS = 2
BLOCK = "█"


def bar_widths(bucket: Bucket, peak: int, width: int) -> list[tuple[str, int]]:
    """How many cells each series takes of a bar `width` cells long at the `peak`: the
    running total is rounded, so the parts add up to the whole bar, and a series with
    marks keeps at least a cell when the bar has room."""
    if peak <= 0 or width <= 0:
        return []
    widths, running, drawn = [], 0, 0
    for series in SERIES:
        running += bucket.counts[series]
        end = round(running * width / peak)
        cells = end - drawn
        if bucket.counts[series] and cells == 0 and drawn < width:
            cells = 1
        drawn += cells
        if cells:
            widths.append((series, cells))
    return widths


class TimelineChart(ScrollView, can_focus=True):
    COMPONENT_CLASSES = {"timeline-chart--label", "timeline-chart--legend",
                         *(f"timeline-chart--{s}" for s in SERIES)}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.timeline: Timeline | None = None
        self._style = PartStyles(self, "timeline-chart")

    def show(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.virtual_size = Size(self.scrollable_content_region.width,
                                 LEGEND_ROWS + len(timeline.buckets) + 2)
        self.refresh()

    def on_resize(self) -> None:
        if self.timeline is not None:
            self.show(self.timeline)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._style("")
        timeline = self.timeline
        row = self.scroll_offset.y + y
        if timeline is None or width <= 0:
            return Strip.blank(max(0, width), base)
        if row == 0:
            return self._legend(width)
        index = row - LEGEND_ROWS
        if 0 <= index < len(timeline.buckets):
            return self._bar(timeline.buckets[index], timeline.peak, width)
        if index == len(timeline.buckets) + 1 and timeline.undated_articles:
            total = sum(timeline.undated.values())
            text = (f"Undated: {total} mark{'s' if total != 1 else ''} in "
                    f"{timeline.undated_articles} article"
                    f"{'s' if timeline.undated_articles != 1 else ''} without a published date "
                    "(m in the library sets it)")
            return fitted_row(text, width, base + self._style("label"))
        return Strip.blank(width, base)

    def _legend(self, width: int) -> Strip:
        style = self._style("legend")
        unit = "month" if self.timeline and self.timeline.unit == "month" else "year"
        segments = [Segment(f"Marks by the articles' {unit} · ", style)]
        for series in SERIES:
            segments += [Segment(BLOCK, style + self._style(series)),
                         Segment(f" {SERIES_NAMES[series]}  ", style)]
        return Strip(segments).crop_extend(0, width, style)

    def _bar(self, bucket: Bucket, peak: int, width: int) -> Strip:
        base = self._style("")
        label_width = max(7, max((cell_len(b.label) for b in self.timeline.buckets), default=7)) \
            if self.timeline else 7
        total = f" {bucket.total}"
        room = max(0, width - label_width - 3 - cell_len(total) - 1)
        segments = [Segment(set_cell_size(bucket.label, label_width) + " │ ",
                        base + self._style("label"))]
        for series, cells in bar_widths(bucket, peak, room):
            segments.append(Segment(BLOCK * cells, base + self._style(series)))
        segments.append(Segment(total, base + self._style("label")))
        return Strip(segments).crop_extend(0, width, base)
