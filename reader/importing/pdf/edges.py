"""The lines at a page's top and bottom that may be running heads and footers: what a
running line looks like, before running_heads.py asks whether it comes back on other
pages.

A running line sits in the margin above or below the text, set apart from it by more
than the text's own spacing, in a row or two; it is short, a few words where the body's
lines have many; its type is smaller than a heading's, and not bold. A heading at the
top of every page ("Recommendation 4") is none, nor is a paragraph that happens to start
each page, however alike they are: leaving one out would lose text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from reader.importing.pdf.cleaning import folded
from reader.importing.pdf.lines import Line, PageText
from reader.importing.pdf.styles import HEADING_SCALE

EDGE_ROWS = 2
"""How many rows (lines at one height) at the top and at the bottom of a page may be
running lines: a head, or a footer of two lines ("© Harbour Press" over "Page 3")."""
_APART = 2.0
"""A running line stands further from the text than twice its lines' size."""
_FEW_WORDS = 12
"""A running row has at most this many words."""
_SAME_SIZE = 0.95
"""Sizes this close are one (PDFium's sizes differ by rounding)."""
_ROMAN = re.compile(r"(?i)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_FULL = 0.95
"""A line this much of the body's usual width is as long as its lines."""


class Measure(NamedTuple):
    """The body text of a document, which running lines are told from."""

    size: float
    """The size most of the text is set in."""
    words: int
    """Words on a body line, the median."""
    width: float
    """A body line's width, the median."""


class Edge(NamedTuple):
    """A line at a page's edge that may be a running line."""

    index: int
    """Into `PageText.lines`."""
    line: Line
    row: str
    """The text of the row at its height, left to right (its pieces, when PDFium gives
    a head as two)."""
    top: bool


def measure(pages: list[PageText]) -> Measure:
    sizes: Counter[float] = Counter()
    words: list[int] = []
    widths: list[float] = []
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
            words.append(len(line.text.split()))
            widths.append(line.x1 - line.x0)
    if not words:
        return Measure(10.0, 0, 0.0)
    middle = len(words) // 2
    return Measure(sizes.most_common(1)[0][0], sorted(words)[middle], sorted(widths)[middle])


def same_height(line: Line, other: Line) -> bool:
    return abs(other.y - line.y) <= max(2.0, 0.5 * line.size)


def edge_lines(page: PageText, body: Measure) -> list[Edge]:
    """The page's rows at top and bottom that look like running lines, line by line."""
    rows = _rows(page.lines)
    top = _set_apart(rows, page.lines)
    bottom = [row for row in _set_apart(rows[::-1], page.lines) if row not in top]
    edges: list[Edge] = []
    for rows, at_top in ((top, True), (bottom, False)):
        # Rows set apart together are a running line and its second line, or text: a
        # paragraph's last line under a line of the body's length is not a footer.
        if not all(_looks_running([page.lines[i] for i in row], body) for row in rows):
            continue
        for row in rows:
            text = " ".join(page.lines[i].text for i in row)
            edges += [Edge(i, page.lines[i], text, at_top) for i in row]
    return sorted(edges)


def _rows(lines: list[Line]) -> list[list[int]]:
    """The lines' indices by height, top row first, each row left to right."""
    rows: list[list[int]] = []
    for i in sorted(range(len(lines)), key=lambda i: -lines[i].y):
        if rows and same_height(lines[rows[-1][0]], lines[i]):
            rows[-1].append(i)
        else:
            rows.append([i])
    return [sorted(row, key=lambda i: lines[i].x0) for row in rows] if lines else []


def _set_apart(rows: list[list[int]], lines: list[Line]) -> list[list[int]]:
    """Of the rows from a page's edge inward, those before the first wide gap, within
    the first EDGE_ROWS: a running head stands apart from the text (a first line "Yes."
    on each page does not, nor does a footnote, nor a paragraph of three lines)."""
    for count in range(1, min(EDGE_ROWS, len(rows)) + 1):
        if count == len(rows):
            return rows
        outer, inner = rows[count - 1], rows[count]
        gap = abs(lines[outer[0]].y - lines[inner[0]].y)
        size = max(lines[i].size for i in outer + inner)
        if gap > _APART * max(size, 1.0):
            return rows[:count]
    return []


def _looks_running(row: list[Line], body: Measure) -> bool:
    """A short row in type smaller than a heading's, none of its lines as long as a line
    of the body, nor in bold but for a page number: a bold line at the body's size is
    a heading too (paragraphs.py), and losing a heading is worse than keeping a head."""
    if max(line.size for line in row) >= HEADING_SCALE * body.size:
        return False
    if any(line.bold and not bare_number(line.text) for line in row):
        return False
    if sum(len(line.text.split()) for line in row) > _FEW_WORDS:
        return False
    return not any(_body_length(line, body) for line in row)


def _body_length(line: Line, body: Measure) -> bool:
    """A line as long as the body's, in its size, with as many words: text. (Length
    alone does not tell: PDFium may give a head set flush left and flush right as one
    line across the page.)"""
    return line.size >= _SAME_SIZE * body.size and len(line.text.split()) >= max(body.words, 2) \
        and line.x1 - line.x0 >= _FULL * body.width


def bare_number(text: str) -> str:
    """The page number a line consists of ("12", "– 12 –", "Page 12", "xii"), or ""."""
    words = folded(text).strip("-–— ").lower()
    if words.startswith("page "):
        words = words[5:].strip()
    words = words.split(" of ")[0].strip()
    if words.isdigit() or (words and _ROMAN.fullmatch(words)):
        return words
    return ""


def roman_value(text: str) -> int:
    """The value of a roman numeral ("xiv" 14), or 0 for letters that are none."""
    text = text.lower()
    if not text or not _ROMAN.fullmatch(text):
        return 0
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for char, following in zip(text, text[1:] + " ", strict=True):
        value = values[char]
        total += -value if following != " " and values[following] > value else value
    return total
