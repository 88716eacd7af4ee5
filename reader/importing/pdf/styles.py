"""The measures of a document's typesetting that tell its parts apart: the body text's
size and line spacing, and the sizes its headings come in."""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from reader.importing.pdf.lines import Line
from reader.importing.pdf.reading_order import Flow

HEADING_SCALE = 1.15
"""A heading's font is at least this much larger than the body's."""
SMALL_SCALE = 0.9
"""Footnotes are set at most this large, against the body."""
_SAME_SIZE = 0.05
_SIZE_STEP = 0.96
"""Heading sizes within 4% of each other are one level."""
DEFAULT_LEADING = 1.2


class Styles(NamedTuple):
    body: float
    """The size most of the text is set in."""
    leading: float
    """Baseline to baseline in the body text, as a multiple of its size."""
    heading_sizes: tuple[float, ...]
    """One size per heading level, largest (level 1) first."""

    def is_heading_size(self, line: Line) -> bool:
        return line.size >= self.body * HEADING_SCALE

    def is_small(self, line: Line) -> bool:
        return line.size <= self.body * SMALL_SCALE

    def heading_level(self, size: float) -> int:
        """1 for the largest headings, then 2, then 3 for the rest (and for headings
        set in bold at the body's size, which `size` 0 stands for)."""
        for level, heading in enumerate(self.heading_sizes, start=1):
            if size >= heading * _SIZE_STEP:
                return min(level, 3)
        return min(len(self.heading_sizes) + 1, 3)


def measure(pages: list[list[Flow]]) -> Styles:
    sizes: Counter[float] = Counter()
    for flows in pages:
        for flow in flows:
            for line in flow.lines:
                sizes[round(line.size * 2) / 2] += len(line.text)
    if not sizes:
        return Styles(10.0, DEFAULT_LEADING, ())
    body = sizes.most_common(1)[0][0] or 10.0
    return Styles(body, _leading(pages, body), _heading_sizes(sizes, body))


def _leading(pages: list[list[Flow]], body: float) -> float:
    gaps: Counter[float] = Counter()
    for flows in pages:
        for flow in flows:
            for above, below in zip(flow.lines, flow.lines[1:], strict=False):
                if abs(above.size - body) <= _SAME_SIZE * body \
                        and abs(below.size - body) <= _SAME_SIZE * body:
                    gap = above.y - below.y
                    if 0.8 * body < gap < 3 * body:
                        gaps[round(gap * 4) / 4] += 1
    if not gaps:
        return DEFAULT_LEADING
    return gaps.most_common(1)[0][0] / body


def _heading_sizes(sizes: Counter[float], body: float) -> tuple[float, ...]:
    levels: list[float] = []
    for size in sorted((s for s in sizes if s >= body * HEADING_SCALE), reverse=True):
        if not levels or size < levels[-1] * _SIZE_STEP:
            levels.append(size)
    return tuple(levels)
