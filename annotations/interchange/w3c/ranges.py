"""A RangeSelector of text: a passage named by where it starts and where it ends.

The model says (Web Annotation Data Model, 4.2.9) that the passage runs from the
beginning of what the `startSelector` selects to the beginning of what the `endSelector`
selects, that one left out. So each end is a point: a TextPositionSelector's `start`, or
where a TextQuoteSelector's words begin in the article's text (the end's words found
after the start, by their prefix and suffix when they occur more than once). A range
ending in a collapsed position ({"start": 40, "end": 40}), as tools write a point, ends
there. Other selectors at either end (XPath, CSS) name no place glossator can find.

A range of two positions is read at once as the annotation's position. One with words
at either end needs the article's text, so the intake finds it (`span_in`); either way
the span is the position evidence anchoring weighs, as for a TextPositionSelector.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from annotations.anchoring import find_quote, trimmed
from annotations.interchange.w3c.json_values import text_value, type_names


@dataclass(frozen=True)
class Point:
    """One end of a range: a position, or the words it begins at."""

    at: int | None = None
    words: str = ""
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextRange:
    start: Point
    end: Point

    def has_words(self) -> bool:
        return self.start.at is None or self.end.at is None

    def positions(self) -> tuple[int, int] | None:
        """The span, when both ends are positions that make one."""
        start, end = self.start.at, self.end.at
        if start is None or end is None or not 0 <= start <= end:
            return None
        return start, end


def text_range(selector: dict) -> TextRange | None:
    """The range a RangeSelector names, when both its ends are text selectors."""
    start, end = _point(selector.get("startSelector")), _point(selector.get("endSelector"))
    return TextRange(start, end) if start is not None and end is not None else None


def _point(selector: Any) -> Point | None:
    if isinstance(selector, list) and selector:
        selector = selector[0]  # "a single value", but a one-item list is that too
    if not isinstance(selector, dict):
        return None
    kinds = type_names(selector)
    if "TextPositionSelector" in kinds and type(selector.get("start")) is int:
        return Point(at=selector["start"]) if selector["start"] >= 0 else None
    words = selector.get("exact")
    if "TextQuoteSelector" in kinds and isinstance(words, str) and words.strip():
        return Point(words=words, prefix=text_value(selector.get("prefix")),
                     suffix=text_value(selector.get("suffix")))
    return None


def span_in(found: TextRange, text: str, code_point: Callable[[int], int]) -> tuple[int, int] | None:
    """Where the range is in `text` (`code_point` turns a position as the file counts it
    into one of `text`), or None when an end is not there or the two make no passage."""
    start = _offset(found.start, text, 0, code_point)
    end = _offset(found.end, text, start + 1, code_point) if start is not None else None
    if start is None or end is None or not start < end <= len(text):
        return None
    # Ending where the next words begin, a range takes the space before them: not words.
    start, end = trimmed(text, start, end)
    return (start, end) if start < end else None


def _offset(point: Point, text: str, earliest: int, code_point: Callable[[int], int]) -> int | None:
    if point.at is not None:
        return code_point(point.at)
    places = [span for span in find_quote(text, point.words) if span[0] >= earliest]
    if not places:
        return None

    def fit(span: tuple[int, int]) -> tuple[int, int]:
        before = text[max(0, span[0] - len(point.prefix)):span[0]][::-1]
        after = text[span[1]:span[1] + len(point.suffix)]
        context = (len(os.path.commonprefix([before, point.prefix[::-1]]))
                   + len(os.path.commonprefix([after, point.suffix])))
        return -context, span[0]

    return min(places, key=fit)[0]
