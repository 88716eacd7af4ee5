"""Footnotes: the run of small lines at the bottom of a page's body that starts with a
number or a symbol. They are taken out of the body's flow (a sentence running on to
the next page then reads on) and become blocks of their own, after the page's body."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.importing.pdf.lines import Line
from reader.importing.pdf.reading_order import Flow
from reader.importing.pdf.styles import Styles

_MARKER = re.compile(r"(?:(\d{1,3})[.)]?|([*†‡§¶‖#]{1,3})|([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}))"
                     r"(?=\s|[A-Z\"“‘'(\[]|$)")
_MARK_THEN_WORD = re.compile(r"^(\d{1,3}|[*†‡§¶‖#]{1,3})(?=[A-Z\"“‘'(\[])")
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_BOTTOM_SHARE = 0.2
"""Footnotes end within the lowest fifth of the page's text."""
_MOST_OF_PAGE = 0.6
"""Small text filling more of the page than this is not footnotes (a page of
references set small, say)."""


class PageParts(NamedTuple):
    flows: list[Flow]
    """The body, footnotes taken out."""
    footnotes: list[list[Line]]
    """Each footnote's lines."""


def split_footnotes(flows: list[Flow], styles: Styles) -> PageParts:
    lines = [line for flow in flows for line in flow.lines]
    if not lines:
        return PageParts(flows, [])
    bottom = min(line.y for line in lines)
    height = max(line.y for line in lines) - bottom
    body: list[Flow] = []
    notes: list[Line] = []
    for flow in flows:
        start = _footnote_start(flow.lines, styles)
        if start is not None and flow.lines[-1].y <= bottom + _BOTTOM_SHARE * height:
            notes += flow.lines[start:]
            flow = Flow(flow.column, flow.lines[:start])
        if flow.lines:
            body.append(flow)
    has_body = any(not styles.is_small(line) for flow in body for line in flow.lines)
    if not notes or not has_body or len(notes) > _MOST_OF_PAGE * len(lines):
        return PageParts(flows, [])
    return PageParts(body, _footnotes(notes))


def _footnote_start(lines: list[Line], styles: Styles) -> int | None:
    """Where the flow's footnotes begin: the first line with a marker in its trailing
    run of small lines."""
    start = len(lines)
    while start > 0 and styles.is_small(lines[start - 1]):
        start -= 1
    for index in range(start, len(lines)):
        if _marker_number(lines[index].text) is not None:
            return index
    return None


def _footnotes(lines: list[Line]) -> list[list[Line]]:
    notes: list[list[Line]] = []
    number = 0
    for line in lines:
        marker = _marker_number(line.text)
        # A continuation line may start with a number too ("2024 saw…"): after a
        # numbered footnote only the next number starts a new one.
        if marker is not None and (not notes or not number or not marker or marker == number + 1):
            notes.append([line])
            number = marker
        elif notes:
            notes[-1].append(line)
    return notes


def _marker_number(text: str) -> int | None:
    """The number a footnote's line starts with, 0 for a symbol (*, †), None for none."""
    found = _MARKER.match(text.lstrip())
    if found is None:
        return None
    if found.group(2):
        return 0
    return int((found.group(1) or found.group(3)).translate(_SUPERSCRIPTS))


def spaced_marker(text: str) -> str:
    """"1The text" as "1 The text": a raised marker set tight against its note."""
    return _MARK_THEN_WORD.sub(r"\1 ", text, count=1)
